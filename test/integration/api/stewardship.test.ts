/**
 * Stewardship over GraphQL on the synced and resolved S district, executing the real schema:
 * the review queue with explanations and a pair decision, a manual merge and its unmerge (round
 * trip, with lineage attributed to the steward), the quarantine list, summary and re-process,
 * lineage on golden records (raw payloads only for roles that may see them, one statement per
 * relation for several records), FORBIDDEN for viewers without the steward role, and jobs started
 * on real Redis queues (random prefix) with their state — a reconcile job run by a worker stores
 * the report that `reconciliationReport` then reads.
 */
import 'reflect-metadata';
import { graphql, type ExecutionResult } from 'graphql';
import { Redis } from 'ioredis';
import { Worker } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { gridhubSchema } from '../../../src/api/schema';
import { createContext } from '../../../src/api/context';
import type { Principal } from '../../../src/access';
import { toGlobalId } from '../../../src/api/global-id';
import { HubStatusService } from '../../../src/services/hub-status.service';
import { JobsService } from '../../../src/services/jobs.service';
import { QUEUES } from '../../../src/jobs/queues';
import { reconcileProcessor } from '../../../src/jobs/reconcile.processor';
import { DEFAULT_CONNECTORS_DIR } from '../../../src/services/stewardship.service';
import { openSDistrictOrm } from '../../support/s-district';
import { randomQueuePrefix } from '../../support/database';
import { readTestState } from '../../support/test-env';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;
let redis: Redis;
let jobs: JobsService;
const prefix = randomQueuePrefix();

const STEWARD: Principal = { id: 'apikey:1', kind: 'apikey', name: 'alice', role: 'steward' };
const CLERK: Principal = { id: 'apikey:2', kind: 'apikey', name: 'bob', role: 'grid_worker' };

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
  redis = new Redis(readTestState().redisUrl, { maxRetriesPerRequest: null });
  jobs = new JobsService({ connection: redis, prefix, connectorsDir: DEFAULT_CONNECTORS_DIR });
}, 600000);
afterAll(async () => {
  await jobs?.close();
  if (redis) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  }
  await s?.close();
});

/** Runs a document as `viewer`; returns data, errors and the SQL statements it sent. */
async function run(source: string, variableValues: Record<string, unknown> = {}, viewer: Principal = STEWARD, withJobs = true): Promise<{ data: any; errors: ExecutionResult['errors']; sql: string[] }> {
  const schema = await gridhubSchema();
  const knex = orm.em.getConnection().getKnex();
  const sql: string[] = [];
  const onQuery = (q: { sql: string }) => void sql.push(q.sql);
  knex.on('query', onQuery);
  try {
    const r = await graphql({
      schema,
      source,
      variableValues,
      contextValue: createContext({ orm, status: new HubStatusService(orm, async () => 'PONG'), version: 'test', principal: viewer, jobs: withJobs ? jobs : undefined }),
    });
    return { data: r.data as any, errors: r.errors, sql };
  } finally {
    knex.removeListener('query', onQuery);
  }
}

async function ok(source: string, variables: Record<string, unknown> = {}, viewer: Principal = STEWARD): Promise<any> {
  const r = await run(source, variables, viewer);
  if (r.errors) throw new Error(r.errors.map((e) => `${e.message} ${JSON.stringify(e.extensions)}`).join('; '));
  return r.data;
}

const codeOf = (r: { errors: ExecutionResult['errors'] }) => r.errors?.[0]?.extensions?.code;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(text, params);
}

const REVIEW = `query ($model: MatchModel!) { reviewQueue(model: $model, first: 50) {
  a b weight probability modelVersion records { id source stream recordKey canonical goldenId } explanation { comparison level weight } } }`;

test('viewers without the steward role are FORBIDDEN from stewardship and jobs', async () => {
  for (const doc of [
    '{ reviewQueue(model: person) { a } }',
    '{ quarantine(first: 1) { nodes { id } } }',
    '{ reconciliationReport { id } }',
    'mutation { decidePair(a: 1, b: 2, decision: REJECT, reason: "x") { runId } }',
    'mutation { startReconcile { id } }',
    '{ job(queue: resolve, id: "1") { id } }',
  ]) {
    const r = await run(doc, {}, CLERK);
    expect(r.data === null || Object.values(r.data as Record<string, unknown>).every((v) => v === null)).toBe(true);
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.errors![0]!.message).toContain('steward');
  }
});

