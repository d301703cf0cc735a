/**
 * The `people-links` stage on the synced and resolved S district: employments match the world's
 * employers, person tags match the golden tags, house occupants follow residence and ownership; a
 * re-run writes nothing; changed inputs close rows (history kept) and open new ones.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { RelationService } from '../../../src/services/relation.service';
import { runPipeline, stageNames } from '../../../src/services/pipeline';
import { createWorld } from '../../../src/simulator/world/create-world';
import { startFeedServer } from '../../../src/simulator/feeds/feed-server';
import { openSDistrictOrm, syncDistrict } from '../../support/s-district';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(sql, params);
}

async function n(sql: string, params: unknown[] = []): Promise<number> {
  return Number((await rows<{ n: string }>(sql, params))[0]!.n);
}

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
}, 600000);

afterAll(async () => {
  await s?.close();
});

test('people-links runs after relations in the pipeline', () => {
  const names = stageNames();
  expect(names.indexOf('people-links')).toBeGreaterThan(names.indexOf('relations'));
});

test('tag definitions are seeded: key groups secret, health sensitive, care groups internal', async () => {
  const defs = await rows<{ code: string; name: string; group: string; owner: string; sensitivity: string }>('select code, name, "group", owner, sensitivity from tag_definition order by code');
  const by = new Map(defs.map((d) => [d.code, d]));
  expect(by.get('released_prisoner')).toMatchObject({ name: '刑满释放人员', group: 'key_group', owner: 'police', sensitivity: 'secret' });
  expect(by.get('severe_mental_disorder')).toMatchObject({ name: '严重精神障碍患者', group: 'key_group', owner: 'health', sensitivity: 'secret' });
  expect(by.get('elderly_alone')).toMatchObject({ name: '独居老人', group: 'care_group', owner: 'civil_affairs', sensitivity: 'internal' });
  expect(by.get('elderly_65_plus')).toMatchObject({ group: 'health', sensitivity: 'sensitive' });
  for (const code of ['community_correction', 'drug_user', 'key_youth', 'empty_nest_elderly', 'disabled', 'minimum_subsistence', 'left_behind_child', 'veteran']) expect(by.has(code)).toBe(true);
});

test('employments match the world employer of the persons (by citizen ID → USCC)', async () => {
  const world = createWorld({ size: 'S', seed: 7 });
  const expected = new Map<string, string>();
  for (let i = 0; i < world.communityCount; i++) {
    const chunk = world.chunk(i, 0);
    const uscc = new Map(chunk.organisations.map((o) => [o.id, o.uscc]));
    for (const p of chunk.persons) {
      if (p.employerId !== undefined && p.citizenId !== undefined && p.status === 'active') expected.set(p.citizenId, uscc.get(p.employerId)!);
    }
  }
  expect(expected.size).toBeGreaterThan(100);
  const got = await rows<{ citizen_id: string; uscc: string }>(
    `select p.citizen_id, o.uscc from employment e join person p on p.id = e.person_id join organisation o on o.id = e.organisation_id where e.current`,
  );
  const byCitizen = new Map(got.map((r) => [r.citizen_id, r.uscc]));
  let found = 0;
  let right = 0;
  for (const [cid, uscc] of expected) {
    if (!byCitizen.has(cid)) continue;
    found++;
    if (byCitizen.get(cid) === uscc) right++;
  }
  process.stdout.write(`employment: ${got.length} rows; ${found}/${expected.size} world employees found, ${right} with the right employer\n`);
  expect(found / expected.size).toBeGreaterThan(0.9);
  expect(right).toBe(found);
  // The golden attribute behind it, and one employment per person.
  expect(await n(`select count(*) n from person where attributes->>'employerUscc' is not null and attributes->>'employerName' is not null`)).toBeGreaterThanOrEqual(found);
  expect(await n('select count(*) - count(distinct person_id) n from employment where current')).toBe(0);
});

test('legal representatives are linked by citizen ID', async () => {
  const withId = await n(`select count(*) n from organisation o where o.merged_into_id is null and exists (select 1 from person p where p.citizen_id = (o.attributes->>'legalRepresentativeCitizenId')::bpchar and p.merged_into_id is null)`);
  expect(withId).toBeGreaterThan(50);
  expect(await n(`select count(*) n from organisation o join person p on p.id = o.legal_representative_id where p.citizen_id = (o.attributes->>'legalRepresentativeCitizenId')::bpchar`)).toBe(withId);
});

test('person tags are the golden tags, per tag, with source and source record', async () => {
  const golden = await rows<{ code: string; n: string }>(
    `select t.code, count(*) n from person p cross join lateral jsonb_array_elements_text(p.attributes->'tags') t(code)
     where p.merged_into_id is null and jsonb_typeof(p.attributes->'tags') = 'array' and exists (select 1 from tag_definition td where td.code = t.code) group by 1 order by 1`,
  );
  const linked = await rows<{ code: string; n: string }>(`select td.code, count(*) n from person_tag pt join tag_definition td on td.id = pt.tag_id where pt.current group by 1 order by 1`);
  process.stdout.write(`person tags: ${linked.map((r) => `${r.code} ${r.n}`).join(', ')}\n`);
  expect(linked).toEqual(golden);
  expect(golden.length).toBeGreaterThan(0);
  expect(await n('select count(*) n from person_tag where current and source_record_id is null')).toBe(0);
  // Detail fields from the source record (risk grade of severe mental disorder patients).
  const smd = await rows<{ detail: Record<string, unknown>; source: string }>(`select pt.detail, pt.source from person_tag pt join tag_definition td on td.id = pt.tag_id where td.code = 'severe_mental_disorder' and pt.current`);
  if (smd.length > 0) {
    expect(smd.every((r) => r.source === 'health')).toBe(true);
    expect(smd.every((r) => typeof r.detail.riskGrade === 'number')).toBe(true);
  }
});

test('house occupants: owners, tenants of rentals, family; residents are current residence persons', async () => {
  const byRelation = new Map((await rows<{ relation: string; n: string }>('select relation, count(*) n from house_occupant where current group by 1')).map((r) => [r.relation, Number(r.n)]));
  process.stdout.write(`house occupants: ${[...byRelation].map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
  const owners = await n('select count(*) n from house h join person p on p.id = h.owner_person_id and p.merged_into_id is null where h.merged_into_id is null');
  expect(byRelation.get('owner')).toBe(owners);
  expect(byRelation.get('tenant') ?? 0).toBeGreaterThan(0);
  expect(await n(`select count(*) n from house_occupant o join house h on h.id = o.house_id where o.current and o.relation = 'tenant' and not h.is_rental`)).toBe(0);
  // Every non-owner occupant lives there: current residence = the house's address.
  expect(await n(`select count(*) n from house_occupant o join house h on h.id = o.house_id where o.current and o.relation <> 'owner'
                  and not exists (select 1 from person_address pa where pa.person_id = o.person_id and pa.address_id = h.address_id and pa.current and pa.role = 'residence')`)).toBe(0);
});

test('household members share a household number, found through the expression index', async () => {
  const [head] = await rows<{ id: string; hh: string }>(`select id, attributes->>'householdNo' hh from person where attributes->>'relationToHead' is not null and merged_into_id is null order by id limit 1`);
  const members = await new RelationService(orm.em.fork()).householdMembers([Number(head!.id)]);
  expect(members.length).toBeGreaterThanOrEqual(1);
  expect(members.map((m) => m.memberId)).toContain(Number(head!.id));
  const plan = (await rows<{ 'QUERY PLAN': string }>(`explain select id from person where attributes->>'householdNo' = ?`, [head!.hh])).map((r) => r['QUERY PLAN']).join('\n');
  expect(plan).toContain('person_household_no_idx');
});

test('batch reads: tags, employers, employees, occupants in one statement each', async () => {
  const svc = new RelationService(orm.em.fork());
  const [e] = await rows<{ person_id: string; organisation_id: string }>('select person_id, organisation_id from employment where current order by id limit 1');
  expect((await svc.employersOfPersons([Number(e!.person_id)])).map((r) => r.organisationId)).toEqual([Number(e!.organisation_id)]);
  expect((await svc.employeesOfOrganisations([Number(e!.organisation_id)])).map((r) => r.personId)).toContain(Number(e!.person_id));
  const [o] = await rows<{ house_id: string }>(`select house_id from house_occupant where current and relation = 'owner' order by id limit 1`);
  const occ = await svc.occupantsOfHouses([Number(o!.house_id)]);
  expect(occ[0]!.relation).toBe('owner');
  const two = await rows<{ person_id: string }>('select distinct person_id from person_tag where current order by person_id limit 2');
  const tags = await svc.tagsOfPersons(two.map((t) => Number(t.person_id)));
  expect(new Set(tags.map((t) => t.personId))).toEqual(new Set(two.map((t) => Number(t.person_id))));
  expect(tags[0]).toMatchObject({ code: expect.any(String), name: expect.any(String), source: expect.any(String) });
  expect(await svc.tagsOfPersons([])).toEqual([]);
});

test('a re-run of the whole pipeline leaves the people links as they are', async () => {
  const out = await runPipeline(orm.em.fork());
  const links = out.find((o) => o.stage.name === 'people-links')!;
  expect(links.summary).toEqual({ tagsOpened: 0, tagsClosed: 0, unknownTagCodes: [], employmentsOpened: 0, employmentsClosed: 0, legalRepresentatives: 0, occupantsOpened: 0, occupantsClosed: 0 });
  expect(links.stage.describe!(links.summary)).toMatch(/^people-links: tags \+0\/-0, employments \+0\/-0, 0 legal representatives, occupants \+0\/-0$/);
}, 300000);

test('a re-run writes nothing; changed inputs close rows (history kept) and open new ones', async () => {
  const svc = new RelationService(orm.em.fork());
  const before = await n('select (select count(*) from person_tag) + (select count(*) from employment) + (select count(*) from house_occupant) n');
  const stamp = await rows<{ t: Date }>('select greatest((select max(updated_at) from person_tag), (select max(updated_at) from employment), (select max(updated_at) from house_occupant), (select max(updated_at) from organisation)) t');
  const again = await svc.linkPeople();
  expect(again).toEqual({ tagsOpened: 0, tagsClosed: 0, unknownTagCodes: [], employmentsOpened: 0, employmentsClosed: 0, legalRepresentatives: 0, occupantsOpened: 0, occupantsClosed: 0 });
  expect(await n('select (select count(*) from person_tag) + (select count(*) from employment) + (select count(*) from house_occupant) n')).toBe(before);
  const stamp2 = await rows<{ t: Date }>('select greatest((select max(updated_at) from person_tag), (select max(updated_at) from employment), (select max(updated_at) from house_occupant), (select max(updated_at) from organisation)) t');
  expect(stamp2[0]!.t).toEqual(stamp[0]!.t);

  // A person changes employer and loses a tag.
  const [emp] = await rows<{ id: string; person_id: string; organisation_id: string }>('select id, person_id, organisation_id from employment where current order by id limit 1');
  const [other] = await rows<{ id: string; uscc: string }>(`select id, uscc from organisation where uscc is not null and status <> 'closed' and merged_into_id is null and id <> ? order by id limit 1`, [emp!.organisation_id]);
  await orm.em.getConnection().execute(`update person set attributes = jsonb_set(attributes, '{employerUscc}', to_jsonb(?::text)) where id = ?`, [other!.uscc, emp!.person_id]);
  const [tagged] = await rows<{ person_id: string; code: string }>(`select pt.person_id, td.code from person_tag pt join tag_definition td on td.id = pt.tag_id where pt.current order by pt.id limit 1`);
  await orm.em.getConnection().execute(
    `update person set attributes = jsonb_set(attributes, '{tags}', coalesce((select jsonb_agg(t) from jsonb_array_elements(attributes->'tags') t where t #>> '{}' <> ?), '[]'::jsonb)) where id = ?`,
    [tagged!.code, tagged!.person_id],
  );
  const changed = await svc.linkPeople();
  expect(changed).toMatchObject({ employmentsOpened: 1, employmentsClosed: 1, tagsOpened: 0, tagsClosed: 1, occupantsOpened: 0, occupantsClosed: 0 });
  const history = await rows<{ organisation_id: string; current: boolean; valid_to: string | null }>(
    'select organisation_id, current, valid_to::text as valid_to from employment where person_id = ? order by id', [emp!.person_id],
  );
  expect(history).toEqual([
    { organisation_id: emp!.organisation_id, current: false, valid_to: expect.any(String) },
    { organisation_id: other!.id, current: true, valid_to: null },
  ]);
  const closedTag = await rows<{ current: boolean; valid_to: string | null }>(
    `select pt.current, pt.valid_to::text as valid_to from person_tag pt join tag_definition td on td.id = pt.tag_id where pt.person_id = ? and td.code = ?`, [tagged!.person_id, tagged!.code],
  );
  expect(closedTag).toEqual([{ current: false, valid_to: expect.any(String) }]);
  expect(await svc.linkPeople()).toMatchObject({ employmentsOpened: 0, employmentsClosed: 0, tagsOpened: 0, tagsClosed: 0 });
});

test('the world moves on: a business closes (tick 2), sync + pipeline close its employee\'s employment', async () => {
  const world = createWorld({ size: 'S', seed: 7 });
  const leavers: string[] = [];
  for (let i = 0; i < world.communityCount; i++) {
    const before = new Map(world.chunk(i, 1).persons.map((p) => [p.id, p.employerId]));
    for (const p of world.chunk(i, 2).persons) if (before.get(p.id) !== undefined && p.employerId === undefined && p.citizenId !== undefined) leavers.push(p.citizenId);
  }
  expect(leavers.length).toBeGreaterThan(0);
  const current = async () => rows<{ citizen_id: string; current: boolean }>(
    `select p.citizen_id, e.current from employment e join person p on p.id = e.person_id where p.citizen_id = any(?::bpchar[]) order by e.id`, [`{${leavers.join(',')}}`],
  );
  const was = await current();
  expect(was.filter((r) => r.current).length).toBeGreaterThan(0);

  const server = await startFeedServer({ world, port: 0, host: '127.0.0.1' });
  try {
    const res = await fetch(`${server.url}/admin/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tick: 2 }) });
    expect(res.status).toBe(200);
    await syncDistrict(orm, server);
  } finally {
    await server.close();
  }
  const now = await current();
  expect(now.filter((r) => r.current)).toEqual([]);
  expect(now.length).toBe(was.length); // closed, not deleted
}, 600000);
