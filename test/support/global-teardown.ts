/** Drops every database this run created (template and clones) and stops fallback servers. */
import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { Redis } from 'ioredis';
import { readTestState } from './test-env';

export default async function globalTeardown(): Promise<void> {
  const state = readTestState();
  const admin = new Client({ connectionString: state.adminUrl });
  await admin.connect();
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1 or datname = $2`, [
    `gridhub_t_${state.runId}_%`,
    state.templateDb,
  ]);
  for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
  await admin.end();
  const redis = new Redis(state.redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `gridhub-test-${state.runId}-*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.del(...keys);
  } while (cursor !== '0');
  await redis.quit();
  const g = globalThis as unknown as Record<string, { stop(): Promise<void> } | undefined>;
  await g.__gridhubEmbeddedPg?.stop();
  await g.__gridhubPrivateRedis?.stop();
  if (state.embeddedPgDir) rmSync(state.embeddedPgDir, { recursive: true, force: true });
  rmSync(process.env.GRIDHUB_TEST_STATE ?? '', { force: true });
}
