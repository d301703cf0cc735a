/**
 * Bench support: a synced and resolved district (seed 7) in its own PostgreSQL database, for the
 * API benches (graphql-vs-postgraphile, graphql-page, access-overhead). The district is
 * built as the deployed hub builds it: the simulated world → its feed server → every connector's
 * streams synced → the resolution pipeline (syncAndResolve) → VACUUM and ANALYZE (as autovacuum
 * and the nightly maintenance job would leave it).
 *
 *   GRIDHUB_BENCH_DB=name   reuse that database if it exists (no build), else build into it; kept
 *                           at the end either way (drop it by hand)
 *   (unset)                 build into a fresh gridhub_bench_district_<pid>, dropped by `drop()`
 *
 * Standalone, to build (and keep) one ahead of the benches:
 *   npx tsc -p tsconfig.json && GRIDHUB_BENCH_DB=gridhub_bench_m_pg node dist/bench/support/m-district.js [size=M]
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateUp, openOrm } from '../../src/db/orm';
import { loadConfig } from '../../src/main/config';
import { demoConnectorEnv } from '../../src/main/hub';
import { MaintenanceService } from '../../src/services/maintenance.service';
import { syncAndResolve } from '../../src/services/pipeline';
import { SyncService } from '../../src/services/sync.service';
import { startFeedServer } from '../../src/simulator/feeds/feed-server';
import { createWorld } from '../../src/simulator/world/create-world';
import type { SizeName } from '../../src/simulator/world/world-types';

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SEED = 7;

export interface BenchDistrict {
  dbName: string;
  /** Connection string of the district's database. */
  url: string;
  /** True when an existing database was reused (no build). */
  reused: boolean;
  /** Drops the database unless GRIDHUB_BENCH_DB named it (then it is kept for the next run). */
  drop(): Promise<void>;
}

const log = (s: string) => process.stdout.write(`${s}\n`);

function databaseUrl(dbName: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  return url.toString();
}

async function withAdmin<T>(fn: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Syncs every stream of the district's feeds into the (migrated, empty) database and resolves it. */
async function build(url: string, size: SizeName): Promise<void> {
  const orm = await openOrm({ url, poolMax: 8 });
  try {
    await migrateUp(orm);
    const conn = orm.em.getConnection();
    const t0 = Date.now();
    const world = createWorld({ size, seed: SEED });
    const feeds = await startFeedServer({ world, port: 0, host: '127.0.0.1' });
    try {
      const env = demoConnectorEnv(feeds);
      const sync = new SyncService(orm.em.fork(), join(__dirname, '../../../connectors'), { secrets: env, env, baseUrl: feeds.url });
      await syncAndResolve(orm.em.fork(), sync, loadConfig({}).connectors);
    } finally {
      await feeds.close();
    }
    // The visibility map and planner statistics as autovacuum and the nightly maintenance.analyze
    // job would leave them: without VACUUM after the bulk build, every index-only scan of the API's
    // queries still reads the heap.
    await conn.execute('vacuum');
    await new MaintenanceService(orm.em.fork()).analyze();
    log(`${size} district (seed ${SEED}) synced, resolved and analysed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await orm.close(true);
  }
}

/** Opens (reuses or builds) the district's database; see the file comment for GRIDHUB_BENCH_DB. */
export async function openBenchDistrict(size: SizeName): Promise<BenchDistrict> {
  const keepName = process.env.GRIDHUB_BENCH_DB;
  if (keepName !== undefined && !/^[a-z_][a-z0-9_]*$/.test(keepName)) {
    throw new Error(`GRIDHUB_BENCH_DB must be a plain lower-case database name (letters, digits, _); got ${JSON.stringify(keepName)}.`);
  }
  const dbName = keepName ?? `gridhub_bench_district_${process.pid}`;
  const url = databaseUrl(dbName);
  const reused = await withAdmin(async (admin) => {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
    if (keepName !== undefined && exists) return true;
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
    return false;
  });
  if (reused) {
    log(`reusing database ${dbName} (GRIDHUB_BENCH_DB); no build`);
    // Migrations added since it was built, if any.
    const orm = await openOrm({ url, poolMax: 2 });
    await migrateUp(orm).finally(() => orm.close(true));
  } else {
    log(`building a ${size} district into database ${dbName}${keepName ? ' (kept: GRIDHUB_BENCH_DB)' : ''}`);
    try {
      await build(url, size);
    } catch (e) {
      // A half-built database must never be reused as a district, kept name or not.
      await withAdmin((a) => a.query(`drop database if exists ${dbName} with (force)`));
      throw e;
    }
  }
  return {
    dbName,
    url,
    reused,
    drop: async () => {
      if (keepName === undefined) await withAdmin((a) => a.query(`drop database if exists ${dbName} with (force)`));
    },
  };
}

if (require.main === module) {
  const size = (process.argv[2] ?? 'M') as SizeName;
  openBenchDistrict(size).then(
    async (d) => {
      await d.drop();
      log(`district database ${d.dbName} ${process.env.GRIDHUB_BENCH_DB ? 'kept' : 'dropped (set GRIDHUB_BENCH_DB to keep it)'}`);
    },
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
