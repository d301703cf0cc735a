/**
 * The department feed server: one node:http server serving /police, /health, /safety and /grid-center in each
 * department's own shape, plus /admin (clock, truth, stats) which never faults. The catalog
 * (feed-catalog.ts) walks the world once per tick for counts and stats, and builds the records of a
 * page on demand, one community at a time; a page is a slice of serialised records.
 *
 *   const server = await startFeedServer({ world, port: 0 });
 *   await fetch(`${server.url}/police/rk?page=1&pageSize=500`, { headers: { 'X-Api-Key': server.keys.policeApiKey } });
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { gzip as gzipCallback } from 'node:zlib';
import type { World } from '../world/world-types';
import {
  DEFAULT_FAULTS, DEFAULT_KEYS, FEED_NAMES, resolveNoise,
  type FaultConfig, type FeedKeys, type FeedName, type NoiseConfig, type NoiseOverrides,
} from './feed-config';
import { FeedCatalog, STREAMS } from './feed-catalog';
import { tickStartMs } from './feed-time';
import { FAULT_KINDS, faultDetail, faultFor, type FaultKind } from './fault-plan';
import { HealthTokenStore } from './health-token-store';
import { parseFields, readBody, sendJson, sendText } from './http-io';
import { PageError, planPage, type PagePlan } from './page-plan';
import type { StreamStats, TruthEntry } from './served-record';
import { TRUTH_CSV_HEADER, TruthFile, truthLine, type TruthFormat } from './truth-log';

export interface FeedServerOptions {
  world: World;
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  keys?: Partial<FeedKeys>;
  faults?: Partial<FaultConfig>;
  noise?: NoiseOverrides;
  /** Share of persons with a health record (default 0.75). */
  healthCoverage?: number;
  /** `.csv` or `.jsonl`; written at start, appended when the clock advances. */
  truthFile?: string;
  /** Starting tick (default 0). */
  tick?: number;
  /** Seed of noise and record keys (default: the world's seed). */
  seed?: number;
  /** Gzip data pages for clients sending `Accept-Encoding: gzip` (default false: plain bodies). */
  gzip?: boolean;
}

export interface AdvanceResult {
  previousTick: number;
  tick: number;
  /** Records whose update time moved into (previousTick, tick]. */
  changedRecords: number;
}

export interface FeedServerStats {
  tick: number;
  feeds: Record<FeedName, Record<string, StreamStats>>;
  totals: { records: number; invalid: number };
  requests: { data: number; faults: Record<FaultKind, number> };
}

export interface FeedServer {
  url: string;
  host: string;
  port: number;
  keys: FeedKeys;
  faults: FaultConfig;
  noise: NoiseConfig;
  getTick(): number;
  /** Moves the clock forward to `tick` (no-op when equal; throws RangeError when backward). */
  setTick(tick: number): AdvanceResult;
  advance(days: number): AdvanceResult;
  stats(): FeedServerStats;
  /** Ground truth of every record currently served. */
  truth(): TruthEntry[];
  close(): Promise<void>;
}

const JSON_TYPE = 'application/json; charset=utf-8';
/** server.truth() keeps its answer for the current tick up to this many records. */
const TRUTH_CACHE_MAX = 300_000;
const gzipAsync = promisify(gzipCallback);

