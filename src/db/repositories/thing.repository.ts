/**
 * SQL of things (物: city parts, hazardous sources, safety equipment): the latest valid record per
 * part code, the upsert of `thing` rows by code (grid by the caller's point-in-polygon, owner
 * organisation by USCC, provenance per attribute) and the crosswalk rows (`entity_link`) from each
 * record to its thing. Differential: unchanged things are not written.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ThingRecordRow {
  sourceRecordId: number;
  source: string;
  canonical: Record<string, unknown>;
  at: Date;
}

export interface ThingUpsertRow {
  sourceRecordId: number;
  source: string;
  at: string;
  code: string;
  kind: string;
  majorClass: string | null;
  minorClass: string | null;
  name: string;
  status: string;
  lng: number | null;
  lat: number | null;
  /** Base grid code holding the point (null: outside every base grid). */
  gridCode: string | null;
  ownerUscc: string | null;
}

export interface ThingUpsertCounts {
  inserted: number;
  updated: number;
  linked: number;
}

const UPSERT_SQL = `
with x as (
  select x.*, g.id as grid_id,
         (select o.id from organisation o where o.uscc = x.owner_uscc::bpchar and o.merged_into_id is null order by o.id limit 1) as owner_id
  from jsonb_to_recordset(?::jsonb) as x(sr bigint, source text, at text, code text, kind text, major text, minor text, name text, status text,
                                           lng float8, lat float8, grid_code text, owner_uscc text)
  left join grid g on g.code = x.grid_code and g.valid_to is null
),
upserted as (
  insert into thing (code, kind, major_class, minor_class, name, status, lng, lat, grid_id, owner_organisation_id, provenance)
  select x.code, x.kind, x.major, x.minor, x.name, x.status, x.lng, x.lat, x.grid_id, x.owner_id,
         jsonb_build_object('records', jsonb_build_object(x.sr::text, jsonb_build_object('source', x.source, 'at', x.at)),
           'name', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'register'),
           'kind', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'register'),
           'status', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'register'),
           'location', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'register'),
           'grid', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'point-in-polygon'),
           'ownerOrganisation', jsonb_build_object('sourceRecordId', x.sr, 'rule', 'uscc'))
  from x
  on conflict (code) where code is not null do update set
    kind = excluded.kind, major_class = excluded.major_class, minor_class = excluded.minor_class, name = excluded.name, status = excluded.status,
    lng = excluded.lng, lat = excluded.lat, grid_id = excluded.grid_id, owner_organisation_id = excluded.owner_organisation_id,
    provenance = excluded.provenance, version = thing.version + 1, updated_at = now()
  where (thing.kind, thing.major_class, thing.minor_class, thing.name, thing.status, thing.lng, thing.lat, thing.grid_id, thing.owner_organisation_id, thing.provenance)
    is distinct from (excluded.kind, excluded.major_class, excluded.minor_class, excluded.name, excluded.status, excluded.lng, excluded.lat, excluded.grid_id,
                      excluded.owner_organisation_id, excluded.provenance)
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from upserted`;

const LINK_SQL = `
with i as (
  insert into entity_link (source_record_id, entity_type, entity_id, score, rule, weights, decided_by, decided_at)
  select s.id, 'thing', t.id, null, 'register:code', '{}'::jsonb, 'rule', now()
  from source_record s join thing t on t.code = s.canonical->>'code'
  where s.entity_type = 'thing' and s.status = 'valid' and s.canonical->>'code' is not null
    and not exists (select 1 from entity_link l where l.source_record_id = s.id and l.unlinked_at is null)
  returning 1)
select count(*)::int as n from i`;

export class ThingRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** The latest valid record per part code. */
  async latestThingRecords(): Promise<ThingRecordRow[]> {
    const rows = await this.conn.execute<Array<{ id: string; source: string; canonical: Record<string, unknown>; at: Date }>>(
      `select distinct on (s.canonical->>'code') s.id, s.source, s.canonical, coalesce(s.source_updated_at, s.fetched_at) as at
       from source_record s where s.entity_type = 'thing' and s.status = 'valid' and s.canonical->>'code' is not null
       order by s.canonical->>'code', s.source_updated_at desc nulls last, s.id desc`,
    );
    return rows.map((r) => ({ sourceRecordId: Number(r.id), source: r.source, canonical: r.canonical, at: r.at }));
  }

  /** Upserts things by code and links every valid thing record; one transaction. */
  async upsert(rows: ThingUpsertRow[]): Promise<ThingUpsertCounts> {
    return this.em.getKnex().transaction(async (trx) => {
      let inserted = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += 10_000) {
        const part = rows.slice(i, i + 10_000).map((r) => ({
          sr: r.sourceRecordId, source: r.source, at: r.at, code: r.code, kind: r.kind, major: r.majorClass, minor: r.minorClass, name: r.name,
          status: r.status, lng: r.lng, lat: r.lat, grid_code: r.gridCode, owner_uscc: r.ownerUscc,
        }));
        const res = await trx.raw<{ rows: Array<{ inserted: number; updated: number }> }>(UPSERT_SQL, [JSON.stringify(part)]);
        inserted += res.rows[0]?.inserted ?? 0;
        updated += res.rows[0]?.updated ?? 0;
      }
      const linked = await trx.raw<{ rows: Array<{ n: number }> }>(LINK_SQL);
      return { inserted, updated, linked: linked.rows[0]?.n ?? 0 };
    });
  }
}
