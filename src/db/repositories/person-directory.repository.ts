/**
 * SQL behind the person (人) queries of the API: a keyset page of a grid's golden persons with
 * filters, lookups by id and citizen ID, and the relations batched by person id (addresses with
 * role, employer, tags, household members) — one statement per relation for a whole page.
 * Only live goldens are served: not merged into another and still linked to a source record.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '../../domain/page';
import { gridScopeSql, likeEscape, subtreeGridsSql, type GridCodeScope, type GridScope } from './grid-scope';
import { GRID_COLUMNS, toGridRow, type GridRow } from './grid.repository';
import { ADDRESS_COLUMNS, toAddressRow, type AddressRow } from './place-directory.repository';
import { ORGANISATION_COLUMNS, toOrganisationRow, type OrganisationRow } from './organisation-directory.repository';
import { arrayParamConnection } from './array-params';
import { preparedConnection } from './prepared';
import { keysetAfter, keysetOrderBy, toPage, type KeysetOrder } from './keyset';
import { nullableNumber } from './row-values';

export interface PersonRow {
  id: number;
  citizenId: string | null;
  documentNo: string | null;
  name: string;
  namePinyin: string | null;
  gender: string;
  birthDate: string | null;
  kind: string;
  status: string;
  nationality: string | null;
  ethnicity: string | null;
  phone: string | null;
  gridId: number | null;
  householdNo: string | null;
  relationToHead: string | null;
  updatedAt: Date;
}

export interface PersonFilter {
  kinds?: string[];
  genders?: string[];
  statuses?: string[];
  /** Any of these tag codes (current tags). */
  tags?: string[];
  /** Age in whole years at `asOf`, inclusive bounds. */
  ageMin?: number;
  ageMax?: number;
  asOf?: string;
  /** Free text: name (contains), pinyin or citizen ID (prefix), address text (contains). */
  text?: string;
}

export type PersonSortField = 'name' | 'birthDate' | 'updatedAt' | 'id';
export type PersonSort = { field: PersonSortField; direction: 'asc' | 'desc' };
/** What a page reads besides the persons: their current addresses. */
export type PageInclude = { addresses?: boolean };

const SORT_EXPR: Record<PersonSortField, string> = {
  name: 'p.name',
  birthDate: `coalesce(p.birth_date, '0001-01-01'::date)`,
  updatedAt: 'p.updated_at',
  id: 'p.id',
};

const COLUMNS = `p.id, p.citizen_id as "citizenId", p.document_no as "documentNo", p.name, p.name_pinyin as "namePinyin", p.gender,
  to_char(p.birth_date, 'YYYY-MM-DD') as "birthDate", p.kind, p.status, p.nationality, p.ethnicity, p.phone, p.grid_id as "gridId",
  p.attributes->>'householdNo' as "householdNo", p.attributes->>'relationToHead' as "relationToHead", p.updated_at as "updatedAt"`;

/** Live golden: not merged away and still holding a source record. */
export const LIVE_PERSON = `p.merged_into_id is null and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`;

/**
 * A person's current addresses as one JSON array, ordered as addressesOf orders them (role, then row
 * id): each one a positional array (role, validFrom, then the AddressRow fields in toPersonAddressRow's order) — without a key per
 * value, the page's statement builds and sends about half the JSON.
 */
const ADDRESSES_JSON = `(select coalesce(json_agg(json_build_array(pa.role, to_char(pa.valid_from, 'YYYY-MM-DD'), a.id, a.code, a.parent_id, a.level,
  a.element_name, a.full_text, a.floor, a.lng, a.lat, a.grid_id, a.police_beat_id, a.retired_at) order by pa.role, pa.id), '[]'::json)
  from person_address pa join standard_address a on a.id = pa.address_id where pa.person_id = p.id and pa.current)`;

/**
 * An ADDRESSES_JSON element as a PersonAddressRow. Built as one literal per object, not by spreads:
 * a page maps every person and address it reads, and literals of one shape are several times faster.
 */
function toPersonAddressRow(personId: number, a: unknown[]): PersonAddressRow {
  const address: AddressRow = {
    id: Number(a[2]),
    code: a[3] as string | null,
    parentId: nullableNumber(a[4]),
    level: a[5] as string,
    elementName: a[6] as string,
    fullText: a[7] as string,
    floor: a[8] as number | null,
    lng: a[9] as number | null,
    lat: a[10] as number | null,
    gridId: nullableNumber(a[11]),
    policeBeatId: nullableNumber(a[12]),
    retiredAt: a[13] === null || a[13] === undefined ? null : new Date(String(a[13])),
  };
  return { personId, addressId: address.id, role: String(a[0]), validFrom: (a[1] as string | null) ?? null, address };
}

