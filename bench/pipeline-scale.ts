/**
 * Bench (issue 8, items 3 and 4): the whole pipeline of one simulated district, end to end, from
 * an empty migrated database — next to the raw COPY rate of the same rows.
 *
 *   1. the world generated and served by the department feed server in its OWN process
 *      (bench/support/pipeline-feed-child.ts; world generation and the feed catalog timed apart);
 *   2. sync of every stream of every connector (GRIDHUB_CONNECTORS, default grid-center, police,
 *      health, safety) through the real connectors, all streams in parallel, in this process (the hub);
 *   3. the peer: the stored source records COPYed straight into a twin table (as
 *      src/main/measure-sync.ts), the twin then dropped;
 *   4. every stage of the resolve pipeline (`runPipeline`, one stage at a time, in pipeline order),
 *      each (and the sync) followed by an ANALYZE of the tables autovacuum would analyze then, timed as its own phase and counted
 *      in the resolve total: the development server runs with autovacuum off, and without fresh
 *      statistics some stages get nested-scan plans that are quadratic in the district's size
 *      (--no-analyze-stages: none between phases, one ANALYZE of the master tables at the end, as
 *      the nightly maintenance job, outside the totals);
 *   5. with --query-load (always for XL): the API served by another process
 *      (bench/support/pipeline-serve-child.ts, auth off, NODE_ENV=production) while this process
 *      generates load: the per-grid persons page (the query of bench/graphql-page.ts, page of 50,
 *      a random base grid per request) at --clients (20) concurrent clients; a district-level
 *      dashboard (dashboard(gridCode: <district>, includeDescendants: true), a few aggregates) at
 *      the same concurrency; and a mix, (clients − 2) persons-page clients next to 2 dashboard
 *      clients, each measured apart. p50/p90/p99/max ms and req/s, --seconds (20) per load.
 * Reported: records, sync seconds, resolve seconds per stage, total, records/s end to end and its
 * ratio to the COPY rate (and sync alone against it), peak RSS of the feed process, of the hub per
 * phase, of the API process, CPU seconds of each and of the database's PostgreSQL backends, the
 * database size and its largest tables, the 1-minute load average at each phase. Prints a human
 * report and one BENCH line. Never asserts.
 *
 * Run: npx tsc -p tsconfig.json && node --max-old-space-size=8000 dist/bench/pipeline-scale.js M
 *      node --max-old-space-size=8000 dist/bench/pipeline-scale.js S --query-load --seconds 10
 *      NODE_ENV=production node --max-semi-space-size=64 --max-old-space-size=16000 dist/bench/pipeline-scale.js XL
 * Options: --seed N (7), --query-load, --clients N (20), --seconds N (20), --no-copy (skip the peer),
 * --no-analyze-stages.
 * The feed child inherits this process's node flags. GRIDHUB_BENCH_DB=name keeps the built database
 * under that name, and when it already holds a resolved district, reuses it (build skipped, only the
 * query load runs; drop it by hand). Needs PostgreSQL at TEST_DATABASE_URL / DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres), on this machine (server-side COPY file, /proc).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrateUp, openOrm } from '../src/db/orm';
import { loadConfig } from '../src/main/config';
import { demoConnectorEnv } from '../src/main/hub';
import { rawCopyOfSourceRecords } from '../src/main/measure-sync';
import { MaintenanceService } from '../src/services/maintenance.service';
import { PIPELINE, runPipeline } from '../src/services/pipeline';
import { SyncService, type SyncCounts } from '../src/services/sync.service';
import type { FeedServer } from '../src/simulator/feeds/feed-server';
import type { SizeName } from '../src/simulator/world/world-types';
import { printBenchLine, type BenchFigure } from './support/bench-line';
import { timedLoad, type LoadFigures } from './support/pipeline-load';
import { BackendCpu, forkChild, mb, RssPeak, type ChildUsage } from './support/pipeline-process';

const ADMIN_URL = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PERSONS_QUERY = `query GridPage($code: String!, $first: Int!) { grid(code: $code) { code persons(first: $first) {
  pageInfo { hasNextPage endCursor } nodes { id name gender birthDate kind grid { code name } addresses { role address { id fullText } } } } } }`;
const DASHBOARD_QUERY = `query District($code: String!) { dashboard(gridCode: $code, includeDescendants: true) {
  personsByKind { key count } personsByAgeBand { key count } personsByGender { key count }
  houses { total rental } organisations { total threeSmall } events { byStatus { key count } } } }`;

const out = (s: string): void => void process.stdout.write(`${s}\n`);
const load1 = (): number => Math.round(loadavg()[0]! * 100) / 100;
const secs = (ms: number): number => Math.round(ms / 100) / 10;

interface Options {
  size: SizeName;
  seed: number;
  queryLoad: boolean;
  clients: number;
  seconds: number;
  copy: boolean;
  analyzeStages: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { size: 'M', seed: 7, queryLoad: false, clients: 20, seconds: 20, copy: true, analyzeStages: true };
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number, got '${v}'`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--query-load') o.queryLoad = true;
    else if (a === '--no-copy') o.copy = false;
    else if (a === '--no-analyze-stages') o.analyzeStages = false;
    else if (a === '--seed') o.seed = num(a, argv[++i]);
    else if (a === '--clients') o.clients = num(a, argv[++i]);
    else if (a === '--seconds') o.seconds = num(a, argv[++i]);
    else if (['S', 'M', 'L', 'XL'].includes(a)) o.size = a as SizeName;
    else throw new Error(`pipeline-scale: unknown argument '${a}' (expected a size S|M|L|XL, --seed N, --query-load, --clients N, --seconds N, --no-copy, --no-analyze-stages)`);
  }
  if (o.size === 'XL') o.queryLoad = true;
  return o;
}

function dbUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

interface PhaseFigures {
  phase: string;
  ms: number;
  hubPeakRssMb: number;
  pgCpuSeconds: number;
  hubCpuSeconds: number;
  load: number;
  detail?: string;
}

interface BuildFigures {
  worldMs: number;
  feedCatalogMs: number;
  feedRecords: number;
  streams: number;
  records: number;
  counts: SyncCounts;
  stored: number;
  copy?: { ms: number; exportMs: number; rowsPerSec: number };
  phases: PhaseFigures[];
  feedUsage: ChildUsage;
}

/** Runs `fn` as a phase: wall time, the hub's peak RSS and CPU and the backends' CPU over it. */
async function phase<T>(phases: PhaseFigures[], name: string, rss: RssPeak, pg: BackendCpu, fn: () => Promise<T>, detail?: (r: T) => string): Promise<T> {
  rss.take();
  await pg.take();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const r = await fn();
  const ms = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  const f: PhaseFigures = { phase: name, ms, hubPeakRssMb: rss.take(), pgCpuSeconds: await pg.take(), hubCpuSeconds: Math.round((used.user + used.system) / 1e5) / 10, load: load1(), detail: detail?.(r) };
  phases.push(f);
  out(`  ${name.padEnd(22)} ${secs(ms).toFixed(1).padStart(8)} s  hub peak RSS ${String(f.hubPeakRssMb).padStart(5)} MB  hub CPU ${f.hubCpuSeconds.toFixed(1).padStart(6)} s  PostgreSQL CPU ${f.pgCpuSeconds.toFixed(1).padStart(6)} s  load ${f.load.toFixed(2)}${f.detail ? `  ${f.detail}` : ''}`);
  return r;
}

