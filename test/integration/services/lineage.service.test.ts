/**
 * Lineage of golden records in the S district: per golden id its linked source records with the
 * link's score, rule and per-comparison weights (raw payloads only when asked for), the expanded
 * provenance of each attribute (source record, source, stream, rule, time), and the lineage history.
 * Batches answer in the order asked, one SQL statement per relation whatever the batch size.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { expandProvenance, LineageService } from '../../../src/services/lineage.service';
import { openSDistrictOrm } from '../../support/s-district';

let orm: MikroORM;
let close: () => Promise<void>;

const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> => orm.em.fork().getConnection().execute<T[]>(q, params);

beforeAll(async () => {
  ({ orm, close } = await openSDistrictOrm());
}, 600000);
afterAll(async () => close());

/** Persons described by police/rk and health/jmjkda. */
async function sharedPersons(limit: number): Promise<number[]> {
  const rows = await sql<{ id: string }>(
    `select l.entity_id as id from entity_link l join source_record s on s.id = l.source_record_id
     where l.entity_type = 'person' and l.unlinked_at is null group by 1 having count(distinct s.stream) >= 2 order by 1 limit ?`,
    [limit],
  );
  return rows.map((r) => Number(r.id));
}

test('source records of a person: every linked record with its link explanation; raw payload only when asked', async () => {
  const [id] = await sharedPersons(1);
  const service = new LineageService(orm.em.fork());
  const [records] = await service.sourceRecords('person', [id!]);
  expect(records!.length).toBeGreaterThanOrEqual(2);
  expect(new Set(records!.map((r) => r.source))).toEqual(new Set(['police', 'health']));
  for (const r of records!) {
    expect(r.goldenId).toBe(id);
    expect(r.raw).toBeUndefined();
    expect(r.canonical).toEqual(expect.objectContaining({ name: expect.any(String) }));
    expect(r.link.rule).toMatch(/^person@\d+$/);
    expect(r.link.decidedBy).toBe('auto');
    expect(Object.keys(r.link.weights)).toEqual(expect.arrayContaining(['name', 'birthDate']));
    expect(r.link.weights.name).toEqual({ level: expect.any(String), weight: expect.any(Number) });
  }
  const [withRaw] = await service.sourceRecords('person', [id!], { includeRaw: true });
  for (const r of withRaw!) expect(typeof r.raw).toBe('object');
});

test('provenance: each attribute names a linked source record with its source, stream, rule and time', async () => {
  const [id] = await sharedPersons(1);
  const service = new LineageService(orm.em.fork());
  const [[provenance], [records]] = await Promise.all([service.provenance('person', [id!]), service.sourceRecords('person', [id!])]);
  const linked = new Set(records!.map((r) => r.id));
  const name = provenance!.find((p) => p.attribute === 'name')!;
  expect(name).toEqual({ attribute: 'name', value: null, sourceRecordId: expect.any(Number), source: 'police', stream: 'rk', rule: 'sourcePriority:police/rk', at: expect.any(String) });
  for (const p of provenance!) {
    expect(linked.has(p.sourceRecordId)).toBe(true);
    expect(p.stream).not.toBeNull();
    expect(p.rule).not.toBe('');
  }
  expect(provenance!.some((p) => p.attribute === 'addresses.residence')).toBe(true);
});

test('provenance expansion handles compact, union, role and legacy entries', () => {
  const expanded = expandProvenance(
    {
      name: { sourceRecordId: 1, rule: 'sourcePriority:police/rk' },
      tags: [{ sourceRecordId: 2, rule: 'union', value: 'elderly' }],
      addresses: { hukou: { sourceRecordId: 1, rule: 'r' } },
      fullText: { sourceRecordId: 3, rule: 'register', source: 'police', at: '2026-01-01T00:00:00Z' },
      records: { 1: { source: 'police', at: 't1' }, 2: { source: 'health', at: 't2' } },
    },
    { 1: 'rk', 2: 'gazdx', 3: 'bzdz' },
  );
  expect(expanded).toEqual([
    { attribute: 'addresses.hukou', value: null, sourceRecordId: 1, source: 'police', stream: 'rk', rule: 'r', at: 't1' },
    { attribute: 'fullText', value: null, sourceRecordId: 3, source: 'police', stream: 'bzdz', rule: 'register', at: '2026-01-01T00:00:00Z' },
    { attribute: 'name', value: null, sourceRecordId: 1, source: 'police', stream: 'rk', rule: 'sourcePriority:police/rk', at: 't1' },
    { attribute: 'tags', value: 'elderly', sourceRecordId: 2, source: 'health', stream: 'gazdx', rule: 'union', at: 't2' },
  ]);
});

test('history: a golden person was created by a resolve run with its source records', async () => {
  const [id] = await sharedPersons(1);
  const [history] = await new LineageService(orm.em.fork()).history('person', [id!]);
  expect(history![0]).toEqual(expect.objectContaining({ kind: 'create', toId: id, decidedBy: 'auto', runId: expect.any(Number) }));
  expect(history![0]!.sourceRecordIds.length).toBeGreaterThanOrEqual(2);
});

test('a batch of 50 goldens answers in order with one statement per relation; addresses, houses and organisations too', async () => {
  const ids = await sharedPersons(50);
  expect(ids.length).toBe(50);
  const em = orm.em.fork();
  const conn = em.getConnection();
  const spy = jest.spyOn(conn, 'execute');
  try {
    const service = new LineageService(em);
    const asked = [...ids].reverse();
    const [records, provenance, history] = await Promise.all([service.sourceRecords('person', asked), service.provenance('person', asked), service.history('person', asked)]);
    expect(spy).toHaveBeenCalledTimes(3);
    asked.forEach((id, k) => {
      expect(records[k]!.every((r) => r.goldenId === id)).toBe(true);
      expect(records[k]!.length).toBeGreaterThanOrEqual(2);
      expect(provenance[k]!.length).toBeGreaterThan(0);
      expect(history[k]!.some((h) => h.toId === id)).toBe(true);
    });
  } finally {
    spy.mockRestore();
  }
  const [{ a, h, o }] = (await sql<{ a: string; h: string; o: string }>('select (select min(id) from standard_address) a, (select min(id) from house) h, (select min(id) from organisation) o')) as [{ a: string; h: string; o: string }];
  const service = new LineageService(orm.em.fork());
  const [[address], [house], [organisation]] = await Promise.all([
    service.sourceRecords('address', [Number(a)]),
    service.sourceRecords('house', [Number(h)]),
    service.sourceRecords('organisation', [Number(o)]),
  ]);
  expect(address![0]!.stream).toBe('bzdz');
  expect(address![0]!.link.rule).toBe('register:code');
  expect(house![0]!.stream).toBe('fw');
  expect(organisation![0]!.source).toBe('safety');
  const [addressProvenance] = await service.provenance('address', [Number(a)]);
  expect(addressProvenance!.length).toBeGreaterThan(0);
  expect(await service.sourceRecords('person', [])).toEqual([]);
  expect(await service.provenance('person', [987654321])).toEqual([[]]);
});
