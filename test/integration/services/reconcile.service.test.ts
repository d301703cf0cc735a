/**
 * The reconciliation report of the synced and resolved S district: its numbers add up per stream
 * (fetched = valid + quarantined + tombstoned, linked = existing + new, linked + unlinked = valid)
 * and agree with direct SQL; conflicts between sources come with examples that really disagree;
 * coverage counts equal direct SQL; a stored report is read back, with its job run.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { ReconcileService, type ReconciliationReport } from '../../../src/services/reconcile.service';
import { formatReconciliationReport } from '../../../src/main/reconcile-command';
import { openSDistrictOrm } from '../../support/s-district';

let orm: MikroORM;
let close: () => Promise<void>;
let report: ReconciliationReport;

const sql = async <T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> => orm.em.fork().getConnection().execute<T[]>(q, params);
const count = async (q: string): Promise<number> => Number((await sql<{ n: string }>(q))[0]!.n);

beforeAll(async () => {
  ({ orm, close } = await openSDistrictOrm());
  report = await new ReconcileService(orm.em.fork()).report();
}, 600000);
afterAll(async () => close());

test('every stream: fetched = valid + quarantined + tombstoned, as stored', async () => {
  const direct = await sql<{ source: string; stream: string; n: string; valid: string; quarantined: string }>(
    `select source, stream, count(*) n, count(*) filter (where status = 'valid') valid, count(*) filter (where status = 'quarantined') quarantined from source_record group by 1, 2`,
  );
  expect(report.streams.length).toBe(direct.length);
  expect(report.streams.length).toBeGreaterThanOrEqual(8);
  for (const s of report.streams) {
    expect(s.fetched).toBe(s.valid + s.quarantined + s.tombstoned);
    const d = direct.find((x) => x.source === s.source && x.stream === s.stream)!;
    expect([s.fetched, s.valid, s.quarantined]).toEqual([Number(d.n), Number(d.valid), Number(d.quarantined)]);
  }
  expect(report.totals.quarantined).toBeGreaterThan(0);
});

test('quarantine reasons: every quarantined record has a reason listed under its stream', async () => {
  for (const s of report.streams) {
    const total = s.quarantineReasons.reduce((n, r) => n + r.records, 0);
    expect(total).toBeGreaterThanOrEqual(s.quarantined);
    if (s.quarantined === 0) expect(s.quarantineReasons).toEqual([]);
  }
  const rk = report.streams.find((s) => s.source === 'police' && s.stream === 'rk')!;
  expect(rk.quarantineReasons.map((r) => r.rule)).toContain('CITIZEN_ID_CHECK_CHAR');
});

test('links: existing + new = linked, linked + unlinked = valid; health records mostly join police persons', async () => {
  for (const s of report.streams) {
    expect(s.linkedExisting + s.linkedNew).toBe(s.linked);
    expect(s.linked + s.unlinked).toBe(s.valid);
  }
  const direct = await count(`select count(*) n from entity_link l join source_record s on s.id = l.source_record_id where l.unlinked_at is null and s.status = 'valid'`);
  expect(report.totals.linked).toBe(direct);
  const health = report.streams.find((s) => s.source === 'health' && s.stream === 'jmjkda')!;
  expect(health.linkedExisting / health.linked).toBeGreaterThan(0.9);
  const rk = report.streams.find((s) => s.source === 'police' && s.stream === 'rk')!;
  expect(rk.linkedNew).toBeGreaterThan(0);
  expect(rk.linkedExisting).toBeGreaterThan(0);
  // A golden person described by police/rk and health/jmjkda counts as existing for both.
  const shared = await count(
    `select count(distinct l.source_record_id) n from entity_link l join source_record s on s.id = l.source_record_id
     where l.unlinked_at is null and s.status = 'valid' and s.source = 'police' and s.stream = 'rk'
       and exists (select 1 from entity_link l2 join source_record s2 on s2.id = l2.source_record_id
                   where l2.entity_type = l.entity_type and l2.entity_id = l.entity_id and l2.unlinked_at is null and s2.status = 'valid'
                     and (s2.source, s2.stream) <> ('police', 'rk'))`,
  );
  expect(rk.linkedExisting).toBe(shared);
});

test('conflicting attributes between sources come with examples whose values differ across feeds', async () => {
  const name = report.conflicts.find((c) => c.entityType === 'person' && c.attribute === 'name');
  expect(name).toBeDefined();
  expect(name!.goldens).toBeGreaterThan(0);
  expect(name!.examples.length).toBeGreaterThan(0);
  expect(name!.examples.length).toBeLessThanOrEqual(3);
  for (const e of name!.examples) {
    expect(new Set(e.values.map((v) => v.value)).size).toBeGreaterThan(1);
    expect(new Set(e.values.map((v) => `${v.source}/${v.stream}`)).size).toBeGreaterThan(1);
  }
  // Per stream: a stream is counted for a golden only when it carries a value there.
  const rk = report.streams.find((s) => s.source === 'police' && s.stream === 'rk')!;
  const rkName = rk.conflicts.find((c) => c.attribute === 'name')?.goldens ?? 0;
  expect(rkName).toBeGreaterThan(0);
  expect(rkName).toBeLessThanOrEqual(name!.goldens);
});

test('coverage counts equal direct SQL', async () => {
  const c = report.coverage;
  const live = (t: string) => `select id from ${t} g where g.merged_into_id is null intersect select entity_id from entity_link where entity_type = '${t}' and unlinked_at is null`;
  expect(c.persons).toBe(await count(`select count(*) n from (${live('person')}) x`));
  expect(c.personsWithoutAddress).toBe(await count(`select count(*) n from (${live('person')} except select person_id from person_address where current) x`));
  expect(c.personsWithoutGrid).toBe(await count(`select count(*) n from (${live('person')} intersect select id from person where grid_id is null) x`));
  expect(c.addresses).toBe(await count('select count(*) n from standard_address where retired_at is null'));
  expect(c.addressesWithoutGrid).toBe(await count('select count(*) n from standard_address where retired_at is null and grid_id is null'));
  expect(c.organisations).toBe(await count(`select count(*) n from (${live('organisation')}) x`));
  expect(c.organisationsWithoutAddress).toBe(await count(`select count(*) n from (${live('organisation')} intersect select id from organisation where address_id is null) x`));
  expect(c.houses).toBe(await count(`select count(*) n from (${live('house')}) x`));
  expect(c.housesWithoutAddress).toBe(await count(`select count(*) n from (${live('house')} intersect select id from house where address_id is null) x`));
  expect(c.persons).toBeGreaterThan(4000);
  expect(c.addresses).toBeGreaterThan(2000);
  expect(c.personsWithoutAddress).toBeGreaterThan(0);
});

test('a stored report is read back as the latest, with a succeeded job run', async () => {
  const service = new ReconcileService(orm.em.fork());
  expect(await service.latest()).toBeUndefined();
  const stored = await service.run('tester');
  expect(stored.id).toBeGreaterThan(0);
  const latest = await new ReconcileService(orm.em.fork()).latest();
  expect(latest?.id).toBe(stored.id);
  expect(latest?.requestedBy).toBe('tester');
  expect(latest?.report.totals).toEqual(report.totals);
  const [run] = await sql<{ status: string; counts: Record<string, number> }>(`select status, counts from job_run where kind = 'reconcile' order by id desc limit 1`);
  expect(run!.status).toBe('succeeded');
  expect(run!.counts.reportId).toBe(stored.id);
  const text = formatReconciliationReport(latest!.report);
  expect(text).toContain('police  rk');
  expect(text).toContain('persons without a current address');
});