/** Builds the district into the (empty) database: feeds, sync, COPY peer, resolve, analyze. */
async function build(o: Options, orm: MikroORM, client: Client, rss: RssPeak, pg: BackendCpu): Promise<BuildFigures> {
  out(`feed server: generating the ${o.size} world (seed ${o.seed}) in its own process …`);
  const feeds = await forkChild<{ url: string; keys: FeedServer['keys']; worldMs: number; serverMs: number; records: number; invalid: number }>('pipeline-feed-child', [o.size, String(o.seed)], process.execArgv);
  let feedUsage: ChildUsage;
  const phases: PhaseFigures[] = [];
  const counts: SyncCounts = { pages: 0, fetched: 0, stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, skipped: 0, inserted: 0, updated: 0 };
  const f = feeds.ready;
  let streams = 0;
  try {
    out(`  world ${secs(f.worldMs)} s, feed catalog ${secs(f.serverMs)} s, ${f.records} records served (${f.invalid} invalid), load ${load1().toFixed(2)}`);
    // demoConnectorEnv reads only the feed server's url and keys.
    const env = { ...process.env, ...demoConnectorEnv({ url: f.url, keys: f.keys } as FeedServer) };
    const config = loadConfig({});
    const items = config.connectors.flatMap((connector) => new SyncService(orm.em.fork(), config.connectorsDir, { secrets: env, env }).streams(connector).map((stream) => [connector, stream] as const));
    streams = items.length;
    out(`sync: ${items.length} streams of ${config.connectors.join(', ')} in parallel`);
    await phase(phases, 'sync', rss, pg, async () => {
      const results = await Promise.all(items.map(([connector, stream]) => new SyncService(orm.em.fork(), config.connectorsDir, { secrets: env, env }).syncStream(connector, stream)));
      for (const r of results) for (const k of Object.keys(counts) as Array<keyof SyncCounts>) counts[k] += r[k];
    }, () => `${counts.fetched} fetched, ${counts.stored} stored, ${counts.quarantined} quarantined`);
    feedUsage = await feeds.usage();
    out(`  feed process: peak RSS ${feedUsage.peakRssMb} MB, CPU ${feedUsage.cpuSeconds} s (world, catalog and serving)`);
  } finally {
    await feeds.stop();
  }
  const stored = Number((await client.query<{ n: string }>('select count(*) as n from source_record')).rows[0]!.n);
  const copy = o.copy ? await copyPeer(client) : undefined;
  // This server runs with autovacuum off: without fresh statistics the planner picks nested scans
  // that make some stages quadratic. By default every bulk phase is followed by the ANALYZE an
  // autovacuum would do, timed as its own phase and counted in the resolve total.
  const analyze = async (after: string) => {
    if (o.analyzeStages) await phase(phases, `analyze (${after})`, rss, pg, () => analyzeChanged(client));
  };
  await analyze('sync');
  out('resolve: every pipeline stage, in order');
  for (const stage of PIPELINE) {
    await phase(phases, stage.name, rss, pg, () => runPipeline(orm.em.fork(), [stage.name]));
    await analyze(stage.name);
  }
  if (!o.analyzeStages) await phase(phases, 'analyze', rss, pg, () => new MaintenanceService(orm.em.fork()).analyze());
  return { worldMs: f.worldMs, feedCatalogMs: f.serverMs, feedRecords: f.records, streams, records: counts.fetched, counts, stored, copy, phases, feedUsage };
}

