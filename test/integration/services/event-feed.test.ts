/**
 * Events from department feeds in the synced and resolved S district: police incidents (警情 jq) and
 * safety hazards (隐患) become events with grids and parties, enter the same loop, follow feed
 * updates with a department step, and a re-run without changes writes nothing.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { assessColour, deadlineFor } from '../../../src/events';
import type { EventCategoryScheme } from '../../../src/domain/vocabulary';
import { EventService } from '../../../src/services/event.service';
import { pipelineStage } from '../../../src/services/pipeline';
import { openSDistrictOrm } from '../../support/s-district';

let orm: MikroORM;
let close: () => Promise<void>;

async function sql<T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(q, params as never[]);
}

async function one(q: string, params: unknown[] = []): Promise<number> {
  const [r] = await sql<{ n: string | number }>(q, params);
  return Number(r!.n);
}

/** Everything the stage could write, as one comparable snapshot. */
async function fingerprint(): Promise<Record<string, number>> {
  const [r] = await sql<Record<string, string>>(
    `select (select count(*) from event) as events, (select coalesce(sum(version), 0) from event) as versions,
            (select count(*) from event_step) as steps, (select count(*) from event_party) as parties,
            (select coalesce(max(updated_at), 'epoch')::text from event) as last_update`,
  );
  return Object.fromEntries(Object.entries(r!).map(([k, v]) => [k, k === 'last_update' ? v.length : Number(v)])) as Record<string, number>;
}

beforeAll(async () => {
  ({ orm, close } = await openSDistrictOrm());
});

afterAll(async () => {
  await close();
});

it('materialises every valid police incident and safety hazard as an event of origin department', async () => {
  const jq = await one(`select count(*) as n from source_record where source = 'police' and stream = 'jq' and status = 'valid'`);
  const hz = await one(`select count(*) as n from source_record where source = 'safety' and stream = 'hazards' and status = 'valid'`);
  expect(jq).toBeGreaterThan(0); // S district, seed 7: 4 incidents, 33 hazards
  expect(hz).toBeGreaterThan(10);
  const rows = await sql<{ category_scheme: string; n: string; with_grid: string; with_deadline: string }>(
    `select category_scheme, count(*) as n, count(grid_id) as with_grid, count(deadline_at) as with_deadline from event where origin = 'department' group by 1 order by 1`,
  );
  expect(rows.map((r) => [r.category_scheme, Number(r.n), Number(r.with_deadline)])).toEqual([['public_order', jq, jq], ['safety_hazard', hz, hz]]);
  // Grids come from the matched standard address (or, for hazards, the enterprise's grid).
  for (const r of rows) expect(Number(r.with_grid) / Number(r.n)).toBeGreaterThan(0.9);
  // Codes are the departments' keys; each event points at its source record.
  expect(await one(`select count(*) as n from event e join source_record s on s.id = e.source_record_id and s.record_key = e.code and s.revision = e.source_revision`)).toBe(jq + hz);
  // Statuses: police through its code table; hazards closed once rectified, else in handling.
  expect(await one(`select count(*) as n from event e join source_record s on s.id = e.source_record_id where s.source = 'police' and e.status <> coalesce(s.canonical->>'status', 'reported')`)).toBe(0);
  expect(await one(`select count(*) as n from event e join source_record s on s.id = e.source_record_id
                    where s.source = 'safety' and e.status <> case when s.canonical->>'rectified' = 'true' then 'closed' else 'handling' end`)).toBe(0);
  // Hazard category names (消防安全 …) are mapped onto codes.
  expect(await one(`select count(*) as n from event where category_scheme = 'safety_hazard' and category_code !~ '^[0-9]{2}$'`)).toBe(0);
});