/** A row of COLUMNS as a PersonRow (one literal, see toPersonAddressRow; other columns of the row are left out). */
function toPersonRow(r: Record<string, unknown>): PersonRow {
  return {
    id: Number(r.id),
    citizenId: r.citizenId as string | null,
    documentNo: r.documentNo as string | null,
    name: r.name as string,
    namePinyin: r.namePinyin as string | null,
    gender: r.gender as string,
    birthDate: r.birthDate as string | null,
    kind: r.kind as string,
    status: r.status as string,
    nationality: r.nationality as string | null,
    ethnicity: r.ethnicity as string | null,
    phone: r.phone as string | null,
    gridId: nullableNumber(r.gridId),
    householdNo: r.householdNo as string | null,
    relationToHead: r.relationToHead as string | null,
    updatedAt: r.updatedAt as Date,
  };
}

export interface PersonAddressRow {
  personId: number;
  addressId: number;
  role: string;
  validFrom: string | null;
  /** The address itself, read in the same statement. */
  address: AddressRow;
}

/** A row of a persons page: the person, and its current addresses when the page was asked to include them. */
export type PersonPageRow = PersonRow & { addresses?: PersonAddressRow[] };

export interface PersonTagRow {
  personId: number;
  code: string;
  name: string;
  groupKey: string | null;
  sensitivity: string | null;
  owner: string | null;
  source: string;
  detail: Record<string, unknown>;
  validFrom: string | null;
  validTo: string | null;
}

export interface EmploymentRow {
  personId: number;
  organisationId: number;
  position: string | null;
  validFrom: string | null;
  /** The organisation itself, read in the same statement. */
  organisation: OrganisationRow;
}

