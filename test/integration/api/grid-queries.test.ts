/**
 * The per-grid element queries over the synced and resolved S district, executed against the real
 * schema and database: subtree scopes add up, pages walk the whole set once in order, filters
 * hold, typed lookups and node(id:) agree, relations resolve both ways, and a page of 50 persons
 * with addresses, employer and tags costs at most 5 SQL statements whatever the page size.
 */
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createWorld } from '../../../src/simulator/world/create-world';
import { runCounted } from '../../support/graphql-run';
import { openSDistrictOrm } from '../../support/s-district';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;
const world = createWorld({ size: 'S', seed: 7 });
const district = world.grids.find((g) => g.levelKey === 'district')!;
const communities = world.grids.filter((g) => g.levelKey === 'community');
const baseGrids = world.grids.filter((g) => g.levelKey === 'base');

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
}, 600000);
afterAll(async () => s?.close());

/** Runs a document; returns the data and how many SQL statements it sent. */
const run = (source: string, variableValues?: Record<string, unknown>) => runCounted(orm, source, variableValues);

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(text, params);
}

const LIVE = `p.merged_into_id is null and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`;

test('the subtree of the district holds every placed person, and base grids add up to their community', async () => {
  const [{ n }] = await sql<{ n: string }>(`select count(*) n from person p where ${LIVE} and p.grid_id is not null`);
  const r = await run(`query($code: String!) { grid(code: $code) { name own: persons(first: 1) { totalCount } all: persons(first: 1, includeDescendants: true) { totalCount } } }`, { code: district.code });
  expect(r.errors).toBeUndefined();
  expect(r.data.grid.name).toBe(district.name);
  expect(r.data.grid.own.totalCount).toBe(0);
  expect(r.data.grid.all.totalCount).toBe(Number(n));
  expect(Number(n)).toBeGreaterThan(4000);
  for (const c of communities) {
    const sub = await run(`query($code: String!) { grid(code: $code) { persons(first: 0, includeDescendants: true) { totalCount } } }`, { code: c.code });
    let sum = 0;
    for (const b of baseGrids.filter((g) => g.parentCode === c.code)) {
      const own = await run(`query($code: String!) { grid(code: $code) { persons(first: 0) { totalCount } } }`, { code: b.code });
      sum += own.data.grid.persons.totalCount;
    }
    expect(sub.data.grid.persons.totalCount).toBe(sum);
  }
});

test('pages walk a community once, in order, without gaps or repeats', async () => {
  const code = communities[0].code;
  const seen: number[] = [];
  let names: string[] = [];
  let after: string | null = null;
  let total = 0;
  for (;;) {
    const r: any = await run(
      `query($code: String!, $after: String) { grid(code: $code) { persons(first: 100, after: $after, includeDescendants: true, orderBy: {field: BIRTH_DATE, direction: DESC}) {
        totalCount pageInfo { hasNextPage endCursor hasPreviousPage } edges { cursor node { id birthDate } } } } }`,
      { code, after },
    );
    expect(r.errors).toBeUndefined();
    const c = r.data.grid.persons;
    total = c.totalCount;
    expect(c.pageInfo.hasPreviousPage).toBe(after !== null);
    for (const e of c.edges) seen.push(e.node.id);
    names = names.concat(c.edges.map((e: any) => e.node.birthDate ?? '0001-01-01'));
    if (!c.pageInfo.hasNextPage) break;
    after = c.pageInfo.endCursor;
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.length).toBe(total);
  expect(names).toEqual([...names].sort().reverse());
});

