/**
 * A worker PROCESS killed (SIGKILL) in the middle of a sync: a second worker process picks the
 * stalled job up, resumes from the last committed checkpoint, and the stream ends with exactly the
 * served records — same counts, no duplicates. Uses the compiled CLI (`npm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { enqueueSync } from '../../../src/jobs/sync-jobs';
import { QUEUES } from '../../../src/jobs/queues';
import { demoConnectorEnv } from '../../../src/main/hub';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { openTestOrm, randomQueuePrefix } from '../../support/database';
import { readTestState } from '../../support/test-env';

const CLI = join(__dirname, '../../../dist/src/main/cli.js');
let orm: MikroORM;
let dbUrl: string;
let closeDb: () => Promise<void>;
let feeds: FeedServer;
const prefix = randomQueuePrefix();
const children: ChildProcess[] = [];

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, [CLI, 'worker'], {
    env: {
      ...process.env,
      ...demoConnectorEnv(feeds),
      DATABASE_URL: dbUrl,
      REDIS_URL: readTestState().redisUrl,
      GRIDHUB_QUEUE_PREFIX: prefix,
      WORKER_LOCK_MS: '1500',
      WORKER_CONCURRENCY: '1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: 'ignore',
  });
  children.push(child);
  return child;
}

async function storedKeys(): Promise<{ total: number; distinct: number }> {
  const [row] = await orm.em.fork().getConnection().execute<Array<{ total: string; distinct: string }>>(
    `select count(*) as total, count(distinct record_key) as distinct from source_record where source = 'police' and stream = 'rk'`,
  );
  return { total: Number(row.total), distinct: Number(row.distinct) };
}

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it in pretest).`);
  const t = await openTestOrm();
  orm = t.orm;
  dbUrl = t.db.url;
  closeDb = t.close;
  // 150 ms per page keeps the sync of police/rk (~10 pages) running long enough to kill it mid-way.
  feeds = await startFeedServer({ world: createWorld({ size: 'S', seed: 7 }), port: 0, host: '127.0.0.1', faults: { latencyMs: 150 } });
});

afterAll(async () => {
  for (const c of children) {
    if (c.exitCode === null && c.signalCode === null) {
      c.kill('SIGKILL');
      await new Promise((r) => c.once('exit', r));
    }
  }
  await feeds.close();
  await closeDb();
});

it('resumes a sync after its worker process is killed, with the same counts and no duplicates', async () => {
  const served = feeds.truth().filter((t) => t.feed === 'police' && t.stream === 'rk').length;
  const redis = new Redis(readTestState().redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.sync, { connection: redis, prefix });
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents(QUEUES.sync, { connection: eventsConnection, prefix });
  await events.waitUntilReady();
  try {
    const first = startWorkerProcess();
    const [job] = await enqueueSync(queue, [{ connector: 'police', stream: 'rk', requestedBy: 'test' }]);
    // Kill the first worker once it has committed a few pages.
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no progress from the first worker within 60 s')), 60000);
      events.on('progress', ({ jobId, data }) => {
        if (jobId === job.id && (data as { pages: number }).pages >= 3 && first.exitCode === null) {
          clearTimeout(timer);
          first.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => first.once('exit', r));
    const midway = await storedKeys();
    expect(midway.total).toBeGreaterThan(0);
    expect(midway.total).toBeLessThan(served);

    startWorkerProcess();
    await job.waitUntilFinished(events, 90000);
    const end = await storedKeys();
    expect(end.total).toBe(served);
    expect(end.distinct).toBe(served);
    const [versions] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from source_record_version');
    expect(Number(versions.n)).toBe(0);
    // The killed attempt's run is closed as interrupted, the resumed one succeeded: none left running.
    const runs = await orm.em.fork().getConnection().execute<Array<{ status: string; error: string | null }>>(
      `select status, error from job_run where kind = 'sync' and queue_job_id = ? order by id`,
      [job.id],
    );
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(runs[0]!.error).toMatch(/^interrupted/);
  } finally {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    redis.disconnect();
    eventsConnection.disconnect();
  }
});