export class PersonDirectoryRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return arrayParamConnection(this.em);
  }

  /** The page's statements, run as prepared statements (parsed once per connection, plan reusable). */
  private get prepared() {
    return preparedConnection(this.em);
  }

  private where(scope: GridScope | undefined, f: PersonFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [LIVE_PERSON];
    const params: unknown[] = [];
    if (scope) {
      const s = gridScopeSql('p', scope);
      parts.push(s.sql);
      params.push(...s.params);
    }
    if (f.kinds?.length) (parts.push('p.kind = any(?::text[])'), params.push(f.kinds));
    if (f.genders?.length) (parts.push('p.gender = any(?::text[])'), params.push(f.genders));
    if (f.statuses?.length) (parts.push('p.status = any(?::text[])'), params.push(f.statuses));
    if (f.tags?.length) {
      parts.push(`exists (select 1 from person_tag pt join tag_definition td on td.id = pt.tag_id
        where pt.person_id = p.id and td.code = any(?::text[]) and (pt.valid_to is null or pt.valid_to >= ?::date))`);
      params.push(f.tags, f.asOf ?? new Date().toISOString().slice(0, 10));
    }
    const asOf = f.asOf ?? new Date().toISOString().slice(0, 10);
    // age >= n  ⇔  born on or before asOf − n years; age <= n  ⇔  born after asOf − (n+1) years.
    if (f.ageMin !== undefined) (parts.push(`p.birth_date <= (?::date - make_interval(years => ?))::date`), params.push(asOf, f.ageMin));
    if (f.ageMax !== undefined) (parts.push(`p.birth_date > (?::date - make_interval(years => ?))::date`), params.push(asOf, f.ageMax + 1));
    if (f.text?.trim()) {
      const t = f.text.trim();
      const contains = `%${likeEscape(t)}%`;
      const prefix = `${likeEscape(t.toUpperCase())}%`;
      const pinyin = `${likeEscape(t.toLowerCase().replace(/\s+/g, ''))}%`;
      // The address branch is uncorrelated (a hashed subplan run once), not an exists per person.
      parts.push(`(p.name like ? or p.citizen_id like ? or replace(lower(coalesce(p.name_pinyin, '')), ' ', '') like ? or p.id in (
        select pa.person_id from person_address pa join standard_address sa on sa.id = pa.address_id where pa.current and sa.full_text like ?))`);
      params.push(contains, prefix, pinyin, contains);
    }
    return { sql: parts.join(' and '), params };
  }

  /**
   * A keyset page of persons. `include.addresses`: each row also carries its current addresses (as
   * addressesOf gives them), read in the same statement — a page and its addresses in one round trip.
   * With a GridCodeScope, the page of the current grid with that code and the grid itself, in one
   * statement: `grid` is null (and the page empty) when there is no such grid.
   */
  async page(scope: GridScope | undefined, filter: PersonFilter, sort: PersonSort, req: PageRequest, include?: PageInclude): Promise<Page<PersonPageRow>>;
  async page(scope: GridCodeScope, filter: PersonFilter, sort: PersonSort, req: PageRequest, include?: PageInclude): Promise<Page<PersonPageRow> & { grid: GridRow | null }>;
  async page(scope: GridScope | GridCodeScope | undefined, filter: PersonFilter, sort: PersonSort, req: PageRequest, include: PageInclude = {}): Promise<Page<PersonPageRow> & { grid?: GridRow | null }> {
    const order: KeysetOrder = { expr: SORT_EXPR[sort.field], id: 'p.id', direction: sort.direction };
    const after = keysetAfter(order, req.after);
    const addresses = include.addresses ? `, ${ADDRESSES_JSON} as "addresses"` : '';
    const select = `select ${COLUMNS}, (${order.expr})::text as "sortKey"${addresses}`;
    let rows: Array<Record<string, unknown>>;
    let grid: GridRow | null | undefined;
    if (scope !== undefined && 'gridCode' in scope) {
      // The grid (as JSON, on the first row only: the page's rows would each parse it again), then
      // its page in a lateral subquery — the page's own plan, with the grid's id as its parameter.
      // No grid: no row; a grid without (visible) persons: one row of nulls but the grid.
      const w = this.where(undefined, filter);
      const within = scope.within === undefined ? '' : ' and starts_with(g.path, ?)';
      rows = await this.prepared.execute<Array<Record<string, unknown>>>(
        `with g as (select ${GRID_COLUMNS} from grid g join grid_level l on l.id = g.level_id where g.code = ? and g.valid_to is null)
         select case when pg.n is null or pg.n = 1 then row_to_json(g)::text end as "grid", pg.*
         from g left join lateral (select x.*, row_number() over () as n from (
           ${select} from person p where p.grid_id = g.id${within} and ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?) x) pg on true
         order by pg.n`,
        [scope.gridCode, ...(scope.within === undefined ? [] : [scope.within]), ...w.params, ...after.params, req.first + 1],
      );
      grid = rows.length === 0 ? null : toGridRow(JSON.parse(String(rows[0].grid)) as Record<string, unknown>);
      rows = rows.filter((r) => r.id !== null);
    } else if (scope?.includeDescendants && sort.field === 'name' && !filter.text?.trim()) {
      // A subtree by name: the first rows of each grid (an ordered range of person_name_page_idx
      // each), then the first of those — the same rows as one sort of the whole subtree, without
      // reading all of it. Other orders have no index to walk, and free text is one hashed address
      // search for the whole subtree: there, one sort of the subtree is cheaper.
      const w = this.where(undefined, filter);
      const grids = subtreeGridsSql(scope);
      rows = await this.prepared.execute<Array<Record<string, unknown>>>(
        `${select} from (${grids.sql}) sg cross join lateral (
           select p.* from person p where p.grid_id = sg.id and ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?) p${keysetOrderBy(order)} limit ?`,
        [...grids.params, ...w.params, ...after.params, req.first + 1, req.first + 1],
      );
    } else {
      const w = this.where(scope, filter);
      rows = await this.prepared.execute<Array<Record<string, unknown>>>(
        `${select} from person p where ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?`,
        [...w.params, ...after.params, req.first + 1],
      );
    }
    const page = toPage(rows, req.first, (r) => [r.sortKey, Number(r.id)], (r) => {
      const row: PersonPageRow = toPersonRow(r);
      const json = r.addresses;
      if (Array.isArray(json)) row.addresses = json.map((a: unknown[]) => toPersonAddressRow(row.id, a));
      return row;
    });
    return grid === undefined ? page : { ...page, grid };
  }

  async count(scope: GridScope | undefined, filter: PersonFilter): Promise<number> {
    const w = this.where(scope, filter);
    const [r] = await this.conn.execute<Array<{ n: string }>>(`select count(*) as n from person p where ${w.sql}`, w.params);
    return Number(r.n);
  }

  /** Persons by id; a merged id resolves to its survivor (the row returned carries the survivor's id). */
  async byIds(ids: readonly number[]): Promise<Map<number, PersonRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `with recursive chain(asked, id, merged_into_id, depth) as (
         select q.id, q.id, x.merged_into_id, 0 from unnest(?::bigint[]) as q(id) join person x on x.id = q.id
         union all
         select c.asked, x.id, x.merged_into_id, c.depth + 1 from chain c join person x on x.id = c.merged_into_id where c.depth < 16)
       select c.asked, ${COLUMNS} from chain c join person p on p.id = c.id where c.merged_into_id is null`,
      [ids],
    );
    return new Map(rows.map((r) => [Number(r.asked), toPersonRow(r)]));
  }

  async byCitizenIds(citizenIds: readonly string[]): Promise<Map<string, PersonRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${COLUMNS} from person p where p.citizen_id = any(?::bpchar[]) and ${LIVE_PERSON}`, [citizenIds]);
    return new Map(rows.map((r) => [String(r.citizenId), toPersonRow(r)]));
  }

  async addressesOf(personIds: readonly number[]): Promise<PersonAddressRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select pa.person_id as "personId", pa.role, to_char(pa.valid_from, 'YYYY-MM-DD') as "validFrom", ${ADDRESS_COLUMNS}
       from person_address pa join standard_address a on a.id = pa.address_id
       where pa.person_id = any(?::bigint[]) and pa.current order by pa.person_id, pa.role, pa.id`,
      [personIds],
    );
    return rows.map((r) => ({ personId: Number(r.personId), addressId: Number(r.id), role: String(r.role), validFrom: (r.validFrom as string | null) ?? null, address: toAddressRow(r) }));
  }

  async tagsOf(personIds: readonly number[], asOf: string): Promise<PersonTagRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select pt.person_id as "personId", td.code, td.name, td."group" as "groupKey", td.sensitivity, td.owner, pt.source, pt.detail,
              to_char(pt.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(pt.valid_to, 'YYYY-MM-DD') as "validTo"
       from person_tag pt join tag_definition td on td.id = pt.tag_id
       where pt.person_id = any(?::bigint[]) and (pt.valid_to is null or pt.valid_to >= ?::date) order by pt.person_id, td.code`,
      [personIds, asOf],
    );
    return rows.map((r) => ({ ...(r as unknown as PersonTagRow), personId: Number(r.personId) }));
  }

  /** Every tag definition's kind (group, owner, sensitivity): who may see tags of it is decided from these. */
  async tagDefinitions(): Promise<Array<{ code: string; group: string; owner: string; sensitivity: string }>> {
    return this.conn.execute(`select code, "group", owner, sensitivity from tag_definition order by code`);
  }

  async employmentsOf(personIds: readonly number[]): Promise<EmploymentRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select e.person_id as "personId", e.position, to_char(e.valid_from, 'YYYY-MM-DD') as "validFrom", ${ORGANISATION_COLUMNS}
       from employment e join organisation o on o.id = e.organisation_id
       where e.person_id = any(?::bigint[]) and e.valid_to is null order by e.person_id, e.id`,
      [personIds],
    );
    return rows.map((r) => ({ personId: Number(r.personId), organisationId: Number(r.id), position: (r.position as string | null) ?? null, validFrom: (r.validFrom as string | null) ?? null, organisation: toOrganisationRow(r) }));
  }

  /** Live persons of these households (户), by household number. */
  async householdMembers(householdNos: readonly string[]): Promise<PersonRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${COLUMNS} from person p where p.attributes->>'householdNo' = any(?::text[]) and ${LIVE_PERSON} order by p.id`,
      [householdNos],
    );
    return rows.map(toPersonRow);
  }

  /** Current residents (居住) of these standard addresses, by address id. */
  async residentsOf(addressIds: readonly number[]): Promise<Array<{ addressId: number; personId: number; role: string }>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select pa.address_id as "addressId", pa.person_id as "personId", pa.role from person_address pa
       where pa.address_id = any(?::bigint[]) and pa.current and pa.role = 'residence' order by pa.address_id, pa.person_id`,
      [addressIds],
    );
    return rows.map((r) => ({ addressId: Number(r.addressId), personId: Number(r.personId), role: String(r.role) }));
  }
}