test('review queue with explanations → REJECT takes the pair out and keeps the records apart, audited', async () => {
  let model = 'organisation';
  let queue = (await ok(REVIEW, { model })).reviewQueue;
  if (queue.length === 0) {
    model = 'house';
    queue = (await ok(REVIEW, { model })).reviewQueue;
  }
  expect(queue.length).toBeGreaterThan(0);
  const pair = queue[0];
  expect(pair.a).toBeLessThan(pair.b);
  expect(pair.records.map((r: { id: number }) => r.id)).toEqual([pair.a, pair.b]);
  expect(pair.probability).toBeGreaterThan(0);
  expect(pair.explanation.length).toBeGreaterThan(1);
  expect(pair.explanation[0]).toEqual({ comparison: expect.any(String), level: expect.any(String), weight: expect.any(Number) });
  expect(pair.explanation.reduce((w: number, c: { weight: number }) => w + c.weight, 0)).not.toBe(0);

  const bad = await run('mutation ($a: Int!, $b: Int!) { decidePair(a: $a, b: $b, decision: REJECT, reason: "  ") { runId } }', { a: pair.a, b: pair.b });
  expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  const same = await run('mutation ($a: Int!) { decidePair(a: $a, b: $a, decision: ACCEPT, reason: "same") { runId } }', { a: pair.a });
  expect(codeOf(same)).toBe('BAD_USER_INPUT');

  const decided = (await ok('mutation ($a: Int!, $b: Int!) { decidePair(a: $a, b: $b, decision: REJECT, reason: "different shops at one address") { model runId records { sourceRecordId goldenId } } }', { a: pair.a, b: pair.b })).decidePair;
  expect(decided.model).toBe(model);
  expect(decided.records.map((r: { sourceRecordId: number }) => r.sourceRecordId)).toEqual([pair.a, pair.b]);
  expect(decided.records[0].goldenId).not.toBe(decided.records[1].goldenId);
  const after = (await ok(REVIEW, { model })).reviewQueue;
  expect(after.some((p: { a: number; b: number }) => p.a === pair.a && p.b === pair.b)).toBe(false);
  const [audit] = await sql<{ actor: string; detail: { reason: string } }>(`select actor, detail from audit_log where action = 'steward.reject' order by id desc limit 1`);
  expect(audit!.actor).toBe('alice');
  expect(audit!.detail.reason).toBe('different shops at one address');
});

