/** A private database per test file, cloned from the migrated template, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm';
import { dbUrl, readTestState } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: readTestState().adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const state = readTestState();
  const name = `gridhub_t_${state.runId}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`create database ${name} template ${state.templateDb}`));
  return {
    name,
    url: dbUrl(state.adminUrl, name),
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** A cloned database with an open ORM; call `close()` in afterAll. */
export async function openTestOrm(): Promise<{ orm: MikroORM; db: TestDatabase; close(): Promise<void> }> {
  const db = await createTestDatabase();
  const orm = await openOrm({ url: db.url, poolMax: 4 });
  return {
    orm,
    db,
    close: async () => {
      await orm.close(true);
      await db.drop();
    },
  };
}

/** A Redis key prefix no other test uses. */
export function randomQueuePrefix(): string {
  return `gridhub-test-${readTestState().runId}-${randomBytes(3).toString('hex')}`;
}
