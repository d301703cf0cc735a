/**
 * Composition root of a running hub: provision the stores, open the ORM, migrate (all-in-one start)
 * or refuse to run on a stale schema (serve/worker), start the HTTP server and/or workers, and shut
 * everything down in reverse order on SIGINT/SIGTERM.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { migrateUp, openOrm, pendingMigrations } from '../db/orm';
import { HubStatusService } from '../services/hub-status.service';
import type { Config } from './config';
import { graphqlGuardsFromConfig, startHttpServer, type RunningHttpServer } from './http-server';
import { AuditWriter, auditSinkFor, createDemoKeys, type DemoKey } from '../access';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { createRedis } from './redis';
import { provisionStores, type Stores } from './stores';
import { VERSION } from './version';
import { startWorkers, type RunningWorkers } from './worker';
import { redact } from './config';
import { Queue } from 'bullmq';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { QUEUES } from '../jobs/queues';
import { enqueueSync, type SyncJobData } from '../jobs/sync-jobs';
import { SyncService } from '../services/sync.service';
import { JobsService } from '../services/jobs.service';
import { startFeedServer, type FeedServer } from '../simulator/feeds/feed-server';
import { createWorld } from '../simulator/world/create-world';
import { portOrFree } from './ports';

export type HubMode = 'start' | 'serve' | 'worker';

export interface DemoFeeds {
  url: string;
  streams: number;
  keys: FeedServer['keys'];
  /** One GraphQL API key per role (shown once). */
  apiKeys: DemoKey[];
}

export interface RunningHub {
  url?: string;
  demo?: DemoFeeds;
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
  let jobs: JobsService | undefined;
  let audit: AuditWriter | undefined;
  let demoWorld: ReturnType<typeof createWorld> | undefined;
  let feeds: FeedServer | undefined;
  const runtimeFile = join(config.dataDir, 'runtime.json');
  const probe = createRedis(stores.redisUrl, 'probe');
  let demo: DemoFeeds | undefined;
  probe.on('error', (e: Error) => log.debug(`redis probe: ${e.message}`));

  const stop = async () => {
    await http?.close().catch((e: unknown) => log.warn(`http close: ${String(e)}`));
    await audit?.close().catch((e: unknown) => log.warn(`audit writer close: ${String(e)}`));
    await jobs?.close().catch((e: unknown) => log.warn(`job queues close: ${String(e)}`));
    await workers?.close().catch((e: unknown) => log.warn(`workers close: ${String(e)}`));
    await feeds?.close().catch((e: unknown) => log.warn(`demo feeds close: ${String(e)}`));
    await rm(runtimeFile, { force: true });
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
      // The API's job queues share the probe's connection (queues issue no blocking commands).
      jobs = new JobsService({ connection: probe, prefix: config.queuePrefix, connectorsDir: config.connectorsDir });
      const ormForAudit = orm;
      audit = new AuditWriter(auditSinkFor(() => ormForAudit.em.fork()), { onError: (m) => log.error(m) });
      http = await startHttpServer(
        { orm, status, metrics: createMetrics(), version: VERSION, production: config.nodeEnv === 'production', jobs, redis: probe, audit, auth: config.auth, graphql: graphqlGuardsFromConfig(config), log },
        config.host,
        config.port,
      );
    }
    let connectorEnv: Record<string, string | undefined> = process.env;
    const demoOn = mode === 'start' && (config.demo === 'on' || (config.demo === 'auto' && !config.databaseUrl));
    if (demoOn) {
      demoWorld = createWorld({ size: 'S', seed: 7 });
      feeds = await startFeedServer({ world: demoWorld, host: '127.0.0.1', port: await portOrFree(config.demoFeedsPort) });
      connectorEnv = { ...process.env, ...demoConnectorEnv(feeds) };
    }
    if (mode !== 'serve') {
      workers = await startWorkers({ orm, redisUrl: stores.redisUrl, prefix: config.queuePrefix, concurrency: config.workerConcurrency, log, connectorsDir: config.connectorsDir, connectorEnv, lockMs: config.workerLockMs,
        syncSchedule: config.syncSchedule ? { pattern: config.syncSchedule, connectors: config.connectors } : undefined });
    }
    if (stores.privateRedis || stores.embeddedDatabase) {
      await writeFile(runtimeFile, JSON.stringify({ pid: process.pid, databaseUrl: stores.databaseUrl, redisUrl: stores.redisUrl, queuePrefix: config.queuePrefix }, null, 2), { mode: 0o600 });
    }
    if (feeds) {
      const sync = new SyncService(orm.em.fork(), config.connectorsDir, { secrets: connectorEnv, env: connectorEnv });
      const items: SyncJobData[] = config.connectors.flatMap((connector) => sync.streams(connector).map((stream) => ({ connector, stream, requestedBy: 'demo' })));
      const queue = new Queue(QUEUES.sync, { connection: probe, prefix: config.queuePrefix });
      await enqueueSync(queue, items);
      await queue.close();
      const firstBase = demoWorld!.grids.filter((g) => g.kind === 'base').map((g) => g.code).sort()[0];
      const apiKeys = await createDemoKeys(orm.em.fork(), { gridWorkerGrid: firstBase });
      demo = { url: feeds.url, streams: items.length, keys: feeds.keys, apiKeys };
    }
  } catch (e) {
    await stop();
    throw e;
  }
  log.debug(`database ${redact(stores.databaseUrl)}, redis ${stores.redisUrl}`);
  return { url: http?.url, demo, stores, orm, startupMs: Math.round(performance.now() - t0), stop };
}

/** Connector secrets and feed URLs pointing at the demo feed server. */
export function demoConnectorEnv(feeds: FeedServer): Record<string, string> {
  return {
    POLICE_FEED_URL: feeds.url,
    HEALTH_FEED_URL: feeds.url,
    SAFETY_FEED_URL: feeds.url,
    POLICE_API_KEY: feeds.keys.policeApiKey,
    HEALTH_CLIENT_ID: feeds.keys.healthClientId,
    HEALTH_CLIENT_SECRET: feeds.keys.healthClientSecret,
    SAFETY_API_KEY: feeds.keys.safetyApiKey,
    GRID_CENTER_FEED_URL: feeds.url,
    GRID_CENTER_TOKEN: feeds.keys.gridToken,
  };
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
