/**
 * Dashboard aggregates on the synced and resolved S district: counts equal direct SQL counts, a
 * grid's subtree counts are its own rows plus its children's subtrees (on the fixture's grid tree,
 * whatever it holds, and on a small tree attached inside the test), age bands add up to the total,
 * events by status/colour/category and series agree; the GraphQL `dashboard` query answers with
 * labels and errors with codes.
 */
import { graphql } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContext } from '../../../src/api/context';
import { gridhubSchema } from '../../../src/api/schema';
import type { HubStatusService } from '../../../src/services/hub-status.service';
import { DashboardService, bucketStart, type DashboardScope } from '../../../src/services/dashboard.service';
import { openSDistrictOrm } from '../../support/s-district';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(sql, params);
}

async function n(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await rows<{ n: string }>(sql, params))[0]!.n);
}

const sum = (xs: Array<{ count: number }>) => xs.reduce((a, x) => a + x.count, 0);
const asMap = (xs: Array<{ key: string; count: number }>) => Object.fromEntries(xs.filter((x) => x.count > 0).map((x) => [x.key, x.count]));

function addMaps(maps: Array<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of maps) for (const [k, v] of Object.entries(m)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const AS_OF = new Date('2026-01-01T04:00:00Z');
const WINDOW = { from: new Date('2025-10-01T00:00:00+08:00'), to: new Date('2026-01-01T00:00:00+08:00') };

/** Every aggregate of a scope, as plain key → count maps (zero counts dropped). */
async function snapshot(scope: DashboardScope): Promise<Record<string, Record<string, number>>> {
  const svc = new DashboardService(orm.em.fork());
  const houses = await svc.houses(scope);
  const orgs = await svc.organisations(scope);
  const events = await svc.events(scope, WINDOW);
  const series = await svc.eventSeries(scope, WINDOW, 'month');
  return {
    kind: asMap(await svc.personsByKind(scope)),
    gender: asMap(await svc.personsByGender(scope)),
    age: asMap(await svc.personsByAgeBand(scope, AS_OF)),
    tag: asMap(await svc.personsByTag(scope, AS_OF)),
    houses: { ...asMap(houses.byUse), _total: houses.total, _rental: houses.rental },
    orgs: { ...asMap(orgs.byKind), _threeSmall: orgs.threeSmall },
    things: asMap(await svc.thingsByClass(scope)),
    status: asMap(events.byStatus),
    colour: asMap(events.byColour),
    category: asMap(events.byCategory),
    series: Object.fromEntries(series.filter((b) => b.count > 0).map((b) => [b.bucketStart.toISOString(), b.count])),
  };
}

function dropZeros(m: Record<string, Record<string, number>>): Record<string, Record<string, number>> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, c]) => c !== 0))]));
}

/** Own rows + Σ children's subtrees = the subtree, for every aggregate. */
async function expectSubtreeConsistent(grid: { id: number; path: string }, children: Array<{ id: number; path: string }>): Promise<void> {
  const whole = await snapshot(DashboardService.scope(grid, true));
  const own = await snapshot(DashboardService.scope(grid, false));
  const parts = [own, ...(await Promise.all(children.map((c) => snapshot(DashboardService.scope(c, true)))))];
  const added = Object.fromEntries(Object.keys(whole).map((k) => [k, addMaps(parts.map((p) => p[k]!))]));
  expect(dropZeros(added)).toEqual(dropZeros(whole));
}

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
  // The fixture is cloned right after it was built: give it the statistics autovacuum would.
  await orm.em.getConnection().execute('vacuum analyze');
}, 600000);

afterAll(async () => {
  await s?.close();
});

