/**
 * readStream and the requester on a fake API and a fake clock: pages and checkpoints, retries of
 * every transient outcome with Retry-After honoured, duplicated pages skipped, resume after a
 * crash, OAuth2 token refresh, clear failures.
 */
import type { ConnectorManifest, StreamSpec } from '../../../src/ingest/manifest/manifest-types';
import { createConnector, type Connector } from '../../../src/ingest/runtime/connector';
import { readStream, type StreamPage } from '../../../src/ingest/runtime/read-stream';
import type { StreamState } from '../../../src/ingest/runtime/stream-state';
import { fakeAdapter, type FakeReply, type FakeRequest } from './fake-api';
import { FakeClock } from './fake-clock';

const stream: StreamSpec = {
  name: 'people',
  path: '/people',
  entityType: 'person',
  recordSelector: 'rows',
  primaryKey: ['id'],
  pagination: { kind: 'page_number', pageParam: 'page', sizeParam: 'size', totalPath: 'total', pageSize: 2, startAt: 1 },
  incremental: { cursorField: 'ts', cursorFormat: 'compact', requestParam: 'since', requestFormat: 'compact', tieBreakerField: 'id' },
  mapping: { fields: { name: { from: 'name', required: true } } },
};

function manifest(over: Partial<ConnectorManifest> = {}): ConnectorManifest {
  return {
    version: 1, name: 'demo', description: 'demo', baseUrl: 'http://demo.invalid',
    auth: { kind: 'api_key_header', header: 'X-Api-Key', secretRef: 'env:DEMO_KEY' },
    rateLimit: { requestsPerSecond: 1000, burst: 100 }, concurrency: 2, requestTimeoutMs: 1000, maxPageSize: 100,
    retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1000 },
    streams: [stream], ...over,
  };
}

type Row = { id: string; name: string; ts: string };
const ROWS: Row[] = [
  { id: 'a', name: 'A', ts: '20260101090000' },
  { id: 'b', name: 'B', ts: '20260101090000' },
  { id: 'c', name: 'C', ts: '20260101100000' },
  { id: 'd', name: 'D', ts: '20260101110000' },
  { id: 'e', name: '', ts: '20260101120000' },
];

/** A page-number API over ROWS honouring `since` (exclusive, compact +08:00). */
function pageOf(req: FakeRequest, rows: Row[] = ROWS): FakeReply {
  const since = req.params.since;
  const live = since === undefined ? rows : rows.filter((r) => r.ts > since);
  const page = Number(req.params.page);
  const size = Number(req.params.size);
  return { status: 200, body: { total: live.length, rows: live.slice((page - 1) * size, page * size) } };
}

function setup(handler: (req: FakeRequest, n: number) => FakeReply, over: Partial<ConnectorManifest> = {}, secrets: Record<string, string> = { DEMO_KEY: 'k' }) {
  const clock = new FakeClock();
  const log: FakeRequest[] = [];
  const c: Connector = createConnector(manifest(over), {}, { secrets, clock, random: () => 0.5 });
  c.requester.http.defaults.adapter = fakeAdapter(handler, log);
  return { c, clock, log };
}

async function collect(c: Connector, state: StreamState = {}, stopAfter = Infinity): Promise<StreamPage[]> {
  const pages: StreamPage[] = [];
  for await (const p of readStream(c, 'people', state)) {
    pages.push(p);
    if (pages.length >= stopAfter) break;
  }
  return pages;
}

const keys = (pages: StreamPage[]) => pages.flatMap((p) => p.records.map((r) => r.key));

