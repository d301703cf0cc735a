/**
 * Where the data lives: the configured PostgreSQL/Redis, or zero-config embedded PostgreSQL and a
 * private redis-server when DATABASE_URL / REDIS_URL are unset.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { openOrm } from '../db/orm';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { startEmbeddedPostgres } from './embedded-postgres';
import { startPrivateRedis } from './redis-server';

export interface Stores {
  databaseUrl: string;
  redisUrl: string;
  embeddedDatabase: boolean;
  privateRedis: boolean;
  /** Stops what this process started (embedded PostgreSQL, private Redis); no-op otherwise. */
  stop(): Promise<void>;
}

export async function provisionStores(config: Config, log: Logger, need: { redis: boolean } = { redis: true }): Promise<Stores> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort, log);
      stops.push(pg.stop);
      databaseUrl = pg.url;
    }
    let redisUrl = config.redisUrl ?? '';
    if (!redisUrl && need.redis) {
      const redis = await startPrivateRedis(config.dataDir, log);
      stops.push(redis.stop);
      redisUrl = redis.url;
    }
    return {
      databaseUrl,
      redisUrl,
      embeddedDatabase: !config.databaseUrl,
      privateRedis: !config.redisUrl && need.redis,
      stop: async () => {
        for (const stop of stops.reverse()) await stop().catch((e: unknown) => log.warn(`stopping a store failed: ${String(e)}`));
      },
    };
  } catch (e) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw e;
  }
}

/**
 * For one-shot CLI commands that need only the database (import, quarantine, resolve, steward):
 * provision it (embedded PostgreSQL when DATABASE_URL is unset), open a small ORM, run `fn` with a
 * fresh EntityManager, and close both whatever happens.
 */
export async function withDatabase<T>(fn: (em: EntityManager, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const stores = await provisionStores(config, createLogger(config.logLevel), { redis: false });
  const orm = await openOrm({ url: stores.databaseUrl, poolMax: 2 });
  try {
    return await fn(orm.em.fork(), config);
  } finally {
    await orm.close(true);
    await stores.stop();
  }
}
