/**
 * Bench: sync every stream of the simulated district (size from argv, default M) into a fresh
 * database through the real connectors, then COPY the same stored rows into a twin table, and
 * print records/s for both, the ratio, and peak RSS. Never asserts. `rawCopyOfSourceRecords` is the
 * COPY peer, shared with bench/pipeline-scale.ts.
 *
 * Run: npm run build && node -e "require('./dist/src/main/measure-sync').main(['M'])"
 * Needs PostgreSQL at TEST_DATABASE_URL / DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateUp, openOrm } from '../db/orm';
import { REPO_ROOT } from '../db/orm-config';
import { SyncService } from '../services/sync.service';
import { startFeedServer } from '../simulator/feeds/feed-server';
import { createWorld } from '../simulator/world/create-world';
import type { SizeName } from '../simulator/world/world-types';
import { demoConnectorEnv } from './hub';

function dbUrl(admin: string, name: string): string {
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return u.toString();
}

export interface RawCopy {
  rows: number;
  /** COPY FROM the file into the twin table. */
  ms: number;
  /** COPY TO the file (not part of the rate). */
  exportMs: number;
  rowsPerSec: number;
}

/**
 * The peer of a sync: the raw COPY rate of the same rows. The stored source records are exported to
 * a file on the (local) server and COPYed into a twin table, which is dropped afterwards.
 */
export async function rawCopyOfSourceRecords(conn: Client): Promise<RawCopy> {
  const file = `/tmp/${conn.database ?? 'gridhub'}_${randomBytes(3).toString('hex')}.copy`;
  const rows = Number((await conn.query<{ n: string }>('select count(*) as n from source_record')).rows[0]!.n);
  await conn.query('create table copy_twin (like source_record including defaults)');
  const t1 = performance.now();
  await conn.query(`copy (select * from source_record) to '${file}'`);
  const exportMs = performance.now() - t1;
  const t2 = performance.now();
  await conn.query(`copy copy_twin from '${file}'`);
  const ms = performance.now() - t2;
  await conn.query('drop table copy_twin');
  try {
    unlinkSync(file);
  } catch {
    // written by the server's user: left for the OS to clean
  }
  return { rows, ms, exportMs, rowsPerSec: Math.round(rows / (ms / 1000)) };
}

export async function measureSync(size: SizeName): Promise<Record<string, number | string>> {
  const admin = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `gridhub_bench_${randomBytes(3).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const tBuild = performance.now();
  const feeds = await startFeedServer({ world: createWorld({ size, seed: 7 }), port: 0, host: '127.0.0.1' });
  const buildMs = performance.now() - tBuild;
  const orm = await openOrm({ url: dbUrl(admin, name), poolMax: 12 });
  try {
    await migrateUp(orm);
    const env = { ...process.env, ...demoConnectorEnv(feeds) };
    const connectorsDir = join(REPO_ROOT, 'connectors');
    const items: Array<[string, string]> = [];
    for (const connector of ['police', 'health', 'safety']) {
      for (const stream of new SyncService(orm.em.fork(), connectorsDir, { secrets: env, env }).streams(connector)) items.push([connector, stream]);
    }
    const t0 = performance.now();
    // Streams run in parallel, as a worker with enough concurrency would run them.
    const results = await Promise.all(
      items.map(([connector, stream]) => new SyncService(orm.em.fork(), connectorsDir, { secrets: env, env }).syncStream(connector, stream)),
    );
    const syncMs = performance.now() - t0;
    const records = results.reduce((n, r) => n + r.fetched, 0);
    const conn = new Client({ connectionString: dbUrl(admin, name) });
    await conn.connect();
    const copy = await rawCopyOfSourceRecords(conn).finally(() => conn.end());
    const syncRate = records / (syncMs / 1000);
    return {
      size,
      streams: items.length,
      records,
      stored: copy.rows,
      feedBuildMs: Math.round(buildMs),
      syncMs: Math.round(syncMs),
      syncRecordsPerSec: Math.round(syncRate),
      copyMs: Math.round(copy.ms),
      copyExportMs: Math.round(copy.exportMs),
      copyRowsPerSec: copy.rowsPerSec,
      ratioToCopy: Math.round((syncRate / copy.rowsPerSec) * 1000) / 1000,
      peakRssMb: Math.round(peakRss / 1048576),
    };
  } finally {
    clearInterval(sampler);
    await feeds.close();
    await orm.close(true);
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const sizes = (argv.length ? argv : ['M']) as SizeName[];
  for (const size of sizes) process.stdout.write(JSON.stringify(await measureSync(size)) + '\n');
}
