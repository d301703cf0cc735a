/**
 * SQL of the standard address register and of address matching: the register (standard_address)
 * is kept from the police address records by code, set-based (insert new, update changed, link
 * parents, retire what the register no longer serves); matches of free-text addresses are upserted
 * per (source record, field); the steward queue groups unmatched texts.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface RegisterCounts {
  inserted: number;
  updated: number;
  parentsLinked: number;
  retired: number;
  linked: number;
}

export interface AddressToMatch {
  id: number;
  revision: number;
  text: string;
  components: Record<string, string> | null;
}

export interface AddressMatchRow {
  sourceRecordId: number;
  field: string;
  revision: number;
  text: string;
  kind: 'exact' | 'partial' | 'candidate';
  standardAddressId: number | null;
  inputLevel: number | null;
  matchedLevel: number | null;
  score: number | null;
  reason: string | null;
}

const REGISTER_SQL = `
with latest as (
  select distinct on (s.canonical->>'addressCode') s.id, s.source, s.canonical, coalesce(s.source_updated_at, s.fetched_at) as at
  from source_record s
  where s.entity_type = 'address' and s.status = 'valid' and s.canonical->>'addressCode' is not null
  order by s.canonical->>'addressCode', s.source_updated_at desc nulls last, s.id desc
),
upserted as (
  insert into standard_address (code, level, element_name, components, full_text, lng, lat, grid_id, provenance, retired_at)
  select l.canonical->>'addressCode', l.canonical->>'level', coalesce(nullif(l.canonical->>'elementName', ''), l.canonical->>'address'),
         coalesce(l.canonical->'addressComponents', '{}'::jsonb), l.canonical->>'address',
         (l.canonical->>'lng')::float8, (l.canonical->>'lat')::float8,
         (select g.id from grid g where g.code = l.canonical->>'gridCode' and g.valid_to is null),
         jsonb_build_object('fullText', jsonb_build_object('sourceRecordId', l.id, 'source', l.source, 'rule', 'register', 'at', l.at)),
         null
  from latest l
  on conflict (code) where code is not null do update set
    level = excluded.level, element_name = excluded.element_name, components = excluded.components, full_text = excluded.full_text,
    lng = excluded.lng, lat = excluded.lat, grid_id = excluded.grid_id, provenance = excluded.provenance, retired_at = null,
    version = standard_address.version + 1, updated_at = now()
  where (standard_address.level, standard_address.element_name, standard_address.components, standard_address.full_text,
         standard_address.lng, standard_address.lat, standard_address.grid_id, standard_address.retired_at)
    is distinct from (excluded.level, excluded.element_name, excluded.components, excluded.full_text, excluded.lng, excluded.lat, excluded.grid_id, null)
  returning (xmax = 0) as inserted
)
select count(*) filter (where inserted)::int as inserted, count(*) filter (where not inserted)::int as updated from upserted`;

const PARENTS_SQL = `
with u as (
  update standard_address c set parent_id = p.id, version = c.version + 1, updated_at = now()
  from source_record s join standard_address p on p.code = s.canonical->>'parentCode'
  where s.entity_type = 'address' and s.status = 'valid' and c.code = s.canonical->>'addressCode' and c.parent_id is distinct from p.id
  returning 1)
select count(*)::int as n from u`;

const RETIRE_SQL = `
with u as (
  update standard_address a set retired_at = now(), version = a.version + 1, updated_at = now()
  where a.code is not null and a.retired_at is null and not exists (
    select 1 from source_record s where s.entity_type = 'address' and s.status = 'valid' and s.canonical->>'addressCode' = a.code)
  returning 1)
select count(*)::int as n from u`;

const LINK_SQL = `
with i as (
  insert into entity_link (source_record_id, entity_type, entity_id, score, rule, weights, decided_by, decided_at)
  select s.id, 'address', a.id, null, 'register:code', '{}'::jsonb, 'rule', now()
  from source_record s join standard_address a on a.code = s.canonical->>'addressCode'
  where s.entity_type = 'address' and s.status = 'valid'
    and not exists (select 1 from entity_link l where l.source_record_id = s.id and l.unlinked_at is null)
  returning 1)
select count(*)::int as n from i`;

const PERSON_ADDRESS_SQL = `
with wanted as (
  select p.id as person_id, r.key as role, am.standard_address_id as address_id, (r.value->>'sourceRecordId')::bigint as source_record_id
  from person p
  cross join lateral jsonb_each(case when jsonb_typeof(p.provenance->'addresses') = 'object' then p.provenance->'addresses' else '{}'::jsonb end) r
  join address_match am on am.source_record_id = (r.value->>'sourceRecordId')::bigint
   and am.field = case r.key when 'hukou' then 'hukouAddress' else 'residenceAddress' end and am.kind = 'exact'
  where p.merged_into_id is null and r.key in ('hukou', 'residence', 'work')
),
closed as (
  update person_address pa set current = false, valid_to = current_date, updated_at = now()
  where pa.current and not exists (select 1 from wanted w where w.person_id = pa.person_id and w.role = pa.role and w.address_id = pa.address_id)
  returning 1
),
opened as (
  insert into person_address (person_id, address_id, role, source_record_id, valid_from, current)
  select w.person_id, w.address_id, w.role, w.source_record_id, current_date, true from wanted w
  where not exists (select 1 from person_address pa where pa.current and pa.person_id = w.person_id and pa.role = w.role and pa.address_id = w.address_id)
  returning 1
)
select (select count(*) from closed)::int as closed, (select count(*) from opened)::int as opened`;

const PERSON_GRID_SQL = `
with g as (
  update person p set grid_id = x.grid_id, version = p.version + 1, updated_at = now()
  from (select p2.id, coalesce(
          (select a.grid_id from person_address pa join standard_address a on a.id = pa.address_id
            where pa.person_id = p2.id and pa.current and pa.role = 'residence' order by pa.id desc limit 1),
          -- a residence matched only partly (the room is not registered): the grid of the deepest known element
          (select a.grid_id from entity_link l
             join address_match am on am.source_record_id = l.source_record_id and am.field = 'residenceAddress' and am.kind = 'partial'
             join standard_address a on a.id = am.standard_address_id
            where l.entity_type = 'person' and l.entity_id = p2.id and l.unlinked_at is null and a.grid_id is not null
            order by am.matched_level desc nulls last, l.source_record_id desc limit 1)) as grid_id
        from person p2 where p2.merged_into_id is null) x
  where p.id = x.id and p.grid_id is distinct from x.grid_id
  returning 1)
select count(*)::int as n from g`;

const ORGANISATION_ADDRESS_SQL = `
with o as (
  update organisation g set address_id = x.address_id, grid_id = x.grid_id, version = g.version + 1, updated_at = now()
  from (select o2.id, am.standard_address_id as address_id, a.grid_id
        from organisation o2
        left join address_match am on am.source_record_id = (o2.provenance->'address'->>'sourceRecordId')::bigint and am.field = 'address' and am.kind = 'exact'
        left join standard_address a on a.id = am.standard_address_id
        where o2.merged_into_id is null) x
  where g.id = x.id and (g.address_id, g.grid_id) is distinct from (x.address_id, x.grid_id)
  returning 1)
select count(*)::int as n from o`;

// The owner: the first live person (lowest id) with the house's owner citizen ID, joined from one
// list of persons by citizen ID. A correlated `order by p.id limit 1` per house walked the persons
// in id order whenever the owner was unknown (hours at size M); compared as text, the char(18)
// column's index could not serve either.
export const FIRST_PERSON_BY_CITIZEN_ID = `(select distinct on (p.citizen_id) p.citizen_id, p.id from person p
  where p.merged_into_id is null and p.citizen_id is not null order by p.citizen_id, p.id)`;
const HOUSE_SQL = `
with h as (
  update house g set address_id = x.address_id, grid_id = x.grid_id, owner_person_id = x.owner, version = g.version + 1, updated_at = now()
  from (select h2.id, a.id as address_id, a.grid_id, o.id as owner
        from house h2 left join standard_address a on a.code = h2.attributes->>'addressCode' and a.retired_at is null
        left join ${FIRST_PERSON_BY_CITIZEN_ID} o on o.citizen_id = (h2.attributes->>'ownerCitizenId')::bpchar
        where h2.merged_into_id is null) x
  where g.id = x.id and (g.address_id, g.grid_id, g.owner_person_id) is distinct from (x.address_id, x.grid_id, x.owner)
  returning 1)
select count(*)::int as n from h`;

export interface RelationCounts {
  personAddressesOpened: number;
  personAddressesClosed: number;
  personGrids: number;
  organisationAddresses: number;
  /** Houses whose address, grid or owner changed. */
  houses: number;
}

