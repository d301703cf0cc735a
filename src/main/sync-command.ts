/**
 * `gridhub sync [connector...] [--stream S] [--full] [--wait]`: queue one sync job per stream on the
 * `sync` queue (run by `gridhub worker` or `gridhub start`); with --wait, show live progress per
 * stream and a summary table. Without REDIS_URL it finds a running `gridhub start` through
 * <GRIDHUB_DATA_DIR>/runtime.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue, QueueEvents, type Job } from 'bullmq';
import type { Command } from 'commander';
import { loadManifest } from '../ingest';
import { QUEUES } from '../jobs/queues';
import { enqueueSync, type SyncJobData } from '../jobs/sync-jobs';
import type { SyncCounts } from '../services/sync.service';
import { loadConfig } from './config';
import { createRedis } from './redis';
import { textTable } from './text-table';

interface Runtime {
  redisUrl?: string;
  queuePrefix?: string;
}

function runtimeOf(dataDir: string): Runtime {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'runtime.json'), 'utf8')) as Runtime;
  } catch {
    return {};
  }
}

interface Row extends Pick<SyncCounts, 'pages' | 'fetched' | 'stored' | 'unchanged' | 'quarantined' | 'tombstoned'> {
  connector: string;
  stream: string;
  state: string;
  seconds: number;
}

const COLUMNS: Array<keyof Row> = ['connector', 'stream', 'state', 'pages', 'fetched', 'stored', 'unchanged', 'quarantined', 'tombstoned', 'seconds'];

export function formatTable(rows: Row[]): string {
  const cells = [COLUMNS.map(String), ...rows.map((r) => COLUMNS.map((c) => String(r[c])))];
  return textTable(cells, 3);
}

function bar(fetched: number, done: boolean): string {
  const width = 20;
  const filled = done ? width : Math.min(width - 1, Math.floor(Math.log10(fetched + 1) * 4));
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`;
}

export async function runSync(names: string[], o: { stream?: string; full?: boolean; wait?: boolean }): Promise<number> {
  const config = loadConfig();
  const runtime = runtimeOf(config.dataDir);
  const redisUrl = config.redisUrl ?? runtime.redisUrl;
  if (!redisUrl) throw new Error('REDIS_URL is not set and no running `gridhub start` was found (no runtime.json in GRIDHUB_DATA_DIR). Start gridhub or set REDIS_URL.');
  const prefix = process.env.GRIDHUB_QUEUE_PREFIX ? config.queuePrefix : (runtime.queuePrefix ?? config.queuePrefix);
  const connectors = names.length > 0 ? names : config.connectors;
  const items: SyncJobData[] = [];
  for (const connector of connectors) {
    const c = loadManifest(join(config.connectorsDir, connector));
    const streams = c.manifest.streams.map((s) => s.name).filter((s) => !o.stream || s === o.stream);
    if (o.stream && streams.length === 0) throw new Error(`connector ${connector} has no stream ${JSON.stringify(o.stream)}; it has ${c.manifest.streams.map((s) => s.name).join(', ')}`);
    for (const stream of streams) items.push({ connector, stream, mode: o.full ? 'full' : 'incremental', requestedBy: 'cli' });
  }
  const connection = createRedis(redisUrl, 'worker');
  const queue = new Queue(QUEUES.sync, { connection, prefix });
  try {
    const jobs = await enqueueSync(queue, items);
    if (!o.wait) {
      for (const j of jobs) process.stdout.write(`queued ${j.data.connector}/${j.data.stream} as job ${j.id}\n`);
      return 0;
    }
    return await follow(jobs, new QueueEvents(QUEUES.sync, { connection: connection.duplicate(), prefix }));
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

async function follow(jobs: Job<SyncJobData>[], events: QueueEvents): Promise<number> {
  const t0 = Date.now();
  const rows = new Map<string, Row>();
  for (const j of jobs) rows.set(j.id!, { connector: j.data.connector, stream: j.data.stream, state: 'queued', pages: 0, fetched: 0, stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, seconds: 0 });
  const tty = process.stdout.isTTY === true;
  let drawn = 0;
  const draw = () => {
    if (!tty) return;
    if (drawn) process.stdout.write(`\x1b[${drawn}A`);
    const lines = [...rows.values()].map((r) => `${bar(r.fetched, r.state === 'done')} ${`${r.connector}/${r.stream}`.padEnd(24)} ${r.state.padEnd(8)} ${r.fetched} fetched, ${r.stored} stored, ${r.quarantined} quarantined`);
    process.stdout.write(lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
    drawn = lines.length;
  };
  const update = (id: string, patch: Partial<Row>) => {
    const row = rows.get(id);
    if (!row) return;
    Object.assign(row, patch, { seconds: Math.round((Date.now() - t0) / 100) / 10 });
    draw();
  };
  events.on('active', ({ jobId }) => update(jobId, { state: 'running' }));
  events.on('progress', ({ jobId, data }) => update(jobId, data as Partial<Row>));
  await events.waitUntilReady();
  draw();
  let failures = 0;
  await Promise.all(
    jobs.map((j) =>
      j.waitUntilFinished(events).then(
        (result: Partial<Row>) => update(j.id!, { ...result, state: 'done' }),
        (e: Error) => {
          failures++;
          update(j.id!, { state: 'failed' });
          process.stderr.write(`${j.data.connector}/${j.data.stream}: ${e.message}\n`);
        },
      ),
    ),
  );
  await events.close();
  process.stdout.write(`\n${formatTable([...rows.values()])}\n`);
  return failures > 0 ? 1 : 0;
}

export function registerSyncCommand(program: Command): Command {
  return program
    .command('sync')
    .description('Queue one sync job per stream of the named connectors (default GRIDHUB_CONNECTORS); with --wait, show live progress and a summary table. A worker (`gridhub start` or `gridhub worker`) runs the jobs.')
    .argument('[connectors...]', 'connector names (folders under GRIDHUB_CONNECTORS_DIR)')
    .option('--stream <name>', 'only this stream')
    .option('--full', 'full refresh instead of incremental from the checkpoint')
    .option('--wait', 'wait for the jobs, showing progress per stream, then print a summary table (exit 1 if one failed)')
    .action(async (names: string[], opts: { stream?: string; full?: boolean; wait?: boolean }) => {
      process.exitCode = await runSync(names, opts);
    });
}
