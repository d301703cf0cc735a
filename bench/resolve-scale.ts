/**
 * Bench: full resolution of the person model at scale, from stored source records to written
 * golden records, members, pairs and links. Per size: a fresh database, migrated; the world's
 * person-model source records loaded (timed separately); then
 *   1. a full run that trains the model (EM) — reported separately,
 *   2. the resolution output emptied (model state kept) and a full run with the frozen parameters
 *      that writes everything — the figure to compare with the 60 s target,
 *   3. a second full run with the frozen parameters over that output (writes nothing),
 *   4. an incremental run with no change (writes nothing),
 *   5. an incremental run after 1% of the records got a new revision.
 * RESOLVE_SCALE_RUNS=fresh,frozen,nochange,change (the default) picks the runs after the first.
 * Prints per-phase timings (the summary's `timings`), counts, seconds, records/s, peak RSS per run
 * (sampled every 200 ms), CPU seconds of Node and of the database's backends (a local server), the
 * machine's busy, idle and stolen CPU seconds (a shared VM's host takes some), the 1-minute load average, and the PostgreSQL table sizes; drops the database. Never asserts.
 *
 * Run: npx tsc -p tsconfig.json && node --max-semi-space-size=64 --max-old-space-size=6000 dist/bench/resolve-scale.js L 7
 *   (L peaks at about 5 GB RSS; a bigger young generation saves some garbage collection)
 *   (sizes may be a list: `M,L 7`). RESOLVE_SQL_LOG=1 logs the resolution statements' durations on
 *   stderr; RESOLVE_SCALE_DB=<name> reuses a database already loaded by an earlier (interrupted) run
 *   of the same size: resolution state is truncated, the load skipped, the database kept;
 *   RESOLVE_SCALE_KEEP=1 keeps the database a run created (printed; drop it by hand);
 *   RESOLVE_SCALE_TRAINED=1 with RESOLVE_SCALE_DB keeps the parameters trained there before and starts
 *   with the frozen first build (no training run). GRIDHUB_RESOLVE_WORKER=off|auto|always chooses
 *   whether a first build survives its golden rows in a worker thread (services/golden-stage.ts).
 * Needs PostgreSQL at TEST_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { migrateUp, openOrm } from '../src/db/orm';
import { ResolveService, type ResolveSummary } from '../src/services/resolve.service';
import { createWorld } from '../src/simulator/world/create-world';
import type { SizeName } from '../src/simulator/world/world-types';
import { loadPersonSourceRecords } from './support/load-source-records';
import { BackendCpu, MachineCpu, RssPeak, mb } from './support/pipeline-process';

function dbUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

const print = (o: unknown): void => void process.stdout.write(JSON.stringify(o) + '\n');

function runFigures(label: string, s: ResolveSummary, ms: number, peakRssMb: number): Record<string, unknown> {
  const { timings, model, modelVersion, runId, ...counts } = s;
  void model;
  void runId;
  return {
    run: label,
    seconds: Math.round(ms / 100) / 10,
    recordsPerSec: s.workSet > 0 ? Math.round(s.workSet / (ms / 1000)) : 0,
    peakRssMb,
    modelVersion,
    timings,
    ...counts,
  };
}

export async function resolveScale(size: SizeName, seed: number): Promise<void> {
  const admin = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const reuse = process.env.RESOLVE_SCALE_DB;
  const name = reuse ?? `gridhub_resolve_${size.toLowerCase()}_${randomBytes(3).toString('hex')}`;
  const adminClient = new Client({ connectionString: admin });
  await adminClient.connect();
  if (reuse === undefined) await adminClient.query(`create database ${name}`);
  const rss = new RssPeak();
  const orm = await openOrm({ url: dbUrl(admin, name), poolMax: 4, debug: process.env.RESOLVE_ORM_DEBUG === '1' });
  const client = new Client({ connectionString: dbUrl(admin, name) });
  await client.connect();
  try {
    await migrateUp(orm);
    if (reuse === undefined) {
      // ---------------------------------------------------------- load (not part of the target)
      const world = createWorld({ size, seed });
      const load = await loadPersonSourceRecords(client, world);
      print({ size, seed, phase: 'load', ...load, seconds: Math.round(load.totalMs / 100) / 10, peakRssMb: rss.take() });
    } else {
      // RESOLVE_SCALE_TRAINED=1: keep the trained parameters (skip the training run below).
      const keepModel = process.env.RESOLVE_SCALE_TRAINED === '1';
      await client.query(`truncate match_member, match_pair, entity_link, golden_lineage, ${keepModel ? '' : 'match_model_state, '}job_run, person cascade`);
      await client.query('vacuum analyze');
      print({ size, phase: 'reuse', database: name, records: Number((await client.query<{ n: string }>(`select count(*) as n from source_record where status = 'valid'`)).rows[0]!.n) });
    }
    if (global.gc) global.gc();
    rss.take();

    // CPU seconds of this database's PostgreSQL backends (a local server: /proc), next to Node's: on a
    // shared machine they vary less than the wall clock.
    const pgCpu = new BackendCpu(client);
    const timed = async (label: string, mode: 'full' | 'incremental'): Promise<ResolveSummary> => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      await pgCpu.take();
      const machine = new MachineCpu();
      const s = await new ResolveService(orm.em.fork()).resolve('person', { mode });
      const ms = performance.now() - t;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = { node: Math.round((used.user + used.system) / 1e5) / 10, postgres: Math.round((await pgCpu.take()) * 10) / 10 };
      print({ size, ...runFigures(label, s, ms, rss.take()), cpuSeconds, machine: machine.take(), load: loadavg()[0]!.toFixed(1) });
      if (global.gc) global.gc();
      rss.take();
      return s;
    };

    const runs = new Set((process.env.RESOLVE_SCALE_RUNS ?? 'fresh,frozen,nochange,change').split(','));
    const trained = reuse !== undefined && process.env.RESOLVE_SCALE_TRAINED === '1' && (await client.query('select 1 from match_model_state where model = $1', ['person'])).rowCount === 1;
    if (!trained) await timed('full (train)', 'full');
    else await timed('full (frozen, fresh write)', 'full');
    if (runs.has('fresh') && !trained) {
      // The same full run with the frozen parameters onto empty resolution output: everything written.
      await client.query('truncate match_member, match_pair, entity_link, golden_lineage, person cascade');
      await client.query('vacuum analyze match_member, match_pair, entity_link, golden_lineage, person');
      await timed('full (frozen, fresh write)', 'full');
    }
    if (runs.has('frozen')) await timed('full (frozen)', 'full');
    if (!runs.has('nochange')) return;
    await timed('incremental (no change)', 'incremental');
    if (!runs.has('change')) return;

    // ------------------------------------------------------------ 1% of the records get a new revision
    const tc = performance.now();
    const changed = await client.query(
      `with pick as (select id from source_record where status = 'valid' and id % 100 = 37),
       upd as (
         update source_record s set
           canonical = s.canonical || jsonb_build_object('phone', '139' || lpad((s.id % 100000000)::text, 8, '0')),
           revision = s.revision + 1, fetched_at = now(), updated_at = now()
         from pick where s.id = pick.id returning s.id)
       select count(*)::int as n from upd`,
    );
    await client.query(`update source_record set content_hash = encode(sha256(convert_to(canonical::text, 'UTF8')), 'hex') where id % 100 = 37`);
    print({ size, phase: 'change 1%', changed: changed.rows[0].n, seconds: Math.round((performance.now() - tc) / 100) / 10 });
    await timed('incremental (1% changed)', 'incremental');

    // ------------------------------------------------------------ sizes
    const sizes = await client.query<{ t: string; total: string; heap: string; idx: string; rows: string }>(
      `select c.relname as t, pg_total_relation_size(c.oid) as total, pg_relation_size(c.oid) as heap, pg_indexes_size(c.oid) as idx, c.reltuples::bigint as rows
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' and c.relname in ('source_record', 'match_member', 'match_pair', 'entity_link', 'person', 'golden_lineage', 'job_run', 'match_model_state')
       order by pg_total_relation_size(c.oid) desc`,
    );
    const counts = await client.query<{ t: string; n: string }>(
      `select 'match_member' as t, count(*) as n from match_member union all select 'match_pair', count(*) from match_pair
       union all select 'entity_link', count(*) from entity_link union all select 'person', count(*) from person union all select 'golden_lineage', count(*) from golden_lineage`,
    );
    const rows = Object.fromEntries(counts.rows.map((r) => [r.t, Number(r.n)]));
    print({
      size,
      phase: 'tables',
      tables: Object.fromEntries(sizes.rows.map((r) => [r.t, { totalMb: mb(Number(r.total)), heapMb: mb(Number(r.heap)), indexMb: mb(Number(r.idx)), rows: rows[r.t] ?? Number(r.rows) }])),
      databaseMb: mb(Number((await client.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]!.n)),
      peakRssMb: rss.peakMb,
    });
  } finally {
    rss.stop();
    await client.end();
    await orm.close(true);
    if (reuse === undefined && process.env.RESOLVE_SCALE_KEEP !== '1') await adminClient.query(`drop database if exists ${name} with (force)`);
    else if (reuse === undefined) print({ size, phase: 'kept', database: name });
    await adminClient.end();
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const sizes = (argv[0] ?? 'L').split(',') as SizeName[];
  const seed = Number(argv[1] ?? 7);
  for (const size of sizes) await resolveScale(size, seed);
}

if (require.main === module) void main();