/** ANALYZE of the tables autovacuum would analyze now (default thresholds: 50 rows + 10% changed since the last). */
async function analyzeChanged(client: Client): Promise<void> {
  const { rows } = await client.query<{ t: string }>(
    `select quote_ident(relname) as t from pg_stat_user_tables where schemaname = 'public' and n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`,
  );
  if (rows.length > 0) await client.query(`analyze ${rows.map((r) => r.t).join(', ')}`);
}

/** The peer: the same stored rows COPYed straight into a twin table (see src/main/measure-sync.ts). */
async function copyPeer(client: Client): Promise<NonNullable<BuildFigures['copy']>> {
  const c = await rawCopyOfSourceRecords(client);
  out(`raw COPY of the same ${c.rows} rows into a twin table: ${secs(c.ms)} s = ${c.rowsPerSec} rows/s (export ${secs(c.exportMs)} s), load ${load1().toFixed(2)}`);
  return { ms: c.ms, exportMs: c.exportMs, rowsPerSec: c.rowsPerSec };
}

async function databaseSizes(client: Client): Promise<{ databaseMb: number; tables: Array<{ table: string; totalMb: number; heapMb: number; indexMb: number; rows: number }> }> {
  const { rows } = await client.query<{ t: string; total: string; heap: string; idx: string; rows: string }>(
    `select c.relname as t, pg_total_relation_size(c.oid) as total, pg_relation_size(c.oid) as heap, pg_indexes_size(c.oid) as idx, coalesce(s.n_live_tup, 0) as rows
     from pg_class c join pg_namespace n on n.oid = c.relnamespace left join pg_stat_user_tables s on s.relid = c.oid
     where n.nspname = 'public' and c.relkind = 'r' order by pg_total_relation_size(c.oid) desc limit 10`,
  );
  const db = await client.query<{ n: string }>('select pg_database_size(current_database()) as n');
  return { databaseMb: mb(Number(db.rows[0]!.n)), tables: rows.map((r) => ({ table: r.t, totalMb: mb(Number(r.total)), heapMb: mb(Number(r.heap)), indexMb: mb(Number(r.idx)), rows: Math.max(0, Number(r.rows)) })) };
}

