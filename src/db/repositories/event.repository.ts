/**
 * SQL of the event closed loop: an event with its timeline (event_step) and parties (event_party);
 * transitions guarded by the row's version (optimistic locking: a concurrent change makes the
 * update match no row); the colour scan of all open events in one UPDATE … RETURNING that also
 * writes an `escalate` step per change; the materialisation of department feed records (police
 * 警情 jq, safety 隐患 hazards) into events, incremental by source revision; per-grid pages.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import type { EventCategoryScheme, EventColour, EventGrade, EventOrigin, EventPartyRole, EventScale, EventStatus } from '../../domain/vocabulary';
import type { Page, PageRequest } from '../../domain/page';
import { gridScopeSql, type GridScope } from './grid-scope';
import { pgArrayLiteral } from './array-params';
import { keysetAfter, keysetOrderBy, toPage, type KeysetOrder } from './keyset';

export interface EventRow {
  id: number;
  code: string;
  title: string;
  description: string | null;
  origin: EventOrigin;
  categoryScheme: EventCategoryScheme;
  categoryCode: string;
  scale: EventScale;
  grade: EventGrade;
  status: EventStatus;
  colour: EventColour;
  supervisionLevel: number;
  reportedAt: Date;
  deadlineAt: Date | null;
  closedAt: Date | null;
  assignee: string | null;
  gridId: number | null;
  gridCode: string | null;
  addressId: number | null;
  addressText: string | null;
  lng: number | null;
  lat: number | null;
  version: number;
  sourceRecordId: number | null;
}

export interface NewStep {
  action: string;
  fromStatus: EventStatus | null;
  toStatus: EventStatus;
  actor: string;
  actorRole: string | null;
  at: Date;
  note: string | null;
  detail: Record<string, unknown>;
}

export interface EventStepRow extends NewStep {
  id: number;
  eventId: number;
}

export interface EventPartyRow {
  eventId: number;
  personId: number | null;
  organisationId: number | null;
  role: EventPartyRole;
}

export interface NewEvent {
  title: string;
  description: string | null;
  origin: EventOrigin;
  categoryScheme: EventCategoryScheme;
  categoryCode: string;
  scale: EventScale;
  grade: EventGrade;
  reportedAt: Date;
  deadlineAt: Date | null;
  colour: EventColour;
  supervisionLevel: number;
  gridId: number | null;
  addressId: number | null;
  lng: number | null;
  lat: number | null;
}

/** What a transition writes onto the row besides the status. */
export interface TransitionPatch {
  status: EventStatus;
  assignee?: string | null;
  closedAt?: Date | null;
  colour?: EventColour;
  supervisionLevel?: number;
}

/** Thresholds and limits the set-based SQL applies (from the engine's configuration). */
export interface ColourSql {
  yellowAt: number;
  redAt: number;
  ordinaryAt: number;
  yellowCardAt: number;
  redCardAt: number;
}

export interface FeedRules extends ColourSql {
  /** (scheme, code, days) rows, 0 days = same day; code null = scheme default; scheme null = overall default. */
  limits: Array<{ scheme: string | null; code: string | null; days: number }>;
  timeZoneOffsetMinutes: number;
  /** Names departments send instead of category codes, per scheme. */
  aliases: Partial<Record<string, Record<string, string>>>;
}

export interface ColourChange {
  eventId: number;
  code: string;
  status: EventStatus;
  fromColour: EventColour;
  toColour: EventColour;
  fromLevel: number;
  toLevel: number;
}

export interface FeedCounts {
  /** Feed records new or changed since last applied. */
  records: number;
  inserted: number;
  updated: number;
  statusChanges: number;
  steps: number;
  partiesAdded: number;
  partiesRemoved: number;
  withGrid: number;
}

export interface EventFilterSql {
  categoryScheme?: EventCategoryScheme;
  categoryCode?: string;
  statuses?: EventStatus[];
  colours?: EventColour[];
  origin?: EventOrigin;
  reportedFrom?: Date;
  reportedTo?: Date;
}

export type EventOrderSql = 'reportedAt' | 'deadlineAt';

const FINAL = `('closed', 'rejected')`;

const EVENT_COLUMNS = `e.id, e.code, e.title, e.description, e.origin, e.category_scheme, e.category_code, e.scale, e.grade, e.status, e.colour,
  e.supervision_level, e.reported_at, e.deadline_at, e.closed_at, e.assignee, e.grid_id, g.code as grid_code, e.address_id,
  coalesce(a.full_text, sr.canonical->>'address') as address_text, e.lng, e.lat, e.version, e.source_record_id`;

