/**
 * The audit writer against a real database: batches land in audit_log (one statement per batch),
 * the log stays append-only, admins read it newest first with filters, and a closed writer has
 * written everything.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { AuditCollector } from '../../../src/access/audit-collector';
import { auditSinkFor, AuditWriter } from '../../../src/access/audit-writer';
import type { Principal } from '../../../src/access/principal';
import { AuditRepository } from '../../../src/db/repositories/audit.repository';
import { openTestOrm } from '../../support/database';

let orm: MikroORM;
let close: () => Promise<void>;

const worker: Principal = { id: 'apikey:7', kind: 'apikey', name: 'wang', role: 'grid_worker', gridCode: 'A1' };
const steward: Principal = { id: 'jwt:li.na', kind: 'jwt', name: 'li.na', role: 'steward' };

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});

afterAll(async () => {
  await close();
});

const count = async () => Number((await orm.em.fork().getConnection().execute<Array<{ n: string }>>('select count(*) as n from audit_log'))[0]!.n);

it('flushes reads and writes into audit_log, with principal, operation, entity and fields', async () => {
  const writer = new AuditWriter(auditSinkFor(() => orm.em.fork()), { flushIntervalMs: 50 });
  const collector = new AuditCollector();
  for (const id of [101, 102, 103]) for (const f of ['name', 'citizenId']) collector.noteField('Person', { dbId: id }, f);
  collector.flushTo(writer, worker, 'GridPersons');
  writer.recordWrite(steward, { operation: 'MergePersons', action: 'merge', entityType: 'person', entityId: 101, detail: { into: 102, reason: 'same ID "x"\ttab' } });
  await new Promise((r) => setTimeout(r, 300)); // the interval flushes on its own
  expect(writer.stats).toMatchObject({ written: 4, pending: 0 });

  const rows = await new AuditRepository(orm.em.fork()).list({}, 10);
  expect(rows.map((r) => [r.actor, r.actorRole, r.action, r.entityType, r.entityId, r.fields, r.operation])).toEqual([
    ['jwt:li.na', 'steward', 'merge', 'person', 101, null, 'MergePersons'],
    ['apikey:7', 'grid_worker', 'read', 'person', 103, ['citizenId', 'name'], 'GridPersons'],
    ['apikey:7', 'grid_worker', 'read', 'person', 102, ['citizenId', 'name'], 'GridPersons'],
    ['apikey:7', 'grid_worker', 'read', 'person', 101, ['citizenId', 'name'], 'GridPersons'],
  ]);
  expect(rows[0]!.detail).toEqual({ into: 102, reason: 'same ID "x"\ttab' });
  expect(rows[0]!.at).toBeInstanceOf(Date);
  await writer.close();
});

it('filters and pages the log for admins', async () => {
  const repo = new AuditRepository(orm.em.fork());
  const reads = await repo.list({ actor: 'apikey:7', action: 'read' }, 2);
  expect(reads.map((r) => r.entityId)).toEqual([103, 102]);
  expect((await repo.list({ actor: 'apikey:7' }, 2, reads[1]!.id)).map((r) => r.entityId)).toEqual([101]);
  expect((await repo.list({ entityType: 'person', entityId: 101 }, 10)).map((r) => r.action)).toEqual(['merge', 'read']);
  expect(await repo.list({ since: new Date(Date.now() + 60_000) }, 10)).toEqual([]);
});

it('the log is append-only: the database refuses updates and deletes', async () => {
  const conn = orm.em.fork().getConnection();
  await expect(conn.execute(`update audit_log set actor = 'someone else'`)).rejects.toThrow(/audit_log is append-only \(UPDATE refused\)/);
  await expect(conn.execute(`delete from audit_log`)).rejects.toThrow(/append-only \(DELETE refused\)/);
});

it('writes 20,000 entries in batches of 500 and loses none on close', async () => {
  const before = await count();
  const writer = new AuditWriter(auditSinkFor(() => orm.em.fork()), { flushIntervalMs: 1000, maxBatch: 500 });
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 20_000; i++) writer.recordRead(worker, { operation: 'Bulk', entityType: 'person', entityIds: [i], fields: ['name', 'phone'] });
  const recordMs = Number(process.hrtime.bigint() - t0) / 1e6;
  await writer.close();
  const totalMs = Number(process.hrtime.bigint() - t0) / 1e6;
  expect(await count()).toBe(before + 20_000);
  expect(writer.stats).toEqual({ written: 20_000, failedBatches: 0, dropped: 0, pending: 0 });
  process.stdout.write(`audit: recorded 20000 entries in ${recordMs.toFixed(1)} ms (${((recordMs * 1000) / 20_000).toFixed(2)} µs each, the query's cost); written in ${totalMs.toFixed(0)} ms (${Math.round(20_000 / (totalMs / 1000))} entries/s)\n`);
});