describe('on the S fixture as synced and resolved', () => {
  test('every top-level grid counts the live persons, houses and organisations of its subtree', async () => {
    const roots = await rows<{ id: string; path: string; code: string }>('select id, path, code from grid where parent_id is null and valid_to is null order by id');
    process.stdout.write(`fixture: ${roots.length} top-level grids, ${await n('select count(*) n from grid where valid_to is null')} current grids, ${await n('select count(*) n from person where grid_id is not null')} persons with a grid\n`);
    const svc = new DashboardService(orm.em.fork());
    let persons = 0;
    for (const r of roots) {
      const scope = DashboardService.scope({ id: Number(r.id), path: r.path });
      const direct = await n(
        `select count(*) n from person p join grid g on g.id = p.grid_id where g.path like ? and g.valid_to is null and p.merged_into_id is null and p.status = 'active'
           and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`,
        [`${r.path}%`],
      );
      const kinds = await svc.personsByKind(scope);
      expect(sum(kinds)).toBe(direct);
      expect(sum(await svc.personsByAgeBand(scope, AS_OF))).toBe(direct);
      expect(sum(await svc.personsByGender(scope))).toBe(direct);
      const houses = await svc.houses(scope);
      expect(houses.total).toBe(await n(`select count(*) n from house h join grid g on g.id = h.grid_id where g.path like ? and g.valid_to is null and h.merged_into_id is null
        and exists (select 1 from entity_link l where l.entity_type = 'house' and l.entity_id = h.id and l.unlinked_at is null)`, [`${r.path}%`]));
      persons += direct;
    }
    // Without grids nothing is counted; with them, every live person placed in a current grid is under some root.
    expect(persons).toBe(await n(`select count(*) n from person p join grid g on g.id = p.grid_id and g.valid_to is null where p.merged_into_id is null and p.status = 'active'
      and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`));
  });

  test('subtree consistency on the fixture grid tree (grids that have children)', async () => {
    const parents = await rows<{ id: string; path: string }>(
      `select g.id, g.path from grid g where g.valid_to is null and exists (select 1 from grid c where c.parent_id = g.id and c.valid_to is null) order by length(g.path) desc, g.id limit 3`,
    );
    for (const p of parents) {
      const children = await rows<{ id: string; path: string }>('select id, path from grid where parent_id = ? and valid_to is null order by id', [p.id]);
      await expectSubtreeConsistent({ id: Number(p.id), path: p.path }, children.map((c) => ({ id: Number(c.id), path: c.path })));
    }
  });
});

