/**
 * The event closed loop on a real database: the whole loop with a return at verification, illegal
 * transitions, optimistic locking, time limits and deadlines, the colour scan turning events green →
 * yellow → red with escalate steps, and the BullMQ repeatable job running it on real Redis.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { deadlineFor, IllegalTransitionError } from '../../../src/events';
import { QUEUES, SCHEDULES } from '../../../src/jobs/queues';
import { createLogger } from '../../../src/main/logger';
import { startWorkers } from '../../../src/main/worker';
import { EventConflictError, EventInputError, EventService, type Actor } from '../../../src/services/event.service';
import { CONNECTORS_DIR } from '../ingest/ingest-harness';
import { openTestOrm, randomQueuePrefix } from '../../support/database';
import { readTestState } from '../../support/test-env';

let orm: MikroORM;
let close: () => Promise<void>;
const grids: Record<string, number> = {};
let personId: number;

const worker: Actor = { user: 'wang.grid', role: 'grid_worker' };
const centre: Actor = { user: 'li.centre', role: 'grid_centre' };
const dept: Actor = { user: 'zhao.police', role: 'department' };
const T0 = new Date('2026-11-20T09:00:00+08:00');
const H = 3_600_000;

async function sql<T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(q, params as never[]);
}

function service(now: Date = T0): EventService {
  return new EventService(orm.em.fork(), () => now);
}

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
  const [level] = await sql<{ id: string }>(`insert into grid_level (key, name, rank) values ('base', '基础网格', 3) on conflict (key) do update set name = excluded.name returning id`);
  const add = async (code: string, parent: string | null) => {
    const [g] = await sql<{ id: string }>(`insert into grid (code, name, kind, level_id, parent_id, path) values (?, ?, 'base', ?, ?, '') returning id`, [code, code, level!.id, parent === null ? null : grids[parent]]);
    grids[code] = Number(g!.id);
    const parentPath = parent === null ? '/' : (await sql<{ path: string }>('select path from grid where id = ?', [grids[parent]]))[0]!.path;
    await sql('update grid set path = ? where id = ?', [`${parentPath}${g!.id}/`, g!.id]);
  };
  await add('T1', null);
  await add('C1', 'T1');
  await add('B1', 'C1');
  await add('B2', 'C1');
  const [p] = await sql<{ id: string }>(`insert into person (citizen_id, name, kind) values ('11010519491231002X', '张三', 'hukou') returning id`);
  personId = Number(p!.id);
});

afterAll(async () => {
  await close();
});

async function timeline(id: number) {
  return (await service().timelines([id])).map((s) => [s.action, s.fromStatus, s.toStatus, s.actor, s.actorRole]);
}

it('runs the whole loop with a return at verification, writing a timeline step per action', async () => {
  let at = T0.getTime();
  const next = () => ({ at: new Date((at += H)) });
  const s = service();
  const e = await s.report(
    { title: '楼道堆放杂物引发邻里纠纷', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', gridCode: 'C1', reportedAt: T0, involvedPersonIds: [personId] },
    worker,
  );
  expect(e).toMatchObject({ status: 'reported', origin: 'patrol', gridCode: 'C1', colour: 'green', supervisionLevel: 0, version: 1 });
  expect(e.code).toMatch(/^SJ\d{10}$/);
  expect(e.deadlineAt).toEqual(deadlineFor('dispute', '02', T0));
  expect(e.deadlineAt!.getTime() - T0.getTime()).toBe(72 * H);

  await s.accept(e.id, centre, { note: '受理', ...next() });
  const d = await s.dispatch(e.id, 'B1', centre, { note: '交办下级网格', ...next() });
  expect(d).toMatchObject({ status: 'dispatched', assignee: 'B1' });
  await s.handle(e.id, worker, { note: '上门调解', ...next() });
  await s.feedBack(e.id, worker, { note: '已调解', ...next() });
  const back = await s.verify(e.id, false, centre, { note: '杂物未清理完毕', ...next() });
  expect(back.status).toBe('handling');
  await s.handle(e.id, worker, { note: '再次处置', ...next() });
  await s.feedBack(e.id, worker, { note: '已清理', ...next() });
  expect((await s.verify(e.id, true, centre, next())).status).toBe('verified');
  const closed = await s.close(e.id, centre, { note: '结案', ...next() });
  expect(closed).toMatchObject({ status: 'closed', colour: 'green' });
  expect(closed.closedAt).toEqual(new Date(at));
  expect(closed.version).toBe(10); // 1 at the report + 9 transitions

  expect(await timeline(e.id)).toEqual([
    ['report', null, 'reported', 'wang.grid', 'grid_worker'],
    ['accept', 'reported', 'accepted', 'li.centre', 'grid_centre'],
    ['dispatch', 'accepted', 'dispatched', 'li.centre', 'grid_centre'],
    ['handle', 'dispatched', 'handling', 'wang.grid', 'grid_worker'],
    ['feed_back', 'handling', 'fed_back', 'wang.grid', 'grid_worker'],
    ['verify_return', 'fed_back', 'handling', 'li.centre', 'grid_centre'],
    ['handle', 'handling', 'handling', 'wang.grid', 'grid_worker'],
    ['feed_back', 'handling', 'fed_back', 'wang.grid', 'grid_worker'],
    ['verify_pass', 'fed_back', 'verified', 'li.centre', 'grid_centre'],
    ['close', 'verified', 'closed', 'li.centre', 'grid_centre'],
  ]);
  const steps = await s.timelines([e.id]);
  expect(steps.find((x) => x.action === 'dispatch')!.detail).toEqual({ assigneeKind: 'grid', gridCode: 'B1', gridId: grids.B1 });
  expect(steps.find((x) => x.action === 'verify_return')!.note).toBe('杂物未清理完毕');
  expect(steps.map((x) => x.at.getTime())).toEqual([...steps.map((x) => x.at.getTime())].sort((a, b) => a - b));
  expect(await s.parties([e.id])).toEqual([{ eventId: e.id, personId, organisationId: null, role: 'involved' }]);
});

it('rejects illegal transitions naming the event, its status and the allowed actions; nothing written', async () => {
  const s = service();
  const e = await s.report({ title: '井盖缺失', origin: 'resident', categoryScheme: 'city_management', categoryCode: '0201', gridCode: 'B1' }, { user: 'resident-1', role: 'resident' });
  const err = await s.close(e.id, centre).catch((x: unknown) => x);
  expect(err).toBeInstanceOf(IllegalTransitionError);
  expect((err as IllegalTransitionError).message).toBe(`Event ${e.code} is reported: "close" is not allowed (allowed: accept, reject).`);
  expect((err as IllegalTransitionError).allowed).toEqual(['accept', 'reject']);
  await s.reject(e.id, centre, { note: '重复上报' });
  await expect(s.accept(e.id, centre)).rejects.toThrow(/is rejected: "accept" is not allowed \(the event is finished/);
  expect((await timeline(e.id)).map((x) => x[0])).toEqual(['report', 'reject']);
  expect((await s.byId(e.id))!.closedAt).not.toBeNull();
});

it('dispatches to a department or a lower grid only', async () => {
  const s = service();
  const e = await s.report({ title: '噪音扰民', origin: 'patrol', categoryScheme: 'public_order', categoryCode: '04', gridCode: 'C1' }, worker);
  await s.accept(e.id, centre);
  await expect(s.dispatch(e.id, 'T1', centre)).rejects.toThrow(/grid T1 is not below the event's grid C1/);
  await expect(s.dispatch(e.id, 'C1', centre)).rejects.toThrow(EventInputError);
  await expect(s.dispatch(e.id, 'nowhere', centre)).rejects.toThrow(/neither a department .* nor the code of a current grid/);
  const d = await s.dispatch(e.id, 'police', centre, { note: '转公安' });
  expect(d).toMatchObject({ status: 'dispatched', assignee: 'police' });
  const again = await s.dispatch(e.id, 'B2', dept, { note: '再交办' });
  expect(again.assignee).toBe('B2');
  expect((await timeline(e.id)).map((x) => x[0])).toEqual(['report', 'accept', 'dispatch', 'dispatch']);
});

it('guards every transition with the version (optimistic locking)', async () => {
  const s = service();
  const e = await s.report({ title: '占道经营', origin: 'patrol', categoryScheme: 'city_management', categoryCode: '0102', gridCode: 'B1' }, worker);
  await expect(s.accept(e.id, centre, { expectedVersion: e.version + 1 })).rejects.toThrow(EventConflictError);
  // Two services read the same version; the second write loses.
  const [a, b] = await Promise.allSettled([service().accept(e.id, centre), service().reject(e.id, centre)]);
  expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
  const loser = (a.status === 'rejected' ? a : b) as PromiseRejectedResult;
  expect(loser.reason).toBeInstanceOf(Error);
  expect((await timeline(e.id)).length).toBe(2);
});

it('sets deadlines by the category time limit and validates the report', async () => {
  const s = service();
  const sameDay = await s.report({ title: '噪音扰民', origin: 'resident', categoryScheme: 'public_order', categoryCode: '04', gridCode: 'B1', reportedAt: T0 }, worker);
  expect(sameDay.deadlineAt).toEqual(new Date('2026-11-21T00:00:00+08:00'));
  const hard = await s.report({ title: '土地权属纠纷', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '09', gridCode: 'B1', reportedAt: T0 }, worker);
  expect(hard.deadlineAt!.getTime() - T0.getTime()).toBe(15 * 24 * H);
  const steps = await s.timelines([hard.id]);
  expect(steps[0]!.detail).toEqual({ timeLimit: 'max', deadlineAt: hard.deadlineAt!.toISOString() });
  await expect(s.report({ title: 'x', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', gridCode: 'NOPE' }, worker)).rejects.toThrow(/no current grid with code "NOPE"/);
  await expect(s.report({ title: 'x', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', involvedPersonIds: [99999999] }, worker)).rejects.toThrow(/no golden person with id 99999999/);
  await expect(s.report({ title: ' ', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02' }, worker)).rejects.toThrow(/title must not be empty/);
});

it('recolours open events green → yellow → red set-based, writing an escalate step per change', async () => {
  await sql(`update event set status = 'closed' where status not in ('closed', 'rejected')`);
  const s = service();
  const e = await s.report({ title: '邻里纠纷', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', gridCode: 'B2', reportedAt: T0 }, worker);
  const limit = e.deadlineAt!.getTime() - T0.getTime();
  const at = (f: number) => new Date(T0.getTime() + f * limit);
  expect(await s.recolour(at(0.1))).toEqual([]);
  expect(await s.recolour(at(0.6))).toEqual([{ eventId: e.id, code: e.code, status: 'reported', fromColour: 'green', toColour: 'green', fromLevel: 0, toLevel: 1 }]);
  expect((await s.recolour(at(0.85))).map((c) => [c.toColour, c.toLevel])).toEqual([['yellow', 2]]);
  expect(await s.recolour(at(0.9))).toEqual([]);
  expect((await s.recolour(at(1.01))).map((c) => [c.fromColour, c.toColour, c.toLevel])).toEqual([['yellow', 'red', 3]]);
  const after = (await s.byId(e.id))!;
  expect(after).toMatchObject({ colour: 'red', supervisionLevel: 3, status: 'reported' });
  const esc = (await s.timelines([e.id])).filter((x) => x.action === 'escalate');
  expect(esc.map((x) => [x.fromStatus, x.toStatus, x.actor, x.at.getTime()])).toEqual([
    ['reported', 'reported', 'system', at(0.6).getTime()],
    ['reported', 'reported', 'system', at(0.85).getTime()],
    ['reported', 'reported', 'system', at(1.01).getTime()],
  ]);
  expect(esc[2]!.detail).toEqual({ fromColour: 'yellow', toColour: 'red', fromSupervisionLevel: 2, toSupervisionLevel: 3 });
  // A closed event keeps its colour.
  await s.accept(e.id, centre);
  await s.handle(e.id, worker);
  await s.feedBack(e.id, worker);
  await s.verify(e.id, true, centre);
  const closed = await s.close(e.id, centre, { at: at(1.2) });
  expect(closed.colour).toBe('red');
  expect(await s.recolour(at(0.1))).toEqual([]);
});

it('runs the events.recolour job on the events queue (BullMQ, real Redis) with a repeatable schedule', async () => {
  await sql(`update event set status = 'closed' where status not in ('closed', 'rejected')`);
  const e = await service().report({ title: '邻里纠纷', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', gridCode: 'B2', reportedAt: T0 }, worker);
  const prefix = randomQueuePrefix();
  const redisUrl = readTestState().redisUrl;
  const workers = await startWorkers({ orm, redisUrl, prefix, concurrency: 1, log: createLogger('error'), connectorsDir: CONNECTORS_DIR, resolveAfterSync: false });
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUES.events, { connection: redis, prefix });
  const eventsConnection = redis.duplicate();
  const events = new QueueEvents(QUEUES.events, { connection: eventsConnection, prefix });
  try {
    await events.waitUntilReady();
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((x) => x.key)).toEqual(SCHEDULES.filter((x) => x.queue === QUEUES.events).map((x) => x.id));
    const overdue = new Date(e.deadlineAt!.getTime() + H).toISOString();
    const job = await queue.add('events.recolour', { at: overdue, requestedBy: 'test' });
    expect(await job.waitUntilFinished(events, 30000)).toEqual({ changed: 1, yellow: 0, red: 1 });
    expect((await service().byId(e.id))!.colour).toBe('red');
    const bad = await queue.add('events.recolour', { at: 'yesterday' }, { attempts: 3 });
    await expect(bad.waitUntilFinished(events, 30000)).rejects.toThrow(/"at" must be an ISO date-time/);
    expect((await queue.getJob(bad.id!))?.attemptsMade).toBe(1);
  } finally {
    await workers.close();
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
    for (const q of [QUEUES.maintenance, QUEUES.resolve, QUEUES.sync]) {
      const other = new Queue(q, { connection: redis, prefix });
      await other.obliterate({ force: true });
      await other.close();
    }
    eventsConnection.disconnect();
    redis.disconnect();
  }
});
