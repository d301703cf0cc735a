/** The audit writer batches in memory, flushes by size and by time, keeps failed batches, never throws. */
import { AuditCollector } from '../../../src/access/audit-collector';
import { AuditWriter, type AuditEntryInput, type AuditSink } from '../../../src/access/audit-writer';
import type { Principal } from '../../../src/access/principal';

class FakeSink implements AuditSink {
  batches: AuditEntryInput[][] = [];
  failNext = 0;
  async append(entries: readonly AuditEntryInput[]): Promise<number> {
    await new Promise((r) => setImmediate(r));
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database is down');
    }
    this.batches.push([...entries]);
    return entries.length;
  }
  get total() {
    return this.batches.reduce((n, b) => n + b.length, 0);
  }
}

const who: Principal = { id: 'apikey:7', kind: 'apikey', name: 'wang', role: 'grid_worker', gridCode: 'G2' };
const police: Principal = { id: 'jwt:police-system', kind: 'jwt', name: 'police-system', role: 'department', department: 'police' };
const entry = (i: number): AuditEntryInput => ({ actor: 'apikey:1', action: 'read', entityType: 'person', entityId: i });

afterEach(() => jest.useRealTimers());

it('writes nothing until a batch is full or the interval passes', async () => {
  jest.useFakeTimers({ doNotFake: ['setImmediate'] });
  const sink = new FakeSink();
  const w = new AuditWriter(sink, { flushIntervalMs: 1000, maxBatch: 500 });
  for (let i = 0; i < 10; i++) w.record(entry(i));
  await Promise.resolve();
  expect(sink.batches).toHaveLength(0);
  expect(w.stats.pending).toBe(10);
  jest.advanceTimersByTime(1000);
  await w.flush();
  expect(sink.batches.map((b) => b.length)).toEqual([10]);
  await w.close();
});

it('flushes a full batch at once, and splits larger backlogs into batches of maxBatch', async () => {
  const sink = new FakeSink();
  const w = new AuditWriter(sink, { flushIntervalMs: 60_000, maxBatch: 500 });
  for (let i = 0; i < 1234; i++) w.record(entry(i));
  await w.flush();
  expect(sink.batches.map((b) => b.length)).toEqual([500, 500, 234]);
  expect(sink.batches.flat().map((e) => e.entityId)).toEqual(Array.from({ length: 1234 }, (_, i) => i));
  expect(w.stats).toEqual({ written: 1234, failedBatches: 0, dropped: 0, pending: 0 });
  await w.close();
});

it('recording never throws nor waits, even while the database fails; failed batches are kept and retried', async () => {
  const sink = new FakeSink();
  const errors: string[] = [];
  const w = new AuditWriter(sink, { flushIntervalMs: 60_000, maxBatch: 5, onError: (m) => errors.push(m) });
  sink.failNext = 1;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) expect(w.record(entry(i))).toBeUndefined();
  expect(Number(process.hrtime.bigint() - t0) / 1e6).toBeLessThan(50);
  // The 5th entry filled a batch: its flush fails (kept); the next flush writes it.
  await w.flush();
  expect(errors[0]).toMatch(/audit batch of 5 entries not written \(kept for the next flush, 5 pending\): database is down/);
  expect(sink.total).toBe(5);
  expect(w.stats).toMatchObject({ written: 5, failedBatches: 1, pending: 0 });
  await w.close();
});

it('drops the oldest entries beyond maxBuffered, counting and reporting them', async () => {
  const sink = new FakeSink();
  const errors: string[] = [];
  const w = new AuditWriter(sink, { flushIntervalMs: 60_000, maxBatch: 1000, maxBuffered: 3, onError: (m) => errors.push(m) });
  for (let i = 0; i < 5; i++) w.record(entry(i));
  expect(w.stats).toMatchObject({ dropped: 2, pending: 3 });
  expect(errors).toHaveLength(2);
  await w.close();
  expect(sink.batches.flat().map((e) => e.entityId)).toEqual([2, 3, 4]);
});

it('close() flushes what is left; entries after close are written directly', async () => {
  const sink = new FakeSink();
  const w = new AuditWriter(sink, { flushIntervalMs: 60_000 });
  w.recordWrite(police, { operation: 'DispatchEvent', action: 'transition', entityType: 'event', entityId: 42, detail: { to: 'dispatched' } });
  await w.close();
  expect(sink.batches).toEqual([[expect.objectContaining({ actor: 'jwt:police-system', actorRole: 'department:police', action: 'transition', entityType: 'event', entityId: 42, operation: 'DispatchEvent', detail: { to: 'dispatched' } })]]);
  w.record(entry(9));
  await new Promise((r) => setTimeout(r, 10));
  expect(sink.total).toBe(2);
});

it('the collector turns one request\'s field reads into one entry per person with the fields read', async () => {
  const sink = new FakeSink();
  const w = new AuditWriter(sink, { flushIntervalMs: 60_000 });
  const c = new AuditCollector();
  for (const id of [11, 12]) for (const f of ['name', 'citizenId', 'name', '__typename']) c.noteField('Person', { dbId: id }, f);
  c.noteField('Grid', { dbId: 1 }, 'name');
  c.noteField('Person', { notAnId: 1 }, 'name');
  expect(c.size).toBe(2);
  c.flushTo(w, who, 'GridPersons');
  expect(c.size).toBe(0);
  await w.flush();
  expect(sink.batches[0]).toEqual([
    expect.objectContaining({ actor: 'apikey:7', actorRole: 'grid_worker', action: 'read', entityType: 'person', entityId: 11, fields: ['citizenId', 'name'], operation: 'GridPersons' }),
    expect.objectContaining({ entityId: 12, fields: ['citizenId', 'name'] }),
  ]);
  await w.close();
});
