/**
 * Bench runner: `npm run bench` runs every scenario of bench/ several times, each in its own Node
 * process, collects the figures each prints (its `BENCH {json}` line, see bench/support/bench-line.ts;
 * for the benches that print none yet, their report is parsed), and writes bench/RESULTS.md — the
 * machine (CPU, cores, RAM, OS, Node, PostgreSQL, Redis), date and commit, and per figure the median
 * of the runs, their range, and the median ratio to its peer measured in the same run. Results of
 * every scenario are kept in bench/results.json, so running one scenario updates its section only.
 *
 *   npm run bench                                  every scenario, 3 runs each, default sizes
 *   npm run bench -- comparators simulate-generation --runs 2 --size S
 *   npm run bench -- resolve-scale --size L        one scenario at another size
 *   npm run bench -- access-overhead --args "300 8 1"   the bench's own arguments, as given
 *   npm run bench -- --list                        the scenarios and their default arguments
 *
 * Needs PostgreSQL (TEST_DATABASE_URL / DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * for sync-throughput, pipeline-scale, resolve-scale, access-overhead, graphql-page and graphql-vs-postgraphile. The benches never assert;
 * the runner exits 1 when a scenario failed (its section says why).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { parseBenchLines, type BenchFigure } from './support/bench-line';

/** The repository root (this file runs as dist/bench/run.js). */
const ROOT = join(__dirname, '..', '..');
const DIST_BENCH = __dirname;
const RESULTS_MD = join(ROOT, 'bench', 'RESULTS.md');
const RESULTS_JSON = join(ROOT, 'bench', 'results.json');
const SIZES = ['S', 'M', 'L', 'XL'];

interface Scenario {
  name: string;
  /** One line: what it measures and what its peer is. */
  what: string;
  /** The bench's arguments for a size (undefined: its default size). */
  args: (size: string | undefined) => string[];
  /** Node's flags for a size (undefined: its default size). */
  nodeArgs?: (size: string | undefined) => string[];
  /** False when the scenario has no size argument. */
  sized: boolean;
  /** Parses the bench's report when it prints no BENCH line. */
  parse?: (stdout: string) => BenchFigure[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'simulate-generation',
    what: 'generating every community of the synthetic world at tick 0 (no peer)',
    args: (size) => [size ?? 'M'],
    sized: true,
  },
  {
    name: 'feed-serving',
    what: 'records/s the simulated department feeds serve over loopback, 5 s per stream (no peer)',
    args: (size) => [size ?? 'S', '5'],
    sized: true,
  },
  {
    name: 'sync-throughput',
    what: 'sync of every stream through the real connectors into PostgreSQL; peer: raw COPY of the same rows',
    args: (size) => [size ?? 'M'],
    sized: true,
  },
  {
    name: 'pipeline-scale',
    what: 'a district end to end from empty: sync of every stream then every resolve stage (ANALYZE between phases), peak RSS per process, database size; XL adds the per-grid page and a district dashboard under 20 clients; peer: raw COPY of the same rows',
    args: (size) => [size ?? 'M'],
    // XL holds about 5M source records: its person stage needs more heap than M and L.
    nodeArgs: (size) => ['--max-semi-space-size=64', `--max-old-space-size=${size === 'XL' ? 16000 : 8000}`],
    sized: true,
  },
  {
    name: 'comparators',
    what: 'ns per call of the hot-path comparators of entity resolution, 1M calls each (no peer)',
    args: () => ['1000000'],
    sized: false,
  },
  {
    name: 'address-matching',
    what: 'free-text addresses matched onto the standard address tree: accuracy against the truth, throughput (no peer)',
    args: (size) => [size ?? 'M', '7'],
    nodeArgs: () => ['--expose-gc'],
    sized: true,
  },
  {
    name: 'resolution-quality',
    what: 'person and organisation resolution against the simulator truth: pairwise precision, recall, F1 (no peer in the run)',
    args: (size) => [size ?? 'M', '7'],
    sized: true,
  },
  {
    name: 'resolve-scale',
    what: 'full and incremental resolution of the person model in PostgreSQL; peer: the bulk load of the same records',
    args: (size) => [size ?? 'M', '7'],
    nodeArgs: () => ['--max-semi-space-size=64', '--max-old-space-size=6000'],
    sized: true,
    parse: parseResolveScale,
  },
  {
    name: 'access-overhead',
    what: 'per-grid persons page over HTTP with access control (auth, masking, audit); peer: the same server without access control',
    args: () => ['600', '8', '1'],
    sized: false,
    parse: parseAccessOverhead,
  },
  {
    name: 'graphql-page',
    what: 'the per-grid persons page (grid and addresses) in process and over HTTP: req/s, p50, p99, SQL statements per request',
    args: () => ['600', '1'],
    sized: false,
  },
  {
    name: 'graphql-vs-postgraphile',
    what: 'the per-grid page of 50 persons and a town aggregate over HTTP (autocannon, 8 and 20 connections): req/s, p50, p99, SQL statements per request; peer: PostGraphile 5 on the same database',
    args: (size) => [size ?? 'M', '10', '3'],
    sized: true,
  },
];

