/**
 * The per-grid persons page of issue 8 (a page of persons with their grid and addresses) over the
 * synced and resolved S district: one SQL statement (the grid, its page and the page's addresses),
 * and exactly the answer the relation loaders give when the page does not read the addresses
 * itself — every address field, in the same order, for the police (masking) as for an admin —
 * and exactly the answer of the grid lookup and the page read apart (a `persons` field under
 * `@include(if: true)` is never read with the grid), for any arguments and any principal.
 */
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../../../src/access';
import { DEFAULT_QUERY_LIMITS } from '../../../src/api/limits/query-limits.plugin';
import { startHttpServer } from '../../../src/main/http-server';
import { createMetrics } from '../../../src/main/metrics';
import { HubStatusService } from '../../../src/services/hub-status.service';
import { runCounted } from '../../support/graphql-run';
import { openSDistrictOrm } from '../../support/s-district';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;
let grid: string;

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
  const [top] = await orm.em.fork().getConnection().execute<Array<{ code: string }>>(
    `select g.code from person p join grid g on g.id = p.grid_id where g.kind = 'base' and g.valid_to is null and p.merged_into_id is null
     group by g.code order by count(*) desc, g.code limit 1`,
  );
  grid = top.code;
}, 600000);
afterAll(async () => s?.close());

const POLICE: Principal = { id: 'apikey:test-police', kind: 'apikey', name: 'test-police', role: 'department', department: 'police' } as Principal;

const run = (source: string, variableValues: Record<string, unknown>, principal?: Principal) => runCounted(orm, source, variableValues, principal);

const ADDRESS = 'role validFrom address { id code level levelName elementName fullText lng lat retiredAt }';
const PAGE = `query Page($code: String!, $first: Int!) { grid(code: $code) { persons(first: $first) {
  nodes { id name citizenId phone birthDate grid { code name } addresses { ${ADDRESS} } } } } }`;
/** The same page through a named fragment on edges: the look-ahead finds `addresses` there too. */
const PAGE_EDGES = `query Page($code: String!, $first: Int!) { grid(code: $code) { persons(first: $first) {
  edges { node { ...P } } } } } fragment P on Person { id addresses { ${ADDRESS} } }`;
/** Without `addresses` on the page: the loader reads them per person lookup. */
const ONE = `query One($id: ID!) { person(id: $id) { id addresses { ${ADDRESS} } } }`;

test('the page of 50 persons with grid and addresses costs one statement and answers as the loaders do', async () => {
  const page = await run(PAGE, { code: grid, first: 50 });
  expect(page.errors).toBeUndefined();
  const nodes = page.data.grid.persons.nodes as Array<{ id: string; grid: { code: string }; addresses: unknown[] }>;
  expect(nodes).toHaveLength(50);
  expect(nodes.every((n) => n.grid.code === grid)).toBe(true);
  expect(nodes.some((n) => n.addresses.length > 0)).toBe(true);
  expect(page.statements).toBe(1);
  for (const n of nodes.slice(0, 12)) {
    const one = await run(ONE, { id: n.id });
    expect(one.errors).toBeUndefined();
    expect(one.data.person.addresses).toEqual(n.addresses);
  }
  const edges = await run(PAGE_EDGES, { code: grid, first: 50 });
  expect(edges.errors).toBeUndefined();
  expect(edges.statements).toBe(1);
  expect(edges.data.grid.persons.edges.map((e: { node: unknown }) => e.node)).toEqual(nodes.map((n) => ({ id: n.id, addresses: n.addresses })));
  process.stdout.write(`statements for the page of 50 persons with grid and addresses: ${page.statements}\n`);
});

const GRID_FIELDS = 'id code name kind level { key name rank } department boundary validFrom validTo parent { code }';
/** The grid and a page of its persons; `apart`: the persons field under @include(if: true), so the page is read on its own. */
const gridAndPage = (args: string, apart: boolean) => `query G($code: String!, $after: String) { grid(code: $code) { ${GRID_FIELDS}
  persons(${args}${args ? ', ' : ''}after: $after)${apart ? ' @include(if: true)' : ''} { pageInfo { hasNextPage endCursor } nodes { id name citizenId phone birthDate age kind grid { code } addresses { ${ADDRESS} } } } } }`;

