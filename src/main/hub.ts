/**
 * Composition root of a running hub: provision the stores, open the ORM, migrate (all-in-one start)
 * or refuse to run on a stale schema (serve/worker), start the HTTP server and/or workers, and shut
 * everything down in reverse order on SIGINT/SIGTERM.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrateUp, openOrm, pendingMigrations } from '../db/orm';
import { HubStatusService } from '../services/hub-status.service';
import type { Config } from './config';
import { startHttpServer, type RunningHttpServer } from './http-server';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { createRedis } from './redis';
import { provisionStores, type Stores } from './stores';
import { VERSION } from './version';
import { startWorkers, type RunningWorkers } from './worker';
import { redact } from './config';

export type HubMode = 'start' | 'serve' | 'worker';

export interface RunningHub {
  url?: string;
  stores: Stores;
  orm: MikroORM;
  startupMs: number;
  stop(): Promise<void>;
}

export class PendingMigrationsError extends Error {
  constructor(pending: string[]) {
    super(`The database schema is behind this gridhub version: ${pending.length} migration(s) pending (${pending.join(', ')}). Run \`gridhub migrate\` first.`);
  }
}

export async function runHub(mode: HubMode, config: Config, log: Logger): Promise<RunningHub> {
  const t0 = performance.now();
  const stores = await provisionStores(config, log);
  let orm: MikroORM | undefined;
  let http: RunningHttpServer | undefined;
  let workers: RunningWorkers | undefined;
  const probe = createRedis(stores.redisUrl, 'probe');
  probe.on('error', (e: Error) => log.debug(`redis probe: ${e.message}`));

  const stop = async () => {
    await http?.close().catch((e: unknown) => log.warn(`http close: ${String(e)}`));
    await workers?.close().catch((e: unknown) => log.warn(`workers close: ${String(e)}`));
    await probe.quit().catch(() => probe.disconnect());
    await orm?.close(true).catch((e: unknown) => log.warn(`orm close: ${String(e)}`));
    await stores.stop();
  };

  try {
    orm = await openOrm({ url: stores.databaseUrl, poolMax: config.dbPoolMax });
    if (mode === 'start') {
      const applied = await migrateUp(orm);
      if (applied.length > 0) log.info(`applied ${applied.length} migration(s): ${applied.join(', ')}`);
    } else {
      const pending = await pendingMigrations(orm);
      if (pending.length > 0) throw new PendingMigrationsError(pending);
    }
    const status = new HubStatusService(orm, () => probe.ping());
    if (mode !== 'worker') {
      http = await startHttpServer({ orm, status, metrics: createMetrics(), version: VERSION, production: config.nodeEnv === 'production' }, config.host, config.port);
    }
    if (mode !== 'serve') {
      workers = await startWorkers({ orm, redisUrl: stores.redisUrl, prefix: config.queuePrefix, concurrency: config.workerConcurrency, log });
    }
  } catch (e) {
    await stop();
    throw e;
  }
  log.debug(`database ${redact(stores.databaseUrl)}, redis ${stores.redisUrl}`);
  return { url: http?.url, stores, orm, startupMs: Math.round(performance.now() - t0), stop };
}

/** Installs SIGINT/SIGTERM handlers that stop the hub once, with a deadline. */
export function stopOnSignals(hub: { stop(): Promise<void> }, timeoutMs: number, log: Logger): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn(`${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal} received: shutting down (server, workers, database pool, stores)…`);
    const deadline = setTimeout(() => {
      log.error(`shutdown took longer than ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    hub.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (e: unknown) => {
        log.error(`shutdown failed: ${String(e)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