export class AddressRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /**
   * Golden records onto the register: a person's current addresses by role (from the source
   * record survivorship chose for each role, where that record's address matched exactly; an
   * address that changed closes the old row: history kept), the person's grid from the residence,
   * an organisation's address and grid, a house's address, grid and owner. Differential: nothing changed → nothing written.
   */
  async linkGoldens(): Promise<RelationCounts> {
    return this.em.getKnex().transaction(async (trx) => {
      const one = async (sql: string): Promise<Record<string, number>> => ((await trx.raw<{ rows: Array<Record<string, number>> }>(sql)).rows[0] ?? {});
      const pa = await one(PERSON_ADDRESS_SQL);
      const pg = await one(PERSON_GRID_SQL);
      const oa = await one(ORGANISATION_ADDRESS_SQL);
      const h = await one(HOUSE_SQL);
      return { personAddressesOpened: pa.opened ?? 0, personAddressesClosed: pa.closed ?? 0, personGrids: pg.n ?? 0, organisationAddresses: oa.n ?? 0, houses: h.n ?? 0 };
    });
  }

  /** Brings the register up to date with the valid police address records, in one transaction. */
  async syncRegister(): Promise<RegisterCounts> {
    return this.em.getKnex().transaction(async (trx) => {
      const one = async (sql: string): Promise<Record<string, number>> => ((await trx.raw<{ rows: Array<Record<string, number>> }>(sql)).rows[0] ?? {});
      const up = await one(REGISTER_SQL);
      const parents = await one(PARENTS_SQL);
      const retired = await one(RETIRE_SQL);
      const linked = await one(LINK_SQL);
      return { inserted: up.inserted ?? 0, updated: up.updated ?? 0, parentsLinked: parents.n ?? 0, retired: retired.n ?? 0, linked: linked.n ?? 0 };
    });
  }

  /** The live register as matcher entries. */
  async registerEntries(): Promise<Array<{ id: string; level: number; parentId: string | null; text: string; components: Record<string, string> }>> {
    const rows = await this.conn.execute<Array<{ id: string; level: string; parent_id: string | null; full_text: string; components: Record<string, string> }>>(
      'select id, level, parent_id, full_text, components from standard_address where retired_at is null order by id',
    );
    return rows.map((r) => ({ id: String(r.id), level: Number(r.level), parentId: r.parent_id === null ? null : String(r.parent_id), text: r.full_text, components: r.components }));
  }

  /**
   * Records whose address field is not matched yet, or was matched at an older revision, or (when
   * `rematchOpen`) is still open (partial/candidate without a steward decision).
   */
  async toMatch(entityTypes: string[], field: string, rematchOpen: boolean): Promise<AddressToMatch[]> {
    const rows = await this.conn.execute<Array<{ id: string; revision: number; text: string; components: Record<string, string> | null }>>(
      `select s.id, s.revision, s.canonical->>? as text, s.canonical->(? || 'Components') as components
       from source_record s left join address_match m on m.source_record_id = s.id and m.field = ?
       where s.entity_type in (${entityTypes.map(() => '?').join(', ')}) and s.status = 'valid' and coalesce(s.canonical->>?, '') <> ''
         and (m.source_record_id is null or m.revision <> s.revision or (? and m.kind <> 'exact' and m.decision is null))
       order by s.id`,
      [field, field, field, ...entityTypes, field, rematchOpen],
    );
    return rows.map((r) => ({ id: Number(r.id), revision: r.revision, text: r.text, components: r.components }));
  }

  async writeMatches(rows: AddressMatchRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 20000) {
      const part = rows.slice(i, i + 20000);
      await this.conn.execute(
        `insert into address_match (source_record_id, field, revision, text, kind, standard_address_id, input_level, matched_level, score, reason, updated_at)
         select x.id, x.field, x.revision, x.text, x.kind, x.sa, x.il, x.ml, x.score, x.reason, now()
         from jsonb_to_recordset(?::jsonb) as x(id bigint, field text, revision int, text text, kind text, sa bigint, il smallint, ml smallint, score real, reason text)
         on conflict (source_record_id, field) do update set revision = excluded.revision, text = excluded.text,
           kind = case when address_match.decision is not null and address_match.text = excluded.text then address_match.kind else excluded.kind end,
           standard_address_id = case when address_match.decision is not null and address_match.text = excluded.text then address_match.standard_address_id else excluded.standard_address_id end,
           decision = case when address_match.text = excluded.text then address_match.decision else null end,
           input_level = excluded.input_level, matched_level = excluded.matched_level, score = excluded.score, reason = excluded.reason, updated_at = now()`,
        [JSON.stringify(part.map((r) => ({ id: r.sourceRecordId, field: r.field, revision: r.revision, text: r.text, kind: r.kind, sa: r.standardAddressId, il: r.inputLevel, ml: r.matchedLevel, score: r.score, reason: r.reason })))],
      );
    }
    // A text a steward already mapped onto an existing address maps the same way wherever it appears again.
    await this.conn.execute(
      `update address_match m set kind = 'exact', standard_address_id = d.standard_address_id, decision = d.decision, decided_by = d.decided_by, updated_at = now()
       from (select distinct on (text) text, standard_address_id, decision, decided_by from address_match where decision = 'mapped' order by text, updated_at desc) d
       where m.text = d.text and m.decision is null and m.kind <> 'exact'`,
    );
  }

  /** Open texts (partial or candidate, no decision), most frequent first. */
  async openTexts(limit: number): Promise<Array<{ text: string; records: number; kind: string; deepestKnownId: number | null; deepestKnownText: string | null; reason: string | null }>> {
    const rows = await this.conn.execute<Array<{ text: string; records: number; kind: string; sa: string | null; full_text: string | null; reason: string | null }>>(
      `select m.text, count(*)::int as records, min(m.kind) as kind, max(m.standard_address_id) as sa, max(a.full_text) as full_text, max(m.reason) as reason
       from address_match m left join standard_address a on a.id = m.standard_address_id
       where m.kind <> 'exact' and m.decision is null group by m.text order by records desc, m.text limit ?`,
      [limit],
    );
    return rows.map((r) => ({ text: r.text, records: r.records, kind: r.kind, deepestKnownId: r.sa === null ? null : Number(r.sa), deepestKnownText: r.full_text, reason: r.reason }));
  }

  async addressById(id: number): Promise<{ id: number; level: string; fullText: string; retiredAt: Date | null } | undefined> {
    const rows = await this.conn.execute<Array<{ id: string; level: string; full_text: string; retired_at: Date | null }>>('select id, level, full_text, retired_at from standard_address where id = ?', [id]);
    return rows[0] === undefined ? undefined : { id: Number(rows[0].id), level: rows[0].level, fullText: rows[0].full_text, retiredAt: rows[0].retired_at };
  }

  /** Applies a steward decision to every open row of a text (and audits it), optionally registering a new address first. */
  async decideText(
    text: string,
    decision: 'mapped' | 'registered',
    target: { id: number } | { parentId: number | null; level: string; elementName: string; components: Record<string, string> },
    user: string,
    reason: string,
  ): Promise<{ addressId: number; rows: number }> {
    return this.em.getKnex().transaction(async (trx) => {
      let addressId: number;
      if ('id' in target) addressId = target.id;
      else {
        const r = await trx.raw<{ rows: Array<{ id: string }> }>(
          `insert into standard_address (code, parent_id, level, element_name, components, full_text, provenance)
           values (null, ?, ?, ?, ?::jsonb, ?, jsonb_build_object('fullText', jsonb_build_object('rule', 'steward', 'user', ?::text, 'at', now()))) returning id`,
          [target.parentId, target.level, target.elementName, JSON.stringify(target.components), text, user],
        );
        addressId = Number(r.rows[0]!.id);
      }
      const u = await trx.raw<{ rowCount: number }>(
        `update address_match set kind = 'exact', standard_address_id = ?, decision = ?, decided_by = ?, updated_at = now() where text = ? and kind <> 'exact' and decision is null`,
        [addressId, decision, user, text],
      );
      await trx.raw(`insert into audit_log (actor, actor_role, action, entity_type, entity_id, operation, detail) values (?, 'steward', ?, 'address', ?, 'mutation', ?::jsonb)`, [
        user, `steward.address.${decision === 'mapped' ? 'map' : 'register'}`, addressId, JSON.stringify({ text, reason, rows: u.rowCount }),
      ]);
      return { addressId, rows: u.rowCount };
    });
  }
}
