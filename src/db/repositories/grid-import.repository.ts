/**
 * SQL of the grid tree's import from the grid records (entity type `grid`, from the grid
 * management centre): the latest record per grid code, the current versions, one transaction that
 * applies a plan (close versions, open new ones with lineage, update in place, parents by code,
 * materialised paths, police-beat members) and the re-link of standard addresses to the current
 * base grids and police beats. Every statement writes only what differs: a re-run with nothing
 * new writes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GridKind } from '../../domain/vocabulary';

export interface GridRecordRow {
  sourceRecordId: number;
  source: string;
  status: 'valid' | 'quarantined' | 'tombstoned';
  code: string;
  canonical: Record<string, unknown>;
  at: Date;
}

export interface CurrentGridRow {
  id: number;
  code: string;
  name: string;
  kind: string;
  levelKey: string;
  parentCode: string | null;
  department: string | null;
  boundary: unknown;
}

/** A grid version to open. */
export interface NewGridVersion {
  code: string;
  name: string;
  kind: GridKind;
  levelKey: string;
  department: string | null;
  boundary: unknown;
  minLng: number | null;
  minLat: number | null;
  maxLng: number | null;
  maxLat: number | null;
  /** Current version it succeeds (closed in the same transaction), with why. */
  predecessorId?: number;
  changeKind?: string;
}

export interface GridPlan {
  inserts: NewGridVersion[];
  /** Current versions closed without successor (their record was withdrawn). */
  retire: number[];
  /** In-place changes of the current version. */
  updates: Array<{ id: number; department: string | null }>;
  /** code → parent code of every grid the records describe (null: a root). */
  parents: Array<{ code: string; parent: string | null }>;
  /** Police beat (business grid) code → member base grid codes. */
  members: Array<{ business: string; base: string }>;
  /** Levels used by the records: created when missing. */
  levels: Array<{ key: string; name: string; rank: number }>;
  /** Name of the reorganisation recorded when versions are closed. */
  reorganisationName: string;
}

export interface GridApplyCounts {
  levelsCreated: number;
  inserted: number;
  versioned: number;
  retired: number;
  updated: number;
  parentsLinked: number;
  pathsSet: number;
  membersOpened: number;
  membersClosed: number;
  /** Crosswalk rows opened from grid records to their current grid (a closed version's are unlinked). */
  linked: number;
  reorganisationId: number | null;
}

export interface AddressRelinkCounts {
  grids: number;
  beats: number;
}

type Trx = { raw<T>(sql: string, bindings?: unknown[]): Promise<T> };

const PATHS_SQL = `
with recursive t as (
  select g.id, '/' || g.id || '/' as path from grid g where g.valid_to is null and g.parent_id is null
  union all
  select c.id, t.path || c.id || '/' from grid c join t on c.parent_id = t.id where c.valid_to is null
),
u as (update grid g set path = t.path, updated_at = now() from t where g.id = t.id and g.path is distinct from t.path returning 1)
select count(*)::int as n from u`;

const MEMBERS_SQL = `
with wanted as (
  select distinct b.id as business_id, m.id as base_id
  from jsonb_to_recordset(?::jsonb) as x(business text, base text)
  join grid b on b.code = x.business and b.valid_to is null
  join grid m on m.code = x.base and m.valid_to is null
),
managed as (select distinct b.id from jsonb_to_recordset(?::jsonb) as x(business text, base text) join grid b on b.code = x.business),
closed as (
  update business_grid_member bm set valid_to = now(), updated_at = now()
  where bm.valid_to is null
    and (bm.business_grid_id in (select id from managed) or bm.business_grid_id in (select id from grid where valid_to is not null)
         or bm.base_grid_id in (select id from grid where valid_to is not null))
    and not exists (select 1 from wanted w where w.business_id = bm.business_grid_id and w.base_id = bm.base_grid_id)
  returning 1
),
opened as (
  insert into business_grid_member (business_grid_id, base_grid_id, valid_from)
  select w.business_id, w.base_id, now() from wanted w
  where not exists (select 1 from business_grid_member bm where bm.valid_to is null and bm.business_grid_id = w.business_id and bm.base_grid_id = w.base_id)
  returning 1
)
select (select count(*) from closed)::int as closed, (select count(*) from opened)::int as opened`;

const GRID_LINKS_SQL = `
with unlinked as (
  update entity_link l set unlinked_at = now(), unlink_reason = 'grid version closed', updated_at = now()
  from grid g where l.entity_type = 'grid' and l.entity_id = g.id and g.valid_to is not null and l.unlinked_at is null
  returning 1
),
linked as (
  insert into entity_link (source_record_id, entity_type, entity_id, score, rule, weights, decided_by, decided_at)
  select s.id, 'grid', g.id, null, 'register:code', '{}'::jsonb, 'rule', now()
  from source_record s join grid g on g.code = s.canonical->>'code' and g.valid_to is null
  where s.entity_type = 'grid' and s.status = 'valid'
    and not exists (select 1 from entity_link l where l.source_record_id = s.id and l.unlinked_at is null and l.entity_id = g.id)
  returning 1
)
select (select count(*) from unlinked)::int as unlinked, (select count(*) from linked)::int as linked`;

