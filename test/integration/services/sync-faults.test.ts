/**
 * A full sync of the simulated district under faults — 10% 5xx, 5% timeouts, 429 with Retry-After,
 * malformed and truncated bodies, duplicated pages — stores exactly what the simulator serves:
 * every record once, quarantined exactly where the truth says the record is invalid.
 * Size M by default (≈270k records; GRIDHUB_TEST_SYNC_SIZE=S for a quick run).
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { SyncService } from '../../../src/services/sync.service';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import type { SizeName } from '../../../src/simulator/world/world-types';
import { openTestOrm } from '../../support/database';
import { CONNECTORS_DIR, simulatorSecrets } from '../ingest/ingest-harness';

const SIZE = (process.env.GRIDHUB_TEST_SYNC_SIZE ?? 'M') as SizeName;
let orm: MikroORM;
let closeDb: () => Promise<void>;
let server: FeedServer;

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  server = await startFeedServer({
    world: createWorld({ size: SIZE, seed: 7 }),
    port: 0,
    host: '127.0.0.1',
    faults: { rate5xx: 0.1, rateTimeout: 0.05, timeoutMs: 2500, rate429: 0.03, retryAfterSeconds: 1, rateMalformed: 0.02, rateTruncated: 0.02, rateDuplicatePage: 0.02, seed: 3 },
  });
}, 300000);

afterAll(async () => {
  await server.close();
  await closeDb();
});

it(`stores exactly the served records of a size ${SIZE} district despite faults`, async () => {
  const options = { secrets: simulatorSecrets(server), baseUrl: server.url, requestTimeoutMs: 2000, maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 1000 };
  const streams: Array<[string, string]> = [];
  for (const c of ['police', 'health', 'safety', 'grid-center']) for (const s of new SyncService(orm.em.fork(), CONNECTORS_DIR, options).streams(c)) streams.push([c, s]);
  const results = await Promise.all(streams.map(([c, s]) => new SyncService(orm.em.fork(), CONNECTORS_DIR, options).syncStream(c, s)));
  for (const r of results) expect(r.fetched).toBe(r.stored + r.unchanged + r.quarantined + r.tombstoned);

  const truth = await server.truth();
  const key = (feed: string, stream: string, k: string) => `${feed}|${stream}|${k}`;
  const served = new Set(truth.map((t) => key(t.feed, t.stream, t.recordKey)));
  const invalid = new Set(truth.filter((t) => t.invalid).map((t) => key(t.feed, t.stream, t.recordKey)));
  const rows = await orm.em.fork().getConnection().execute<Array<{ k: string; status: string }>>(
    `select source || '|' || stream || '|' || record_key as k, status from source_record`,
  );
  expect(rows.length).toBe(served.size);
  expect(new Set(rows.map((r) => r.k))).toEqual(served);
  expect(new Set(rows.filter((r) => r.status === 'quarantined').map((r) => r.k))).toEqual(invalid);
  expect(await orm.em.fork().getConnection().execute('select 1 from source_record_version limit 1')).toEqual([]);
}, 600000);
