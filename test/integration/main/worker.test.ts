/** Workers on real Redis (random key prefix) and PostgreSQL: jobs run, are recorded, bad input is not retried. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { JobRun } from '../../../src/db/entities';
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
let eventsConnection: Redis;
const prefix = randomQueuePrefix();

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  const redisUrl = readTestState().redisUrl;
  workers = await startWorkers({ orm, redisUrl, prefix, concurrency: 1, log: createLogger('error') });
  redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUES.maintenance, { connection: redis, prefix });
  eventsConnection = redis.duplicate();
  events = new QueueEvents(QUEUES.maintenance, { connection: eventsConnection, prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  await workers.close();
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
  const again = await startWorkers({ orm, redisUrl: readTestState().redisUrl, prefix, concurrency: 1, log: createLogger('error') });
  await again.close();
  const schedulers = await queue.getJobSchedulers();
  expect(schedulers.map((s) => s.key).sort()).toEqual(SCHEDULES.map((s) => s.id).sort());
});