// ------------------------------------------------------------------------------------------ parsers

/** resolve-scale prints one JSON object per phase (`load`) and per run (`run`, `seconds`, `recordsPerSec`, `peakRssMb`). */
export function parseResolveScale(stdout: string): BenchFigure[] {
  const figures: BenchFigure[] = [];
  let loadRate: number | undefined;
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const size = String(o.size ?? '');
    if (o.phase === 'load' && typeof o.records === 'number' && typeof o.insertMs === 'number' && o.insertMs > 0) {
      loadRate = Math.round(o.records / (o.insertMs / 1000));
      figures.push({ name: `load ${size}`, detail: `${o.records} person-model source records, multi-row INSERT`, value: loadRate, unit: 'records/s' });
    } else if (typeof o.run === 'string' && typeof o.seconds === 'number') {
      const workSet = typeof o.workSet === 'number' ? o.workSet : undefined;
      figures.push({ name: `${o.run} ${size}`, detail: workSet !== undefined ? `work set ${workSet} records` : undefined, value: o.seconds, unit: 's', better: 'lower' });
      if (typeof o.recordsPerSec === 'number' && o.recordsPerSec > 0 && o.run.startsWith('full')) {
        figures.push({
          name: `${o.run} ${size} rate`,
          value: o.recordsPerSec,
          unit: 'records/s',
          ...(loadRate !== undefined ? { peer: 'bulk load of the same records', peerValue: loadRate } : {}),
        });
      }
      if (typeof o.peakRssMb === 'number') figures.push({ name: `${o.run} ${size} peak RSS`, value: o.peakRssMb, unit: 'MB', better: 'lower' });
    } else if (o.phase === 'tables' && typeof o.databaseMb === 'number') {
      figures.push({ name: `database size ${size}`, value: o.databaseMb, unit: 'MB', better: 'lower' });
    }
  }
  return figures;
}