interface QueryLoadFigures {
  baseGrids: number;
  district: string;
  personsPage: LoadFigures;
  dashboard: LoadFigures;
  mixPersons: LoadFigures;
  mixDashboard: LoadFigures;
  server: ChildUsage;
}

async function queryLoad(o: Options, dbName: string, client: Client): Promise<QueryLoadFigures> {
  const grids = (await client.query<{ code: string }>(
    `select g.code from grid g where g.kind = 'base' and g.valid_to is null and exists (select 1 from person p where p.grid_id = g.id and p.merged_into_id is null) order by g.code`,
  )).rows.map((r) => r.code);
  const [root] = (await client.query<{ code: string }>(`select code from grid where parent_id is null and valid_to is null order by code limit 1`)).rows;
  if (grids.length === 0 || !root) throw new Error(`pipeline-scale: database ${dbName} holds no base grid with persons or no root grid; was the district resolved?`);
  const persons = () => JSON.stringify({ query: PERSONS_QUERY, variables: { code: grids[Math.floor(Math.random() * grids.length)], first: 50 }, operationName: 'GridPage' });
  const dashboardBody = JSON.stringify({ query: DASHBOARD_QUERY, variables: { code: root.code }, operationName: 'District' });
  const dashboard = () => dashboardBody;
  const server = await forkChild<{ url: string }>('pipeline-serve-child', [dbUrl(dbName), '8'], [], { ...process.env, NODE_ENV: 'production' });
  try {
    const url = server.ready.url;
    out(`query load: API in its own process (auth off, NODE_ENV=production, pool 8) at ${url}; ${grids.length} base grids with persons, district ${root.code}; ${o.seconds} s per load`);
    out(`  ${'load'.padEnd(34)} ${'clients'.padStart(7)} ${'requests'.padStart(8)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p90 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  load`);
    const line = (name: string, clients: number, f: LoadFigures) =>
      out(`  ${name.padEnd(34)} ${String(clients).padStart(7)} ${String(f.requests).padStart(8)} ${f.rps.toFixed(1).padStart(8)} ${f.p50.toFixed(1).padStart(8)} ${f.p90.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.max.toFixed(1).padStart(8)}  ${load1().toFixed(2)}`);
    const personsPage = await timedLoad({ url, body: persons, clients: o.clients, seconds: o.seconds, warmup: 3 });
    line('persons page of 50, random grid', o.clients, personsPage);
    const dash = await timedLoad({ url, body: dashboard, clients: o.clients, seconds: o.seconds, warmup: 1 });
    line(`dashboard of district ${root.code}`, o.clients, dash);
    const mixClients = Math.max(1, o.clients - 2);
    const [mixPersons, mixDashboard] = await Promise.all([
      timedLoad({ url, body: persons, clients: mixClients, seconds: o.seconds }),
      timedLoad({ url, body: dashboard, clients: 2, seconds: o.seconds }),
    ]);
    line('mix: persons page', mixClients, mixPersons);
    line('mix: district dashboard', 2, mixDashboard);
    const usage = await server.usage();
    out(`  API process: peak RSS ${usage.peakRssMb} MB, CPU ${usage.cpuSeconds} s`);
    return { baseGrids: grids.length, district: root.code, personsPage, dashboard: dash, mixPersons, mixDashboard, server: usage };
  } finally {
    await server.stop();
  }
}

/** Phases counted in the resolve total: the stages, and the ANALYZE between phases (not the final one). */
const inResolve = (p: PhaseFigures): boolean => p.phase !== 'sync' && p.phase !== 'analyze';

