/**
 * SQL of reconciliation (对账): per source stream what was fetched, what is valid or quarantined (by
 * rule), what links to a golden record shared with another feed or to one of its own; golden records
 * whose linked source records disagree on an attribute; coverage gaps of the master data; and the
 * stored reports. Every figure is one set-based statement (aggregates and window functions, no
 * self-joins), so a report stays fast at district scale even on tables the planner has no statistics
 * for yet.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface StreamCounts {
  source: string;
  stream: string;
  entityTypes: string[];
  fetched: number;
  valid: number;
  quarantined: number;
  tombstoned: number;
}

export interface StreamLinkCounts {
  source: string;
  stream: string;
  /** Valid records with an active link to a golden entity. */
  linked: number;
  /** Of them: linked to a golden entity that records of another feed (source/stream) link to as well. */
  linkedShared: number;
  /** Golden entities this stream's records link to. */
  goldens: number;
}

export interface QuarantineReasonCount {
  source: string;
  stream: string;
  field: string;
  rule: string;
  records: number;
}

export interface StreamConflictCount {
  source: string;
  stream: string;
  entityType: string;
  attribute: string;
  /** Golden entities where a record of this stream carries a value another feed's record contradicts. */
  goldens: number;
}

export interface ConflictExample {
  goldenId: number;
  values: Array<{ source: string; stream: string; sourceRecordId: number; value: string }>;
}

export interface AttributeConflictCount {
  entityType: string;
  attribute: string;
  /** Golden entities whose linked records from different feeds disagree on the attribute. */
  goldens: number;
  examples: ConflictExample[];
}

export interface CoverageCounts {
  persons: number;
  personsWithoutAddress: number;
  personsWithoutGrid: number;
  addresses: number;
  addressesWithoutGrid: number;
  organisations: number;
  organisationsWithoutAddress: number;
  houses: number;
  housesWithoutAddress: number;
}

export interface StoredReport {
  id: number;
  createdAt: Date;
  requestedBy: string | null;
  report: Record<string, unknown>;
}

/** Which canonical fields are compared between the records of one golden entity, per entity type. */
export type ConflictAttributes = Record<string, readonly string[]>;

/** Per (golden, attribute) the distinct non-empty values of the active links' valid records, by feed. */
const CONFLICTS_CTE = `
with x as (
  select l.entity_type, l.entity_id, s.source, s.stream, s.source || '/' || s.stream as feed, s.id as record_id, a.attr, a.val
  from entity_link l
  join source_record s on s.id = l.source_record_id
  cross join lateral (
    select k.attr, nullif(btrim(s.canonical ->> k.attr), '') as val from jsonb_array_elements_text(?::jsonb -> l.entity_type) k(attr)
  ) a
  where l.unlinked_at is null and s.status = 'valid' and a.val is not null and not (a.attr = 'gender' and a.val = 'U')
),
g as (
  select entity_type, entity_id, attr, array_agg(distinct feed) as feeds from x
  group by 1, 2, 3 having count(distinct val) > 1 and count(distinct feed) > 1
)`;

