/**
 * Measures how many records per second the feed server serves: the server runs on this thread
 * (one core), clients run in worker threads walking a stream in pages over loopback and parsing
 * every page. `main()` builds a real world (`createWorld`, size from argv[0] or GRIDHUB_SIM_SIZE,
 * default S; seconds per stream argv[1], default 5; argv[2] 'gzip' to serve gzip) and prints the
 * figures; `measureServing()` takes any World.
 *
 *   npx tsc -p tsconfig.build.json && node -e "require('./dist/src/simulator/feeds/measure-serving').main()"
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SizeName, World } from '../world/world-types';
import type { FeedName } from './feed-config';
import { startFeedServer } from './feed-server';

export interface ServingMeasurement {
  feed: FeedName;
  stream: string;
  pageSize: number;
  clients: number;
  seconds: number;
  records: number;
  pages: number;
  bytes: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  /** Share of the time the server's event loop (its one core) was busy. */
  serverBusy: number;
  /** recordsPerSecond / serverBusy: what one fully busy core would serve. */
  recordsPerCoreSecond: number;
}

export interface ServingReport {
  buildMs: number;
  recordsServedByFeeds: number;
  heapMb: number;
  results: ServingMeasurement[];
}

export interface MeasureOptions {
  world: World;
  seconds?: number;
  clients?: number;
  pageSize?: number;
  streams?: Array<[FeedName, string]>;
  /** Serve gzip (clients ask for it). */
  gzip?: boolean;
}

/** Client loop (CommonJS, evaluated in a worker): walk the stream page by page until the deadline, wrapping around. */
const CLIENT = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { url, feed, stream, pageSize, headers, until } = workerData;
  let records = 0, pages = 0, bytes = 0, page = 1, offset = 0, cursor = null;
  while (Date.now() < until) {
    let q;
    if (feed === 'police') q = 'page=' + page + '&pageSize=' + pageSize;
    else if (feed === 'health') q = 'limit=' + pageSize + (cursor ? '&cursor=' + cursor : '');
    else q = 'offset=' + offset + '&limit=' + pageSize;
    const res = await fetch(url + '/' + feed + '/' + stream + '?' + q, { headers });
    const text = await res.text();
    if (res.status !== 200) throw new Error(feed + ' ' + res.status + ' ' + text.slice(0, 200));
    bytes += text.length;
    pages++;
    const body = JSON.parse(text);
    const rows = feed === 'police' ? body.rows : feed === 'health' ? body.data : body.items;
    records += rows.length;
    if (feed === 'police') page = rows.length < pageSize ? 1 : page + 1;
    else if (feed === 'health') cursor = body.next_cursor;
    else offset = body.hasMore ? offset + rows.length : 0;
  }
  parentPort.postMessage({ records, pages, bytes });
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

interface ClientResult {
  records: number;
  pages: number;
  bytes: number;
  error?: string;
}

function runClient(data: Record<string, unknown>): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CLIENT, { eval: true, workerData: data });
    w.once('message', (m: ClientResult) => {
      void w.terminate();
      if (m.error !== undefined) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

export async function measureServing(o: MeasureOptions): Promise<ServingReport> {
  const seconds = o.seconds ?? 5;
  const clients = o.clients ?? 2;
  const pageSize = o.pageSize ?? 500;
  const streams = o.streams ?? [['police', 'rk'], ['health', 'jmjkda'], ['safety', 'enterprises']];
  const t0 = Date.now();
  const server = await startFeedServer({ world: o.world, port: 0, gzip: o.gzip });
  const buildMs = Date.now() - t0;
  const stats = server.stats();
  const results: ServingMeasurement[] = [];
  try {
    for (const [feed, stream] of streams) {
      let headers: Record<string, string>;
      if (feed === 'police') headers = { 'X-Api-Key': server.keys.policeApiKey };
      else if (feed === 'safety') headers = { Authorization: `ApiKey ${server.keys.safetyApiKey}` };
      else {
        const res = await fetch(`${server.url}/health/oauth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'client_credentials', client_id: server.keys.healthClientId, client_secret: server.keys.healthClientSecret }),
        });
        headers = { Authorization: `Bearer ${((await res.json()) as { access_token: string }).access_token}` };
      }
      const elu = performance.eventLoopUtilization();
      const started = Date.now();
      const until = started + seconds * 1000;
      if (o.gzip === true) headers['Accept-Encoding'] = 'gzip';
      const parts = await Promise.all(Array.from({ length: clients }, () => runClient({ url: server.url, feed, stream, pageSize, headers, until })));
      const elapsed = (Date.now() - started) / 1000;
      const busy = performance.eventLoopUtilization(elu).utilization;
      const sum = parts.reduce((a, b) => ({ records: a.records + b.records, pages: a.pages + b.pages, bytes: a.bytes + b.bytes }), { records: 0, pages: 0, bytes: 0 });
      results.push({
        feed, stream, pageSize, clients, seconds: elapsed, ...sum,
        recordsPerSecond: Math.round(sum.records / elapsed),
        megabytesPerSecond: Math.round((sum.bytes / elapsed / 1e6) * 10) / 10,
        serverBusy: Math.round(busy * 100) / 100,
        recordsPerCoreSecond: Math.round(sum.records / elapsed / Math.max(busy, 0.01)),
      });
    }
  } finally {
    await server.close();
  }
  return { buildMs, recordsServedByFeeds: stats.totals.records, heapMb: Math.round(process.memoryUsage().heapUsed / 1e6), results };
}

export function formatReport(label: string, r: ServingReport): string {
  const lines = [
    `feed serving — ${label}: ${r.recordsServedByFeeds} records built in ${r.buildMs} ms, heap ${r.heapMb} MB`,
    ...r.results.map((m) => `  ${`${m.feed}/${m.stream}`.padEnd(22)} ${String(m.recordsPerSecond).padStart(8)} records/s  ${String(m.megabytesPerSecond).padStart(6)} MB/s  server busy ${Math.round(m.serverBusy * 100)}% → ${m.recordsPerCoreSecond} records/core-s  (${m.pages} pages of ${m.pageSize}, ${m.clients} clients, ${m.seconds.toFixed(1)} s)`),
  ];
  return lines.join('\n');
}

type CreateWorld = (o: { size: SizeName; seed: number }) => World;

/**
 * Loads the world generator at run time: feeds/ imports only the world contract (world-types), and
 * main() is the one composition root here that needs a concrete world.
 */
export function loadCreateWorld(): CreateWorld {
  const mod = require('../world/create-world') as { createWorld: CreateWorld };
  return mod.createWorld;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<ServingReport> {
  const size = (argv[0] ?? process.env.GRIDHUB_SIM_SIZE ?? 'S') as SizeName;
  const seconds = Number(argv[1] ?? process.env.GRIDHUB_BENCH_SECONDS ?? 5);
  const world = loadCreateWorld()({ size, seed: 1 });
  const gzip = argv[2] === 'gzip';
  const report = await measureServing({ world, seconds, gzip });
  process.stdout.write(`${formatReport(`world ${size}, seed 1${gzip ? ', gzip' : ''}`, report)}\n`);
  return report;
}
