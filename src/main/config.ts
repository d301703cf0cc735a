/**
 * Configuration from environment variables, validated once at start.
 * Every wrong value produces one clear message naming the variable, the value and what is expected;
 * all messages are reported together so a user fixes everything in one go.
 * The README's configuration table is generated from CONFIG_VARIABLES (`gridhub config --markdown`).
 */
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../db/orm-config';
import { RESOLVE_WORKER_MODES, type ResolveWorkerMode } from '../services/golden-stage';

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** Unset: gridhub boots embedded PostgreSQL under dataDir. */
  databaseUrl?: string;
  dbPoolMax: number;
  /** Unset: gridhub starts a private redis-server from PATH. */
  redisUrl?: string;
  queuePrefix: string;
  workerConcurrency: number;
  /** Lock of a running job; a worker that dies loses it after this long and its job is retried. */
  workerLockMs: number;
  dataDir: string;
  embeddedPgPort: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  shutdownTimeoutMs: number;
  /** Folder with connectors/<name>/manifest.json. */
  connectorsDir: string;
  /** Connectors `gridhub sync` uses when none are named. */
  connectors: string[];
  /** Demo feeds on `gridhub start`: on, off, or auto (on when DATABASE_URL is unset). */
  demo: 'auto' | 'on' | 'off';
  /** Read by services/golden-stage.ts from the environment; validated here at start. */
  resolveWorker: ResolveWorkerMode;
  /** Cron pattern of the repeatable sync of every enabled connector's streams; undefined = off. */
  syncSchedule?: string;
  demoFeedsPort: number;
  /** GraphQL query limits (src/api/limits): deepest nesting, highest estimated cost, assumed size of an unpaged list. */
  graphqlMaxDepth: number;
  graphqlMaxCost: number;
  graphqlListSize: number;
  /** Persisted (trusted) documents: off, allow (ids and free-form queries) or only (ids only). */
  trustedDocuments: 'off' | 'allow' | 'only';
  /** The persisted-documents manifest (absolute path). */
  persistedDocumentsFile: string;
  /** Authentication of /graphql (src/access): `required` (no anonymous data access) or `off` (development: every request is an admin). */
  auth: 'required' | 'off';
  /** JWT verification; undefined when neither a secret nor a public key is set (JWTs are refused). Printed without secrets. */
  jwt?: JwtConfig;
  /** Per-client rate limit of /graphql; undefined = off. */
  rateLimit?: { limit: number; periodMs: number };
}

export interface JwtConfig {
  issuer?: string;
  audience?: string;
  /** HS256 shared secret. */
  secret?: string;
  /** RS256 public key (PEM text). */
  publicKey?: string;
}

interface VariableSpec {
  name: string;
  default: string | undefined;
  description: string;
}

