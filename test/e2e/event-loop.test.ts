/**
 * The event closed loop over HTTP against the synced and resolved S district: report → accept →
 * dispatch → handle → feed back → verify (return) → handle → feed back → verify (pass) → close with
 * the timeline; ILLEGAL_TRANSITION with the allowed actions; events from feeds with their parties;
 * the per-grid event connection over a subtree with filters and keyset pages; `node(id:)`.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { startHttpServer, type RunningHttpServer } from '../../src/main/http-server';
import { createMetrics } from '../../src/main/metrics';
import { HubStatusService } from '../../src/services/hub-status.service';
import { openSDistrictOrm } from '../support/s-district';
import { readTestState } from '../support/test-env';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let server: RunningHttpServer;
let redis: Redis;

interface Answer {
  data?: Record<string, any> | null;
  errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
}

async function gql(query: string, variables?: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as Answer;
}

async function ok(query: string, variables?: Record<string, unknown>): Promise<Record<string, any>> {
  const a = await gql(query, variables);
  expect(a.errors).toBeUndefined();
  return a.data!;
}

async function sql<T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(q, params as never[]);
}

const EVENT = `id code title status colour supervisionLevel supervisionLabel allowedActions version assignee deadlineAt
  category { scheme code label } grid { code } timeline { action actionLabel fromStatus toStatus actor actorRole note }`;

beforeAll(async () => {
  ({ orm, close: closeDb } = await openSDistrictOrm());
  redis = new Redis(readTestState().redisUrl);
  server = await startHttpServer({ orm, status: new HubStatusService(orm, () => redis.ping()), metrics: createMetrics(), version: 'test', production: false, auth: 'off' }, '127.0.0.1', 0);
});

afterAll(async () => {
  await server.close();
  redis.disconnect();
  await closeDb();
});

it('runs the whole loop over GraphQL, with a return at verification', async () => {
  const [base] = await sql<{ code: string; parent: string }>(
    `select g.code, p.code as parent from grid g join grid p on p.id = g.parent_id where g.kind = 'base' and g.valid_to is null order by g.code limit 1`,
  );
  const [person] = await sql<{ id: string }>(`select id from person where merged_into_id is null and grid_id is not null order by id limit 1`);
  const personGid = Buffer.from(`Person:${person!.id}`).toString('base64url');
  const reported = (await ok(
    `mutation($input: ReportEventInput!) { reportEvent(input: $input) { ${EVENT} involvedPersons { id } } }`,
    { input: { title: '楼道堆物邻里纠纷', origin: 'patrol', categoryScheme: 'dispute', categoryCode: '02', gridCode: base!.parent, involvedPersonIds: [personGid] } },
  )).reportEvent;
  expect(reported).toMatchObject({
    status: 'reported', colour: 'green', supervisionLevel: 0, supervisionLabel: '无', allowedActions: ['accept', 'reject'],
    category: { scheme: 'dispute', code: '02', label: '邻里纠纷' }, grid: { code: base!.parent }, involvedPersons: [{ id: personGid }],
  });
  const id = reported.id as string;
  const step = async (mutation: string, args = '') => (await ok(`mutation($id: ID!) { ${mutation}(id: $id${args}) { ${EVENT} } }`, { id }))[mutation];
  await step('acceptEvent', ', note: "受理"');
  expect(await step('dispatchEvent', `, to: "${base!.code}", note: "交办网格"`)).toMatchObject({ status: 'dispatched', assignee: base!.code });
  await step('handleEvent', ', note: "上门调解"');
  await step('feedBackEvent', ', note: "已调解"');
  expect(await step('verifyEvent', ', pass: false, note: "未清理完毕"')).toMatchObject({ status: 'handling' });
  await step('handleEvent', ', note: "再次处置"');
  await step('feedBackEvent');
  expect(await step('verifyEvent', ', pass: true')).toMatchObject({ status: 'verified', allowedActions: ['close'] });
  const closed = await step('closeEvent', ', note: "结案"');
  expect(closed).toMatchObject({ status: 'closed', allowedActions: [], version: 10 });
  expect(closed.timeline.map((s: { action: string; toStatus: string }) => `${s.action}→${s.toStatus}`)).toEqual([
    'report→reported', 'accept→accepted', 'dispatch→dispatched', 'handle→handling', 'feed_back→fed_back', 'verify_return→handling',
    'handle→handling', 'feed_back→fed_back', 'verify_pass→verified', 'close→closed',
  ]);
  expect(closed.timeline[5]).toMatchObject({ actionLabel: '核查回退', actor: 'anonymous:auth-off', actorRole: 'admin', note: '未清理完毕' });

  const illegal = await gql(`mutation($id: ID!) { acceptEvent(id: $id) { id } }`, { id });
  expect(illegal.errors?.[0]?.message).toBe(`Event ${reported.code} is closed: "accept" is not allowed (the event is finished: no action is allowed).`);
  expect(illegal.errors?.[0]?.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 'closed', action: 'accept', allowedActions: [] });
  const early = (await ok(`mutation($input: ReportEventInput!) { reportEvent(input: $input) { id } }`, { input: { title: '井盖缺失', origin: 'resident', categoryScheme: 'city_management', categoryCode: '0201', gridCode: base!.code } })).reportEvent;
  const wrong = await gql(`mutation($id: ID!) { closeEvent(id: $id) { id } }`, { id: early.id });
  expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 'reported', allowedActions: ['accept', 'reject'] });
  const stale = await gql(`mutation($id: ID!) { acceptEvent(id: $id, expectedVersion: 7) { id } }`, { id: early.id });
  expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });
  const badId = await gql(`mutation { acceptEvent(id: "nope") { id } }`);
  expect(badId.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });

  const node = await ok(`query($id: ID!) { node(id: $id) { __typename ... on Event { code status } } event(id: $id) { code } }`, { id });
  expect(node).toEqual({ node: { __typename: 'Event', code: reported.code, status: 'closed' }, event: { code: reported.code } });
});

it('serves events from feeds with their parties and department steps', async () => {
  const [jq] = await sql<{ code: string }>(`select e.code from event e join event_party ep on ep.event_id = e.id where e.category_scheme = 'public_order' and ep.person_id is not null order by e.code limit 1`);
  const police = (await ok(`query($code: String!) { eventByCode(code: $code) { code origin category { scheme } involvedPersons { citizenId } timeline { action actor actorRole } } }`, { code: jq!.code })).eventByCode;
  expect(police).toMatchObject({ code: jq!.code, origin: 'department', category: { scheme: 'public_order' } });
  expect(police.involvedPersons.length).toBeGreaterThan(0);
  expect(police.timeline[0]).toEqual({ action: 'report', actor: 'police', actorRole: 'department' });
  const [hz] = await sql<{ code: string }>(`select e.code from event e join event_party ep on ep.event_id = e.id where e.category_scheme = 'safety_hazard' and ep.organisation_id is not null order by e.code limit 1`);
  const hazard = (await ok(`query($code: String!) { eventByCode(code: $code) { involvedOrganisations { name } parties { role organisation { name } person { name } } } }`, { code: hz!.code })).eventByCode;
  expect(hazard.involvedOrganisations).toHaveLength(1);
  expect(hazard.parties).toEqual([{ role: 'responsible', organisation: { name: hazard.involvedOrganisations[0].name }, person: null }]);
  expect((await ok(`{ eventByCode(code: "nope") { code } }`)).eventByCode).toBeNull();
});

it('pages a grid subtree’s events with filters, keyset cursors and a total count', async () => {
  const [top] = await sql<{ code: string; n: string }>(
    `select r.code, (select count(*) from event e join grid g on g.id = e.grid_id where g.path like r.path || '%') as n
     from grid r where r.valid_to is null and r.parent_id is null order by n desc limit 1`,
  );
  const total = Number(top!.n);
  expect(total).toBeGreaterThan(30);
  const q = `query($code: String!, $after: String, $filter: EventFilterInput, $orderBy: EventOrderField) {
    grid(code: $code) { events(first: 10, after: $after, includeDescendants: true, filter: $filter, orderBy: $orderBy) {
      totalCount pageInfo { hasNextPage endCursor } nodes { code reportedAt deadlineAt status colour category { scheme } } } } }`;
  const seen: string[] = [];
  let after: string | null = null;
  let last = Infinity;
  for (;;) {
    const page: any = (await ok(q, { code: top!.code, after })).grid.events;
    expect(page.totalCount).toBe(total);
    for (const n of page.nodes) {
      const t = Date.parse(n.reportedAt);
      expect(t).toBeLessThanOrEqual(last);
      last = t;
      seen.push(n.code);
    }
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(new Set(seen).size).toBe(total);
  // Without descendants the top grid itself holds no events (they sit in base grids).
  expect((await ok(`query($code: String!) { grid(code: $code) { events { totalCount } } }`, { code: top!.code })).grid.events.totalCount).toBe(0);
  const hazards = (await ok(q, { code: top!.code, filter: { categoryScheme: 'safety_hazard', status: ['handling'] }, orderBy: 'DEADLINE_AT' })).grid.events;
  const [{ n }] = await sql<{ n: string }>(`select count(*) as n from event where category_scheme = 'safety_hazard' and status = 'handling' and grid_id is not null`);
  expect(hazards.totalCount).toBe(Number(n));
  expect(hazards.nodes.every((e: { category: { scheme: string }; status: string }) => e.category.scheme === 'safety_hazard' && e.status === 'handling')).toBe(true);
  const deadlines = hazards.nodes.map((e: { deadlineAt: string }) => Date.parse(e.deadlineAt));
  expect(deadlines).toEqual([...deadlines].sort((a: number, b: number) => a - b));
  const red = (await ok(q, { code: top!.code, filter: { colour: ['red'], reportedFrom: '2020-01-01T00:00:00Z', reportedTo: '2030-01-01T00:00:00Z' } })).grid.events;
  expect(red.nodes.every((e: { colour: string }) => e.colour === 'red')).toBe(true);
});

it('a page of events with grid, timeline, parties, persons and organisations costs the same few statements whatever its size', async () => {
  const [top] = await sql<{ code: string }>(`select code from grid where valid_to is null and parent_id is null order by code limit 1`);
  const q = `query($code: String!, $first: Int!) { grid(code: $code) { events(first: $first, includeDescendants: true) {
    nodes { code grid { code } address { id } timeline { action } parties { role } involvedPersons { name } involvedOrganisations { name } } } } }`;
  const knex = orm.em.getConnection().getKnex();
  const counted = async (first: number) => {
    let statements = 0;
    const count = () => void (statements += 1);
    knex.on('query', count);
    try {
      const data = await ok(q, { code: top!.code, first });
      return { statements, nodes: data.grid.events.nodes as Array<{ timeline: unknown[] }> };
    } finally {
      knex.removeListener('query', count);
    }
  };
  const r5 = await counted(5);
  const r30 = await counted(30);
  expect(r30.nodes).toHaveLength(30);
  expect(r30.nodes.every((n) => n.timeline.length > 0)).toBe(true);
  expect(r30.statements).toBe(r5.statements);
  // grid lookup, page, grids, addresses, steps, parties, persons, organisations
  expect(r30.statements).toBeLessThanOrEqual(8);
  process.stdout.write(`statements for a page of 5 / 30 events with grid, address, timeline, parties, persons, organisations: ${r5.statements} / ${r30.statements}\n`);
});