/** access-overhead prints a table: server, req/s, p50 ms, p99 ms, vs off; the first row is the peer. */
export function parseAccessOverhead(stdout: string): BenchFigure[] {
  const rows: Array<{ name: string; rps: number; p50: number; p99: number }> = [];
  for (const line of stdout.split('\n')) {
    const m = /^(.*\S)\s+(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s*$/.exec(line);
    if (m) rows.push({ name: m[1]!, rps: Number(m[2]), p50: Number(m[3]), p99: Number(m[4]) });
  }
  const base = rows[0];
  if (base === undefined) return [];
  const figures: BenchFigure[] = [];
  for (const r of rows) {
    const vs = (value: number): Partial<BenchFigure> => (r === base ? {} : { peer: base.name, peerValue: value });
    figures.push({ name: `${r.name} req/s`, value: r.rps, unit: 'req/s', ...vs(base.rps) });
    figures.push({ name: `${r.name} p50`, value: r.p50, unit: 'ms', better: 'lower', ...vs(base.p50) });
    figures.push({ name: `${r.name} p99`, value: r.p99, unit: 'ms', better: 'lower', ...vs(base.p99) });
  }
  return figures;
}

// ------------------------------------------------------------------------------------------ results

interface FigureResult {
  name: string;
  unit: string;
  better: 'higher' | 'lower';
  detail?: string;
  values: number[];
  median: number;
  peer?: string;
  peerValues?: number[];
  peerMedian?: number;
  /** Median over the runs of value / peerValue. */
  ratio?: number;
}

interface ScenarioResult {
  scenario: string;
  what: string;
  command: string;
  runs: number;
  date: string;
  commit: string;
  machine: string;
  /** 1-minute load average when each run started (the machine may be shared). */
  loadAverage: number[];
  wallSeconds: number[];
  figures: FigureResult[];
  failed?: string;
}

interface ResultsFile {
  machine: Record<string, string>;
  scenarios: Record<string, ScenarioResult>;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Groups the figures of several runs by name (in first-seen order) into medians and peer ratios. */
export function summarise(runs: ReadonlyArray<readonly BenchFigure[]>): FigureResult[] {
  const byName = new Map<string, BenchFigure[]>();
  for (const figures of runs) for (const f of figures) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  return [...byName.values()].map((fs) => {
    const last = fs[fs.length - 1]!;
    const values = fs.map((f) => f.value);
    const out: FigureResult = { name: last.name, unit: last.unit, better: last.better ?? 'higher', values, median: median(values) };
    if (last.detail !== undefined) out.detail = last.detail;
    const withPeer = fs.filter((f) => f.peerValue !== undefined && f.peerValue !== 0);
    if (last.peer !== undefined && withPeer.length > 0) {
      out.peer = last.peer;
      out.peerValues = withPeer.map((f) => f.peerValue!);
      out.peerMedian = median(out.peerValues);
      out.ratio = median(withPeer.map((f) => f.value / f.peerValue!));
    }
    return out;
  });
}

function fmt(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '—';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1 || a === 0) return x.toFixed(2);
  return x.toPrecision(5);
}

const fmtRatio = (r: number | undefined): string => (r === undefined ? '' : `${r >= 10 ? r.toFixed(1) : r.toFixed(3)}×`);
const cell = (s: string): string => s.replace(/\|/g, '\\|');

/**
 * The record's key of a run: the scenario's name, or for a size other than its default (`--size XL`)
 * "name XL" — so that an XL run of the pipeline keeps its own section next to the M one.
 */
export function resultKey(name: string, size: string | undefined, defaultArgs: readonly string[]): string {
  return size === undefined || defaultArgs[0] === size ? name : `${name} ${size}`;
}

/** The sections of one scenario in the record: its default-size one first, then one per other size. */
function sectionsOf(results: ResultsFile, name: string): Array<[string, ScenarioResult]> {
  const out: Array<[string, ScenarioResult]> = [];
  const own = results.scenarios[name];
  if (own !== undefined) out.push([name, own]);
  for (const key of Object.keys(results.scenarios).sort()) if (key.startsWith(`${name} `)) out.push([key, results.scenarios[key]!]);
  return out;
}

export function renderResults(results: ResultsFile): string {
  const m = results.machine;
  const out: string[] = [];
  out.push('# Benchmark results');
  out.push('');
  out.push('Written by `npm run bench` (bench/run.ts) — do not edit by hand; `npm run bench -- NAME` updates one section.');
  out.push('Each figure is the **median** of the runs (every run is a fresh Node process); "range" is the lowest and');
  out.push('highest run. A **peer** is what a user would pick instead, measured in the same run on the same machine;');
  out.push('"ratio" is the median over the runs of figure ÷ peer (for times and latencies lower is better, so a ratio');
  out.push('above 1 there means slower than the peer).');
  out.push('');
  out.push('| machine | |');
  out.push('|---|---|');
  for (const [k, v] of Object.entries(m)) out.push(`| ${cell(k)} | ${cell(v)} |`);
  const machineLine = machineSummary(m);
  for (const s of SCENARIOS) for (const [key, r] of sectionsOf(results, s.name)) {
    out.push('');
    out.push(`## ${key}`);
    out.push('');
    out.push(`${r.what}.`);
    out.push('');
    out.push(`\`${r.command}\` — ${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.date}, commit ${r.commit}; 1-minute load average at the start of each run: ${r.loadAverage.map((l) => l.toFixed(1)).join(', ')}; wall time per run: ${r.wallSeconds.map((w) => `${w.toFixed(1)} s`).join(', ')}.`);
    if (r.machine !== machineLine) out.push(`Measured on another machine: ${r.machine}.`);
    const cores = os.cpus().length;
    if (r.loadAverage.some((l) => l > cores)) out.push(`The machine was shared while this ran (load average above its ${cores} cores): the figures are pessimistic and vary more.`);
    if (r.failed !== undefined) {
      out.push('');
      out.push(`**Failed**: ${r.failed}`);
    }
    if (r.figures.length === 0) continue;
    out.push('');
    out.push('| figure | median | unit | range | peer | peer median | ratio |');
    out.push('|---|---:|---|---|---|---:|---:|');
    for (const f of r.figures) {
      const name = `${f.name}${f.better === 'lower' ? ' ↓' : ''}${f.detail ? ` <br><sub>${f.detail}</sub>` : ''}`;
      const range = f.values.length > 1 ? `${fmt(Math.min(...f.values))} – ${fmt(Math.max(...f.values))}` : '';
      out.push(`| ${cell(name)} | ${fmt(f.median)} | ${cell(f.unit)} | ${range} | ${cell(f.peer ?? '')} | ${f.peer ? fmt(f.peerMedian) : ''} | ${fmtRatio(f.ratio)} |`);
    }
  }
  const missing = SCENARIOS.filter((s) => sectionsOf(results, s.name).length === 0).map((s) => s.name);
  if (missing.length > 0) {
    out.push('');
    out.push(`Not run yet on this record: ${missing.join(', ')} (\`npm run bench -- ${missing[0]}\`).`);
  }
  out.push('');
  out.push('↓ lower is better; all other figures higher is better.');
  return `${out.join('\n')}\n`;
}

// ------------------------------------------------------------------------------------------ machine

function tryExec(cmd: string, args: string[]): string | undefined {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function osName(): string {
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
    if (pretty) return `${pretty} (${os.type()} ${os.release()}, ${os.arch()})`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

async function postgresVersion(): Promise<string> {
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    const { rows } = await c.query<{ v: string; sb: string; wm: string; cores: string }>(
      `select version() as v, current_setting('shared_buffers') as sb, current_setting('work_mem') as wm, current_setting('max_parallel_workers_per_gather') as cores`,
    );
    const r = rows[0]!;
    return `${r.v.split(' on ')[0]} (shared_buffers ${r.sb}, work_mem ${r.wm}, max_parallel_workers_per_gather ${r.cores})`;
  } catch (e) {
    return `unavailable (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function redisVersion(): Promise<string> {
  const r = new Redis(process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await r.connect();
    const info = await r.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } catch (e) {
    return `unavailable (${e instanceof Error ? e.message : String(e)})`;
  } finally {
    r.disconnect();
  }
}

async function machine(): Promise<Record<string, string>> {
  const cpus = os.cpus();
  return {
    CPU: `${cpus[0]?.model.trim() ?? 'unknown'}`,
    cores: `${cpus.length} logical (os.availableParallelism ${os.availableParallelism()})`,
    RAM: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    OS: osName(),
    Node: process.version,
    PostgreSQL: await postgresVersion(),
    Redis: await redisVersion(),
  };
}

const machineSummary = (m: Record<string, string>): string => `${m.CPU}, ${m.cores}, ${m.RAM}, Node ${m.Node}`;

function commit(): string {
  const sha = tryExec('git', ['rev-parse', '--short=12', 'HEAD']) ?? 'unknown';
  const dirty = tryExec('git', ['status', '--porcelain', '--untracked-files=no']);
  return dirty ? `${sha} (with uncommitted changes)` : sha;
}

// ------------------------------------------------------------------------------------------ running

interface RunOutput {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

function runOnce(script: string, nodeArgs: string[], args: string[]): Promise<RunOutput> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...nodeArgs, script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      stdout += d;
      process.stderr.write(d.replace(/^(?=.)/gm, '  │ '));
    });
    child.stderr.on('data', (d: string) => {
      stderr += d;
      process.stderr.write(d.replace(/^(?=.)/gm, '  ! '));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

async function runScenario(s: Scenario, runs: number, size: string | undefined, args: string[], meta: { commit: string; machine: string }): Promise<ScenarioResult> {
  const script = join(DIST_BENCH, `${s.name}.js`);
  const nodeArgs = s.nodeArgs?.(size) ?? [];
  const command = ['node', ...nodeArgs, `dist/bench/${s.name}.js`, ...args].join(' ');
  const result: ScenarioResult = { scenario: s.name, what: s.what, command, runs: 0, date: new Date().toISOString(), commit: meta.commit, machine: meta.machine, loadAverage: [], wallSeconds: [], figures: [] };
  const perRun: BenchFigure[][] = [];
  for (let i = 1; i <= runs; i++) {
    process.stderr.write(`\n▶ ${s.name} run ${i}/${runs}: ${command}\n`);
    result.loadAverage.push(os.loadavg()[0]!);
    const out = await runOnce(script, nodeArgs, args);
    result.wallSeconds.push(out.seconds);
    if (out.code !== 0) {
      result.failed = `run ${i} exited with code ${out.code}: ${(out.stderr.trim().split('\n').pop() ?? '').slice(0, 300)}`;
      break;
    }
    let figures: BenchFigure[];
    try {
      const lines = parseBenchLines(out.stdout);
      figures = lines.length > 0 ? lines.flatMap((l) => l.figures) : (s.parse?.(out.stdout) ?? []);
    } catch (e) {
      result.failed = `run ${i}: ${e instanceof Error ? e.message : String(e)}`;
      break;
    }
    if (figures.length === 0) {
      result.failed = `run ${i} printed no figures: no "BENCH {json}" line${s.parse ? ' and nothing the report parser recognised' : ''}.`;
      break;
    }
    perRun.push(figures);
    result.runs = i;
  }
  result.figures = summarise(perRun);
  return result;
}

function usage(): string {
  return [
    'usage: npm run bench -- [NAME…] [--runs N] [--size S|M|L|XL] [--args "…"] [--list]',
    '',
    ...SCENARIOS.map((s) => `  ${s.name.padEnd(20)} ${available(s) ? '' : '(not built) '}default: node ${[...(s.nodeArgs?.(undefined) ?? []), `dist/bench/${s.name}.js`, ...s.args(undefined)].join(' ')}\n  ${''.padEnd(20)} ${s.what}`),
  ].join('\n');
}

const available = (s: Scenario): boolean => existsSync(join(DIST_BENCH, `${s.name}.js`));

interface Options {
  names: string[];
  runs: number;
  size?: string;
  args?: string[];
  list: boolean;
}

export function parseOptions(argv: readonly string[]): Options {
  const o: Options = { names: [], runs: 3, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value.`);
      return v;
    };
    if (a === '--runs') {
      const v = value();
      o.runs = Number(v);
      if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error(`--runs must be a whole number ≥ 1; got ${JSON.stringify(v)}.`);
    } else if (a === '--size') {
      o.size = value().toUpperCase();
      if (!SIZES.includes(o.size)) throw new Error(`--size must be one of ${SIZES.join(', ')}; got ${JSON.stringify(o.size)}.`);
    } else if (a === '--args') o.args = value().split(/\s+/).filter((x) => x !== '');
    else if (a === '--list' || a === '--help' || a === '-h') o.list = true;
    else if (a.startsWith('-')) throw new Error(`Unknown option ${a}.\n${usage()}`);
    else {
      if (!SCENARIOS.some((s) => s.name === a)) throw new Error(`Unknown scenario ${JSON.stringify(a)}; known: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
      o.names.push(a);
    }
  }
  if (o.args !== undefined && o.names.length !== 1) throw new Error('--args applies to one scenario: name exactly one.');
  return o;
}

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  if (o.list) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const chosen = o.names.length > 0 ? SCENARIOS.filter((s) => o.names.includes(s.name)) : SCENARIOS.filter(available);
  for (const s of chosen) if (!available(s)) throw new Error(`Scenario ${s.name} is not built: dist/bench/${s.name}.js is missing (does bench/${s.name}.ts exist? run through \`npm run bench\`, which compiles first).`);
  for (const s of chosen) if (o.size !== undefined && !s.sized) process.stderr.write(`note: ${s.name} has no size argument; --size ${o.size} is ignored for it.\n`);
  const m = await machine();
  const meta = { commit: commit(), machine: machineSummary(m) };
  process.stderr.write(`bench: ${chosen.map((s) => s.name).join(', ')}; ${o.runs} run(s) each; commit ${meta.commit}\n`);
  let previous: ResultsFile | undefined;
  if (existsSync(RESULTS_JSON)) {
    try {
      previous = JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as ResultsFile;
    } catch {
      process.stderr.write(`note: ${RESULTS_JSON} is not valid JSON; starting a new record.\n`);
    }
  }
  const results: ResultsFile = { machine: m, scenarios: { ...(previous?.scenarios ?? {}) } };
  let failed = 0;
  const keys: string[] = [];
  for (const s of chosen) {
    const size = s.sized ? o.size : undefined;
    const r = await runScenario(s, o.runs, size, o.args ?? s.args(size), meta);
    if (r.failed !== undefined) failed++;
    const key = resultKey(s.name, size, s.args(undefined));
    keys.push(key);
    results.scenarios[key] = r;
    // Written after every scenario: an interrupted `npm run bench` keeps what it measured.
    writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(RESULTS_MD, renderResults(results));
  }
  process.stdout.write(renderResults({ machine: m, scenarios: Object.fromEntries(keys.map((k) => [k, results.scenarios[k]!])) }));
  process.stderr.write(`\nwrote ${RESULTS_MD} and ${RESULTS_JSON}${failed > 0 ? `; ${failed} scenario(s) failed` : ''}\n`);
  return failed > 0 ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
