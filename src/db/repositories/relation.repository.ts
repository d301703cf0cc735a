/**
 * SQL of the relations between golden records (the `people-links` stage), set-based and
 * differential like the address links: a person's tags (from the golden tags, with detail and
 * validity from the source record survivorship names for each tag), employments (the person's 服务处所
 * USCC → the organisation), organisations' legal representatives (by citizen ID), and house
 * occupants (owner; residents by the current residence address: tenants of a rental, family of the
 * owner's household, other). A relation that no longer holds is closed (`current = false`,
 * `valid_to`), never deleted; nothing changed → nothing written. Also the batch reads of these
 * relations (one statement per batch, for DataLoaders) and household members by 户号.
 */
import { FIRST_PERSON_BY_CITIZEN_ID } from './address.repository';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { OccupantRelation, Sensitivity, TagGroup } from '../../domain/vocabulary';
import { pgArrayLiteral } from './array-params';

export interface PeopleLinkCounts {
  tagsOpened: number;
  tagsClosed: number;
  /** Golden tag codes without a tag definition (not linked). */
  unknownTagCodes: string[];
  employmentsOpened: number;
  employmentsClosed: number;
  /** Organisations whose legal representative changed. */
  legalRepresentatives: number;
  occupantsOpened: number;
  occupantsClosed: number;
}

/** `wanted` rows of a differential link: close current rows not wanted, open wanted rows not current. */
function differential(table: string, wanted: string, same: string, insertColumns: string, insertValues: string, close = `current = false, valid_to = current_date, updated_at = now()`): string {
  return `
with wanted as (${wanted}),
closed as (
  update ${table} t set ${close}
  where t.current and not exists (select 1 from wanted w where ${same})
  returning 1
),
opened as (
  insert into ${table} (${insertColumns}, current)
  select ${insertValues}, true from wanted w
  where not exists (select 1 from ${table} t where t.current and ${same})
  returning 1
)
select (select count(*) from closed)::int as closed, (select count(*) from opened)::int as opened`;
}

const DATE = `'^[0-9]{4}-[0-9]{2}-[0-9]{2}$'`;


/** The golden tags of each person with the source record that brought each (latest when several). */
const PERSON_TAG_SQL = differential(
  'person_tag',
  `select x.person_id, x.tag_id, coalesce(s.source, x.owner) as source, s.id as source_record_id,
     coalesce((select jsonb_object_agg(f, s.canonical->f) from jsonb_array_elements_text(x.detail_fields) f
               where coalesce(jsonb_typeof(s.canonical->f), 'null') <> 'null'), '{}'::jsonb) as detail,
     case when s.canonical->>'validFrom' ~ ${DATE} then (s.canonical->>'validFrom')::date end as valid_from,
     case when s.canonical->>'validTo' ~ ${DATE} then (s.canonical->>'validTo')::date end as valid_to
   from (
     select distinct on (p.id, td.id) p.id as person_id, td.id as tag_id, td.owner, td.detail_fields,
       (select (e->>'sourceRecordId')::bigint
        from jsonb_array_elements(case when jsonb_typeof(p.provenance->'tags') = 'array' then p.provenance->'tags' else '[]'::jsonb end) e
        where e->>'value' = t.code order by (e->>'sourceRecordId')::bigint desc limit 1) as source_record_id
     from person p
     cross join lateral jsonb_array_elements_text(case when jsonb_typeof(p.attributes->'tags') = 'array' then p.attributes->'tags' else '[]'::jsonb end) t(code)
     join tag_definition td on td.code = t.code
     where p.merged_into_id is null
     order by p.id, td.id
   ) x
   left join source_record s on s.id = x.source_record_id`,
  `w.person_id = t.person_id and w.tag_id = t.tag_id and w.source = t.source and w.detail = t.detail
   and w.source_record_id is not distinct from t.source_record_id and w.valid_to is not distinct from t.valid_to
   and (w.valid_from is null or w.valid_from = t.valid_from)`,
  'person_id, tag_id, source, detail, valid_from, valid_to, source_record_id',
  'w.person_id, w.tag_id, w.source, w.detail, coalesce(w.valid_from, current_date), w.valid_to, w.source_record_id',
  // valid_to is the last day the tag held (readers test `valid_to >= asOf`): yesterday, or the source's own end if earlier.
  `current = false, valid_to = least(coalesce(t.valid_to, current_date - 1), current_date - 1), updated_at = now()`,
);

