/**
 * syncStream with an in-memory sink standing in for the database: each page's records and its
 * checkpoint commit together; a crash inside a commit (the transaction rolls back) loses nothing,
 * and the rerun continues from the last committed checkpoint without doubles.
 */
import type { ConnectorManifest } from '../../../src/ingest/manifest/manifest-types';
import { createConnector } from '../../../src/ingest/runtime/connector';
import type { StreamPage } from '../../../src/ingest/runtime/read-stream';
import type { StreamState } from '../../../src/ingest/runtime/stream-state';
import { syncStream, type CheckpointStore, type PageSink, type StreamRef } from '../../../src/ingest/runtime/sync-stream';
import { fakeAdapter } from './fake-api';
import { FakeClock } from './fake-clock';

const manifest: ConnectorManifest = {
  version: 1, name: 'demo', description: 'demo', baseUrl: 'http://demo.invalid',
  auth: { kind: 'bearer_static', secretRef: 'env:TOKEN' },
  rateLimit: { requestsPerSecond: 100 }, concurrency: 1, requestTimeoutMs: 1000, maxPageSize: 10,
  streams: [{
    name: 'things', path: '/things', entityType: 'thing', recordSelector: 'items', primaryKey: ['id'],
    pagination: { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', hasMorePath: 'more', pageSize: 3 },
    incremental: { cursorField: 'ts', cursorFormat: 'iso', requestParam: 'since', requestFormat: 'iso', tieBreakerField: 'id' },
    deletion: { field: 'gone', values: [true] },
    mapping: { fields: { label: { from: 'label', required: true } } },
  }],
};

const ITEMS = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, label: i === 5 ? '' : `L${i}`, ts: `2026-01-01T0${i}:00:00+08:00`, gone: i === 7 }));

/** The database: committed rows and checkpoint change together or not at all. */
class MemoryStore implements CheckpointStore, PageSink {
  rows = new Map<string, { quarantined: boolean; tombstone: boolean }>();
  checkpoint: StreamState | undefined;
  failOnCommit = -1;
  commits = 0;
  load(): Promise<StreamState | undefined> {
    return Promise.resolve(this.checkpoint);
  }
  commitPage(_ref: StreamRef, page: StreamPage): Promise<void> {
    if (this.commits++ === this.failOnCommit) return Promise.reject(new Error('crash inside the transaction'));
    for (const r of page.records) this.rows.set(r.key, { quarantined: r.quarantined, tombstone: r.isTombstone });
    this.checkpoint = page.nextState;
    return Promise.resolve();
  }
}

function connector() {
  const c = createConnector(manifest, {}, { secrets: { TOKEN: 't' }, clock: new FakeClock() });
  c.requester.http.defaults.adapter = fakeAdapter((req) => {
    const since = req.params.since === undefined ? -Infinity : Date.parse(req.params.since);
    const live = ITEMS.filter((x) => Date.parse(x.ts) > since);
    const offset = Number(req.params.offset);
    const page = live.slice(offset, offset + Number(req.params.limit));
    return { status: 200, body: { items: page, more: offset + page.length < live.length } };
  });
  return c;
}

describe('syncStream', () => {
  it('commits every page with its checkpoint and reports counts', async () => {
    const db = new MemoryStore();
    const r = await syncStream(connector(), 'things', db, db);
    expect(r).toMatchObject({ pages: 3, records: 8, quarantined: 1, tombstones: 1, skipped: 0 });
    expect(db.checkpoint).toEqual({ cursor: { value: '2025-12-31T23:00:00.000Z', tieBreaker: 't7' } });
  });

  it('after a crash inside a commit, the rerun continues from the last committed page', async () => {
    const db = new MemoryStore();
    db.failOnCommit = 1;
    await expect(syncStream(connector(), 'things', db, db)).rejects.toThrow('crash inside the transaction');
    expect([...db.rows.keys()]).toEqual(['t0', 't1', 't2']);
    const seen: string[] = [];
    const spy: PageSink = { commitPage: (ref, page) => (seen.push(...page.records.map((x) => x.key)), db.commitPage(ref, page)) };
    const r = await syncStream(connector(), 'things', db, spy);
    expect(seen).toEqual(['t3', 't4', 't5', 't6', 't7']);
    expect(r.skipped).toBe(1); // t2, re-served by the one-second lookback, filtered by the tie-breaker
    expect(db.rows.size).toBe(8);
    const again = await syncStream(connector(), 'things', db, db);
    expect(again.records).toBe(0);
  });

  it('a full refresh ignores the saved cursor', async () => {
    const db = new MemoryStore();
    await syncStream(connector(), 'things', db, db);
    const full = await syncStream(connector(), 'things', db, db, { mode: 'full' });
    expect(full.records).toBe(8);
  });
});