/**
 * Standard addresses onto the current grids: the base grid named by the latest valid address
 * record (`gridCode`; else the current version of the grid it had), the police beat named by it
 * (`policeBeatCode`; else the beat whose members hold the base grid).
 */
const ADDRESS_RELINK_SQL = `
with latest as (
  select distinct on (s.canonical->>'addressCode') s.canonical->>'addressCode' as code, s.canonical->>'gridCode' as grid_code, s.canonical->>'policeBeatCode' as beat_code
  from source_record s
  where s.entity_type = 'address' and s.status = 'valid' and s.canonical->>'addressCode' is not null
  order by s.canonical->>'addressCode', s.source_updated_at desc nulls last, s.id desc
),
target as (
  select a.id,
         coalesce(g.id, (select g2.id from grid old join grid g2 on g2.code = old.code and g2.valid_to is null where old.id = a.grid_id)) as grid_id,
         l.beat_code
  from standard_address a
  join latest l on l.code = a.code
  left join grid g on g.code = l.grid_code and g.valid_to is null
  where a.retired_at is null
),
beat as (
  select t.id, t.grid_id,
         coalesce(b.id, (select bm.business_grid_id from business_grid_member bm join grid bg on bg.id = bm.business_grid_id and bg.valid_to is null
                         where bm.base_grid_id = t.grid_id and bm.valid_to is null and bg.department = 'police' order by bm.business_grid_id limit 1)) as beat_id
  from target t left join grid b on b.code = t.beat_code and b.valid_to is null
),
u as (
  update standard_address a set grid_id = coalesce(x.grid_id, a.grid_id), police_beat_id = coalesce(x.beat_id, a.police_beat_id), version = a.version + 1, updated_at = now()
  from beat x
  where a.id = x.id and (a.grid_id, a.police_beat_id) is distinct from (coalesce(x.grid_id, a.grid_id), coalesce(x.beat_id, a.police_beat_id))
  returning (a.grid_id is not distinct from x.grid_id) as grid_set, (a.police_beat_id is not distinct from x.beat_id) as beat_set
)
select count(*)::int as n, count(*) filter (where grid_set)::int as grids, count(*) filter (where beat_set)::int as beats from u`;