const EVENT_FROM = `event e left join grid g on g.id = e.grid_id left join standard_address a on a.id = e.address_id
  left join source_record sr on sr.id = e.source_record_id`;

interface RawEvent {
  id: string;
  code: string;
  title: string;
  description: string | null;
  origin: EventOrigin;
  category_scheme: EventCategoryScheme;
  category_code: string;
  scale: EventScale;
  grade: EventGrade;
  status: EventStatus;
  colour: EventColour;
  supervision_level: number;
  reported_at: Date;
  deadline_at: Date | null;
  closed_at: Date | null;
  assignee: string | null;
  grid_id: string | null;
  grid_code: string | null;
  address_id: string | null;
  address_text: string | null;
  lng: number | null;
  lat: number | null;
  version: number;
  source_record_id: string | null;
}

function toEventRow(r: RawEvent): EventRow {
  return {
    id: Number(r.id),
    code: r.code,
    title: r.title,
    description: r.description,
    origin: r.origin,
    categoryScheme: r.category_scheme,
    categoryCode: r.category_code,
    scale: r.scale,
    grade: r.grade,
    status: r.status,
    colour: r.colour,
    supervisionLevel: Number(r.supervision_level),
    reportedAt: new Date(r.reported_at),
    deadlineAt: r.deadline_at === null ? null : new Date(r.deadline_at),
    closedAt: r.closed_at === null ? null : new Date(r.closed_at),
    assignee: r.assignee,
    gridId: r.grid_id === null ? null : Number(r.grid_id),
    gridCode: r.grid_code,
    addressId: r.address_id === null ? null : Number(r.address_id),
    addressText: r.address_text,
    lng: r.lng,
    lat: r.lat,
    version: r.version,
    sourceRecordId: r.source_record_id === null ? null : Number(r.source_record_id),
  };
}

/** A finite number as an SQL literal (thresholds are validated config, never user input). */
function num(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return String(n);
}

/** Fraction of the limit elapsed at `at` (SQL over columns reported_at, deadline_at of alias `x`). */
function elapsedSql(x: string, at: string): string {
  return `(case when ${x}.deadline_at <= ${x}.reported_at then (case when ${at} >= ${x}.deadline_at then 1.0 else 0.0 end)
    else extract(epoch from (${at} - ${x}.reported_at)) / extract(epoch from (${x}.deadline_at - ${x}.reported_at)) end)`;
}

/** The colour rule of src/events/colour-rule.ts in SQL (kept equal by the integration tests). */
function colourSql(x: string, at: string, c: ColourSql): { colour: string; level: string } {
  const f = elapsedSql(x, at);
  return {
    colour: `(case when ${x}.deadline_at is null then 'green' when ${f} >= ${num(c.redAt)} then 'red' when ${f} >= ${num(c.yellowAt)} then 'yellow' else 'green' end)`,
    level: `(case when ${x}.deadline_at is null then 0 when ${f} >= ${num(c.redCardAt)} then 3 when ${f} >= ${num(c.yellowCardAt)} then 2 when ${f} >= ${num(c.ordinaryAt)} then 1 else 0 end)::smallint`,
  };
}

const STEP_INSERT = `insert into event_step (event_id, action, from_status, to_status, actor, actor_role, at, note, detail)`;