export const CONFIG_VARIABLES: VariableSpec[] = [
  { name: 'NODE_ENV', default: 'development', description: '`development`, `production` or `test`. Outside production the GraphQL endpoint serves the Apollo Sandbox landing page.' },
  { name: 'HOST', default: '127.0.0.1', description: 'Interface the HTTP server binds to.' },
  { name: 'PORT', default: '4000', description: 'HTTP port of the GraphQL API, health and metrics endpoints.' },
  { name: 'DATABASE_URL', default: undefined, description: 'PostgreSQL connection URL (`postgres://user:pass@host:5432/db`). Unset: embedded PostgreSQL under `GRIDHUB_DATA_DIR`.' },
  { name: 'DB_POOL_MAX', default: '10', description: 'Maximum PostgreSQL connections per process.' },
  { name: 'REDIS_URL', default: undefined, description: 'Redis URL for BullMQ (`redis://host:6379/0`). Unset: a private `redis-server` from PATH on a free port.' },
  { name: 'GRIDHUB_QUEUE_PREFIX', default: 'gridhub', description: 'Key prefix of all BullMQ queues (lets several hubs share one Redis).' },
  { name: 'WORKER_CONCURRENCY', default: '2', description: 'Jobs a worker process runs at once per queue.' },
  { name: 'WORKER_LOCK_MS', default: '30000', description: 'Lock duration of a running job; when a worker dies, its jobs are detected as stalled and retried after about this long.' },
  { name: 'GRIDHUB_DATA_DIR', default: '.gridhub', description: 'Directory for embedded PostgreSQL data, private Redis and local state.' },
  { name: 'GRIDHUB_PG_PORT', default: '54329', description: 'Port of the embedded PostgreSQL (chosen not to clash with a system PostgreSQL on 5432).' },
  { name: 'LOG_LEVEL', default: 'info', description: '`debug`, `info`, `warn` or `error`.' },
  { name: 'SHUTDOWN_TIMEOUT_MS', default: '15000', description: 'How long a graceful shutdown may take before the process exits anyway.' },
  { name: 'GRIDHUB_CONNECTORS_DIR', default: 'connectors', description: 'Folder holding one sub-folder per department connector (`<name>/manifest.json`).' },
  { name: 'GRIDHUB_CONNECTORS', default: 'grid-center,police,health,safety', description: 'Connectors `gridhub sync` runs when none are named (comma-separated).' },
  { name: 'GRIDHUB_SYNC_SCHEDULE', default: '*/15 * * * *', description: 'Cron pattern of the repeatable incremental sync of every stream of `GRIDHUB_CONNECTORS` (one BullMQ job scheduler per stream, stable ids `sync:<connector>:<stream>`); `off` disables it.' },
  { name: 'GRIDHUB_RESOLVE_WORKER', default: 'auto', description: "A model's first build (no members yet) survives and encodes its golden rows in a worker thread while the main thread blocks, scores and writes members, pairs and links: `auto` (from 50,000 valid records), `always`, or `off`. It costs a second read of the records and about a third more peak memory." },
  { name: 'GRIDHUB_DEMO', default: 'auto', description: '`gridhub start` also serves the simulated district (size S) and syncs it: `on`, `off`, or `auto` (on when `DATABASE_URL` is unset).' },
  { name: 'GRIDHUB_DEMO_FEEDS_PORT', default: '4100', description: 'Port of the demo department feeds (a free port is taken when it is busy).' },
  { name: 'GRIDHUB_GRAPHQL_MAX_DEPTH', default: '12', description: 'Deepest nesting of fields a GraphQL operation may have; deeper ones are refused with `QUERY_TOO_DEEP` (introspection is not counted).' },
  { name: 'GRIDHUB_GRAPHQL_MAX_COST', default: '10000', description: 'Highest estimated cost of a GraphQL operation (each field 1, a list multiplies its selection by its page size `first`/`last`); costlier ones are refused with `QUERY_TOO_COSTLY`.' },
  { name: 'GRIDHUB_GRAPHQL_LIST_SIZE', default: '10', description: 'Size the cost estimate assumes for a list field without paging arguments.' },
  { name: 'GRIDHUB_TRUSTED_DOCUMENTS', default: 'allow', description: 'Persisted documents: `allow` (ids from the manifest and free-form queries), `only` (ids only: free-form queries are refused with `PERSISTED_DOCUMENT_REQUIRED`) or `off`.' },
  { name: 'GRIDHUB_PERSISTED_DOCUMENTS', default: 'schema/persisted-documents.json', description: 'The persisted-documents manifest (`sha256:<hex>` → document), written by `gridhub documents add`; read at start.' },
  { name: 'GRIDHUB_AUTH', default: 'required', description: 'Authentication of `/graphql`: `required` (API key or JWT on every request; `/healthz`, `/readyz` and `/metrics` stay open) or `off` (development only: every request acts as an admin).' },
  { name: 'GRIDHUB_JWT_SECRET', default: undefined, description: 'HS256 secret (at least 32 characters) for JWTs from an identity provider. Unset together with `GRIDHUB_JWT_PUBLIC_KEY`: JWTs are refused, API keys still work.' },
  { name: 'GRIDHUB_JWT_PUBLIC_KEY', default: undefined, description: 'RS256 public key for JWTs: PEM text or the path of a PEM file.' },
  { name: 'GRIDHUB_JWT_ISSUER', default: undefined, description: 'Required `iss` of JWTs (unchecked when unset).' },
  { name: 'GRIDHUB_JWT_AUDIENCE', default: undefined, description: 'Required `aud` of JWTs (unchecked when unset).' },
  { name: 'GRIDHUB_RATE_LIMIT', default: '600/min', description: 'Requests per client (API key, JWT subject, or IP when unauthenticated) to `/graphql`: `<n>/sec`, `<n>/min` or `<n>/hour` (a token bucket in Redis: bursts up to n); `off` disables it. Over the limit: HTTP 429 with `RATE_LIMITED` and `Retry-After`.' },
  { name: 'POLICE_FEED_URL / HEALTH_FEED_URL / SAFETY_FEED_URL / GRID_CENTER_FEED_URL', default: undefined, description: 'Base URLs of the department feeds (override the manifests\' `baseUrl`).' },
  { name: 'POLICE_API_KEY, HEALTH_CLIENT_ID, HEALTH_CLIENT_SECRET, SAFETY_API_KEY, GRID_CENTER_TOKEN', default: undefined, description: 'Connector secrets, referenced by the manifests as `env:NAME` (never stored in manifests).' },
];

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], problems: string[]): T {
  const raw = read(env, name);
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  problems.push(`${name}=${JSON.stringify(raw)} is not allowed; expected one of ${allowed.join(', ')}.`);
  return allowed[0];
}