const UNKNOWN_TAGS_SQL = `
select coalesce(array_agg(distinct t.code order by t.code), '{}') as codes
from person p
cross join lateral jsonb_array_elements_text(case when jsonb_typeof(p.attributes->'tags') = 'array' then p.attributes->'tags' else '[]'::jsonb end) t(code)
where p.merged_into_id is null and not exists (select 1 from tag_definition td where td.code = t.code)`;

/** An active person's employer: the organisation (not closed) with the USCC of the person's 服务处所. */
const EMPLOYMENT_SQL = differential(
  'employment',
  `select distinct on (p.id) p.id as person_id, o.id as organisation_id
   from person p join organisation o on o.uscc = (p.attributes->>'employerUscc')::bpchar and o.merged_into_id is null and o.status <> 'closed'
   where p.merged_into_id is null and p.status = 'active' and p.attributes->>'employerUscc' is not null
   order by p.id, (o.status = 'active') desc, o.id`,
  'w.person_id = t.person_id and w.organisation_id = t.organisation_id',
  'person_id, organisation_id, valid_from',
  'w.person_id, w.organisation_id, current_date',
);

const LEGAL_REPRESENTATIVE_SQL = `
with u as (
  update organisation o set legal_representative_id = x.person_id, version = o.version + 1, updated_at = now()
  from (select o2.id, r.id as person_id
        from organisation o2 left join ${FIRST_PERSON_BY_CITIZEN_ID} r on r.citizen_id = (o2.attributes->>'legalRepresentativeCitizenId')::bpchar
        where o2.merged_into_id is null) x
  where o.id = x.id and o.legal_representative_id is distinct from x.person_id
  returning 1)
select count(*)::int as n from u`;

/**
 * The owner of each house, and the active persons whose current residence is the house's address:
 * a tenant when the house is a rental, family when the owner is unknown or shares the household
 * number, other otherwise. One row per (house, person): owner wins.
 */
const HOUSE_OCCUPANT_SQL = differential(
  'house_occupant',
  `select distinct on (x.house_id, x.person_id) x.house_id, x.person_id, x.relation
   from (
     select h.id as house_id, h.owner_person_id as person_id, 'owner' as relation, 0 as rank
     from house h join person o on o.id = h.owner_person_id and o.merged_into_id is null
     where h.merged_into_id is null
     union all
     select h.id, p.id,
            case when h.is_rental then 'tenant'
                 when o.id is null or o.attributes->>'householdNo' = p.attributes->>'householdNo' then 'family'
                 else 'other' end, 1
     from house h
     join person_address pa on pa.address_id = h.address_id and pa.current and pa.role = 'residence'
     join person p on p.id = pa.person_id and p.merged_into_id is null and p.status = 'active'
     left join person o on o.id = h.owner_person_id
     where h.merged_into_id is null
   ) x
   order by x.house_id, x.person_id, x.rank`,
  'w.house_id = t.house_id and w.person_id = t.person_id and w.relation = t.relation',
  'house_id, person_id, relation, valid_from',
  'w.house_id, w.person_id, w.relation, current_date',
);

export interface PersonTagRow {
  personId: number;
  code: string;
  name: string;
  group: TagGroup;
  sensitivity: Sensitivity;
  source: string;
  detail: Record<string, unknown>;
  validFrom: string | null;
  validTo: string | null;
  sourceRecordId: number | null;
}

export interface EmploymentRow {
  personId: number;
  organisationId: number;
  position: string | null;
  validFrom: string | null;
}

export interface OccupantRow {
  houseId: number;
  personId: number;
  relation: OccupantRelation;
  validFrom: string | null;
}