it('sets deadlines and colours by the same rules as the engine', async () => {
  const rows = await sql<{ category_scheme: EventCategoryScheme; category_code: string; reported_at: Date; deadline_at: Date; closed_at: Date | null; colour: string; supervision_level: number; status: string }>(
    `select category_scheme, category_code, reported_at, deadline_at, closed_at, colour, supervision_level, status from event where origin = 'department' order by id limit 200`,
  );
  const now = Date.now();
  let checked = 0;
  for (const r of rows) {
    expect(new Date(r.deadline_at).toISOString()).toBe(deadlineFor(r.category_scheme, r.category_code, new Date(r.reported_at)).toISOString());
    const at = r.closed_at === null ? new Date(now) : new Date(r.closed_at);
    const a = assessColour(new Date(r.reported_at), new Date(r.deadline_at), at);
    // open events were coloured when the stage ran (a threshold may have been crossed since: skip those near one)
    if (r.closed_at !== null || Math.abs(a.elapsed - 0.8) > 0.01) {
      expect([r.colour, Number(r.supervision_level)]).toEqual([a.colour, a.supervisionLevel]);
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(rows.length * 0.9);
});

it('links parties: involved citizens to golden persons, the hazard enterprise to its organisation', async () => {
  const withIds = await one(`select count(*) as n from event e join source_record s on s.id = e.source_record_id
                             where s.source = 'police' and jsonb_typeof(s.canonical->'involvedCitizenIds') = 'array' and jsonb_array_length(s.canonical->'involvedCitizenIds') > 0`);
  expect(withIds).toBeGreaterThan(0);
  const personParties = await one(`select count(distinct ep.event_id) as n from event_party ep join event e on e.id = ep.event_id where e.category_scheme = 'public_order' and ep.person_id is not null and ep.role = 'involved'`);
  expect(personParties / withIds).toBeGreaterThan(0.9);
  // Every linked person carries one of the record's citizen IDs.
  expect(await one(`select count(*) as n from event_party ep join event e on e.id = ep.event_id join source_record s on s.id = e.source_record_id join person p on p.id = ep.person_id
                    where not (s.canonical->'involvedCitizenIds') @> to_jsonb(p.citizen_id::text)`)).toBe(0);
  const withEnt = await one(`select count(*) as n from event e join source_record s on s.id = e.source_record_id where s.source = 'safety' and coalesce(s.canonical->>'organisationSourceId', '') <> ''`);
  const orgParties = await one(`select count(distinct ep.event_id) as n from event_party ep where ep.organisation_id is not null and ep.role = 'responsible'`);
  expect(orgParties / withEnt).toBeGreaterThan(0.9);
  // The party is the organisation the enterprise record is linked to.
  expect(await one(`select count(*) as n from event_party ep join event e on e.id = ep.event_id join source_record s on s.id = e.source_record_id
                    join source_record es on es.source = 'safety' and es.stream = 'enterprises' and es.record_key = s.canonical->>'organisationSourceId'
                    join entity_link l on l.source_record_id = es.id and l.unlinked_at is null
                    where ep.organisation_id is not null and ep.organisation_id <> l.entity_id`)).toBe(0);
  // Every feed event has a report step by its department.
  expect(await one(`select count(*) as n from event e where e.origin = 'department' and not exists (select 1 from event_step st where st.event_id = e.id and st.action = 'report' and st.actor in ('police', 'safety'))`)).toBe(0);
});

it('writes nothing when re-run without changes', async () => {
  const before = await fingerprint();
  const summary = await pipelineStage('events')!.run(orm.em.fork(), {});
  expect(summary).toMatchObject({ records: 0, inserted: 0, updated: 0, steps: 0, partiesAdded: 0, partiesRemoved: 0 });
  expect(await fingerprint()).toEqual(before);
});

it('feed events enter the same loop; a feed update moves the status with a department step', async () => {
  const s = new EventService(orm.em.fork());
  const [row] = await sql<{ id: string; source_record_id: string }>(`select id, source_record_id from event where origin = 'department' and category_scheme = 'public_order' and status = 'reported' order by id limit 1`);
  const id = Number(row!.id);
  const accepted = await s.accept(id, { user: 'li.centre', role: 'grid_centre' }, { note: '受理警情' });
  expect(accepted.status).toBe('accepted');
  // An unchanged feed does not undo the hub's step.
  expect(await pipelineStage('events')!.run(orm.em.fork(), {})).toMatchObject({ records: 0 });
  expect((await s.byId(id))!.status).toBe('accepted');
  // The police system closes the incident: a new revision of the record.
  await sql(`update source_record set canonical = jsonb_set(canonical, '{status}', '"closed"'), revision = revision + 1, source_updated_at = now() where id = ?`, [row!.source_record_id]);
  expect(await pipelineStage('events')!.run(orm.em.fork(), {})).toMatchObject({ records: 1, inserted: 0, updated: 1, statusChanges: 1, steps: 1 });
  const after = (await s.byId(id))!;
  expect(after.status).toBe('closed');
  expect(after.closedAt).not.toBeNull();
  const steps = await s.timelines([id]);
  expect(steps.map((x) => [x.action, x.fromStatus, x.toStatus, x.actor])).toEqual([
    ['report', null, 'reported', 'police'],
    ['accept', 'reported', 'accepted', 'li.centre'],
    ['department_update', 'accepted', 'closed', 'police'],
  ]);
  expect(await pipelineStage('events')!.run(orm.em.fork(), {})).toMatchObject({ records: 0 });
});

it('rebuilds the same events from scratch', async () => {
  const before = await sql<{ code: string; status: string; grid_id: string | null; parties: string }>(
    `select e.code, e.status, e.grid_id, (select count(*) from event_party ep where ep.event_id = e.id) as parties from event e where origin = 'department' order by code`,
  );
  await sql(`delete from event_party; delete from event_step; delete from event`);
  const summary = await new EventService(orm.em.fork()).materialiseFeeds();
  expect(summary.inserted).toBe(before.length);
  const after = await sql<{ code: string; status: string; grid_id: string | null; parties: string }>(
    `select e.code, e.status, e.grid_id, (select count(*) from event_party ep where ep.event_id = e.id) as parties from event e where origin = 'department' order by code`,
  );
  expect(after).toEqual(before);
});