function int(env: Env, name: string, min: number, max: number, problems: string[]): number {
  const raw = read(env, name);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(`${name}=${JSON.stringify(raw)} is not a whole number between ${min} and ${max}.`);
    return min;
  }
  return n;
}

function url(env: Env, name: string, protocols: string[], problems: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const u = new URL(raw);
    if (!protocols.includes(u.protocol)) {
      problems.push(`${name} has protocol ${JSON.stringify(u.protocol)}; expected ${protocols.join(' or ')} (value ${redact(raw)}).`);
    }
  } catch {
    problems.push(`${name}=${JSON.stringify(redact(raw))} is not a URL; expected e.g. ${protocols[0]}//host:port/...`);
  }
  return raw;
}

function read(env: Env, name: string): string {
  const raw = env[name];
  if (raw !== undefined && raw.trim() !== '') return raw.trim();
  return CONFIG_VARIABLES.find((v) => v.name === name)?.default ?? '';
}

/** Hides the password of a connection URL in messages. */
export function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const config: Config = {
    nodeEnv: oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, problems),
    host: read(env, 'HOST'),
    port: int(env, 'PORT', 0, 65535, problems),
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:'], problems),
    dbPoolMax: int(env, 'DB_POOL_MAX', 1, 500, problems),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:'], problems),
    queuePrefix: read(env, 'GRIDHUB_QUEUE_PREFIX'),
    workerConcurrency: int(env, 'WORKER_CONCURRENCY', 1, 256, problems),
    workerLockMs: int(env, 'WORKER_LOCK_MS', 1000, 600000, problems),
    dataDir: resolve(read(env, 'GRIDHUB_DATA_DIR')),
    embeddedPgPort: int(env, 'GRIDHUB_PG_PORT', 1024, 65535, problems),
    logLevel: oneOf(env, 'LOG_LEVEL', ['info', 'debug', 'warn', 'error'] as const, problems),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 100, 600000, problems),
    connectorsDir: resolve(REPO_ROOT, read(env, 'GRIDHUB_CONNECTORS_DIR')),
    connectors: read(env, 'GRIDHUB_CONNECTORS').split(',').map((c) => c.trim()).filter(Boolean),
    demo: oneOf(env, 'GRIDHUB_DEMO', ['auto', 'on', 'off'] as const, problems),
    resolveWorker: oneOf(env, 'GRIDHUB_RESOLVE_WORKER', RESOLVE_WORKER_MODES, problems),
    syncSchedule: read(env, 'GRIDHUB_SYNC_SCHEDULE') === 'off' ? undefined : read(env, 'GRIDHUB_SYNC_SCHEDULE'),
    demoFeedsPort: int(env, 'GRIDHUB_DEMO_FEEDS_PORT', 0, 65535, problems),
    graphqlMaxDepth: int(env, 'GRIDHUB_GRAPHQL_MAX_DEPTH', 1, 1000, problems),
    graphqlMaxCost: int(env, 'GRIDHUB_GRAPHQL_MAX_COST', 1, 1_000_000_000, problems),
    graphqlListSize: int(env, 'GRIDHUB_GRAPHQL_LIST_SIZE', 1, 100_000, problems),
    trustedDocuments: oneOf(env, 'GRIDHUB_TRUSTED_DOCUMENTS', ['allow', 'only', 'off'] as const, problems),
    persistedDocumentsFile: resolve(REPO_ROOT, read(env, 'GRIDHUB_PERSISTED_DOCUMENTS')),
    auth: oneOf(env, 'GRIDHUB_AUTH', ['required', 'off'] as const, problems),
    jwt: jwtConfig(env, problems),
    rateLimit: rateLimit(env, problems),
  };
  if (config.syncSchedule !== undefined && !/^\S+( \S+){4,5}$/.test(config.syncSchedule)) {
    problems.push(`GRIDHUB_SYNC_SCHEDULE=${JSON.stringify(config.syncSchedule)} is not a cron pattern of 5 or 6 fields (e.g. "*/15 * * * *"), nor "off".`);
  }
  if (!existsSync(config.connectorsDir)) problems.push(`GRIDHUB_CONNECTORS_DIR=${JSON.stringify(config.connectorsDir)} does not exist; expected a folder with <connector>/manifest.json.`);
  for (const c of config.connectors) {
    if (!existsSync(join(config.connectorsDir, c, 'manifest.json'))) problems.push(`GRIDHUB_CONNECTORS names ${JSON.stringify(c)}, but ${join(config.connectorsDir, c, 'manifest.json')} does not exist.`);
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(config.queuePrefix)) {
    problems.push(`GRIDHUB_QUEUE_PREFIX=${JSON.stringify(config.queuePrefix)} must be 1–64 characters of letters, digits, '_', '.', '-'.`);
  }
  if (config.host === '') problems.push('HOST is empty; expected an interface address such as 127.0.0.1 or 0.0.0.0.');
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

