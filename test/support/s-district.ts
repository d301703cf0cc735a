/**
 * The synced and resolved `S` district as a database, for the API and loop tests: built once per
 * jest run (the first test file that asks builds it under a PostgreSQL advisory lock while the
 * others wait), then cloned per test file like the migrated template.
 *
 * Build: the simulated district (size S, seed 7, as in the demo) served in-process, every stream of
 * every demo connector synced (the same SyncService the workers run), then every pipeline stage
 * (grids, addresses, golden records, relations, things, events). Dropped by the global teardown
 * (its name carries the run id).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm';
import { loadConfig } from '../../src/main/config';
import { demoConnectorEnv } from '../../src/main/hub';
import { syncAndResolve } from '../../src/services/pipeline';
import { SyncService } from '../../src/services/sync.service';
import { startFeedServer, type FeedServer } from '../../src/simulator/feeds/feed-server';
import { createWorld } from '../../src/simulator/world/create-world';
import { dbUrl, readTestState } from './test-env';

const CONNECTORS_DIR = join(__dirname, '../../connectors');
const LOCK_KEY = 4_711_007;

export function sDistrictDbName(): string {
  return `gridhub_t_${readTestState().runId}_sdistrict`;
}

async function exists(c: Client, name: string): Promise<boolean> {
  return (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
}

/** Syncs every stream of the demo connectors from `server` and runs the whole pipeline. */
export async function syncDistrict(orm: MikroORM, server: FeedServer): Promise<void> {
  const env = demoConnectorEnv(server);
  const sync = new SyncService(orm.em.fork(), CONNECTORS_DIR, { secrets: env, env, baseUrl: server.url });
  await syncAndResolve(orm.em.fork(), sync, loadConfig({}).connectors);
}

async function build(state: ReturnType<typeof readTestState>, name: string): Promise<void> {
  const building = `${name}_building`;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building} template ${state.templateDb}`);
  } finally {
    await admin.end();
  }
  const orm = await openOrm({ url: dbUrl(state.adminUrl, building), poolMax: 4 });
  const server = await startFeedServer({ world: createWorld({ size: 'S', seed: 7 }), port: 0, host: '127.0.0.1' });
  try {
    await syncDistrict(orm, server);
  } finally {
    await server.close();
    await orm.close(true);
  }
  const c = new Client({ connectionString: state.adminUrl });
  await c.connect();
  try {
    await c.query(`alter database ${building} rename to ${name}`);
  } finally {
    await c.end();
  }
}

/** A private clone of the synced and resolved S district; drop it in afterAll. */
export async function createSDistrictDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const state = readTestState();
  const template = sDistrictDbName();
  const lock = new Client({ connectionString: state.adminUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    if (!(await exists(lock, template))) await build(state, template);
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
  const name = `gridhub_t_${state.runId}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const drop = async (): Promise<void> => {
    const c = new Client({ connectionString: state.adminUrl });
    await c.connect();
    try {
      await c.query(`drop database if exists ${name} with (force)`);
    } finally {
      await c.end();
    }
  };
  return { name, url: dbUrl(state.adminUrl, name), drop };
}

/** A clone of the S district with an open ORM; call `close()` in afterAll. */
export async function openSDistrictOrm(): Promise<{ orm: MikroORM; url: string; close(): Promise<void> }> {
  const db = await createSDistrictDatabase();
  const orm = await openOrm({ url: db.url, poolMax: 4 });
  return { orm, url: db.url, close: async () => { await orm.close(true); await db.drop(); } };
}