function benchFigures(o: Options, b: BuildFigures | undefined, sizes: Awaited<ReturnType<typeof databaseSizes>>, q: QueryLoadFigures | undefined, hubPeakMb: number): BenchFigure[] {
  const s = o.size;
  const fs: BenchFigure[] = [];
  if (b) {
    const syncMs = b.phases.find((p) => p.phase === 'sync')!.ms;
    const resolveMs = b.phases.filter(inResolve).reduce((n, p) => n + p.ms, 0);
    const copyPeer = b.copy ? { peer: 'raw COPY of the same rows', peerValue: b.copy.rowsPerSec } : {};
    fs.push({ name: `pipeline ${s} end to end`, detail: `${b.records} records, sync + resolve ${secs(syncMs + resolveMs)} s`, value: Math.round(b.records / ((syncMs + resolveMs) / 1000)), unit: 'records/s', ...copyPeer });
    fs.push({ name: `sync ${s}`, detail: `${b.streams} streams in parallel`, value: Math.round(b.records / (syncMs / 1000)), unit: 'records/s', ...copyPeer });
    fs.push({ name: `sync ${s} seconds`, value: secs(syncMs), unit: 's', better: 'lower' });
    fs.push({ name: `resolve ${s} seconds`, detail: 'every pipeline stage', value: secs(resolveMs), unit: 's', better: 'lower' });
    for (const p of b.phases) if (p.phase !== 'sync' && !p.phase.startsWith('analyze')) fs.push({ name: `stage ${p.phase} ${s}`, value: secs(p.ms), unit: 's', better: 'lower' });
    fs.push({ name: `analyze ${s}`, detail: o.analyzeStages ? 'after sync and after every stage (in the resolve total)' : 'once at the end (not in the totals)', value: secs(b.phases.filter((p) => p.phase.startsWith('analyze')).reduce((n, p) => n + p.ms, 0)), unit: 's', better: 'lower' });
    fs.push({ name: `world generation ${s}`, value: secs(b.worldMs), unit: 's', better: 'lower' });
    fs.push({ name: `peak RSS feed process ${s}`, value: b.feedUsage.peakRssMb, unit: 'MB', better: 'lower' });
    fs.push({ name: `peak RSS hub sync ${s}`, value: b.phases.find((p) => p.phase === 'sync')!.hubPeakRssMb, unit: 'MB', better: 'lower' });
    fs.push({ name: `peak RSS hub ${s}`, detail: 'sync + resolve', value: hubPeakMb, unit: 'MB', better: 'lower' });
    fs.push({ name: `PostgreSQL CPU ${s}`, detail: 'backends of the database, sync + resolve', value: Math.round(b.phases.reduce((n, p) => n + p.pgCpuSeconds, 0)), unit: 's', better: 'lower' });
  }
  fs.push({ name: `database size ${s}`, value: sizes.databaseMb, unit: 'MB', better: 'lower' });
  if (q) {
    for (const [label, f] of [['persons page', q.personsPage], ['district dashboard', q.dashboard], ['mix persons page', q.mixPersons], ['mix district dashboard', q.mixDashboard]] as const) {
      fs.push({ name: `${label} ${s} p50`, value: f.p50, unit: 'ms', better: 'lower' });
      fs.push({ name: `${label} ${s} p99`, value: f.p99, unit: 'ms', better: 'lower' });
      fs.push({ name: `${label} ${s} req/s`, value: f.rps, unit: 'req/s' });
    }
    fs.push({ name: `peak RSS API process ${s}`, value: q.server.peakRssMb, unit: 'MB', better: 'lower' });
  }
  return fs;
}