test('filters: kind, gender, age, tags, free text on name, pinyin, citizen ID and address', async () => {
  const q = `query($code: String!, $f: PersonFilterInput) { grid(code: $code) { persons(first: 100, includeDescendants: true, filter: $f) { totalCount nodes { name namePinyin citizenId kind gender age tags { code } addresses { address { fullText } } } } } }`;
  const floating = await run(q, { code: district.code, f: { kinds: ['floating'], genders: ['F'] } });
  expect(floating.data.grid.persons.totalCount).toBeGreaterThan(0);
  for (const p of floating.data.grid.persons.nodes) expect([p.kind, p.gender]).toEqual(['floating', 'F']);
  const [{ n: floatingF }] = await sql<{ n: string }>(`select count(*) n from person p where ${LIVE} and p.grid_id is not null and p.kind = 'floating' and p.gender = 'F'`);
  expect(floating.data.grid.persons.totalCount).toBe(Number(floatingF));

  const elderly = await run(q, { code: district.code, f: { ageMin: 60, ageMax: 79 } });
  for (const p of elderly.data.grid.persons.nodes) expect(p.age >= 60 && p.age <= 79).toBe(true);

  const [someone] = await sql<{ citizen_id: string; name: string; name_pinyin: string }>(`select p.citizen_id, p.name, p.name_pinyin from person p where ${LIVE} and p.grid_id is not null and p.citizen_id is not null and p.name_pinyin is not null order by p.id limit 1`);
  const byId = await run(q, { code: district.code, f: { text: someone.citizen_id.slice(0, 14) } });
  expect(byId.data.grid.persons.nodes.map((p: any) => p.citizenId)).toContain(someone.citizen_id);
  const byPinyin = await run(q, { code: district.code, f: { text: someone.name_pinyin } });
  expect(byPinyin.data.grid.persons.nodes.map((p: any) => p.name)).toContain(someone.name);
  const byAddress = await run(q, { code: district.code, f: { text: '501室' } });
  expect(byAddress.data.grid.persons.totalCount).toBeGreaterThan(0);
  for (const p of byAddress.data.grid.persons.nodes) expect(p.addresses.some((a: any) => a.address.fullText.includes('501室'))).toBe(true);

  const [tag] = await sql<{ code: string; n: string }>(`select td.code, count(distinct pt.person_id) n from person_tag pt join tag_definition td on td.id = pt.tag_id join person p on p.id = pt.person_id where ${LIVE} and p.grid_id is not null and pt.valid_to is null group by 1 order by 2 desc limit 1`);
  const tagged = await run(q, { code: district.code, f: { tags: [tag.code] } });
  expect(tagged.data.grid.persons.totalCount).toBe(Number(tag.n));
  for (const p of tagged.data.grid.persons.nodes) expect(p.tags.map((t: any) => t.code)).toContain(tag.code);
});

const PAGE = `query($code: String!, $first: Int!) { grid(code: $code) { persons(first: $first, includeDescendants: true) {
  nodes { id name citizenId addresses { role address { fullText code } } employer { name uscc } tags { code name source } } } } }`;

test('a page of 50 persons with addresses, employer and tags costs at most 5 SQL statements, whatever the page size', async () => {
  const r50 = await run(PAGE, { code: district.code, first: 50 });
  expect(r50.errors).toBeUndefined();
  expect(r50.data.grid.persons.nodes).toHaveLength(50);
  expect(r50.data.grid.persons.nodes.some((p: any) => p.addresses.length > 0)).toBe(true);
  expect(r50.statements).toBeLessThanOrEqual(5);
  const r100 = await run(PAGE, { code: district.code, first: 100 });
  const r5 = await run(PAGE, { code: district.code, first: 5 });
  expect(r100.statements).toBe(r50.statements);
  expect(r5.statements).toBe(r50.statements);
  process.stdout.write(`statements for a page of 5 / 50 / 100 persons with addresses, employer and tags: ${r5.statements} / ${r50.statements} / ${r100.statements}\n`);
});

test('typed lookups, node(id:) and relations both ways', async () => {
  const [p] = await sql<{ citizen_id: string; id: string }>(
    `select p.citizen_id, p.id from person p join employment e on e.person_id = p.id and e.valid_to is null where ${LIVE} and p.citizen_id is not null order by p.id limit 1`,
  );
  const person = await run(`query($c: String!) { personByCitizenId(citizenId: $c) { id name employer { id uscc name employees { person { citizenId } } } addresses { role address { id code residents { citizenId } } } grid { code kind } } }`, { c: p.citizen_id });
  expect(person.errors).toBeUndefined();
  const pr = person.data.personByCitizenId;
  expect(pr.grid.kind).toBe('base');
  expect(pr.employer.employees.map((e: any) => e.person.citizenId)).toContain(p.citizen_id);
  const residence = pr.addresses.find((a: any) => a.role === 'residence');
  if (residence) expect(residence.address.residents.map((x: any) => x.citizenId)).toContain(p.citizen_id);

  const node = await run(`query($id: ID!) { node(id: $id) { id ... on Person { citizenId } } }`, { id: pr.id });
  expect(node.data.node).toEqual({ id: pr.id, citizenId: p.citizen_id });
  const org = await run(`query($u: String!) { organisationByUscc(uscc: $u) { id name } }`, { u: pr.employer.uscc });
  expect(org.data.organisationByUscc.id).toBe(pr.employer.id);
  const nodes = await run(`query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`, { ids: [pr.id, pr.employer.id, 'bm9wZTox'] });
  expect(nodes.data.nodes.map((n: any) => n?.__typename ?? null)).toEqual(['Person', 'Organisation', null]);
});

