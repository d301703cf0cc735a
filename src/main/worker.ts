/** Worker processes: one BullMQ Worker per queue, repeatable schedules upserted with stable ids. */
import { Queue, Worker } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { eventColoursProcessor } from '../jobs/event-colours.processor';
import { maintenanceProcessor } from '../jobs/maintenance.processor';
import { reconcileProcessor } from '../jobs/reconcile.processor';
import { syncProcessor } from '../jobs/sync.processor';
import { SYNC_JOB_OPTIONS, syncJobKey } from '../jobs/sync-jobs';
import { SyncService } from '../services/sync.service';
import { QUEUES, SCHEDULES } from '../jobs/queues';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { enqueueResolve } from '../jobs/resolve-jobs';
import { resolveProcessor } from '../jobs/resolve.processor';
import { stageNames } from '../services/pipeline';
import type { Logger } from './logger';
import { createRedis } from './redis';

export interface RunningWorkers {
  close(): Promise<void>;
}

export interface WorkerOptions {
  orm: MikroORM;
  redisUrl: string;
  prefix: string;
  concurrency: number;
  log: Logger;
  connectorsDir: string;
  /** Job lock duration (default 30 s): a dead worker's jobs count as stalled after it and are retried. */
  lockMs?: number;
  /** Repeatable incremental sync of every stream of these connectors. */
  syncSchedule?: { pattern: string; connectors: string[] };
  /** Secrets and feed URLs the connectors read (`env:NAME` refs, `<DEPT>_FEED_URL`); default process.env. */
  connectorEnv?: Readonly<Record<string, string | undefined>>;
  /** Queue an incremental resolve of every model after a sync changed source records (default true). */
  resolveAfterSync?: boolean;
}

export async function startWorkers(opts: WorkerOptions): Promise<RunningWorkers> {
  const connection = createRedis(opts.redisUrl, 'worker');
  const queueConnection = createRedis(opts.redisUrl, 'queue');
  // Aborted on close: a running sync stops after its current (atomically committed) page.
  const shutdown = new AbortController();
  const connectorEnv = opts.connectorEnv ?? process.env;
  const newSyncService = () => new SyncService(opts.orm.em.fork(), opts.connectorsDir, { secrets: connectorEnv, env: connectorEnv });
  const resolveQueue = new Queue(QUEUES.resolve, { connection: queueConnection, prefix: opts.prefix });
  // One resolve at a time across every worker process: runs of a model never overlap.
  await resolveQueue.setGlobalConcurrency(1);
  // Every pipeline stage in order: the grid tree and address register first, then the models, then relations.
  const afterSync = opts.resolveAfterSync === false ? undefined : async () => enqueueResolve(resolveQueue, stageNames().map((model) => ({ model, requestedBy: 'sync' })));
  const workers = [
    new Worker(QUEUES.maintenance, maintenanceProcessor(opts.orm), { connection, prefix: opts.prefix, concurrency: opts.concurrency }),
    new Worker(QUEUES.resolve, resolveProcessor(() => opts.orm.em.fork()), { connection, prefix: opts.prefix, concurrency: 1 }),
    new Worker(QUEUES.reconcile, reconcileProcessor(() => opts.orm.em.fork()), { connection, prefix: opts.prefix, concurrency: 1 }),
    new Worker(QUEUES.events, eventColoursProcessor(() => opts.orm.em.fork()), { connection, prefix: opts.prefix, concurrency: 1 }),
    new Worker(QUEUES.sync, syncProcessor(newSyncService, shutdown.signal, afterSync), {
      connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency,
      lockDuration: opts.lockMs ?? 30000,
      stalledInterval: opts.lockMs ?? 30000,
    }),
  ];
  for (const w of workers) {
    w.on('failed', (job, err) => opts.log.warn(`job ${w.name}/${job?.name}#${job?.id} failed: ${err.message}`));
    w.on('error', (err) => opts.log.error(`worker ${w.name}: ${err.message}`));
  }
  const queues = new Map<string, Queue>([[QUEUES.resolve, resolveQueue]]);
  for (const s of SCHEDULES) {
    let q = queues.get(s.queue);
    if (!q) {
      q = new Queue(s.queue, { connection: queueConnection, prefix: opts.prefix });
      queues.set(s.queue, q);
    }
    await q.upsertJobScheduler(s.id, { pattern: s.pattern }, { name: s.name, data: s.data });
  }
  if (opts.syncSchedule) {
    const q = new Queue(QUEUES.sync, { connection: queueConnection, prefix: opts.prefix });
    queues.set(QUEUES.sync, q);
    const service = newSyncService();
    for (const connector of opts.syncSchedule.connectors) {
      for (const stream of service.streams(connector)) {
        await q.upsertJobScheduler(
          syncJobKey(connector, stream),
          { pattern: opts.syncSchedule.pattern },
          { name: 'sync.stream', data: { connector, stream, requestedBy: 'schedule' }, opts: SYNC_JOB_OPTIONS },
        );
      }
    }
  }
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  // Runs a killed process left `running`: closed as failed (their jobs are retried from the checkpoint).
  const closed = await new JobRunRepository(opts.orm.em.fork()).failInterrupted(async (queue, jobId) => {
    let q = queues.get(queue);
    if (!q) {
      q = new Queue(queue, { connection: queueConnection, prefix: opts.prefix });
      queues.set(queue, q);
    }
    const job = await q.getJob(jobId);
    return job !== undefined && (await job.getState()) === 'active';
  });
  if (closed.length > 0) opts.log.warn(`closed ${closed.length} job run(s) left running by a stopped process: ${closed.join(', ')}`);
  opts.log.info(`workers ready: ${workers.map((w) => w.name).join(', ')} (concurrency ${opts.concurrency}, prefix ${opts.prefix})`);
  return {
    close: async () => {
      // Running syncs stop after their current page; Worker.close() waits for the jobs to settle.
      shutdown.abort();
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all([connection.quit(), queueConnection.quit()]);
    },
  };
}
