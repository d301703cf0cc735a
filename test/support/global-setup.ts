/**
 * Once per jest run: resolve PostgreSQL and Redis, create a template database and migrate it.
 * Each test file then clones the template (CREATE DATABASE … TEMPLATE) — see database.ts.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { migrateUp, openOrm } from '../../src/db/orm';
import { startEmbeddedPostgres } from '../../src/main/embedded-postgres';
import { startPrivateRedis } from '../../src/main/redis-server';
import { freePort } from '../../src/main/ports';
import { createLogger } from '../../src/main/logger';
import { dbUrl, type TestState } from './test-env';

const log = createLogger('warn', 'test');

async function reachablePg(url: string): Promise<boolean> {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function reachableRedis(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.GRIDHUB_TEST_RUN = runId;
  const stateFile = join(tmpdir(), `gridhub-jest-${runId}.json`);
  process.env.GRIDHUB_TEST_STATE = stateFile;

  let adminUrl = dbUrl(process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', 'postgres');
  const state: Partial<TestState> = { runId };
  if (!(await reachablePg(adminUrl))) {
    const dir = join(tmpdir(), `gridhub-test-pg-${runId}`);
    const pg = await startEmbeddedPostgres(dir, await freePort(), log);
    adminUrl = dbUrl(pg.url, 'postgres');
    state.embeddedPgDir = dir;
    (globalThis as Record<string, unknown>).__gridhubEmbeddedPg = pg;
  }
  let redisUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  if (!(await reachableRedis(redisUrl))) {
    const redis = await startPrivateRedis(join(tmpdir(), `gridhub-test-redis-${runId}`), log);
    redisUrl = redis.url;
    (globalThis as Record<string, unknown>).__gridhubPrivateRedis = redis;
  }

  const templateDb = `gridhub_tpl_${runId}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${templateDb}`);
  await admin.end();
  const orm = await openOrm({ url: dbUrl(adminUrl, templateDb), poolMax: 2 });
  await migrateUp(orm);
  await orm.close(true);

  // Jest copies this process's globals into every test context: MikroORM's global metadata storage
  // from the migration above would leak outer-realm Maps into the tests (mikro-orm#3783).
  for (const key of Object.keys(globalThis)) if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];

  Object.assign(state, { adminUrl, templateDb, redisUrl });
  writeFileSync(stateFile, JSON.stringify(state));
}
