/**
 * Zero-config stores and the hub's lifecycle: embedded PostgreSQL boots from nothing (with contrib
 * extensions), a private redis-server starts and stops, a missing redis-server gets instructions,
 * and a whole hub starts, answers and shuts down cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { startEmbeddedPostgres } from '../../../src/main/embedded-postgres';
import { REDIS_MISSING_MESSAGE, startPrivateRedis } from '../../../src/main/redis-server';
import { freePort } from '../../../src/main/ports';
import { createLogger } from '../../../src/main/logger';
import { loadConfig } from '../../../src/main/config';
import { PendingMigrationsError, runHub } from '../../../src/main/hub';
import { createTestDatabase, randomQueuePrefix } from '../../support/database';
import { dbUrl, readTestState } from '../../support/test-env';

const log = createLogger('error', 'test');

describe('embedded PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-embedded-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('initialises, serves SQL with pg_trgm, stops, and restarts on the same data without re-initialising', async () => {
    const port = await freePort();
    const pg = await startEmbeddedPostgres(dir, port, log);
    try {
      const c = new Client({ connectionString: pg.url });
      await c.connect();
      await c.query('create extension if not exists pg_trgm');
      await c.query('create table kept (v text)');
      await c.query(`insert into kept values ('一标三实')`);
      expect((await c.query(`select similarity('华景新城3栋', '华景新城三栋') > 0 as ok`)).rows[0].ok).toBe(true);
      await c.end();
    } finally {
      await pg.stop();
    }
    const again = await startEmbeddedPostgres(dir, port, log);
    try {
      const c = new Client({ connectionString: again.url });
      await c.connect();
      expect((await c.query('select v from kept')).rows).toEqual([{ v: '一标三实' }]);
      await c.end();
    } finally {
      await again.stop();
    }
  });

  it('refuses a taken port with a message saying what to do', async () => {
    const { adminUrl } = readTestState();
    const port = Number(new URL(adminUrl).port || 5432);
    await expect(startEmbeddedPostgres(dir, port, log)).rejects.toThrow(/port is taken.*GRIDHUB_PG_PORT.*DATABASE_URL/);
  });
});

describe('private Redis', () => {
  it('starts redis-server on a free port and stops it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridhub-redis-'));
    const redis = await startPrivateRedis(dir, log);
    const client = new Redis(redis.url);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await redis.stop();
    const probe = new Redis(redis.url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    await expect(probe.connect()).rejects.toThrow();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says how to install Redis or set REDIS_URL when redis-server is missing', async () => {
    await expect(startPrivateRedis(tmpdir(), log, 'redis-server-that-does-not-exist')).rejects.toThrow(REDIS_MISSING_MESSAGE);
    expect(REDIS_MISSING_MESSAGE).toMatch(/apt-get install redis-server/);
    expect(REDIS_MISSING_MESSAGE).toMatch(/REDIS_URL=/);
  });
});

describe('hub lifecycle', () => {
  it('starts all in one (migrations, server, workers), refuses anonymous GraphQL, and stops cleanly', async () => {
    const db = await createTestDatabase();
    const config = loadConfig({ DATABASE_URL: db.url, REDIS_URL: readTestState().redisUrl, PORT: '0', GRIDHUB_QUEUE_PREFIX: randomQueuePrefix(), LOG_LEVEL: 'error' });
    const hub = await runHub('start', config, log);
    try {
      const res = await fetch(hub.url!, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      // No anonymous access to data; health stays open.
      expect(res.status).toBe(401);
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect((await fetch(hub.url!.replace(/\/graphql$/, '/healthz'))).status).toBe(200);
    } finally {
      await hub.stop();
    }
    await expect(fetch(hub.url!)).rejects.toThrow();
    expect(await hub.orm.isConnected()).toBe(false);
    await db.drop();
  });

  it('with the demo on, serves the simulated district and syncs every stream into source records', async () => {
    const db = await createTestDatabase();
    const config = loadConfig({
      DATABASE_URL: db.url, REDIS_URL: readTestState().redisUrl, PORT: '0', GRIDHUB_QUEUE_PREFIX: randomQueuePrefix(), LOG_LEVEL: 'error',
      GRIDHUB_DEMO: 'on', GRIDHUB_DEMO_FEEDS_PORT: '0', GRIDHUB_DATA_DIR: mkdtempSync(join(tmpdir(), 'gridhub-demo-')),
    });
    const hub = await runHub('start', config, log);
    try {
      expect(hub.demo?.streams).toBe(12);
      const served = (await fetch(`${hub.demo!.url}/admin/stats`).then((r) => r.json())) as { feeds: Record<string, Record<string, { records: number }>> };
      const expected = Object.values(served.feeds).flatMap((f) => Object.values(f)).reduce((n, s) => n + s.records, 0);
      let stored = 0;
      for (let i = 0; i < 120 && stored < expected; i++) {
        await new Promise((r) => setTimeout(r, 500));
        stored = Number((await hub.orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from source_record'))[0].n);
      }
      expect(stored).toBe(expected);
      // One demo API key per role; the admin's answers GraphQL.
      expect(hub.demo!.apiKeys.map((k) => k.role).sort()).toEqual(['admin', 'dashboard', 'department', 'department', 'grid_worker', 'steward']);
      const admin = hub.demo!.apiKeys.find((k) => k.role === 'admin')!;
      const res = await fetch(hub.url!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.key}` }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await hub.stop();
      await db.drop();
    }
  });

  it('serve refuses to run on a database whose migrations are pending, naming the fix', async () => {
    const { adminUrl } = readTestState();
    const name = `gridhub_t_${readTestState().runId}_empty`;
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    try {
      const config = loadConfig({ DATABASE_URL: dbUrl(adminUrl, name), REDIS_URL: readTestState().redisUrl, PORT: '0', LOG_LEVEL: 'error' });
      const attempt = runHub('serve', config, log);
      await expect(attempt).rejects.toBeInstanceOf(PendingMigrationsError);
      await expect(attempt).rejects.toThrow(/Run `gridhub migrate` first/);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
