/** Workers on real Redis (random key prefix) and PostgreSQL: jobs run, are recorded, bad input is not retried. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { JobRun, SourceRecord } from '../../../src/db/entities';
import { enqueueSync } from '../../../src/jobs/sync-jobs';
import { demoConnectorEnv } from '../../../src/main/hub';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { CONNECTORS_DIR } from '../ingest/ingest-harness';
import { QUEUES, SCHEDULES } from '../../../src/jobs/queues';
import { createLogger } from '../../../src/main/logger';
import { startWorkers, type RunningWorkers } from '../../../src/main/worker';
import { openTestOrm, randomQueuePrefix } from '../../support/database';
import { readTestState } from '../../support/test-env';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let workers: RunningWorkers;
let queue: Queue;
let events: QueueEvents;
let redis: Redis;
let feeds: FeedServer;
let syncQueue: Queue;
let syncEvents: QueueEvents;
let syncEventsConnection: Redis;
let eventsConnection: Redis;
const prefix = randomQueuePrefix();

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  const redisUrl = readTestState().redisUrl;
  feeds = await startFeedServer({ world: createWorld({ size: 'S', seed: 7 }), port: 0, host: '127.0.0.1' });
  const connectorEnv = { ...demoConnectorEnv(feeds), SAFETY_API_KEY: 'wrong-key' };
  workers = await startWorkers({ orm, redisUrl, prefix, concurrency: 1, log: createLogger('error'), connectorsDir: CONNECTORS_DIR, connectorEnv });
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.maintenance, { connection: redis, prefix });
  eventsConnection = redis.duplicate();
  events = new QueueEvents(QUEUES.maintenance, { connection: eventsConnection, prefix });
  await events.waitUntilReady();
  syncQueue = new Queue(QUEUES.sync, { connection: redis, prefix });
  syncEventsConnection = redis.duplicate();
  syncEvents = new QueueEvents(QUEUES.sync, { connection: syncEventsConnection, prefix });
  await syncEvents.waitUntilReady();
});

afterAll(async () => {
  await workers.close();
  await feeds.close();
  await syncEvents.close();
  await syncQueue.obliterate({ force: true });
  const resolveQueue = new Queue(QUEUES.resolve, { connection: redis, prefix });
  await resolveQueue.obliterate({ force: true });
  await resolveQueue.close();
  await syncQueue.close();
  syncEventsConnection.disconnect();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  redis.disconnect();
  eventsConnection.disconnect();
  await closeDb();
});

it('runs maintenance.analyze and records the run with row estimates', async () => {
  const job = await queue.add('maintenance.analyze', { tables: ['grid', 'person'], requestedBy: 'test' });
  const result = (await job.waitUntilFinished(events, 30000)) as Record<string, number>;
  expect(Object.keys(result).sort()).toEqual(['grid', 'person']);
  const run = await orm.em.fork().findOneOrFail(JobRun, { queueJobId: job.id });
  expect(run).toMatchObject({ kind: 'maintenance.analyze', status: 'succeeded', queue: QUEUES.maintenance });
  expect(run.finishedAt).toBeInstanceOf(Date);
});

it('fails a job with bad input once, without retries, naming what was wrong', async () => {
  const job = await queue.add('maintenance.analyze', { tables: ['pg_authid'] }, { attempts: 3 });
  await expect(job.waitUntilFinished(events, 30000)).rejects.toThrow(/"pg_authid" is not a master table/);
  const failed = await queue.getJob(job.id!);
  expect(failed?.attemptsMade).toBe(1);
});

it('upserts the repeatable schedules with stable ids (no duplicates after restart)', async () => {
  const again = await startWorkers({ orm, redisUrl: readTestState().redisUrl, prefix, concurrency: 1, log: createLogger('error'), connectorsDir: CONNECTORS_DIR });
  await again.close();
  const schedulers = await queue.getJobSchedulers();
  expect(schedulers.map((s) => s.key).sort()).toEqual(SCHEDULES.filter((s) => s.queue === QUEUES.maintenance).map((s) => s.id).sort());
});

it('runs one sync job per stream with progress, storing the stream into source records', async () => {
  const progress: unknown[] = [];
  syncEvents.on('progress', ({ data }) => progress.push(data));
  const [job] = await enqueueSync(syncQueue, [{ connector: 'police', stream: 'rk', requestedBy: 'test' }]);
  const result = (await job.waitUntilFinished(syncEvents, 60000)) as { fetched: number; stored: number; quarantined: number; unchanged: number };
  const served = feeds.truth().filter((t) => t.feed === 'police' && t.stream === 'rk').length;
  expect(result.fetched).toBe(served);
  expect(result.stored + result.quarantined).toBe(served);
  expect(await orm.em.fork().count(SourceRecord, { source: 'police', stream: 'rk' })).toBe(served);
  expect(progress.length).toBeGreaterThan(0);
  expect(progress[progress.length - 1]).toMatchObject({ fetched: served });
});

it('resolves what a sync stored: a debounced resolve job per model builds the golden persons', async () => {
  const deadline = Date.now() + 90000;
  let runs: Array<{ status: string; counts: Record<string, number> }> = [];
  while (Date.now() < deadline) {
    runs = await orm.em.fork().getConnection().execute(`select status, counts from job_run where kind = 'resolve' and params->>'model' = 'person' and status <> 'running'`);
    if (runs.length > 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  expect(runs.map((r) => r.status)).toEqual(['succeeded']);
  const valid = await orm.em.fork().count(SourceRecord, { source: 'police', stream: 'rk', status: 'valid' });
  expect(runs[0]!.counts.touched).toBe(valid);
  const [{ n }] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from person where merged_into_id is null');
  expect(Number(n)).toBe(runs[0]!.counts.clusters);
  expect(Number(n)).toBeGreaterThan(valid * 0.95); // police rk has few duplicates (0.5 % served twice)
}, 100000);

it('fails a sync with wrong credentials at once, without retries, saying what to fix', async () => {
  const [job] = await enqueueSync(syncQueue, [{ connector: 'safety', stream: 'enterprises' }]);
  await expect(job.waitUntilFinished(syncEvents, 60000)).rejects.toThrow(/401 Unauthorized.*credentials/);
  expect((await syncQueue.getJob(job.id!))?.attemptsMade).toBe(1);
  const run = await orm.em.fork().findOneOrFail(JobRun, { kind: 'sync', queueJobId: job.id });
  expect(run.status).toBe('failed');
});

it('keeps one repeatable sync schedule per stream of the scheduled connectors, with stable ids', async () => {
  const options = { orm, redisUrl: readTestState().redisUrl, prefix, concurrency: 1, log: createLogger('error'), connectorsDir: CONNECTORS_DIR, syncSchedule: { pattern: '*/15 * * * *', connectors: ['police', 'safety'] } };
  await (await startWorkers(options)).close();
  await (await startWorkers(options)).close();
  const ids = (await syncQueue.getJobSchedulers()).map((s) => s.key).sort();
  expect(ids).toEqual(['sync:police:bzdz', 'sync:police:fw', 'sync:police:jq', 'sync:police:rk', 'sync:safety:enterprises', 'sync:safety:hazards', 'sync:safety:inspections']);
});