export async function startFeedServer(o: FeedServerOptions): Promise<FeedServer> {
  const keys: FeedKeys = { ...DEFAULT_KEYS, ...o.keys };
  const faults: FaultConfig = { ...DEFAULT_FAULTS, ...o.faults };
  const noise = resolveNoise(o.noise);
  const seed = o.seed ?? o.world.spec.seed;
  const truthFile = o.truthFile === undefined ? undefined : new TruthFile(o.truthFile);
  // The truth file is written community by community during the first walk (never held whole).
  truthFile?.writeAll([]);
  const catalog = new FeedCatalog({
    world: o.world, tick: o.tick ?? 0, seed, noise, healthCoverage: o.healthCoverage,
    onInitialTruth: truthFile === undefined ? undefined : (entries) => truthFile.append(entries),
  });
  /**
   * Every record's truth, rebuilt community by community: O(world), meant for tests and small
   * worlds (large ones: the truth file or GET /admin/truth, which stream). Kept for the current
   * tick when small, so repeated calls are cheap.
   */
  let truthCache: { tick: number; entries: TruthEntry[] } | undefined;
  const allTruth = (): TruthEntry[] => {
    if (truthCache?.tick === catalog.tick) return [...truthCache.entries];
    const out: TruthEntry[] = [];
    for (let c = 0; c < catalog.communityCount; c++) for (const t of catalog.truthOf(c)) out.push(t);
    truthCache = out.length <= TRUTH_CACHE_MAX ? { tick: catalog.tick, entries: out } : undefined;
    return truthCache === undefined ? out : [...out];
  };

  const tokens = new HealthTokenStore(keys.healthTokenTtlMs);
  const faultCounts = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  let dataRequests = 0;
  const timers = new Set<NodeJS.Timeout>();

  function setTick(tick: number): AdvanceResult {
    const previousTick = catalog.tick;
    if (!Number.isInteger(tick) || tick < previousTick) throw new RangeError(`the clock only moves forward (now ${previousTick}, asked ${tick})`);
    if (tick === previousTick) return { previousTick, tick, changedRecords: 0 };
    const changedRecords = catalog.advanceTo(tick, truthFile === undefined ? undefined : (entries) => truthFile.append(entries));
    return { previousTick, tick, changedRecords };
  }

  function stats(): FeedServerStats {
    const feeds = { police: {}, health: {}, safety: {}, 'grid-center': {} } as Record<FeedName, Record<string, StreamStats>>;
    const totals = { records: 0, invalid: 0 };
    for (const s of catalog.streams.values()) {
      feeds[s.feed][s.name] = { records: s.stats.records, invalid: s.stats.invalid, noise: { ...s.stats.noise } };
      totals.records += s.stats.records;
      totals.invalid += s.stats.invalid;
    }
    return { tick: catalog.tick, feeds, totals, requests: { data: dataRequests, faults: { ...faultCounts } } };
  }

  function authorised(feed: FeedName, req: IncomingMessage): boolean {
    switch (feed) {
      case 'police':
        return req.headers['x-api-key'] === keys.policeApiKey;
      case 'safety':
        return req.headers.authorization === `ApiKey ${keys.safetyApiKey}`;
      case 'grid-center':
        return req.headers['x-grid-token'] === keys.gridToken;
      case 'health': {
        const h = req.headers.authorization;
        return h !== undefined && h.startsWith('Bearer ') && tokens.valid(h.slice(7));
      }
    }
  }

  function unauthorised(feed: FeedName, res: ServerResponse): void {
    if (feed === 'police') sendJson(res, 401, { code: 401, msg: '认证失败: X-Api-Key 无效' });
    else if (feed === 'health') sendJson(res, 401, { error: 'invalid_token', error_description: 'missing, unknown or expired access token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    else if (feed === 'grid-center') sendJson(res, 401, { success: false, errCode: 'AUTH_FAILED', errMsg: '令牌无效: X-Grid-Token' });
    else sendJson(res, 401, { error: { code: 'UNAUTHORIZED', message: 'Authorization: ApiKey <key> required' } });
  }

  function badRequest(feed: FeedName, res: ServerResponse, message: string): void {
    if (feed === 'police') sendJson(res, 400, { code: 400, msg: message });
    else if (feed === 'health') sendJson(res, 400, { error: 'invalid_request', error_description: message });
    else if (feed === 'grid-center') sendJson(res, 400, { success: false, errCode: 'BAD_PARAM', errMsg: message });
    else sendJson(res, 400, { error: { code: 'BAD_REQUEST', message } });
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendJson(res, 405, { error: 'invalid_request', error_description: 'POST only' });
    const fields = parseFields(await readBody(req), req.headers['content-type']);
    if (fields === undefined) return sendJson(res, 400, { error: 'invalid_request', error_description: 'unreadable body' });
    const basic = req.headers.authorization;
    if (basic?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(basic.slice(6), 'base64').toString('utf8').split(':');
      fields.client_id ??= decodeURIComponent(id ?? '');
      fields.client_secret ??= decodeURIComponent(secret ?? '');
    }
    if (fields.grant_type !== 'client_credentials') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    if (fields.client_id !== keys.healthClientId || fields.client_secret !== keys.healthClientSecret) {
      return sendJson(res, 401, { error: 'invalid_client' });
    }
    sendJson(res, 200, tokens.issue(), { 'cache-control': 'no-store' });
  }

  function serveFault(kind: FaultKind, n: number, res: ServerResponse, body: Buffer): boolean {
    switch (kind) {
      case 'http5xx': {
        const d = faultDetail(faults, n);
        if (d < 1 / 3) sendText(res, 502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html');
        else sendJson(res, d < 2 / 3 ? 500 : 503, { error: 'internal error', requestNo: n });
        return true;
      }
      case 'http429':
        sendJson(res, 429, { error: 'too many requests' }, { 'retry-after': String(faults.retryAfterSeconds) });
        return true;
      case 'timeout': {
        const t = setTimeout(() => {
          timers.delete(t);
          res.destroy();
        }, faults.timeoutMs);
        timers.add(t);
        return true;
      }
      case 'malformed':
      {
        const broken = Buffer.concat([body.subarray(0, Math.floor(body.length / 2)), Buffer.from('\u0000<!-- upstream reset -->')]);
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': broken.length });
        res.end(broken);
        return true;
      }
      case 'truncated': {
        res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': body.length });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        return true;
      }
      case 'duplicatePage':
        return false;
    }
  }

  async function data(feed: FeedName, stream: string, query: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!authorised(feed, req)) return unauthorised(feed, res);
    const s = catalog.streams.get(`${feed}/${stream}`);
    if (s === undefined) return sendJson(res, 404, { error: `unknown stream ${stream}`, streams: STREAMS[feed] });
    if (req.method !== 'GET') return sendJson(res, 405, { error: 'GET only' });
    let plan: PagePlan;
    try {
      plan = planPage(feed, s, new URLSearchParams(query));
    } catch (e) {
      if (e instanceof PageError) return badRequest(feed, res, e.message);
      throw e;
    }
    const n = ++dataRequests;
    const kind = faultFor(faults, n);
    if (faults.latencyMs > 0) await new Promise((r) => setTimeout(r, faults.latencyMs));
    const duplicate = kind === 'duplicatePage' && plan.previous !== undefined;
    if (duplicate) faultCounts.duplicatePage++;
    const range = duplicate && plan.previous !== undefined ? plan.previous : plan;
    const [head, tail] = plan.wrap(duplicate);
    const rows = s.rows(range.start, range.end);
    const compress = o.gzip === true && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (compress) {
      // zlib runs on the libuv thread pool: the event loop stays free for other requests.
      const packed = await gzipAsync(Buffer.concat([Buffer.from(head), rows, Buffer.from(tail)]), { level: 1 });
      if (kind === undefined || kind === 'duplicatePage' || kind === 'malformed' || kind === 'truncated') {
        res.setHeader('content-encoding', 'gzip');
        res.setHeader('vary', 'accept-encoding');
      }
      if (kind !== undefined && kind !== 'duplicatePage') {
        faultCounts[kind]++;
        serveFault(kind, n, res, packed);
        return;
      }
      res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': packed.length });
      res.end(packed);
      return;
    }
    if (kind !== undefined && kind !== 'duplicatePage') {
      faultCounts[kind]++;
      serveFault(kind, n, res, Buffer.concat([Buffer.from(head), rows, Buffer.from(tail)]));
      return;
    }
    // Zero-copy: the rows are one slice of the stream's blob.
    res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': Buffer.byteLength(head) + rows.length + Buffer.byteLength(tail) });
    res.cork();
    res.write(head);
    res.write(rows);
    res.end(tail);
  }

  async function streamTruth(format: TruthFormat, res: ServerResponse): Promise<void> {
    res.writeHead(200, { 'content-type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8' });
    if (format === 'csv') res.write(TRUTH_CSV_HEADER);
    // Community by community, all at the tick the request arrived (even if the clock moves meanwhile).
    const tick = catalog.tick;
    for (let c = 0; c < catalog.communityCount; c++) {
      let buf = '';
      for (const t of catalog.truthOf(c, tick)) buf += truthLine(t, format);
      if (!res.write(buf)) await new Promise((r2) => res.once('drain', r2));
    }
    res.end();
  }

  async function admin(path: string, query: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === '/admin/clock') {
      if (req.method === 'GET') return sendJson(res, 200, { tick: catalog.tick, time: new Date(tickStartMs(catalog.tick)).toISOString() });
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'GET or POST' });
      const fields = parseFields(await readBody(req), 'application/json');
      const target = fields?.tick !== undefined ? Number(fields.tick) : fields?.advance !== undefined ? catalog.tick + Number(fields.advance) : NaN;
      if (!Number.isInteger(target)) return sendJson(res, 400, { error: 'body must be {"advance": n} or {"tick": t} with integers' });
      if (target < catalog.tick) return sendJson(res, 400, { error: `the clock only moves forward (now ${catalog.tick})` });
      return sendJson(res, 200, setTick(target));
    }
    if (path === '/admin/truth' && req.method === 'GET') {
      const format = new URLSearchParams(query).get('format') === 'csv' ? 'csv' : 'jsonl';
      return streamTruth(format, res);
    }
    if (path === '/admin/stats' && req.method === 'GET') return sendJson(res, 200, stats());
    sendJson(res, 404, { error: 'unknown admin endpoint', endpoints: ['GET/POST /admin/clock', 'GET /admin/truth?format=jsonl|csv', 'GET /admin/stats'] });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    if (path.startsWith('/admin/')) return admin(path, query, req, res);
    if (path === '/health/oauth/token') return token(req, res);
    const slash = path.indexOf('/', 1);
    const feed = path.slice(1, slash < 0 ? undefined : slash);
    if (slash > 0 && (FEED_NAMES as readonly string[]).includes(feed)) return data(feed as FeedName, path.slice(slash + 1), query, req, res);
    sendJson(res, 404, { error: 'not found', prefixes: ['/police', '/health', '/safety', '/grid-center', '/admin'] });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: e instanceof Error ? e.message : String(e) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 10_000;
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    keys,
    faults,
    noise,
    getTick: () => catalog.tick,
    setTick,
    advance: (days: number) => setTick(catalog.tick + days),
    stats,
    truth: allTruth,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
