/**
 * Faults on demand: each kind appears at roughly its configured rate over a seeded request
 * sequence, admin endpoints never fault, and a client that retries gets exactly the data a
 * fault-free server serves.
 */
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import type { FeedName } from '../../../src/simulator/feeds/feed-config';
import { createFixtureWorld } from '../../support/simulator-fixture-world';
import { authHeaders, firstQuery, keysOf, readPage, walk, type Page, type Row } from './feed-client';

const world = createFixtureWorld({ communities: 3, personsPerCommunity: 60 });
const FAULTS = {
  rate5xx: 0.1, rateTimeout: 0.04, rate429: 0.08, rateMalformed: 0.06, rateTruncated: 0.06, rateDuplicatePage: 0.06,
  timeoutMs: 150, retryAfterSeconds: 2, seed: 42,
};

type Outcome = 'ok' | 'http5xx' | 'http429' | 'timeout' | 'truncated' | 'malformed' | 'duplicatePage';

async function attempt(server: FeedServer, feed: FeedName, stream: string, query: string, headers: Record<string, string>): Promise<{ outcome: Outcome; page?: Page; res?: Response }> {
  const started = Date.now();
  let res: Response;
  let raw: string;
  try {
    res = await fetch(`${server.url}/${feed}/${stream}?${query}`, { headers });
    raw = await res.text();
  } catch {
    return { outcome: Date.now() - started >= FAULTS.timeoutMs - 10 ? 'timeout' : 'truncated' };
  }
  if (res.status >= 500) return { outcome: 'http5xx', res };
  if (res.status === 429) return { outcome: 'http429', res };
  try {
    return { outcome: 'ok', page: readPage(feed, query, raw), res };
  } catch {
    return { outcome: 'malformed', res };
  }
}

