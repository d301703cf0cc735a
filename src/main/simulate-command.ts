/**
 * `gridhub simulate`: starts the synthetic district's department feed servers (police, health,
 * safety + admin) on one port, prints base URLs and credentials, stops cleanly on SIGINT/SIGTERM.
 * Register with `registerSimulateCommand(program, deps)`.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_KEYS, type FaultConfig, type FeedKeys, type NoiseOverrides } from '../simulator/feeds/feed-config';
import { startFeedServer, type FeedServer } from '../simulator/feeds/feed-server';
import { createWorld } from '../simulator/world/create-world';
import type { SizeName, World } from '../simulator/world/world-types';

export type CreateWorld = (options: { size: SizeName; seed: number }) => World;

export interface SimulateCommandDeps {
  /** World factory; default: createWorld from src/simulator/world/create-world. */
  createWorld?: CreateWorld;
  /** Where the banner goes; default stdout. */
  print?: (line: string) => void;
  /** Called once the server listens (tests, demos). */
  onStarted?: (server: FeedServer) => void;
  /** Install SIGINT/SIGTERM handlers that close the server and exit (default true). */
  handleSignals?: boolean;
}

export interface SimulateOptions {
  size: string;
  seed: number;
  port: number;
  host: string;
  truth?: string;
  tick: number;
  policeKey: string;
  healthClientId: string;
  healthClientSecret: string;
  healthTokenTtl: number;
  safetyKey: string;
  /** Grid management centre X-Grid-Token (default the demo token). */
  gridToken?: string;
  fault5xx: number;
  faultTimeout: number;
  timeoutMs: number;
  fault429: number;
  retryAfter: number;
  faultMalformed: number;
  faultTruncated: number;
  faultDuplicatePage: number;
  latencyMs: number;
  faultSeed: number;
  noise?: string;
  gzip?: boolean;
}

const SIZES: readonly SizeName[] = ['S', 'M', 'L', 'XL'];