export class EventRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  async findById(id: number): Promise<EventRow | null> {
    const rows = await this.conn.execute<RawEvent[]>(`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.id = ?`, [id]);
    return rows[0] ? toEventRow(rows[0]) : null;
  }

  async findByCode(code: string): Promise<EventRow | null> {
    const rows = await this.conn.execute<RawEvent[]>(`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.code = ?`, [code]);
    return rows[0] ? toEventRow(rows[0]) : null;
  }

  async findByIds(ids: readonly number[]): Promise<EventRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.conn.execute<RawEvent[]>(`select ${EVENT_COLUMNS} from ${EVENT_FROM} where e.id = any(?::bigint[])`, [pgArrayLiteral(ids)]);
    return rows.map(toEventRow);
  }

  /** Timelines of many events (one statement), each in order of time. */
  async stepsOf(eventIds: readonly number[]): Promise<EventStepRow[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select id, event_id, action, from_status, to_status, actor, actor_role, at, note, detail from event_step
       where event_id = any(?::bigint[]) order by event_id, at, id`,
      [pgArrayLiteral(eventIds)],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      eventId: Number(r.event_id),
      action: r.action as string,
      fromStatus: (r.from_status as EventStatus | null) ?? null,
      toStatus: r.to_status as EventStatus,
      actor: r.actor as string,
      actorRole: (r.actor_role as string | null) ?? null,
      at: new Date(r.at as string),
      note: (r.note as string | null) ?? null,
      detail: (r.detail as Record<string, unknown>) ?? {},
    }));
  }

  /** Parties of many events (one statement), persons and organisations by their current golden id. */
  async partiesOf(eventIds: readonly number[]): Promise<EventPartyRow[]> {
    if (eventIds.length === 0) return [];
    const rows = await this.conn.execute<Array<{ event_id: string; person_id: string | null; organisation_id: string | null; role: EventPartyRole }>>(
      `select ep.event_id, coalesce(p.merged_into_id, ep.person_id) as person_id, coalesce(o.merged_into_id, ep.organisation_id) as organisation_id, ep.role
       from event_party ep left join person p on p.id = ep.person_id left join organisation o on o.id = ep.organisation_id
       where ep.event_id = any(?::bigint[]) order by ep.event_id, ep.id`,
      [pgArrayLiteral(eventIds)],
    );
    return rows.map((r) => ({
      eventId: Number(r.event_id),
      personId: r.person_id === null ? null : Number(r.person_id),
      organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
      role: r.role,
    }));
  }

  /** Events in which these persons or organisations (current golden ids) are a party, newest first (one statement). */
  async eventsOfParties(kind: 'person' | 'organisation', ids: readonly number[]): Promise<Array<{ partyId: number; event: EventRow }>> {
    if (ids.length === 0) return [];
    const col = kind === 'person' ? 'person_id' : 'organisation_id';
    const rows = await this.conn.execute<Array<RawEvent & { party_id: string }>>(
      `select distinct on (x.party_id, e.id) x.party_id, ${EVENT_COLUMNS}
       from ${EVENT_FROM}
       join (select coalesce(m.merged_into_id, ep.${col}) as party_id, ep.event_id from event_party ep join ${kind} m on m.id = ep.${col}
             where ep.${col} = any(?::bigint[]) or m.merged_into_id = any(?::bigint[])) x on x.event_id = e.id
       order by x.party_id, e.id desc`,
      [pgArrayLiteral(ids), pgArrayLiteral(ids)],
    );
    return rows.map((r) => ({ partyId: Number(r.party_id), event: toEventRow(r) }));
  }

  /** Current grid id by code, with its path. */
  async gridByCode(code: string): Promise<{ id: number; path: string } | null> {
    const rows = await this.conn.execute<Array<{ id: string; path: string }>>('select id, path from grid where code = ? and valid_to is null', [code]);
    return rows[0] ? { id: Number(rows[0].id), path: rows[0].path } : null;
  }

  async gridPath(id: number): Promise<string | null> {
    const rows = await this.conn.execute<Array<{ path: string }>>('select path from grid where id = ?', [id]);
    return rows[0]?.path ?? null;
  }

  /** The standard address's id, grid and coordinates, when it exists and is not retired. */
  async addressById(id: number): Promise<{ id: number; gridId: number | null; lng: number | null; lat: number | null } | null> {
    const rows = await this.conn.execute<Array<{ id: string; grid_id: string | null; lng: number | null; lat: number | null }>>(
      'select id, grid_id, lng, lat from standard_address where id = ? and retired_at is null',
      [id],
    );
    const r = rows[0];
    return r ? { id: Number(r.id), gridId: r.grid_id === null ? null : Number(r.grid_id), lng: r.lng, lat: r.lat } : null;
  }

  /** Ids among `ids` that are live golden persons / organisations. */
  async existing(table: 'person' | 'organisation', ids: readonly number[]): Promise<Set<number>> {
    if (ids.length === 0) return new Set();
    const rows = await this.conn.execute<Array<{ id: string }>>(`select id from ${table} where id = any(?::bigint[]) and merged_into_id is null`, [pgArrayLiteral(ids)]);
    return new Set(rows.map((r) => Number(r.id)));
  }

  /** Inserts a reported event (code `SJ` + zero-padded id), its first step and its parties, in one transaction. */
  async insert(e: NewEvent, step: NewStep, parties: Array<Omit<EventPartyRow, 'eventId'>>): Promise<number> {
    return this.em.getKnex().transaction(async (trx) => {
      const r = await trx.raw<{ rows: Array<{ id: string }> }>(
        `with n as (select nextval(pg_get_serial_sequence('event', 'id')) as id)
         insert into event (id, code, title, description, origin, category_scheme, category_code, scale, grade, status, colour, supervision_level,
                            reported_at, deadline_at, grid_id, address_id, lng, lat)
         select n.id, 'SJ' || lpad(n.id::text, 10, '0'), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? from n
         returning id`,
        [e.title, e.description, e.origin, e.categoryScheme, e.categoryCode, e.scale, e.grade, step.toStatus, e.colour, e.supervisionLevel,
          e.reportedAt, e.deadlineAt, e.gridId, e.addressId, e.lng, e.lat],
      );
      const id = Number(r.rows[0]!.id);
      await this.writeStep(trx, id, step);
      for (const p of parties) {
        await trx.raw('insert into event_party (event_id, person_id, organisation_id, role) values (?, ?, ?, ?)', [id, p.personId, p.organisationId, p.role]);
      }
      return id;
    });
  }

  private async writeStep(trx: Knex.Transaction, eventId: number, s: NewStep): Promise<void> {
    await trx.raw(`${STEP_INSERT} values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)`, [
      eventId, s.action, s.fromStatus, s.toStatus, s.actor, s.actorRole, s.at, s.note, JSON.stringify(s.detail),
    ]);
  }

  /**
   * Moves the event if it still has `version` (optimistic lock) and writes the step, in one
   * transaction. False when another writer changed the event first (nothing written).
   */
  async transition(id: number, version: number, patch: TransitionPatch, step: NewStep): Promise<boolean> {
    return this.em.getKnex().transaction(async (trx) => {
      const sets: string[] = ['status = ?', 'version = version + 1', 'updated_at = now()'];
      const params: unknown[] = [patch.status];
      if (patch.assignee !== undefined) (sets.push('assignee = ?'), params.push(patch.assignee));
      if (patch.closedAt !== undefined) (sets.push('closed_at = ?'), params.push(patch.closedAt));
      if (patch.colour !== undefined) (sets.push('colour = ?'), params.push(patch.colour));
      if (patch.supervisionLevel !== undefined) (sets.push('supervision_level = ?'), params.push(patch.supervisionLevel));
      const u = await trx.raw<{ rowCount: number }>(`update event set ${sets.join(', ')} where id = ? and version = ?`, [...params, id, version] as never[]);
      if (u.rowCount !== 1) return false;
      await this.writeStep(trx, id, step);
      return true;
    });
  }

  /**
   * Recomputes colour and supervision level of every open event with a deadline as of `now`, in one
   * statement: the rows whose colour or level changed are updated (version bumped) and get an
   * `escalate` step (actor `system`) with the old and new values.
   */
  async recolour(now: Date, c: ColourSql): Promise<ColourChange[]> {
    const at = `?::timestamptz`;
    // `now` appears in the colour and level expressions and in the step: bound as a CTE value once.
    const { colour, level } = colourSql('x', 'clock.now', c);
    const rows = await this.conn.execute<Array<{ id: string; code: string; status: EventStatus; old_colour: EventColour; colour: EventColour; old_level: number; level: number }>>(
      `with clock as (select ${at} as now),
       computed as (
         select x.id, x.colour as old_colour, x.supervision_level as old_level, ${colour} as colour, ${level} as level
         from event x, clock where x.status not in ${FINAL} and x.deadline_at is not null
       ),
       changed as (
         update event e set colour = c.colour, supervision_level = c.level, version = e.version + 1, updated_at = now()
         from computed c where e.id = c.id and (c.colour, c.level) is distinct from (c.old_colour, c.old_level)
         returning e.id, e.code, e.status, c.old_colour, c.colour, c.old_level, c.level
       ),
       steps as (
         ${STEP_INSERT}
         select ch.id, 'escalate', ch.status, ch.status, 'system', 'system', clock.now, null,
                jsonb_build_object('fromColour', ch.old_colour, 'toColour', ch.colour, 'fromSupervisionLevel', ch.old_level, 'toSupervisionLevel', ch.level)
         from changed ch, clock
       )
       select * from changed order by id`,
      [now],
    );
    return rows.map((r) => ({
      eventId: Number(r.id), code: r.code, status: r.status, fromColour: r.old_colour, toColour: r.colour, fromLevel: Number(r.old_level), toLevel: Number(r.level),
    }));
  }

  /**
   * Department feed records (police 警情 `jq`, safety 隐患 `hazards`) into events, set-based, in one
   * transaction. Only records new or changed since last applied (source revision) are touched;
   * code = the department's key; status from the feed (the police code table; a hazard is closed
   * once rectified, else in handling); grid from the matched standard address, else (hazards) the
   * enterprise's grid; deadline and colour by the same rules as reported events; a `report` step
   * for a new event and a `department_update` step (actor the department) for each status the feed
   * moved; parties: involved citizens → golden persons, the hazard's enterprise → the organisation
   * its record is linked to (or carries the same USCC), kept in step with the record.
   */
  async materialiseFeeds(now: Date, rules: FeedRules): Promise<FeedCounts> {
    return this.em.getKnex().transaction(async (trx) => {
      const one = async (sql: string, params: unknown[] = []): Promise<Record<string, number>> =>
        ((await trx.raw<{ rows: Array<Record<string, number>> }>(sql, params as never[])).rows[0] ?? {});
      const off = num(rules.timeZoneOffsetMinutes);
      await trx.raw(`drop table if exists event_feed_tmp`);
      await trx.raw(
        `create temp table event_feed_tmp on commit drop as
         with rules as (select * from jsonb_to_recordset(?::jsonb) as r(scheme text, code text, days int)),
         aliases as (select s.key as scheme, a.key as name, a.value #>> '{}' as code from jsonb_each(?::jsonb) s cross join lateral jsonb_each(s.value) a),
         src as (
           select s.id as source_record_id, s.revision, s.source, s.record_key as code, s.canonical as c,
                  coalesce(s.source_updated_at, s.fetched_at) as updated_at,
                  case when s.source = 'police' then 'public_order' else 'safety_hazard' end as scheme,
                  e.id as event_id, e.status as old_status, e.closed_at as old_closed_at
           from source_record s left join event e on e.code = s.record_key
           where s.entity_type = 'event' and s.status = 'valid'
             and ((s.source = 'police' and s.stream = 'jq') or (s.source = 'safety' and s.stream = 'hazards'))
             and (e.id is null or e.source_revision is distinct from s.revision or e.source_record_id is distinct from s.id)
         ),
         mapped as (
           select src.*,
             coalesce(nullif(src.c->>'title', ''), '警情 ' || src.code) as title,
             coalesce((select al.code from aliases al where al.scheme = src.scheme and al.name = trim(src.c->>'categoryCode')), nullif(trim(src.c->>'categoryCode'), ''), '99') as category_code,
             case when src.source = 'police' then
                    case when src.c->>'status' in ('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'verified', 'closed', 'rejected') then src.c->>'status' else 'reported' end
                  else case when src.c->>'rectified' = 'true' then 'closed' else 'handling' end end as status,
             case when src.c->>'level' = 'major' then 'major' else 'general' end as grade,
             (src.c->>'reportedAt')::timestamptz as reported_at,
             am.kind as match_kind, sa.id as matched_address_id, sa.grid_id as address_grid_id, sa.lng, sa.lat,
             org.id as organisation_id, org.grid_id as organisation_grid_id
           from src
           left join address_match am on am.source_record_id = src.source_record_id and am.field = 'address' and am.kind in ('exact', 'partial')
           left join standard_address sa on sa.id = am.standard_address_id
           left join lateral (
             select coalesce(lo.merged_into_id, lo.id, uo.id) as id
             from source_record es
             left join entity_link l on l.source_record_id = es.id and l.unlinked_at is null and l.entity_type = 'organisation'
             left join organisation lo on lo.id = l.entity_id
             left join organisation uo on uo.uscc = (es.canonical->>'uscc')::bpchar and uo.merged_into_id is null
             where src.source = 'safety' and es.source = 'safety' and es.stream = 'enterprises' and es.record_key = src.c->>'organisationSourceId'
             order by uo.id limit 1
           ) oid on true
           left join organisation org on org.id = oid.id
         )
         select m.*,
           case when m.match_kind = 'exact' then m.matched_address_id end as address_id,
           coalesce(m.address_grid_id, m.organisation_grid_id) as grid_id,
           case when m.status in ${FINAL} then (case when m.old_status = m.status and m.old_closed_at is not null then m.old_closed_at else greatest(m.updated_at, m.reported_at) end) end as closed_at,
           (select days from rules r where (r.scheme = m.scheme and r.code = m.category_code) or (r.scheme = m.scheme and r.code is null) or r.scheme is null
            order by (r.scheme is null), (r.code is null) limit 1) as days
         from mapped m`,
        [JSON.stringify(rules.limits), JSON.stringify(rules.aliases)],
      );
      await trx.raw(`alter table event_feed_tmp add column deadline_at timestamptz, add column at timestamptz, add column colour text, add column level smallint, add column new_id bigint`);
      // Deadline by the limit (0 days = the end of the local reporting day); colour as of now, or as of closing.
      await trx.raw(
        `update event_feed_tmp set at = coalesce(closed_at, ?::timestamptz), deadline_at = case when days = 0
           then (date_trunc('day', (reported_at at time zone 'UTC') + interval '${off} minutes') + interval '1 day' - interval '${off} minutes') at time zone 'UTC'
           else reported_at + days * interval '1 day' end`,
        [now],
      );
      const { colour, level } = colourSql('f', 'f.at', rules);
      await trx.raw(`update event_feed_tmp f set colour = ${colour}, level = ${level}`);
      const records = await one(`select count(*)::int as n from event_feed_tmp`);
      const up = await one(
        `with up as (
           insert into event (code, title, origin, category_scheme, category_code, grade, status, colour, supervision_level, reported_at, deadline_at, closed_at,
                              grid_id, address_id, lng, lat, source_record_id, source_revision, provenance)
           select f.code, f.title, 'department', f.scheme, f.category_code, f.grade, f.status, f.colour, f.level, f.reported_at, f.deadline_at, f.closed_at,
                  f.grid_id, f.address_id, f.lng, f.lat, f.source_record_id, f.revision,
                  jsonb_build_object('records', jsonb_build_object(f.source_record_id::text, jsonb_build_object('source', f.source, 'at', f.updated_at)),
                                     'status', jsonb_build_object('sourceRecordId', f.source_record_id, 'rule', 'feed'))
           from event_feed_tmp f
           on conflict (code) do update set title = excluded.title, category_scheme = excluded.category_scheme, category_code = excluded.category_code,
             grade = excluded.grade, status = excluded.status, colour = excluded.colour, supervision_level = excluded.supervision_level,
             reported_at = excluded.reported_at, deadline_at = excluded.deadline_at, closed_at = excluded.closed_at, grid_id = excluded.grid_id,
             address_id = excluded.address_id, lng = excluded.lng, lat = excluded.lat, source_record_id = excluded.source_record_id,
             source_revision = excluded.source_revision, provenance = excluded.provenance, version = event.version + 1, updated_at = now()
           returning id, code, (xmax = 0) as inserted
         ),
         ids as (update event_feed_tmp f set new_id = up.id from up where f.code = up.code returning up.inserted)
         select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from ids`,
      );
      const steps = await one(
        `with s as (
           ${STEP_INSERT}
           select f.new_id, 'report', null, 'reported', f.source, 'department', f.reported_at, null,
                  jsonb_build_object('sourceRecordId', f.source_record_id, 'revision', f.revision, 'recordKey', f.code)
           from event_feed_tmp f where f.event_id is null
           union all
           select f.new_id, 'department_update', coalesce(f.old_status, 'reported'), f.status, f.source, 'department', greatest(f.updated_at, f.reported_at), null,
                  jsonb_build_object('sourceRecordId', f.source_record_id, 'revision', f.revision, 'recordKey', f.code)
           from event_feed_tmp f where f.status is distinct from coalesce(f.old_status, 'reported')
           returning action)
         select count(*)::int as n, count(*) filter (where action = 'department_update')::int as status_changes from s`,
      );
      const parties = await one(
        `with wanted as (
           select distinct f.new_id as event_id, p.id as person_id, null::bigint as organisation_id, 'involved' as role
           from event_feed_tmp f
           cross join lateral jsonb_array_elements_text(case when jsonb_typeof(f.c->'involvedCitizenIds') = 'array' then f.c->'involvedCitizenIds' else '[]'::jsonb end) cid
           join person p on p.citizen_id = cid::bpchar and p.merged_into_id is null
           union
           select f.new_id, null, f.organisation_id, 'responsible' from event_feed_tmp f where f.organisation_id is not null
         ),
         removed as (
           delete from event_party ep using event_feed_tmp f
           where ep.event_id = f.new_id and not exists (
             select 1 from wanted w where w.event_id = ep.event_id and w.role = ep.role
               and w.person_id is not distinct from ep.person_id and w.organisation_id is not distinct from ep.organisation_id)
           returning 1
         ),
         added as (
           insert into event_party (event_id, person_id, organisation_id, role)
           select w.event_id, w.person_id, w.organisation_id, w.role from wanted w
           where not exists (select 1 from event_party ep where ep.event_id = w.event_id and ep.role = w.role
             and ep.person_id is not distinct from w.person_id and ep.organisation_id is not distinct from w.organisation_id)
           returning 1
         )
         select (select count(*) from added)::int as added, (select count(*) from removed)::int as removed`,
      );
      const withGrid = await one(`select count(*)::int as n from event_feed_tmp where grid_id is not null`);
      return {
        records: records.n ?? 0,
        inserted: up.inserted ?? 0,
        updated: up.updated ?? 0,
        statusChanges: steps.status_changes ?? 0,
        steps: steps.n ?? 0,
        partiesAdded: parties.added ?? 0,
        partiesRemoved: parties.removed ?? 0,
        withGrid: withGrid.n ?? 0,
      };
    });
  }

  /**
   * A page of a grid's events (or of its subtree: current grids whose path starts with the grid's path),
   * filtered, keyset-paged by the order's key and id.
   */
  async gridPage(scope: GridScope, filter: EventFilterSql, orderBy: EventOrderSql, page: PageRequest): Promise<Page<EventRow>> {
    const { where, params } = this.gridWhere(scope, filter);
    const order: KeysetOrder = orderBy === 'deadlineAt'
      ? { expr: `coalesce(e.deadline_at, 'infinity'::timestamptz)`, id: 'e.id', direction: 'asc' }
      : { expr: 'e.reported_at', id: 'e.id', direction: 'desc' };
    const after = keysetAfter(order, page.after);
    const rows = await this.conn.execute<Array<RawEvent & { sort_key: Date | string }>>(
      `select ${EVENT_COLUMNS}, ${order.expr} as sort_key from ${EVENT_FROM} where ${where}${after.sql}${keysetOrderBy(order)} limit ?`,
      [...params, ...after.params, page.first + 1] as never[],
    );
    const events = rows.map((r) => ({ row: toEventRow(r), key: [r.sort_key instanceof Date ? r.sort_key.toISOString() : String(r.sort_key), Number(r.id)] }));
    const p = toPage(events, page.first, (x) => x.key);
    return { rows: p.rows.map((x) => x.row), keys: p.keys, hasNextPage: p.hasNextPage };
  }

  async gridCount(scope: GridScope, filter: EventFilterSql): Promise<number> {
    const { where, params } = this.gridWhere(scope, filter);
    const rows = await this.conn.execute<Array<{ n: number }>>(`select count(*)::int as n from event e where ${where}`, params as never[]);
    return rows[0]?.n ?? 0;
  }

  private gridWhere(scope: GridScope, f: EventFilterSql): { where: string; params: unknown[] } {
    const s = gridScopeSql('e', scope);
    const w: string[] = [s.sql];
    const params: unknown[] = [...s.params];
    if (f.categoryScheme !== undefined) (w.push('e.category_scheme = ?'), params.push(f.categoryScheme));
    if (f.categoryCode !== undefined) (w.push('e.category_code = ?'), params.push(f.categoryCode));
    if (f.statuses !== undefined && f.statuses.length > 0) (w.push('e.status = any(?::text[])'), params.push(pgArrayLiteral(f.statuses)));
    if (f.colours !== undefined && f.colours.length > 0) (w.push('e.colour = any(?::text[])'), params.push(pgArrayLiteral(f.colours)));
    if (f.origin !== undefined) (w.push('e.origin = ?'), params.push(f.origin));
    if (f.reportedFrom !== undefined) (w.push('e.reported_at >= ?'), params.push(f.reportedFrom));
    if (f.reportedTo !== undefined) (w.push('e.reported_at < ?'), params.push(f.reportedTo));
    return { where: w.join(' and '), params };
  }
}