test('merge → unmerge round trip over GraphQL, with the lineage attributed to the steward', async () => {
  const [a] = await sql<{ id: string }>(
    `select p.id from person p where p.merged_into_id is null and p.citizen_id is null
       and exists (select 1 from match_member m where m.model = 'person' and m.golden_id = p.id) order by p.id limit 1`,
  );
  const [b] = await sql<{ id: string }>(
    `select p.id from person p where p.merged_into_id is null and p.citizen_id is not null
       and (select count(*) from match_member m where m.model = 'person' and m.golden_id = p.id) = 1 order by p.id limit 1`,
  );
  const other = Number(a!.id);
  const survivor = Number(b!.id);
  const membersOf = async (g: number) => (await sql<{ id: string }>(`select source_record_id id from match_member where model = 'person' and golden_id = ? order by 1`, [g])).map((r) => Number(r.id));
  const otherRecords = await membersOf(other);
  const survivorRecords = await membersOf(survivor);

  const merged = (await ok(
    'mutation ($s: ID!, $o: ID!) { mergeGoldens(model: person, survivor: $s, other: $o, reason: "same person, document and ID card") { runId goldensMerged records { sourceRecordId goldenId } } }',
    { s: toGlobalId('Person', survivor), o: String(other) },
  )).mergeGoldens;
  expect(merged.runId).toEqual(expect.any(Number));
  expect(merged.records.map((r: { sourceRecordId: number }) => r.sourceRecordId).sort()).toEqual([...survivorRecords, ...otherRecords].sort());
  const goldens = new Set(merged.records.map((r: { goldenId: number }) => r.goldenId));
  expect(goldens.size).toBe(1);
  const golden = [...goldens][0] as number;

  const wrongType = await run('mutation ($g: ID!) { unmergeGolden(model: person, golden: $g, sourceRecordIds: [1], reason: "x") { runId } }', { g: toGlobalId('Organisation', golden) });
  expect(codeOf(wrongType)).toBe('BAD_USER_INPUT');
  const stranger = await run('mutation ($g: ID!) { unmergeGolden(model: person, golden: $g, sourceRecordIds: [1], reason: "x") { runId } }', { g: String(golden) });
  expect(codeOf(stranger)).toBe('BAD_USER_INPUT');
  expect(stranger.errors![0]!.message).toContain('not members');

  const unmerged = (await ok(
    'mutation ($g: ID!, $ids: [Int!]!) { unmergeGolden(model: person, golden: $g, sourceRecordIds: $ids, reason: "merged by mistake") { runId records { sourceRecordId goldenId } } }',
    { g: String(golden), ids: otherRecords },
  )).unmergeGolden;
  const goldenOf = new Map(unmerged.records.map((r: { sourceRecordId: number; goldenId: number }) => [r.sourceRecordId, r.goldenId]));
  for (const id of otherRecords) for (const k of survivorRecords) expect(goldenOf.get(id)).not.toBe(goldenOf.get(k));
  expect(new Set(survivorRecords.map((k) => goldenOf.get(k))).size).toBe(1);

  // The merged golden's history: merged by alice, then unmerged by alice.
  const history = (await ok('query ($id: ID!) { person(id: $id) { history { kind fromId toId decidedBy decidedByUser reason sourceRecordIds } } }', { id: toGlobalId('Person', golden) })).person.history;
  const byAlice = history.filter((h: { decidedByUser: string | null }) => h.decidedByUser === 'alice');
  expect(byAlice.map((h: { kind: string }) => h.kind)).toEqual(expect.arrayContaining(['merge', 'unmerge']));
  for (const h of byAlice) expect(h.decidedBy).toBe('steward');
});

test('quarantine: keyset pages, filter by reason, summary, and re-process of a connector', async () => {
  const first = (await ok('{ quarantine(source: "police", stream: "rk", first: 5) { edges { cursor node { id source stream recordKey entityType revision fetchedAt issues { field rule value message severity } } } pageInfo { hasNextPage endCursor } totalCount } }')).quarantine;
  expect(first.edges).toHaveLength(5);
  expect(first.pageInfo.hasNextPage).toBe(true);
  expect(first.totalCount).toBeNull();
  for (const e of first.edges) {
    expect(e.node).toEqual(expect.objectContaining({ source: 'police', stream: 'rk', entityType: 'person' }));
    expect(e.node.issues.some((i: { severity: string }) => i.severity === 'error')).toBe(true);
  }
  const second = (await ok('query ($after: String) { quarantine(source: "police", stream: "rk", first: 5, after: $after) { nodes { id } } }', { after: first.pageInfo.endCursor })).quarantine;
  expect(second.nodes[0].id).toBeGreaterThan(first.edges[4].node.id);

  const byReason = (await ok('{ quarantine(reason: "CITIZEN_ID_CHECK_CHAR", first: 100) { nodes { issues { rule } } } }')).quarantine.nodes;
  expect(byReason.length).toBeGreaterThan(0);
  for (const n of byReason) expect(n.issues.map((i: { rule: string }) => i.rule)).toContain('CITIZEN_ID_CHECK_CHAR');

  const summary = (await ok('{ quarantineSummary(source: "police") { source stream field rule records } }')).quarantineSummary;
  const [{ n }] = (await sql<{ n: string }>(`select count(*) n from source_record where source = 'police' and stream = 'rk' and status = 'quarantined'`)) as [{ n: string }];
  const rkRows = summary.filter((r: { stream: string }) => r.stream === 'rk');
  expect(rkRows.reduce((k: number, r: { records: number }) => k + r.records, 0)).toBeGreaterThanOrEqual(Number(n));

  const reprocessed = (await ok('mutation { reprocessQuarantine(source: "police", streams: ["rk"]) { examined rewritten released stillQuarantined newlyQuarantined runId } }')).reprocessQuarantine;
  expect(reprocessed).toEqual({ examined: Number(n), rewritten: 0, released: 0, stillQuarantined: Number(n), newlyQuarantined: 0, runId: expect.any(Number) });
  const unknown = await run('mutation { reprocessQuarantine(source: "police", streams: ["nope"]) { examined } }');
  expect(codeOf(unknown)).toBe('BAD_USER_INPUT');
  expect(unknown.errors![0]!.message).toContain('has no stream nope');
});