test('the grid read with its page answers as the grid lookup and the page read apart, in one statement instead of two', async () => {
  const GRID_ONLY = `query G($code: String!) { grid(code: $code) { ${GRID_FIELDS} } }`;
  const alone = await run(GRID_ONLY, { code: grid });
  expect(alone.statements).toBe(2); // the grid, then its parent
  const cases: Array<[string, Principal | undefined]> = [
    ['first: 7', undefined],
    ['first: 7', POLICE],
    ['first: 10, filter: {kinds: [hukou], genders: [F]}', POLICE],
    ['first: 5, filter: {text: "张"}', undefined],
    ['first: 6, orderBy: {field: BIRTH_DATE, direction: DESC}', undefined],
    ['', undefined],
  ];
  for (const [args, who] of cases) {
    let after: string | null = null;
    for (let pageNo = 0; pageNo < 2; pageNo++) {
      const together = await run(gridAndPage(args, false), { code: ` ${grid} `, after }, who);
      const apart = await run(gridAndPage(args, true), { code: ` ${grid} `, after }, who);
      expect([args, together.errors, apart.errors]).toEqual([args, undefined, undefined]);
      expect([args, together.data]).toEqual([args, apart.data]);
      expect(together.data.grid).toMatchObject(alone.data.grid);
      // The grid's parent is its own statement either way; the page is read with the grid.
      expect([args, together.statements]).toEqual([args, apart.statements - 1]);
      after = together.data.grid.persons.pageInfo.endCursor;
      if (after === null) break;
    }
  }
});

test('read with its page, an unknown grid is null, a grid without persons an empty page, bad arguments refused as before', async () => {
  const q = (code: string, args = 'first: 5') => `query { grid(code: ${JSON.stringify(code)}) { code persons(${args}) { pageInfo { hasNextPage endCursor } nodes { id } } } }`;
  const none = await run(q('no-such-grid'), {});
  expect(none).toEqual({ data: { grid: null }, errors: undefined, statements: 1 });
  const [top] = await orm.em.fork().getConnection().execute<Array<{ code: string }>>(`select code from grid where parent_id is null and valid_to is null order by code limit 1`);
  const empty = await run(q(top.code), {});
  expect(empty).toEqual({ data: { grid: { code: top.code, persons: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] } } }, errors: undefined, statements: 1 });
  for (const bad of ['first: 500', 'after: "nonsense!"']) {
    const r = await run(q(grid, bad), {});
    expect(r.data).toEqual({ grid: null });
    expect(r.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  }
});

test('a grid worker reads its own grid with its page, and another grid without it: persons refused, no row of it read', async () => {
  const [own, other] = await orm.em.fork().getConnection().execute<Array<{ id: string; code: string; path: string }>>(
    `select g.id, g.code, g.path from grid g where g.kind = 'base' and g.valid_to is null and exists (select 1 from person p where p.grid_id = g.id) order by g.code limit 2`,
  );
  const worker = { id: 'apikey:test-worker', kind: 'apikey', name: 'test-worker', role: 'grid_worker', gridCode: own.code, scope: { gridId: Number(own.id), path: own.path } } as Principal;
  const page = `query($code: String!) { grid(code: $code) { code persons(first: 10) { nodes { id name addresses { role } } } } }`;
  const mine = await run(page, { code: own.code }, worker);
  expect(mine.errors).toBeUndefined();
  expect(mine.statements).toBe(2); // the grid with its page, and the worker's subtree (the loaders' row scope)
  expect(mine.data).toEqual((await run(page, { code: own.code })).data);
  const theirs = await run(page, { code: other.code }, worker);
  expect(theirs.data).toEqual({ grid: null }); // persons is non-null: its error nulls the grid, as without the fold
  expect(theirs.errors?.map((e) => [e.extensions.code, e.path])).toEqual([['FORBIDDEN', ['grid', 'persons']]]);
  expect(theirs.statements).toBe(1);
});

test('the police see the same page masked, with the same addresses', async () => {
  const admin = await run(PAGE, { code: grid, first: 20 });
  const police = await run(PAGE, { code: grid, first: 20 }, POLICE);
  expect(police.errors).toBeUndefined();
  const a = admin.data.grid.persons.nodes as Array<Record<string, unknown>>;
  const p = police.data.grid.persons.nodes as Array<Record<string, unknown>>;
  expect(p.map((n) => [n.id, n.addresses, n.grid])).toEqual(a.map((n) => [n.id, n.addresses, n.grid]));
});

test('over HTTP the page answers as in-process, uncacheable (cache-control: no-store), its cost checked on every request', async () => {
  const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
  const server = await startHttpServer(
    {
      orm,
      status: new HubStatusService(orm, async () => 'PONG'),
      metrics: createMetrics(),
      version: 'test',
      production: true,
      auth: 'off',
      log: quiet,
      graphql: { limits: { ...DEFAULT_QUERY_LIMITS, maxCost: 5000 }, trustedDocuments: 'off', documents: new Map() },
    },
    '127.0.0.1',
    0,
  );
  try {
    const post = (first: number) =>
      fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: PAGE, variables: { code: grid, first } }) });
    const inProcess = await run(PAGE, { code: grid, first: 20 });
    for (let i = 0; i < 2; i++) {
      const res = await post(20);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ data: inProcess.data });
    }
    // The same document with a larger page costs more than the limit: refused each time, never from a stale cost.
    for (let i = 0; i < 2; i++) {
      const res = await post(100);
      expect(res.status).toBe(400);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    }
  } finally {
    await server.close();
  }
});