function num(name: string, min = 0, max = Number.POSITIVE_INFINITY): (v: string) => number {
  return (v: string) => {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name}: expected a number in [${min}, ${max}], got '${v}'`);
    return n;
  };
}

function parseNoise(text: string | undefined): NoiseOverrides | undefined {
  if (text === undefined) return undefined;
  const v: unknown = JSON.parse(text);
  if (v === null || typeof v !== 'object') throw new Error('--noise must be a JSON object like {"health":{"traditional":0.1}}');
  return v as NoiseOverrides;
}

export async function runSimulate(o: SimulateOptions, deps: SimulateCommandDeps = {}): Promise<FeedServer> {
  const print = deps.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const size = o.size.toUpperCase() as SizeName;
  if (!SIZES.includes(size)) throw new Error(`--size must be one of ${SIZES.join(', ')}`);
  const started = Date.now();
  const world = (deps.createWorld ?? createWorld)({ size, seed: o.seed });
  const keys: FeedKeys = {
    policeApiKey: o.policeKey, healthClientId: o.healthClientId, healthClientSecret: o.healthClientSecret,
    safetyApiKey: o.safetyKey, gridToken: o.gridToken ?? DEFAULT_KEYS.gridToken, healthTokenTtlMs: o.healthTokenTtl * 1000,
  };
  const faults: Partial<FaultConfig> = {
    rate5xx: o.fault5xx, rateTimeout: o.faultTimeout, rate429: o.fault429, rateMalformed: o.faultMalformed,
    rateTruncated: o.faultTruncated, rateDuplicatePage: o.faultDuplicatePage, latencyMs: o.latencyMs,
    timeoutMs: o.timeoutMs, retryAfterSeconds: o.retryAfter, seed: o.faultSeed,
  };
  const server = await startFeedServer({ world, port: o.port, host: o.host, keys, faults, noise: parseNoise(o.noise), truthFile: o.truth, tick: o.tick, seed: o.seed, gzip: o.gzip === true });
  const s = server.stats();
  const u = server.url;
  const activeFaults = Object.entries(faults).filter(([k, v]) => k.startsWith('rate') && (v as number) > 0).map(([k, v]) => `${k}=${String(v)}`);
  [
    '',
    `gridhub simulate: world ${size} seed ${o.seed}, tick ${server.getTick()}, ${s.totals.records} records (${s.totals.invalid} invalid) ready in ${Date.now() - started} ms`,
    `  police  ${u}/police/{rk,bzdz,fw,jq}?page=1&pageSize=500&gxsjStart=…     header  X-Api-Key: ${keys.policeApiKey}`,
    `  health  ${u}/health/{jmjkda,gazdx,yzjsza}?limit=200&cursor=…&since=…   POST ${u}/health/oauth/token  client_id=${keys.healthClientId} client_secret=${keys.healthClientSecret}`,
    `  safety  ${u}/safety/{enterprises,inspections,hazards}?offset=0&limit=500&updatedSince=…   header  Authorization: ApiKey ${keys.safetyApiKey}`,
    `  grid    ${u}/grid-center/{grids,parts}?startIndex=0&count=500&gxsj_start=…   header  X-Grid-Token: ${keys.gridToken}`,
    `  admin   ${u}/admin/clock (GET; POST {"advance":n}|{"tick":t})   ${u}/admin/truth?format=jsonl   ${u}/admin/stats`,
    `  truth   ${o.truth ?? '(no file; use /admin/truth)'}`,
    `  faults  ${activeFaults.length > 0 ? activeFaults.join(' ') : 'none'}${o.latencyMs > 0 ? `, latency ${o.latencyMs} ms` : ''}`,
    '  Press Ctrl-C to stop.',
    '',
  ].forEach((l) => print(l));
  deps.onStarted?.(server);
  if (deps.handleSignals ?? true) {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) process.exit(130);
      stopping = true;
      print(`${signal}: stopping feed server`);
      server.close().then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  }
  return server;
}

export function registerSimulateCommand(program: Command, deps: SimulateCommandDeps = {}): Command {
  return program
    .command('simulate')
    .description('Serve a synthetic district through three department feeds (公安 police, 卫健 health, 应急管理 safety) with noise, faults and ground truth.')
    .option('--size <size>', 'world size: S, M, L or XL', 'S')
    .option('--seed <n>', 'world and noise seed', num('--seed'), 1)
    .option('--port <port>', 'port (0 = any free port)', num('--port', 0, 65535), 4100)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--truth <file>', 'write the ground truth here (.csv or .jsonl), appended when the clock advances')
    .option('--tick <n>', 'starting tick (days after 2026-01-01)', num('--tick'), 0)
    .option('--police-key <key>', 'police X-Api-Key', DEFAULT_KEYS.policeApiKey)
    .option('--health-client-id <id>', 'health OAuth2 client_id', DEFAULT_KEYS.healthClientId)
    .option('--health-client-secret <secret>', 'health OAuth2 client_secret', DEFAULT_KEYS.healthClientSecret)
    .option('--health-token-ttl <seconds>', 'health access token lifetime', num('--health-token-ttl', 1), DEFAULT_KEYS.healthTokenTtlMs / 1000)
    .option('--safety-key <key>', 'safety Authorization: ApiKey <key>', DEFAULT_KEYS.safetyApiKey)
    .option('--grid-token <token>', 'grid management centre X-Grid-Token', DEFAULT_KEYS.gridToken)
    .option('--fault-5xx <rate>', 'share of data requests answered 500/502/503', num('--fault-5xx', 0, 1), 0)
    .option('--fault-timeout <rate>', 'share of data requests held without answer for --timeout-ms, then dropped', num('--fault-timeout', 0, 1), 0)
    .option('--timeout-ms <n>', 'how long a timeout fault holds the socket', num('--timeout-ms'), 30000)
    .option('--fault-429 <rate>', 'share of data requests answered 429 with Retry-After', num('--fault-429', 0, 1), 0)
    .option('--retry-after <seconds>', 'Retry-After of 429 answers', num('--retry-after'), 1)
    .option('--fault-malformed <rate>', 'share of data requests answered with broken JSON', num('--fault-malformed', 0, 1), 0)
    .option('--fault-truncated <rate>', 'share of data requests whose body is cut mid-way', num('--fault-truncated', 0, 1), 0)
    .option('--fault-duplicate-page <rate>', 'share of data requests serving the previous page again', num('--fault-duplicate-page', 0, 1), 0)
    .option('--latency-ms <n>', 'latency added to every data request', num('--latency-ms'), 0)
    .option('--fault-seed <n>', 'seed of the per-request fault sequence', num('--fault-seed'), 1)
    .option('--gzip', 'gzip data pages for clients sending Accept-Encoding: gzip')
    .option('--noise <json>', 'override noise rates, e.g. {"health":{"traditional":0.1},"police":{"invalid":0.02}}')
    .action(async (opts: SimulateOptions) => {
      await runSimulate(opts, deps);
    });
}