function jwtConfig(env: Env, problems: string[]): JwtConfig | undefined {
  const secret = read(env, 'GRIDHUB_JWT_SECRET') || undefined;
  let publicKey = read(env, 'GRIDHUB_JWT_PUBLIC_KEY') || undefined;
  if (secret !== undefined && secret.length < 32) problems.push(`GRIDHUB_JWT_SECRET is ${secret.length} characters long; an HS256 secret needs at least 32.`);
  if (publicKey !== undefined && !publicKey.includes('-----BEGIN')) {
    if (!existsSync(publicKey)) problems.push(`GRIDHUB_JWT_PUBLIC_KEY is neither PEM text (-----BEGIN PUBLIC KEY-----) nor an existing file: ${JSON.stringify(publicKey)}.`);
    else publicKey = readFileSync(publicKey, 'utf8');
  }
  if (publicKey !== undefined && publicKey.includes('-----BEGIN')) {
    try {
      createPublicKey(publicKey);
    } catch (e) {
      problems.push(`GRIDHUB_JWT_PUBLIC_KEY is not a usable public key: ${e instanceof Error ? e.message : String(e)}.`);
    }
  }
  if (secret === undefined && publicKey === undefined) return undefined;
  const jwt: JwtConfig = { issuer: read(env, 'GRIDHUB_JWT_ISSUER') || undefined, audience: read(env, 'GRIDHUB_JWT_AUDIENCE') || undefined, secret, publicKey };
  // `gridhub config` prints the configuration: never the secret.
  Object.defineProperty(jwt, 'toJSON', { enumerable: false, value: () => ({ ...jwt, secret: secret === undefined ? undefined : '***' }) });
  return jwt;
}

const RATE_PERIODS: Record<string, number> = { s: 1000, sec: 1000, second: 1000, m: 60_000, min: 60_000, minute: 60_000, h: 3_600_000, hour: 3_600_000 };

function rateLimit(env: Env, problems: string[]): { limit: number; periodMs: number } | undefined {
  const raw = read(env, 'GRIDHUB_RATE_LIMIT');
  if (raw === 'off') return undefined;
  const m = /^(\d+)\s*\/\s*([a-z]+)$/.exec(raw);
  const periodMs = m ? RATE_PERIODS[m[2]!] : undefined;
  if (!m || periodMs === undefined || Number(m[1]) < 1 || Number(m[1]) > 1_000_000) {
    problems.push(`GRIDHUB_RATE_LIMIT=${JSON.stringify(raw)} is not a rate like 600/min (1–1000000 per sec, min or hour), nor "off".`);
    return undefined;
  }
  return { limit: Number(m[1]), periodMs };
}

export function configMarkdownTable(): string {
  const rows = CONFIG_VARIABLES.map((v) => `| \`${v.name}\` | ${v.default === undefined ? '—' : `\`${v.default}\``} | ${v.description} |`);
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}