describe('on a grid tree attached inside the test', () => {
  const ids: Record<string, number> = {};
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    const conn = orm.em.getConnection();
    const add = async (key: string, level: string, kind: string, parent?: string): Promise<void> => {
      const [g] = await conn.execute<Array<{ id: string }>>(
        `insert into grid (code, name, kind, level_id, parent_id, path) values (?, ?, ?, (select id from grid_level where key = ?), ?, '') returning id`,
        [`H3T-${key}`, `测试网格${key}`, kind, level, parent === undefined ? null : ids[parent]!],
      );
      ids[key] = Number(g!.id);
      paths[key] = `${parent === undefined ? '/' : paths[parent]!}${ids[key]}/`;
      await conn.execute('update grid set path = ? where id = ?', [paths[key], ids[key]]);
    };
    await add('D', 'district', 'admin');
    await add('C1', 'community', 'admin', 'D');
    await add('C2', 'community', 'admin', 'D');
    await add('B11', 'base', 'base', 'C1');
    await add('B12', 'base', 'base', 'C1');
    await add('B21', 'base', 'base', 'C2');
    // A few things and events of our own, spread over the window (Shanghai days) and past it.
    await conn.execute(
      `insert into thing (code, kind, major_class, minor_class, name)
       select 'H3T' || lpad(i::text, 13, '0'), case when i % 7 = 0 then 'hazard_source' else 'city_part' end,
              case when i % 7 = 0 then null else lpad((1 + i % 4)::text, 2, '0') end, '01', '测试部件' || i
       from generate_series(1, 40) i`,
    );
    await conn.execute(
      `insert into event (code, title, origin, category_scheme, category_code, status, colour, reported_at)
       select 'H3T-E' || i, '测试事件' || i, 'patrol', (array['dispute', 'public_order', 'city_management'])[1 + i % 3],
              (array['02', '01', '0101'])[1 + i % 3], (array['reported', 'handling', 'closed', 'fed_back'])[1 + i % 4],
              (array['green', 'yellow', 'red'])[1 + i % 3], timestamptz '2025-09-20 00:00:00+08' + (i * interval '23 hours')
       from generate_series(1, 120) i`,
    );
    const assign = (table: string) =>
      conn.execute(`update ${table} set grid_id = (array[?, ?, ?]::bigint[])[1 + (id % 3)::int]`, [ids.B11!, ids.B12!, ids.B21!]);
    for (const t of ['person', 'house', 'organisation', 'thing', 'event']) await assign(t);
    // As autovacuum would after such a bulk change: fresh statistics and visibility (index-only scans).
    await conn.execute('vacuum analyze person, house, organisation, thing, event, grid, entity_link, person_tag');
  });

  const scope = (key: string, includeDescendants = true) => DashboardService.scope({ id: ids[key]!, path: paths[key]! }, includeDescendants);

  test('counts equal direct SQL counts; age bands and genders add up to the total', async () => {
    const svc = new DashboardService(orm.em.fork());
    const live = `p.merged_into_id is null and p.status = 'active' and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`;
    const total = await n(`select count(*) n from person p where ${live}`);
    expect(total).toBeGreaterThan(4000);
    const kinds = await svc.personsByKind(scope('D'));
    expect(sum(kinds)).toBe(total);
    expect(asMap(kinds)).toEqual(Object.fromEntries((await rows<{ kind: string; n: string }>(`select kind, count(*) n from person p where ${live} group by 1`)).map((r) => [r.kind, Number(r.n)])));
    expect(kinds.find((k) => k.key === 'floating')?.label).toBe('流动人口');
    const ages = await svc.personsByAgeBand(scope('D'), AS_OF);
    expect(ages.slice(0, 5).map((a) => a.key)).toEqual(['0-6', '7-17', '18-59', '60-79', '80+']);
    expect(sum(ages)).toBe(total);
    const old = await n(`select count(*) n from person p where ${live} and p.birth_date <= date '2026-01-01' - interval '80 years'`);
    expect(ages.find((a) => a.key === '80+')!.count).toBe(old);
    expect(sum(await svc.personsByGender(scope('D')))).toBe(total);
    const tags = await svc.personsByTag(scope('D'), AS_OF);
    expect(asMap(tags)).toEqual(Object.fromEntries((await rows<{ code: string; n: string }>(
      `select td.code, count(distinct pt.person_id) n from person_tag pt join tag_definition td on td.id = pt.tag_id join person p on p.id = pt.person_id
       where pt.current and (pt.valid_to is null or pt.valid_to >= date '2026-01-01') and ${live} group by 1`)).map((r) => [r.code, Number(r.n)])));
    const houses = await svc.houses(scope('D'));
    expect(houses.rental).toBe(await n(`select count(*) n from house h where h.is_rental and h.merged_into_id is null`));
    expect(sum(houses.byUse)).toBe(houses.total);
    const orgs = await svc.organisations(scope('D'));
    expect(orgs.threeSmall).toBe(await n(`select count(*) n from organisation o where o.kind like 'small\\_%' and o.merged_into_id is null and o.status <> 'closed'`));
    expect(orgs.byKind.find((k) => k.key === 'small_restaurant')?.label).toBe('小餐饮');
    const things = await svc.thingsByClass(scope('D'));
    expect(sum(things)).toBe(await n('select count(*) n from thing'));
    expect(things.find((t) => t.key === 'hazard_source')?.label).toBe('危险源');
  });

  test('a community counts the sum of its base grids; the district the sum of its communities', async () => {
    await expectSubtreeConsistent({ id: ids.C1!, path: paths.C1! }, [{ id: ids.B11!, path: paths.B11! }, { id: ids.B12!, path: paths.B12! }]);
    await expectSubtreeConsistent({ id: ids.D!, path: paths.D! }, [{ id: ids.C1!, path: paths.C1! }, { id: ids.C2!, path: paths.C2! }]);
    // Nothing sits on the community itself.
    expect(sum(await new DashboardService(orm.em.fork()).personsByKind(scope('C1', false)))).toBe(0);
  });

  test('events by status, colour and category agree with the series; buckets are Shanghai days, weeks, months', async () => {
    const svc = new DashboardService(orm.em.fork());
    const inWindow = await n(`select count(*) n from event where reported_at >= ?::timestamptz and reported_at < ?::timestamptz`, [WINDOW.from.toISOString(), WINDOW.to.toISOString()]);
    expect(inWindow).toBeGreaterThan(50);
    const e = await svc.events(scope('D'), WINDOW);
    expect(e.total).toBe(inWindow);
    expect(sum(e.byColour)).toBe(inWindow);
    expect(sum(e.byCategory)).toBe(inWindow);
    expect(e.byCategory.find((c) => c.key === 'dispute:02')?.label).toBe('邻里纠纷');
    expect(e.byStatus.find((c) => c.key === 'closed')?.label).toBe('已结案');
    const days = await svc.eventSeries(scope('D'), WINDOW, 'day');
    expect(days).toHaveLength(92);
    expect(days[0]!.bucketStart.toISOString()).toBe('2025-09-30T16:00:00.000Z');
    expect(sum(days)).toBe(inWindow);
    expect(days.every((d) => d.count === sum(d.byColour))).toBe(true);
    const weeks = await svc.eventSeries(scope('D'), WINDOW, 'week');
    expect(weeks[0]!.bucketStart.toISOString()).toBe('2025-09-28T16:00:00.000Z'); // Monday 2025-09-29 00:00 +08
    expect(sum(weeks)).toBe(inWindow);
    const months = await svc.eventSeries(scope('D'), WINDOW, 'month');
    expect(months.map((m) => m.bucketStart.toISOString())).toEqual(['2025-09-30T16:00:00.000Z', '2025-10-31T16:00:00.000Z', '2025-11-30T16:00:00.000Z']);
    expect(sum(months)).toBe(inWindow);
    expect(bucketStart(new Date('2025-11-30T17:00:00Z'), 'month').toISOString()).toBe('2025-11-30T16:00:00.000Z');
    expect(() => svc.window(WINDOW.to, WINDOW.from)).toThrow(/window is empty/);
  });

  test('timings at district level (one statement each)', async () => {
    const svc = new DashboardService(orm.em.fork());
    const d = scope('D');
    const timings: string[] = [];
    const time = async (name: string, run: () => Promise<unknown>) => {
      const t = process.hrtime.bigint();
      await run();
      timings.push(`${name} ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(1)} ms`);
    };
    await time('personsByKind', () => svc.personsByKind(d));
    await time('personsByAgeBand', () => svc.personsByAgeBand(d, AS_OF));
    await time('personsByGender', () => svc.personsByGender(d));
    await time('personsByTag', () => svc.personsByTag(d, AS_OF));
    await time('houses', () => svc.houses(d));
    await time('organisations', () => svc.organisations(d));
    await time('thingsByClass', () => svc.thingsByClass(d));
    await time('events', () => svc.events(d, WINDOW));
    await time('eventSeries(day)', () => svc.eventSeries(d, WINDOW, 'day'));
    process.stdout.write(`dashboard at district level: ${timings.join(', ')}\n`);
  });

  test('GraphQL: dashboard(gridCode:) with labelled counts; unknown grid → NOT_FOUND; empty window → BAD_USER_INPUT', async () => {
    const schema = await gridhubSchema();
    const ctx = () => createContext({ orm, status: {} as HubStatusService, version: 'test' });
    const query = `query($code: String!, $asOf: DateTimeISO, $from: DateTimeISO, $to: DateTimeISO) {
      dashboard(gridCode: $code, asOf: $asOf) {
        grid { code } includeDescendants
        personsByKind { key label count }
        personsByAgeBand { key label count }
        houses { total rental byUse { key label count } }
        organisationsByKind { key label count }
        organisations { total threeSmall }
        thingsByClass { key label count }
        events(from: $from, to: $to, bucket: MONTH) { total byStatus { key label count } byColour { key count } byCategory { key label count } series { bucketStart count byColour { key count } } }
      }
    }`;
    const r = await graphql({ schema, source: query, contextValue: ctx(), variableValues: { code: 'H3T-C1', asOf: AS_OF.toISOString(), from: WINDOW.from.toISOString(), to: WINDOW.to.toISOString() } });
    expect(r.errors).toBeUndefined();
    const d = (r.data as { dashboard: Record<string, any> }).dashboard;
    expect(d.grid.code).toBe('H3T-C1');
    expect(d.includeDescendants).toBe(true);
    const svc = new DashboardService(orm.em.fork());
    expect(d.personsByKind).toEqual(await svc.personsByKind(scope('C1')));
    expect(sum(d.personsByAgeBand)).toBe(sum(d.personsByKind));
    expect(d.houses.total).toBe((await svc.houses(scope('C1'))).total);
    expect(d.events.series.map((b: { bucketStart: string }) => b.bucketStart)).toEqual(['2025-09-30T16:00:00.000Z', '2025-10-31T16:00:00.000Z', '2025-11-30T16:00:00.000Z']);
    expect(d.events.total).toBe(sum(d.events.series));

    const missing = await graphql({ schema, source: '{ dashboard(gridCode: "NO-SUCH-GRID") { personsByKind { key } } }', contextValue: ctx() });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(missing.errors?.[0]?.message).toContain('NO-SUCH-GRID');

    const empty = await graphql({
      schema, contextValue: ctx(),
      source: '{ dashboard(gridCode: "H3T-D") { events(from: "2026-01-02T00:00:00Z", to: "2026-01-01T00:00:00Z") { total } } }',
    });
    expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