export class ReconcileRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** Records per stream by status. */
  async streamCounts(): Promise<StreamCounts[]> {
    const rows = await this.conn.execute<Array<{ source: string; stream: string; entity_types: string[]; fetched: number; valid: number; quarantined: number; tombstoned: number }>>(
      `select source, stream, array_agg(distinct entity_type order by entity_type) as entity_types, count(*)::int as fetched,
              count(*) filter (where status = 'valid')::int as valid,
              count(*) filter (where status = 'quarantined')::int as quarantined,
              count(*) filter (where status = 'tombstoned')::int as tombstoned
       from source_record group by source, stream order by source, stream`,
    );
    return rows.map((r) => ({ source: r.source, stream: r.stream, entityTypes: r.entity_types, fetched: r.fetched, valid: r.valid, quarantined: r.quarantined, tombstoned: r.tombstoned }));
  }

  /** Quarantined records per stream, field and rule (error issues; a record with two issues counts under both). */
  async quarantineReasons(): Promise<QuarantineReasonCount[]> {
    return this.conn.execute<QuarantineReasonCount[]>(
      `select s.source, s.stream, coalesce(i ->> 'field', '') as field, i ->> 'rule' as rule, count(distinct s.id)::int as records
       from source_record s cross join lateral jsonb_array_elements(s.issues) i
       where s.status = 'quarantined' and coalesce(i ->> 'severity', 'error') = 'error'
       group by 1, 2, 3, 4 order by 1, 2, records desc, 4, 3`,
    );
  }

  /** Valid records with an active link per stream, split by whether another feed shares the golden entity. */
  async linkCounts(): Promise<StreamLinkCounts[]> {
    const rows = await this.conn.execute<Array<{ source: string; stream: string; linked: number; linked_shared: number; goldens: number }>>(
      `with lf as (
         select s.source, s.stream, l.entity_type, l.entity_id, count(*) as n
         from entity_link l join source_record s on s.id = l.source_record_id
         where l.unlinked_at is null and s.status = 'valid'
         group by 1, 2, 3, 4
       ),
       w as (select lf.*, count(*) over (partition by entity_type, entity_id) as feeds from lf)
       select source, stream, sum(n)::int as linked, coalesce(sum(n) filter (where feeds > 1), 0)::int as linked_shared, count(*)::int as goldens
       from w group by source, stream order by source, stream`,
    );
    return rows.map((r) => ({ source: r.source, stream: r.stream, linked: r.linked, linkedShared: r.linked_shared, goldens: r.goldens }));
  }

  /** Per stream and attribute: golden entities where this stream's value is contradicted by another feed's. */
  async streamConflicts(attributes: ConflictAttributes): Promise<StreamConflictCount[]> {
    const rows = await this.conn.execute<Array<{ feed: string; entity_type: string; attr: string; goldens: number }>>(
      `${CONFLICTS_CTE}
       select f.feed, g.entity_type, g.attr, count(*)::int as goldens from g cross join unnest(g.feeds) f(feed)
       group by 1, 2, 3 order by 1, 2, 3`,
      [JSON.stringify(attributes)],
    );
    return rows.map((r) => {
      const i = r.feed.indexOf('/');
      return { source: r.feed.slice(0, i), stream: r.feed.slice(i + 1), entityType: r.entity_type, attribute: r.attr, goldens: r.goldens };
    });
  }

  /** Per entity type and attribute: golden entities whose records disagree, with the first few as examples. */
  async attributeConflicts(attributes: ConflictAttributes, examplesPerAttribute: number): Promise<AttributeConflictCount[]> {
    const rows = await this.conn.execute<Array<{ entity_type: string; attr: string; goldens: number; examples: ConflictExample[] | null }>>(
      `${CONFLICTS_CTE},
       n as (select entity_type, attr, count(*)::int as goldens from g group by 1, 2),
       e as (
         select entity_type, entity_id, attr from (
           select g.entity_type, g.entity_id, g.attr, row_number() over (partition by g.entity_type, g.attr order by g.entity_id) as k from g
         ) r where k <= ?
       ),
       ev as (
         select e.entity_type, e.attr, e.entity_id,
                jsonb_agg(jsonb_build_object('source', x.source, 'stream', x.stream, 'sourceRecordId', x.record_id, 'value', x.val) order by x.record_id) as vals
         from e join x on x.entity_type = e.entity_type and x.entity_id = e.entity_id and x.attr = e.attr
         group by 1, 2, 3
       )
       select n.entity_type, n.attr, n.goldens,
              (select jsonb_agg(jsonb_build_object('goldenId', ev.entity_id, 'values', ev.vals) order by ev.entity_id) from ev
               where ev.entity_type = n.entity_type and ev.attr = n.attr) as examples
       from n order by n.entity_type, n.goldens desc, n.attr`,
      [JSON.stringify(attributes), examplesPerAttribute],
    );
    return rows.map((r) => ({
      entityType: r.entity_type,
      attribute: r.attr,
      goldens: r.goldens,
      examples: (r.examples ?? []).map((x) => ({ goldenId: Number(x.goldenId), values: x.values.map((v) => ({ ...v, sourceRecordId: Number(v.sourceRecordId) })) })),
    }));
  }

  /**
   * Coverage gaps of the live master data: golden rows not merged away that still have an active
   * link from a source record (retired ones have none), and standard addresses not retired.
   */
  async coverage(): Promise<CoverageCounts> {
    const live = (t: string, e: string) => `${t}.merged_into_id is null and exists (select 1 from entity_link l where l.entity_type = '${e}' and l.entity_id = ${t}.id and l.unlinked_at is null)`;
    const rows = await this.conn.execute<Array<Record<string, number>>>(
      `select
         (select count(*) from person p where ${live('p', 'person')})::int as persons,
         (select count(*) from person p where ${live('p', 'person')}
            and not exists (select 1 from person_address pa where pa.person_id = p.id and pa.current))::int as persons_without_address,
         (select count(*) from person p where ${live('p', 'person')} and p.grid_id is null)::int as persons_without_grid,
         (select count(*) from standard_address where retired_at is null)::int as addresses,
         (select count(*) from standard_address where retired_at is null and grid_id is null)::int as addresses_without_grid,
         (select count(*) from organisation o where ${live('o', 'organisation')})::int as organisations,
         (select count(*) from organisation o where ${live('o', 'organisation')} and o.address_id is null)::int as organisations_without_address,
         (select count(*) from house h where ${live('h', 'house')})::int as houses,
         (select count(*) from house h where ${live('h', 'house')} and h.address_id is null)::int as houses_without_address`,
    );
    const r = rows[0]!;
    return {
      persons: r.persons!,
      personsWithoutAddress: r.persons_without_address!,
      personsWithoutGrid: r.persons_without_grid!,
      addresses: r.addresses!,
      addressesWithoutGrid: r.addresses_without_grid!,
      organisations: r.organisations!,
      organisationsWithoutAddress: r.organisations_without_address!,
      houses: r.houses!,
      housesWithoutAddress: r.houses_without_address!,
    };
  }

  async store(report: Record<string, unknown>, requestedBy: string | null): Promise<StoredReport> {
    const rows = await this.conn.execute<Array<{ id: string; created_at: Date; requested_by: string | null; report: Record<string, unknown> }>>(
      `insert into reconciliation_report (requested_by, report) values (?, ?::jsonb) returning id, created_at, requested_by, report`,
      [requestedBy, JSON.stringify(report)],
    );
    return toStored(rows[0]!);
  }

  /** The newest stored reports first. */
  async latest(limit: number): Promise<StoredReport[]> {
    const rows = await this.conn.execute<Array<{ id: string; created_at: Date; requested_by: string | null; report: Record<string, unknown> }>>(
      `select id, created_at, requested_by, report from reconciliation_report order by created_at desc, id desc limit ?`,
      [limit],
    );
    return rows.map(toStored);
  }

  async byId(id: number): Promise<StoredReport | undefined> {
    const rows = await this.conn.execute<Array<{ id: string; created_at: Date; requested_by: string | null; report: Record<string, unknown> }>>(
      `select id, created_at, requested_by, report from reconciliation_report where id = ?`,
      [id],
    );
    return rows[0] === undefined ? undefined : toStored(rows[0]);
  }
}

function toStored(r: { id: string; created_at: Date; requested_by: string | null; report: Record<string, unknown> }): StoredReport {
  return { id: Number(r.id), createdAt: new Date(r.created_at), requestedBy: r.requested_by, report: r.report };
}