export class RelationRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** The whole `people-links` stage in one transaction. */
  async linkPeople(): Promise<PeopleLinkCounts> {
    return this.em.getKnex().transaction(async (trx) => {
      const one = async <T = Record<string, number>>(sql: string): Promise<T> => ((await trx.raw<{ rows: T[] }>(sql)).rows[0] ?? ({} as T));
      const tags = await one(PERSON_TAG_SQL);
      const unknown = await one<{ codes: string[] }>(UNKNOWN_TAGS_SQL);
      const emp = await one(EMPLOYMENT_SQL);
      const reps = await one(LEGAL_REPRESENTATIVE_SQL);
      const occ = await one(HOUSE_OCCUPANT_SQL);
      return {
        tagsOpened: tags.opened ?? 0, tagsClosed: tags.closed ?? 0, unknownTagCodes: unknown.codes ?? [],
        employmentsOpened: emp.opened ?? 0, employmentsClosed: emp.closed ?? 0, legalRepresentatives: reps.n ?? 0,
        occupantsOpened: occ.opened ?? 0, occupantsClosed: occ.closed ?? 0,
      };
    });
  }

  /** Current tags of these persons (one statement), most sensitive group first. */
  async tagsOfPersons(personIds: readonly number[]): Promise<PersonTagRow[]> {
    if (personIds.length === 0) return [];
    const rows = await this.conn.execute<Array<{ person_id: string; code: string; name: string; group: TagGroup; sensitivity: Sensitivity; source: string; detail: Record<string, unknown>; valid_from: string | null; valid_to: string | null; source_record_id: string | null }>>(
      `select pt.person_id, td.code, td.name, td.group, td.sensitivity, pt.source, pt.detail, pt.valid_from::text as valid_from, pt.valid_to::text as valid_to, pt.source_record_id
       from person_tag pt join tag_definition td on td.id = pt.tag_id
       where pt.current and pt.person_id = any(?::bigint[]) order by pt.person_id, td.group, td.code`,
      [pgArrayLiteral(personIds)],
    );
    return rows.map((r) => ({
      personId: Number(r.person_id), code: r.code, name: r.name, group: r.group, sensitivity: r.sensitivity, source: r.source, detail: r.detail,
      validFrom: r.valid_from, validTo: r.valid_to, sourceRecordId: r.source_record_id === null ? null : Number(r.source_record_id),
    }));
  }

  /** Current employments of these persons, or of these organisations (their employees). */
  async employments(by: 'person' | 'organisation', ids: readonly number[]): Promise<EmploymentRow[]> {
    if (ids.length === 0) return [];
    const column = by === 'person' ? 'person_id' : 'organisation_id';
    const rows = await this.conn.execute<Array<{ person_id: string; organisation_id: string; position: string | null; valid_from: string | null }>>(
      `select person_id, organisation_id, position, valid_from::text as valid_from from employment
       where current and ${column} = any(?::bigint[]) order by ${column}, id`,
      [pgArrayLiteral(ids)],
    );
    return rows.map((r) => ({ personId: Number(r.person_id), organisationId: Number(r.organisation_id), position: r.position, validFrom: r.valid_from }));
  }

  /** Current occupants of these houses, or the houses these persons occupy. */
  async occupants(by: 'house' | 'person', ids: readonly number[]): Promise<OccupantRow[]> {
    if (ids.length === 0) return [];
    const column = by === 'house' ? 'house_id' : 'person_id';
    const rows = await this.conn.execute<Array<{ house_id: string; person_id: string; relation: OccupantRelation; valid_from: string | null }>>(
      `select house_id, person_id, relation, valid_from::text as valid_from from house_occupant
       where current and ${column} = any(?::bigint[]) order by ${column}, case relation when 'owner' then 0 else 1 end, id`,
      [pgArrayLiteral(ids)],
    );
    return rows.map((r) => ({ houseId: Number(r.house_id), personId: Number(r.person_id), relation: r.relation, validFrom: r.valid_from }));
  }

  /** 同户成员: for each person, the persons (self included) sharing its household number. */
  async householdMembers(personIds: readonly number[]): Promise<Array<{ personId: number; memberId: number; relationToHead: string | null }>> {
    if (personIds.length === 0) return [];
    const rows = await this.conn.execute<Array<{ person_id: string; member_id: string; relation_to_head: string | null }>>(
      `select p.id as person_id, m.id as member_id, m.attributes->>'relationToHead' as relation_to_head
       from person p join person m on m.attributes->>'householdNo' = p.attributes->>'householdNo' and m.merged_into_id is null
       where p.id = any(?::bigint[]) order by p.id, m.id`,
      [pgArrayLiteral(personIds)],
    );
    return rows.map((r) => ({ personId: Number(r.person_id), memberId: Number(r.member_id), relationToHead: r.relation_to_head }));
  }
}