describe('readStream', () => {
  it('walks all pages with auth, yields mapped records and a checkpoint per page', async () => {
    const { c, log } = setup((req) => pageOf(req));
    const pages = await collect(c);
    expect(keys(pages)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(pages.map((p) => p.done)).toEqual([false, false, true]);
    expect(pages[0]!.nextState).toEqual({ cursor: { value: '2026-01-01T01:00:00.000Z', tieBreaker: 'b' } });
    expect(pages[2]!.nextState).toEqual({ cursor: { value: '2026-01-01T04:00:00.000Z', tieBreaker: 'e' } });
    expect(pages[2]!.records[0]!.quarantined).toBe(true);
    expect(log.map((r) => r.params)).toEqual([{ page: '1', size: '2' }, { page: '2', size: '2' }, { page: '3', size: '2' }]);
    expect(log[0]!.headers['x-api-key']).toBe('k');
  });

  it('resumes from a checkpoint after a crash: no loss, no doubles, boundary second re-asked', async () => {
    const rows = [...ROWS.slice(0, 2), { id: 'b2', name: 'B2', ts: '20260101090000' }, ...ROWS.slice(2)];
    const first = setup((req) => pageOf(req, rows));
    const crashed = await collect(first.c, {}, 1);
    expect(keys(crashed)).toEqual(['a', 'b']);
    const second = setup((req) => pageOf(req, rows));
    const rest = await collect(second.c, crashed[0]!.nextState);
    expect(second.log[0]!.params.since).toBe('20260101085959');
    expect(keys(rest)).toEqual(['b2', 'c', 'd', 'e']);
    expect(rest.reduce((n, p) => n + p.skipped, 0)).toBe(2);
  });

  it('retries 5xx, timeouts, resets, malformed and truncated bodies with jittered backoff', async () => {
    const faults: FakeReply[] = [
      { status: 503, body: 'down' },
      { error: 'ECONNABORTED', message: 'timeout of 1000ms exceeded' },
      { error: 'ECONNRESET', message: 'socket hang up' },
      { status: 200, body: '{"total":5,"rows":[{"id":"a"' },
      { status: 200, body: '<html>' },
    ];
    const { c, clock } = setup((req, n) => (n <= faults.length ? faults[n - 1]! : pageOf(req)), { retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 } });
    expect(keys(await collect(c))).toEqual(['a', 'b', 'c', 'd', 'e']);
    // random = 0.5: half of min(cap, 100·2^(n−1)) for attempts 1..4, then attempt 5 succeeds.
    expect(clock.sleeps).toEqual([50, 100, 200, 400, 500]);
    expect(c.requester.stats.retries).toMatchObject({ http_503: 1, timeout: 1, network: 1, malformed: 2 });
  });

  it('honours Retry-After on 429 (seconds and HTTP date) without real waiting', async () => {
    const { c, clock } = setup((req, n) => {
      if (n === 1) return { status: 429, body: {}, headers: { 'retry-after': '3' } };
      if (n === 2) return { status: 429, body: {}, headers: { 'retry-after': new Date(clock.now() + 7000).toUTCString() } };
      return pageOf(req);
    });
    await collect(c);
    expect(clock.sleeps[0]).toBe(3000);
    expect(clock.sleeps[1]).toBeGreaterThanOrEqual(6000);
    expect(clock.sleeps[1]).toBeLessThanOrEqual(7000);
  });

  it('skips a duplicated page (the previous rows served again) by asking again', async () => {
    const { c, log } = setup((req, n) => (n === 2 ? pageOf({ ...req, params: { ...req.params, page: '1' } }) : pageOf(req)));
    const pages = await collect(c);
    expect(keys(pages)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(log.map((r) => r.params.page)).toEqual(['1', '2', '2', '3']);
    expect(c.requester.stats.retries.duplicate_page).toBe(1);
  });

  it('gives up after maxAttempts with a message naming the URL and the last reason', async () => {
    const { c } = setup(() => ({ status: 500, body: 'x' }));
    await expect(collect(c)).rejects.toThrow('demo: GET http://demo.invalid/people still failing after 5 attempts (last: http_500)');
  });

  it('fails at once on 403 and 404, naming what to check', async () => {
    await expect(collect(setup(() => ({ status: 403, body: { msg: 'no' } })).c)).rejects.toThrow(/demo: 403 Forbidden from http:\/\/demo.invalid\/people/);
    const nf = setup(() => ({ status: 404, body: {} }));
    await expect(collect(nf.c)).rejects.toThrow(/check baseUrl and the stream path/);
    expect(nf.log).toHaveLength(1);
  });

  it('OAuth2: fetches a token once, refreshes before expiry and after a 401', async () => {
    let issued = 0;
    let valid = '';
    const { c, clock, log } = setup(
      (req) => {
        if (req.method === 'POST') {
          expect(req.body).toBe('grant_type=client_credentials&client_id=id&client_secret=sec');
          valid = `t${++issued}`;
          return { status: 200, body: { access_token: valid, token_type: 'Bearer', expires_in: 120 } };
        }
        if (req.headers.authorization !== `Bearer ${valid}`) return { status: 401, body: { error: 'invalid_token' } };
        return pageOf(req);
      },
      { auth: { kind: 'oauth2_client_credentials', tokenUrl: '/oauth/token', clientIdRef: 'env:ID', clientSecretRef: 'env:SECRET', refreshBeforeExpirySeconds: 60 } },
      { ID: 'id', SECRET: 'sec' },
    );
    const oauth = c;
    await collect(oauth);
    expect(issued).toBe(1);
    clock.t += 61_000; // inside the refresh window
    await collect(oauth);
    expect(issued).toBe(2);
    valid = 'revoked-by-server';
    await collect(oauth);
    expect(issued).toBe(3);
    expect(log.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual(Array(3).fill('http://demo.invalid/oauth/token'));
  });

  it('OAuth2: a token endpoint failing transiently (503) is retried like a data request; a 4xx fails naming the token endpoint', async () => {
    let tokenCalls = 0;
    const oauth = { auth: { kind: 'oauth2_client_credentials', tokenUrl: '/oauth/token', clientIdRef: 'env:ID', clientSecretRef: 'env:SECRET', refreshBeforeExpirySeconds: 60 } } as const;
    const flaky = setup(
      (req) => {
        if (req.method === 'POST') return ++tokenCalls <= 2 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { access_token: 't', token_type: 'Bearer', expires_in: 120 } };
        return pageOf(req);
      },
      oauth,
      { ID: 'id', SECRET: 'sec' },
    );
    await collect(flaky.c);
    expect(tokenCalls).toBe(3);
    const denied = setup((req) => (req.method === 'POST' ? { status: 400, body: { error: 'invalid_client' } } : pageOf(req)), oauth, { ID: 'id', SECRET: 'wrong' });
    await expect(collect(denied.c)).rejects.toThrow(/token endpoint/);
  });

  it('stops on abort', async () => {
    const { c } = setup((req) => pageOf(req));
    const ac = new AbortController();
    const it = readStream(c, 'people', {}, { signal: ac.signal });
    await it.next();
    ac.abort();
    await expect(it.next()).rejects.toThrow('aborted');
  });

  it('names unknown streams', async () => {
    const { c } = setup((req) => pageOf(req));
    await expect(readStream(c, 'nope', {}).next()).rejects.toThrow("connector demo has no stream 'nope' (streams: people)");
  });
});
