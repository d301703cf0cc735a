/**
 * SQL of the dashboard (驾驶舱) aggregates: one statement per aggregate, over the rows of one grid
 * or of its whole subtree (`grid.path` is the materialised path of ancestor ids, so the subtree is a
 * prefix range on the path index, joined on each table's `grid_id`). Counted are the live golden
 * records — not merged away, still linked to a source record — persons in the register
 * (status active), organisations not closed; things and events as they are.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { likePrefix } from './grid-scope';
import { LIVE_ORGANISATION } from './organisation-directory.repository';
import { LIVE_PERSON } from './person-directory.repository';
import { LIVE_HOUSE } from './place-directory.repository';

/** Which rows an aggregate counts. */
export interface DashboardScope {
  gridId: number;
  /** `/rootId/.../ownId/` of the grid. */
  path: string;
  includeDescendants: boolean;
}

export interface KeyCount {
  key: string;
  count: number;
}

export interface HouseCounts {
  total: number;
  rental: number;
  byUse: KeyCount[];
}

export interface ThingClassCount {
  kind: string;
  majorClass: string | null;
  count: number;
}

export interface EventCounts {
  byStatus: KeyCount[];
  byColour: KeyCount[];
  byCategory: Array<{ scheme: string; code: string; count: number }>;
}

export interface EventSeriesRow {
  bucketStart: Date;
  colour: string;
  count: number;
}

export type Bucket = 'day' | 'week' | 'month';

/** Age bands (years at the given date) in display order; persons without a birth date, or born after it, are `unknown`. */
export const AGE_BANDS = ['0-6', '7-17', '18-59', '60-79', '80+'] as const;

/** The aggregates' time zone: buckets are local days, weeks (Monday) and months. */
export const DASHBOARD_TIME_ZONE = 'Asia/Shanghai';

// The directory's live goldens (not merged away, still linked), counted only while active or open.
const ACTIVE_PERSON = `${LIVE_PERSON} and p.status = 'active'`;
const OPEN_ORGANISATION = `${LIVE_ORGANISATION} and o.status <> 'closed'`;

/** `from <table> <alias>` restricted to the scope, with the parameters of the restriction. */
function scoped(table: string, alias: string, scope: DashboardScope): { from: string; params: unknown[] } {
  if (!scope.includeDescendants) return { from: `${table} ${alias} where ${alias}.grid_id = ?`, params: [scope.gridId] };
  return { from: `${table} ${alias} join grid g on g.id = ${alias}.grid_id where g.path like ? and g.valid_to is null`, params: [likePrefix(scope.path)] };
}