test('places: addresses down the tree, houses with owner and occupants, rentals; organisations with inspections; things', async () => {
  const r = await run(`query($code: String!) { grid(code: $code) {
    addresses(first: 3, includeDescendants: true, filter: {levels: ["50"]}) { totalCount nodes { level levelName fullText children { level units { name } } houses { id } } }
    rentals: houses(first: 5, includeDescendants: true, filter: {isRental: true}) { totalCount nodes { isRental rental address { fullText } owner { name } occupants { relation person { name } } } }
    small: organisations(first: 50, includeDescendants: true, filter: {threeSmall: true}) { totalCount nodes { kind } }
    orgs: organisations(first: 50, includeDescendants: true) { nodes { name inspections { recordKey date result } hazards { recordKey } } }
    things(first: 5, includeDescendants: true) { totalCount nodes { code kind majorClass grid { kind } } } } }`, { code: district.code });
  expect(r.errors).toBeUndefined();
  const g = r.data.grid;
  expect(g.addresses.totalCount).toBeGreaterThan(0);
  for (const a of g.addresses.nodes) {
    expect(a.level).toBe('50');
    expect(a.levelName).toBe('楼栋');
    expect(a.children.length).toBeGreaterThan(0);
  }
  expect(g.rentals.totalCount).toBeGreaterThan(0);
  for (const h of g.rentals.nodes) expect(h.isRental).toBe(true);
  expect(g.small.totalCount).toBeGreaterThan(0);
  for (const o of g.small.nodes) expect(['small_shop', 'small_restaurant', 'small_entertainment']).toContain(o.kind);
  expect(g.orgs.nodes.some((o: any) => o.inspections.length > 0)).toBe(true);
  expect(g.things.totalCount).toBeGreaterThan(0);
  for (const t of g.things.nodes) expect(t.grid.kind).toBe('base');
});

test('the grid tree: parent, children, business grids and the base grids they hold', async () => {
  const beat = world.grids.find((g) => g.kind === 'business')!;
  const r = await run(`query($beat: String!) {
    grids { code children { code parent { code } children { code } } }
    beat: grid(code: $beat) { kind department businessGrids { code kind } }
    gridLevels { key name rank } }`, { beat: beat.code });
  expect(r.errors).toBeUndefined();
  expect(r.data.grids.map((g: any) => g.code)).toEqual([district.code]);
  expect(r.data.grids[0].children[0].parent.code).toBe(district.code);
  expect(r.data.beat.businessGrids.map((g: any) => g.code).sort()).toEqual([...(beat.memberCodes ?? [])].sort());
  const base = await run(`query($code: String!) { grid(code: $code) { businessGrids { code } } }`, { code: beat.memberCodes![0] });
  expect(base.data.grid.businessGrids.map((g: any) => g.code)).toContain(beat.code);
});

test('bad arguments are refused with codes naming what was wrong', async () => {
  const big = await run(`query($code: String!) { grid(code: $code) { persons(first: 500) { totalCount } } }`, { code: district.code });
  expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(big.errors?.[0].message).toMatch(/first must be between 0 and 100/);
  const cursor = await run(`query($code: String!) { grid(code: $code) { persons(after: "nonsense!") { totalCount } } }`, { code: district.code });
  expect(cursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  const id = await run(`{ person(id: "T3JnYW5pc2F0aW9uOjE") { name } }`);
  expect(id.errors?.[0].message).toMatch(/is not the id of a Person/);
});

test('events both ways: an organisation lists the hazards it is a party to, and each event lists it back', async () => {
  const [o] = await sql<{ uscc: string; n: string }>(
    `select o.uscc, count(distinct ep.event_id) n from event_party ep join organisation o on o.id = ep.organisation_id where o.uscc is not null group by 1 order by 2 desc, 1 limit 1`,
  );
  const r = await run(`query($u: String!) { organisationByUscc(uscc: $u) { id events { id code involvedOrganisations { id } } } }`, { u: o.uscc });
  expect(r.errors).toBeUndefined();
  const org = r.data.organisationByUscc;
  expect(org.events).toHaveLength(Number(o.n));
  for (const e of org.events) expect(e.involvedOrganisations.map((x: any) => x.id)).toContain(org.id);
  const [p] = await sql<{ citizen_id: string }>(`select p.citizen_id from event_party ep join person p on p.id = ep.person_id where p.citizen_id is not null limit 1`);
  expect(p).toBeDefined();
  const pr = await run(`query($c: String!) { personByCitizenId(citizenId: $c) { id events { involvedPersons { id } } } }`, { c: p.citizen_id });
  expect(pr.data.personByCitizenId.events.length).toBeGreaterThan(0);
  for (const e of pr.data.personByCitizenId.events) expect(e.involvedPersons.map((x: any) => x.id)).toContain(pr.data.personByCitizenId.id);
});
