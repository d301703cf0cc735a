/**
 * Syncing the simulated district's feeds into PostgreSQL: every served record is stored exactly
 * once (valid or quarantined with reasons, as the truth says), fetched = stored + unchanged +
 * quarantined + tombstoned for every run, a second sync writes no row, and after the feeds' clock
 * moves an incremental sync fetches exactly the changed records and keeps their history.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { SyncService } from '../../../src/services/sync.service';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { openTestOrm } from '../../support/database';
import { CONNECTORS_DIR, simulatorSecrets } from '../ingest/ingest-harness';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let server: FeedServer;
let sync: SyncService;
const CONNECTORS = ['police', 'health', 'safety', 'grid-center'];

async function tableCount(sql: string, params: unknown[] = []): Promise<number> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(sql, params);
  return Number(rows[0].n);
}

async function syncAll(mode: 'incremental' | 'full' = 'incremental') {
  const totals = { fetched: 0, stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, inserted: 0, updated: 0 };
  for (const c of CONNECTORS) {
    for (const stream of sync.streams(c)) {
      const r = await new SyncService(orm.em.fork(), CONNECTORS_DIR, { secrets: simulatorSecrets(server), baseUrl: server.url }).syncStream(c, stream, { mode });
      expect(r.fetched).toBe(r.stored + r.unchanged + r.quarantined + r.tombstoned);
      for (const k of Object.keys(totals) as Array<keyof typeof totals>) totals[k] += r[k];
    }
  }
  return totals;
}

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  server = await startFeedServer({ world: createWorld({ size: 'S', seed: 7 }), port: 0, host: '127.0.0.1' });
  sync = new SyncService(orm.em.fork(), CONNECTORS_DIR, { secrets: simulatorSecrets(server), baseUrl: server.url });
}, 120000);

afterAll(async () => {
  await server.close();
  await closeDb();
});

it('stores every served record once, quarantining exactly the invalid ones with reasons', async () => {
  const first = await syncAll();
  const truth = await server.truth();
  const truthKeys = new Set(truth.map((t) => `${t.feed}|${t.stream}|${t.recordKey}`));
  expect(await tableCount('select count(*) as n from source_record')).toBe(truthKeys.size);
  expect(first.inserted).toBe(truthKeys.size);
  expect(first.updated).toBe(0);
  const invalid = new Set(truth.filter((t) => t.invalid).map((t) => `${t.feed}|${t.stream}|${t.recordKey}`));
  const quarantined = await orm.em.fork().getConnection().execute<Array<{ k: string; issues: Array<{ field: string; rule: string; message: string }> }>>(
    `select source || '|' || stream || '|' || record_key as k, issues from source_record where status = 'quarantined'`,
  );
  expect(new Set(quarantined.map((q) => q.k))).toEqual(invalid);
  for (const q of quarantined) {
    expect(q.issues.length).toBeGreaterThan(0);
    expect(q.issues[0]).toEqual(expect.objectContaining({ field: expect.any(String), rule: expect.any(String), message: expect.any(String) }));
  }
  const runs = await tableCount(`select count(*) as n from job_run where kind = 'sync' and status = 'succeeded'`);
  expect(runs).toBe(CONNECTORS.reduce((n, c) => n + sync.streams(c).length, 0));
  const checkpoints = await tableCount('select count(*) as n from sync_state');
  expect(checkpoints).toBe(runs);
});

it('a second sync with no changes writes no row', async () => {
  // xmin changes whenever PostgreSQL writes a new row version: equal xmins mean no row was rewritten.
  const versions = `select md5(string_agg(id::text || ':' || xmin::text, ',' order by id)) as n from source_record`;
  const rowVersionsBefore = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(versions);
  const maxUpdated = await tableCount(`select extract(epoch from max(updated_at))::bigint as n from source_record`);
  const again = await syncAll();
  expect(again.stored + again.quarantined + again.tombstoned).toBe(0);
  expect(again.fetched).toBe(again.unchanged);
  expect(await tableCount(`select extract(epoch from max(updated_at))::bigint as n from source_record`)).toBe(maxUpdated);
  expect(await orm.em.fork().getConnection().execute<Array<{ n: string }>>(versions)).toEqual(rowVersionsBefore);
  expect(await tableCount('select count(*) as n from source_record_version')).toBe(0);
});

it('after the clock moves, an incremental sync fetches exactly the changed records and keeps history', async () => {
  const advanced = await server.advance(1);
  expect(advanced.changedRecords).toBeGreaterThan(0);
  const truth = await server.truth();
  const changed = truth.filter((t) => t.updatedTick === advanced.tick);
  const inc = await syncAll();
  expect(inc.fetched).toBe(changed.length);
  expect(inc.fetched).toBe(advanced.changedRecords);
  const totalKeys = new Set(truth.map((t) => `${t.feed}|${t.stream}|${t.recordKey}`)).size;
  expect(await tableCount('select count(*) as n from source_record')).toBe(totalKeys);
  expect(await tableCount('select count(*) as n from source_record_version')).toBe(inc.updated);
  expect(await tableCount('select count(*) as n from source_record where revision > 1')).toBe(inc.updated);
});