export class DashboardRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  private async counts(sql: string, params: unknown[]): Promise<KeyCount[]> {
    const rows = await this.conn.execute<Array<{ key: string | null; count: number }>>(sql, params);
    return rows.map((r) => ({ key: r.key ?? 'unknown', count: Number(r.count) }));
  }

  personsByKind(scope: DashboardScope): Promise<KeyCount[]> {
    const s = scoped('person', 'p', scope);
    return this.counts(`select p.kind as key, count(*)::int as count from ${s.from} and ${ACTIVE_PERSON} group by 1 order by 1`, s.params);
  }

  personsByGender(scope: DashboardScope): Promise<KeyCount[]> {
    const s = scoped('person', 'p', scope);
    return this.counts(`select p.gender as key, count(*)::int as count from ${s.from} and ${ACTIVE_PERSON} group by 1 order by 1`, s.params);
  }

  /** Persons by age band at `asOf` (a date, `YYYY-MM-DD`). */
  personsByAgeBand(scope: DashboardScope, asOf: string): Promise<KeyCount[]> {
    const s = scoped('person', 'p', scope);
    return this.counts(
      `select case when p.birth_date is null or p.birth_date > x.d then 'unknown'
                   when p.birth_date > (x.d - interval '7 years')::date then '0-6'
                   when p.birth_date > (x.d - interval '18 years')::date then '7-17'
                   when p.birth_date > (x.d - interval '60 years')::date then '18-59'
                   when p.birth_date > (x.d - interval '80 years')::date then '60-79'
                   else '80+' end as key, count(*)::int as count
       from (select ?::date as d) x, ${s.from} and ${ACTIVE_PERSON} group by 1`,
      [asOf, ...s.params],
    );
  }

  /** Persons by current tag (a person with two tags counts under both); key = tag code. */
  async personsByTag(scope: DashboardScope, asOf: string): Promise<Array<KeyCount & { name: string; group: string; sensitivity: string }>> {
    const s = scoped('person', 'p', scope);
    const rows = await this.conn.execute<Array<{ key: string; name: string; group: string; sensitivity: string; count: number }>>(
      `select td.code as key, td.name, td."group", td.sensitivity, count(distinct pt.person_id)::int as count
       from person_tag pt join tag_definition td on td.id = pt.tag_id
       where pt.current and (pt.valid_to is null or pt.valid_to >= ?::date)
         and pt.person_id in (select p.id from ${s.from} and ${ACTIVE_PERSON})
       group by td.code, td.name, td."group", td.sensitivity order by td."group", td.code`,
      [asOf, ...s.params],
    );
    return rows.map((r) => ({ key: r.key, name: r.name, group: r.group, sensitivity: r.sensitivity, count: Number(r.count) }));
  }

  houses(scope: DashboardScope): Promise<HouseCounts> {
    const s = scoped('house', 'h', scope);
    return this.conn
      .execute<Array<{ key: string; count: number; rental: number }>>(
        `select h.use as key, count(*)::int as count, count(*) filter (where h.is_rental)::int as rental from ${s.from} and ${LIVE_HOUSE} group by 1 order by 1`,
        s.params,
      )
      .then((rows) => ({
        total: rows.reduce((n, r) => n + Number(r.count), 0),
        rental: rows.reduce((n, r) => n + Number(r.rental), 0),
        byUse: rows.map((r) => ({ key: r.key, count: Number(r.count) })),
      }));
  }

  organisationsByKind(scope: DashboardScope): Promise<KeyCount[]> {
    const s = scoped('organisation', 'o', scope);
    return this.counts(`select o.kind as key, count(*)::int as count from ${s.from} and ${OPEN_ORGANISATION} group by 1 order by 1`, s.params);
  }

  async thingsByClass(scope: DashboardScope): Promise<ThingClassCount[]> {
    const s = scoped('thing', 't', scope);
    const rows = await this.conn.execute<Array<{ kind: string; major_class: string | null; count: number }>>(
      `select t.kind, t.major_class, count(*)::int as count from ${s.from} group by 1, 2 order by 1, 2`,
      s.params,
    );
    return rows.map((r) => ({ kind: r.kind, majorClass: r.major_class, count: Number(r.count) }));
  }

  /** Events reported in [from, to): by status, colour and category, in one statement (grouping sets). */
  async events(scope: DashboardScope, from: Date, to: Date): Promise<EventCounts> {
    const s = scoped('event', 'e', scope);
    const rows = await this.conn.execute<Array<{ status: string | null; colour: string | null; scheme: string | null; code: string | null; count: number }>>(
      `select e.status, e.colour, e.category_scheme as scheme, e.category_code as code, count(*)::int as count
       from ${s.from} and e.reported_at >= ?::timestamptz and e.reported_at < ?::timestamptz
       group by grouping sets ((e.status), (e.colour), (e.category_scheme, e.category_code))`,
      [...s.params, from.toISOString(), to.toISOString()],
    );
    const out: EventCounts = { byStatus: [], byColour: [], byCategory: [] };
    for (const r of rows) {
      const count = Number(r.count);
      if (r.status !== null) out.byStatus.push({ key: r.status, count });
      else if (r.colour !== null) out.byColour.push({ key: r.colour, count });
      else if (r.scheme !== null) out.byCategory.push({ scheme: r.scheme, code: r.code ?? '', count });
    }
    out.byStatus.sort((a, b) => a.key.localeCompare(b.key));
    out.byColour.sort((a, b) => a.key.localeCompare(b.key));
    out.byCategory.sort((a, b) => a.scheme.localeCompare(b.scheme) || a.code.localeCompare(b.code));
    return out;
  }

  /** Events reported in [from, to) per local day/week/month bucket and colour (empty buckets omitted). */
  async eventSeries(scope: DashboardScope, from: Date, to: Date, bucket: Bucket): Promise<EventSeriesRow[]> {
    const s = scoped('event', 'e', scope);
    const rows = await this.conn.execute<Array<{ bucket_start: Date; colour: string; count: number }>>(
      `select date_trunc(?::text, e.reported_at, ?::text) as bucket_start, e.colour, count(*)::int as count
       from ${s.from} and e.reported_at >= ?::timestamptz and e.reported_at < ?::timestamptz
       group by 1, 2 order by 1, 2`,
      [bucket, DASHBOARD_TIME_ZONE, ...s.params, from.toISOString(), to.toISOString()],
    );
    return rows.map((r) => ({ bucketStart: new Date(r.bucket_start), colour: r.colour, count: Number(r.count) }));
  }
}