test('open addresses for stewards; mapping onto an unknown address is refused', async () => {
  const open = (await ok('{ openAddresses(first: 5) { text records kind deepestKnownId deepestKnownText reason } }')).openAddresses;
  expect(Array.isArray(open)).toBe(true);
  for (const a of open) expect(a.records).toBeGreaterThan(0);
  const refused = await run('mutation { mapAddress(text: "广东省南溪市天元区无此路1号", addressId: "987654321", reason: "test") { addressId } }');
  expect(codeOf(refused)).toBe('BAD_USER_INPUT');
});


test('lineage of golden records: source records with link explanations, provenance, history; raw payload by role; batched', async () => {
  const rows = await sql<{ id: string }>(
    `select l.entity_id id from entity_link l join source_record s on s.id = l.source_record_id where l.entity_type = 'person' and l.unlinked_at is null
     group by 1 having count(distinct s.stream) >= 2 order by 1 limit 5`,
  );
  const ids = rows.map((r) => Number(r.id));
  const doc = `{ ${ids.map((id, k) => `p${k}: person(id: "${toGlobalId('Person', id)}") { name sourceRecords { id source stream recordKey fetchedAt status rawPayload canonical link { score rule decidedBy decidedAt weights { comparison level weight } } } provenance { attribute value sourceRecordId source stream rule at } history { kind toId decidedBy } }`).join(' ')} }`;
  const admin = await run(doc, {}, { id: 'apikey:3', kind: 'apikey', name: 'root', role: 'admin' });
  expect(admin.errors).toBeUndefined();
  ids.forEach((id, k) => {
    const p = admin.data[`p${k}`];
    expect(p.sourceRecords.length).toBeGreaterThanOrEqual(2);
    for (const r of p.sourceRecords) {
      expect(typeof r.rawPayload).toBe('object');
      expect(r.rawPayload).not.toBeNull();
      expect(r.link.rule).toMatch(/^person@/);
      expect(r.link.weights.length).toBeGreaterThan(0);
    }
    const name = p.provenance.find((x: { attribute: string }) => x.attribute === 'name');
    expect(name).toEqual(expect.objectContaining({ source: 'police', stream: 'rk' }));
    expect(p.history.some((h: { kind: string; toId: number }) => h.kind === 'create' && h.toId === id)).toBe(true);
  });
  // One statement per lineage relation for the five persons.
  expect(admin.sql.filter((q) => /from entity_link l join source_record s/.test(q))).toHaveLength(1);
  expect(admin.sql.filter((q) => /from golden_lineage/.test(q))).toHaveLength(1);
  expect(admin.sql.filter((q) => /jsonb_object_agg\(s\.id::text, s\.stream\)/.test(q))).toHaveLength(1);

  // A department sees lineage but never raw payloads: asking for them is FORBIDDEN, not a silent null.
  const police: Principal = { id: 'apikey:4', kind: 'apikey', name: 'police-system', role: 'department', department: 'police' };
  const refused = await run(doc, {}, police);
  expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(refused.errors?.[0].message).toMatch(/SourceRecordRef\.rawPayload is not visible to role department \(police\)/);
  const dept = await run(doc.replace(/ rawPayload/g, ''), {}, police);
  expect(dept.errors).toBeUndefined();
  for (const r of dept.data.p0.sourceRecords) expect(r.canonical).not.toBeNull();
  expect(dept.sql.some((q) => /s\.raw/.test(q))).toBe(false);
  // A grid worker sees no lineage at all.
  const clerk = await run(doc.replace(/ rawPayload/g, ''), {}, CLERK);
  expect(clerk.errors?.[0].extensions?.code).toBe('FORBIDDEN');
});