function report(o: Options, b: BuildFigures): void {
  const syncMs = b.phases.find((p) => p.phase === 'sync')!.ms;
  const resolvePhases = b.phases.filter(inResolve);
  const analyzeMs = b.phases.filter((p) => p.phase.startsWith('analyze')).reduce((n, p) => n + p.ms, 0);
  const resolveMs = resolvePhases.reduce((n, p) => n + p.ms, 0);
  const e2e = b.records / ((syncMs + resolveMs) / 1000);
  const syncRate = b.records / (syncMs / 1000);
  out('');
  out(`== pipeline ${o.size} (seed ${o.seed}) ==`);
  out(`records synced        ${b.records} (${b.counts.stored} stored, ${b.counts.quarantined} quarantined; ${b.stored} source_record rows) from ${b.streams} streams`);
  out(`world generation      ${secs(b.worldMs)} s (feed process; catalog ${secs(b.feedCatalogMs)} s; not in the totals)`);
  out(`sync                  ${secs(syncMs)} s = ${Math.round(syncRate)} records/s`);
  out(`resolve               ${secs(resolveMs)} s: ${resolvePhases.filter((p) => !p.phase.startsWith('analyze')).map((p) => `${p.phase} ${secs(p.ms)}`).join(', ')}${o.analyzeStages ? `; ANALYZE after sync and each stage ${secs(analyzeMs)} s (included)` : ''}`);
  out(`total sync + resolve  ${secs(syncMs + resolveMs)} s = ${Math.round(e2e)} records/s end to end${o.analyzeStages ? '' : ` (ANALYZE ${secs(analyzeMs)} s after, not included)`}`);
  if (b.copy) out(`raw COPY              ${b.copy.rowsPerSec} rows/s → end to end ${(e2e / b.copy.rowsPerSec).toFixed(3)}× COPY (target ≥ 0.25×), sync alone ${(syncRate / b.copy.rowsPerSec).toFixed(3)}×`);
  out(`peak RSS              feed process ${b.feedUsage.peakRssMb} MB; hub: sync ${b.phases.find((p) => p.phase === 'sync')!.hubPeakRssMb} MB, resolve ${Math.max(...resolvePhases.map((p) => p.hubPeakRssMb))} MB`);
  out(`CPU seconds           feed process ${b.feedUsage.cpuSeconds}; hub ${b.phases.reduce((n, p) => n + p.hubCpuSeconds, 0).toFixed(1)}; PostgreSQL backends ${b.phases.reduce((n, p) => n + p.pgCpuSeconds, 0).toFixed(1)}`);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const keepName = process.env.GRIDHUB_BENCH_DB;
  const dbName = keepName ?? `gridhub_bench_pipeline_${o.size.toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
  out(`pipeline-scale ${o.size}: node ${process.version}, heap limit ${mb(getHeapStatistics().heap_size_limit)} MB, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  const rss = new RssPeak();
  let orm: MikroORM | undefined;
  let client: Client | undefined;
  let pg: BackendCpu | undefined;
  try {
    let reuse = false;
    if (exists && keepName !== undefined) {
      const c = new Client({ connectionString: dbUrl(dbName) });
      await c.connect();
      reuse = Number((await c.query<{ n: string }>(`select count(*) as n from information_schema.tables where table_name = 'person'`)).rows[0]!.n) === 1
        && Number((await c.query<{ n: string }>('select count(*) as n from (select 1 from person limit 1) p')).rows[0]!.n) === 1;
      await c.end();
    }
    if (!reuse) {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.query(`create database ${dbName}`);
    }
    out(reuse ? `reusing database ${dbName} (build skipped)` : `database ${dbName} (created, empty)`);
    orm = await openOrm({ url: dbUrl(dbName), poolMax: 12 });
    await migrateUp(orm);
    client = new Client({ connectionString: dbUrl(dbName) });
    await client.connect();
    pg = new BackendCpu(client);
    pg.begin();
    const built = reuse ? undefined : await build(o, orm, client, rss, pg);
    const hubPeakMb = rss.peakMb;
    if (built) report(o, built);
    await orm.close(true);
    orm = undefined;
    const sizes = await databaseSizes(client);
    out(`database              ${sizes.databaseMb} MB; largest tables: ${sizes.tables.map((t) => `${t.table} ${t.totalMb} MB (${t.rows} rows)`).join(', ')}`);
    const q = o.queryLoad ? await queryLoad(o, dbName, client) : undefined;
    out(`load average after    ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    printBenchLine('pipeline-scale', benchFigures(o, built, sizes, q, hubPeakMb));
  } finally {
    rss.stop();
    pg?.stop();
    await client?.end();
    await orm?.close(true);
    if (keepName === undefined) await admin.query(`drop database if exists ${dbName} with (force)`);
    else out(`database ${dbName} kept (GRIDHUB_BENCH_DB)`);
    await admin.end();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