export class GridImportRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** The latest record per grid code (by source update time), whatever its status. */
  async latestGridRecords(): Promise<GridRecordRow[]> {
    const rows = await this.conn.execute<Array<{ id: string; source: string; status: GridRecordRow['status']; code: string; canonical: Record<string, unknown> | null; at: Date }>>(
      `select distinct on (coalesce(s.canonical->>'code', s.record_key)) s.id, s.source, s.status, coalesce(s.canonical->>'code', s.record_key) as code, s.canonical,
              coalesce(s.source_updated_at, s.fetched_at) as at
       from source_record s where s.entity_type = 'grid'
       order by coalesce(s.canonical->>'code', s.record_key), s.source_updated_at desc nulls last, s.id desc`,
    );
    return rows.map((r) => ({ sourceRecordId: Number(r.id), source: r.source, status: r.status, code: r.code, canonical: r.canonical ?? {}, at: r.at }));
  }

  async currentGrids(): Promise<CurrentGridRow[]> {
    const rows = await this.conn.execute<Array<{ id: string; code: string; name: string; kind: string; level_key: string; parent_code: string | null; department: string | null; boundary: unknown }>>(
      `select g.id, g.code, g.name, g.kind, l.key as level_key, p.code as parent_code, g.department, g.boundary
       from grid g join grid_level l on l.id = g.level_id left join grid p on p.id = g.parent_id
       where g.valid_to is null order by g.code`,
    );
    return rows.map((r) => ({ id: Number(r.id), code: r.code, name: r.name, kind: r.kind, levelKey: r.level_key, parentCode: r.parent_code, department: r.department, boundary: r.boundary }));
  }

  /** Applies a plan in one transaction (see GridPlan). */
  async apply(plan: GridPlan): Promise<GridApplyCounts> {
    return this.em.getKnex().transaction(async (trx: Trx) => {
      const one = async (sql: string, bindings: unknown[] = []): Promise<Record<string, number>> => ((await trx.raw<{ rows: Array<Record<string, number>> }>(sql, bindings)).rows[0] ?? {});
      const levels = await one(
        `with i as (insert into grid_level (key, name, rank) select x.key, x.name, x.rank from jsonb_to_recordset(?::jsonb) as x(key text, name text, rank smallint)
                    on conflict (key) do nothing returning 1) select count(*)::int as n from i`,
        [JSON.stringify(plan.levels)],
      );
      const closing = [...plan.retire, ...plan.inserts.flatMap((g) => (g.predecessorId === undefined ? [] : [g.predecessorId]))];
      let reorganisationId: number | null = null;
      if (closing.length > 0) {
        await trx.raw('update grid set valid_to = now(), updated_at = now() where id = any(?::bigint[]) and valid_to is null', [closing]);
        const r = await one(`insert into grid_reorganisation (name, effective_at, note) values (?, now(), ?) returning id`, [
          plan.reorganisationName, `${plan.inserts.filter((g) => g.predecessorId !== undefined).length} grids re-versioned, ${plan.retire.length} withdrawn`,
        ]);
        reorganisationId = Number(r.id);
      }
      let inserted = 0;
      if (plan.inserts.length > 0) {
        const ins = await trx.raw<{ rows: Array<{ id: string; code: string }> }>(
          `insert into grid (code, name, kind, level_id, parent_id, path, department, boundary, min_lng, min_lat, max_lng, max_lat, valid_from)
           select x.code, x.name, x.kind, l.id, null, '/', x.department, x.boundary, x.min_lng, x.min_lat, x.max_lng, x.max_lat, now()
           from jsonb_to_recordset(?::jsonb) as x(code text, name text, kind text, level text, department text, boundary jsonb, min_lng float8, min_lat float8, max_lng float8, max_lat float8)
           join grid_level l on l.key = x.level
           returning id, code`,
          [JSON.stringify(plan.inserts.map((g) => ({ code: g.code, name: g.name, kind: g.kind, level: g.levelKey, department: g.department, boundary: g.boundary, min_lng: g.minLng, min_lat: g.minLat, max_lng: g.maxLng, max_lat: g.maxLat })))],
        );
        inserted = ins.rows.length;
        const idOf = new Map(ins.rows.map((r) => [r.code, Number(r.id)]));
        const lineage = plan.inserts.filter((g) => g.predecessorId !== undefined && idOf.has(g.code))
          .map((g) => ({ p: g.predecessorId, s: idOf.get(g.code), k: g.changeKind ?? 'boundary' }));
        if (lineage.length > 0) {
          await trx.raw(
            `insert into grid_lineage (reorganisation_id, predecessor_id, successor_id, kind) select ?, x.p, x.s, x.k from jsonb_to_recordset(?::jsonb) as x(p bigint, s bigint, k text)`,
            [reorganisationId, JSON.stringify(lineage)],
          );
        }
      }
      if (plan.updates.length > 0) {
        await trx.raw(
          `update grid g set department = x.department, updated_at = now() from jsonb_to_recordset(?::jsonb) as x(id bigint, department text)
           where g.id = x.id and g.department is distinct from x.department`,
          [JSON.stringify(plan.updates)],
        );
      }
      const parents = await one(
        `with u as (
           update grid c set parent_id = m.parent_id, updated_at = now()
           from (select x.code, p.id as parent_id from jsonb_to_recordset(?::jsonb) as x(code text, parent text)
                 left join grid p on p.code = x.parent and p.valid_to is null) m
           where c.code = m.code and c.valid_to is null and c.parent_id is distinct from m.parent_id
           returning 1)
         select count(*)::int as n from u`,
        [JSON.stringify(plan.parents)],
      );
      const paths = await one(PATHS_SQL);
      const members = await one(MEMBERS_SQL, [JSON.stringify(plan.members), JSON.stringify(plan.members)]);
      const links = await one(GRID_LINKS_SQL);
      return {
        linked: links.linked ?? 0,
        levelsCreated: levels.n ?? 0,
        inserted,
        versioned: plan.inserts.filter((g) => g.predecessorId !== undefined).length,
        retired: plan.retire.length,
        updated: plan.updates.length,
        parentsLinked: parents.n ?? 0,
        pathsSet: paths.n ?? 0,
        membersOpened: members.opened ?? 0,
        membersClosed: members.closed ?? 0,
        reorganisationId,
      };
    });
  }

  /** Re-links standard addresses to the current base grids and police beats (see ADDRESS_RELINK_SQL). */
  async relinkAddresses(): Promise<AddressRelinkCounts> {
    const rows = await this.conn.execute<Array<{ n: number; grids: number; beats: number }>>(ADDRESS_RELINK_SQL);
    return { grids: rows[0]?.grids ?? 0, beats: rows[0]?.beats ?? 0 };
  }

  /** Current grids of a kind with their boundaries (for the spatial index). */
  async boundaries(kind: GridKind): Promise<Array<{ code: string; kind: GridKind; boundary: unknown }>> {
    const rows = await this.conn.execute<Array<{ code: string; kind: GridKind; boundary: unknown }>>(
      `select code, kind, boundary from grid where valid_to is null and kind = ? and boundary is not null order by code`,
      [kind],
    );
    return rows;
  }
}