test('jobs: startResolve and startSync return queued jobs whose state `job` shows; bad names are refused', async () => {
  const started = (await ok('mutation { startResolve(stages: ["person"], mode: incremental) { id queue name state data createdAt startedAt finishedAt attemptsMade } }')).startResolve;
  expect(started).toHaveLength(1);
  expect(started[0]).toEqual(expect.objectContaining({ queue: 'resolve', name: 'resolve.model', state: 'delayed', startedAt: null, attemptsMade: 0 }));
  expect(started[0].data).toEqual({ model: 'person', mode: 'incremental', requestedBy: 'alice' });
  const job = (await ok('query ($id: ID!) { job(queue: resolve, id: $id) { id state progress result failedReason } }', { id: started[0].id })).job;
  expect(job).toEqual({ id: started[0].id, state: 'delayed', progress: 0, result: null, failedReason: null });
  expect((await ok('{ job(queue: resolve, id: "no-such-job") { id } }')).job).toBeNull();

  const syncs = (await ok('mutation { startSync(connector: "police", streams: ["rk", "fw"]) { id queue state data } }')).startSync;
  expect(syncs.map((j: { state: string }) => j.state)).toEqual(['waiting', 'waiting']);
  const listed = (await ok('{ jobs(queue: sync, states: ["waiting"]) { id } }')).jobs.map((j: { id: string }) => j.id);
  expect(listed.sort()).toEqual(syncs.map((j: { id: string }) => j.id).sort());

  expect(codeOf(await run('mutation { startResolve(stages: ["nope"]) { id } }'))).toBe('BAD_USER_INPUT');
  expect(codeOf(await run('mutation { startSync(connector: "nope") { id } }'))).toBe('BAD_USER_INPUT');
  expect(codeOf(await run('mutation { startSync(connector: "police", streams: ["nope"]) { id } }'))).toBe('BAD_USER_INPUT');
  expect(codeOf(await run('{ jobs(queue: sync, states: ["sleeping"]) { id } }'))).toBe('BAD_USER_INPUT');
  expect(codeOf(await run('mutation { startReconcile { id } }', {}, STEWARD, false))).toBe('SERVICE_UNAVAILABLE');
});

test('startReconcile: a worker runs the job, which stores the report reconciliationReport reads', async () => {
  expect((await ok('{ reconciliationReport { id } }')).reconciliationReport).toBeNull();
  const workerConnection = new Redis(readTestState().redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker(QUEUES.reconcile, reconcileProcessor(() => orm.em.fork()), { connection: workerConnection, prefix });
  try {
    const started = (await ok('mutation { startReconcile { id queue name state } }')).startReconcile;
    expect(started).toEqual(expect.objectContaining({ queue: 'reconcile', name: 'reconcile.report' }));
    let job: any;
    for (let i = 0; i < 600; i++) {
      job = (await ok('query ($id: ID!) { job(queue: reconcile, id: $id) { state result failedReason startedAt finishedAt } }', { id: started.id })).job;
      if (job.state === 'completed' || job.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(job.failedReason).toBeNull();
    expect(job.state).toBe('completed');
    expect(job.finishedAt).not.toBeNull();
    const report = (await ok('{ reconciliationReport { id requestedBy generatedAt totals { fetched valid quarantined tombstoned linked linkedExisting linkedNew } streams { source stream fetched valid quarantined linked linkedExisting linkedNew quarantineReasons { rule records } conflicts { attribute goldens } } conflicts { entityType attribute goldens examples { goldenId values { source stream sourceRecordId value } } } coverage { persons personsWithoutAddress addressesWithoutGrid housesWithoutAddress } } }')).reconciliationReport;
    expect(report.id).toBe(job.result.reportId);
    expect(report.requestedBy).toBe('alice');
    expect(report.totals.fetched).toBe(report.totals.valid + report.totals.quarantined + report.totals.tombstoned);
    expect(report.streams.find((x: { source: string; stream: string }) => x.source === 'police' && x.stream === 'rk')).toBeDefined();
    expect(report.coverage.persons).toBeGreaterThan(4000);
    const fresh = (await ok('{ reconciliationReport(latest: false) { id totals { fetched } } }')).reconciliationReport;
    expect(fresh.id).toBeNull();
    expect(fresh.totals.fetched).toBe(report.totals.fetched);
  } finally {
    await worker.close();
    await workerConnection.quit();
  }
});