describe('feed faults', () => {
  let faulty: FeedServer;
  let clean: FeedServer;

  beforeAll(async () => {
    faulty = await startFeedServer({ world, faults: FAULTS });
    clean = await startFeedServer({ world });
  });
  afterAll(async () => {
    await faulty.close();
    await clean.close();
  });

  it('each fault kind shows at roughly its rate; admin never faults', async () => {
    const headers = await authHeaders(faulty, 'police');
    const good = await (await fetch(`${clean.url}/police/rk?page=2&pageSize=20`, { headers: { 'X-Api-Key': clean.keys.policeApiKey } })).text();
    const previous = await (await fetch(`${clean.url}/police/rk?page=1&pageSize=20`, { headers: { 'X-Api-Key': clean.keys.policeApiKey } })).text();
    const prevRows = JSON.stringify((JSON.parse(previous) as { rows: Row[] }).rows);
    const counts: Record<Outcome, number> = { ok: 0, http5xx: 0, http429: 0, timeout: 0, truncated: 0, malformed: 0, duplicatePage: 0 };
    const N = 400;
    for (let i = 0; i < N; i++) {
      const a = await attempt(faulty, 'police', 'rk', 'page=2&pageSize=20', headers);
      let outcome = a.outcome;
      if (outcome === 'ok' && a.page !== undefined) {
        if (JSON.stringify(a.page.rows) === prevRows) outcome = 'duplicatePage';
        else expect(a.page.raw).toBe(good);
      }
      if (outcome === 'http429') expect(a.res?.headers.get('retry-after')).toBe('2');
      counts[outcome]++;
      expect((await fetch(`${faulty.url}/admin/clock`)).status).toBe(200);
    }
    const stats = faulty.stats().requests.faults;
    expect(counts.http5xx).toBe(stats.http5xx);
    expect(counts.http429).toBe(stats.http429);
    expect(counts.malformed).toBe(stats.malformed);
    expect(counts.duplicatePage).toBe(stats.duplicatePage);
    expect(counts.timeout + counts.truncated).toBe(stats.timeout + stats.truncated);
    const near = (n: number, rate: number): void => {
      expect(Math.abs(n / N - rate)).toBeLessThan(0.04);
    };
    near(counts.http5xx, FAULTS.rate5xx);
    near(counts.http429, FAULTS.rate429);
    near(counts.malformed, FAULTS.rateMalformed);
    near(counts.duplicatePage, FAULTS.rateDuplicatePage);
    near(counts.timeout + counts.truncated, FAULTS.rateTimeout + FAULTS.rateTruncated);
    expect(counts.ok).toBeGreaterThan(N * 0.45);
  });

  it('the fault sequence is the same on every run (seeded by request number)', async () => {
    const a = await startFeedServer({ world, faults: { rate5xx: 0.3, seed: 7 } });
    const b = await startFeedServer({ world, faults: { rate5xx: 0.3, seed: 7 } });
    try {
      const seq = async (s: FeedServer): Promise<number[]> => {
        const out: number[] = [];
        for (let i = 0; i < 40; i++) out.push((await fetch(`${s.url}/safety/enterprises`, { headers: { Authorization: `ApiKey ${s.keys.safetyApiKey}` } })).status);
        return out;
      };
      const sa = await seq(a);
      expect(await seq(b)).toEqual(sa);
      expect(sa.filter((s) => s >= 500).length).toBeGreaterThan(4);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it.each([['police', 'rk'], ['health', 'jmjkda'], ['safety', 'enterprises']] as Array<[FeedName, string]>)(
    '%s/%s: a retrying client gets exactly the fault-free data',
    async (feed, stream) => {
      const expected = await walk(clean, feed, stream, 13);
      const headers = await authHeaders(faulty, feed);
      const rows: Row[] = [];
      const seen = new Set<string>();
      let query: string | undefined = firstQuery(feed, 13);
      let retries = 0;
      while (query !== undefined) {
        const a = await attempt(faulty, feed, stream, query, headers);
        if (a.outcome !== 'ok' || a.page === undefined) {
          retries++;
          continue;
        }
        const keys = keysOf(feed, stream, a.page.rows);
        if (keys.length > 0 && keys.every((k) => seen.has(k))) {
          retries++; // duplicate page: ask again
          continue;
        }
        for (const k of keys) seen.add(k);
        rows.push(...a.page.rows);
        query = a.page.next;
      }
      expect(rows).toEqual(expected.rows);
      expect(retries).toBeGreaterThan(0);
    },
  );

  it('latency is added to data requests, not to admin', async () => {
    const slow = await startFeedServer({ world, faults: { latencyMs: 300 } });
    try {
      let t = Date.now();
      expect((await fetch(`${slow.url}/police/bzdz`, { headers: { 'X-Api-Key': slow.keys.policeApiKey } })).status).toBe(200);
      expect(Date.now() - t).toBeGreaterThanOrEqual(290);
      t = Date.now();
      await fetch(`${slow.url}/admin/stats`);
      expect(Date.now() - t).toBeLessThan(250);
    } finally {
      await slow.close();
    }
  });

  it('gzip (opt-in) serves the same data compressed, and faults stay decodable where they should', async () => {
    const zipped = await startFeedServer({ world, gzip: true, faults: { rate5xx: 0.3, seed: 3 } });
    try {
      const headers = { 'X-Api-Key': zipped.keys.policeApiKey, 'Accept-Encoding': 'gzip' };
      let ok = 0;
      let failed = 0;
      const expected = await (await fetch(`${clean.url}/police/rk?page=2&pageSize=50`, { headers: { 'X-Api-Key': clean.keys.policeApiKey } })).text();
      for (let i = 0; i < 20; i++) {
        const res = await fetch(`${zipped.url}/police/rk?page=2&pageSize=50`, { headers });
        const text = await res.text();
        if (res.status === 200) {
          expect(res.headers.get('content-encoding')).toBe('gzip');
          expect(text).toBe(expected);
          ok++;
        } else {
          expect(res.headers.get('content-encoding')).toBeNull();
          failed++;
        }
      }
      expect(ok).toBeGreaterThan(0);
      expect(failed).toBeGreaterThan(0);
      const plain = await fetch(`${zipped.url}/admin/stats`, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
    } finally {
      await zipped.close();
    }
  });
});
