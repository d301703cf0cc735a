/**
 * SQL behind the place (地) queries: standard addresses (标准地址) and houses (实有房屋) of a grid as
 * keyset pages with filters, lookups by id, and relations batched by id (address children, houses
 * and units at an address, house occupants).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '../../domain/page';
import { gridScopeSql, likeEscape, type GridScope } from './grid-scope';
import { arrayParamConnection } from './array-params';
import { keysetAfter, keysetOrderBy, toPage, type KeysetOrder } from './keyset';
import { nullableNumber } from './row-values';

export interface AddressRow {
  id: number;
  code: string | null;
  parentId: number | null;
  level: string;
  elementName: string;
  fullText: string;
  floor: number | null;
  lng: number | null;
  lat: number | null;
  gridId: number | null;
  policeBeatId: number | null;
  retiredAt: Date | null;
}

export interface HouseRow {
  id: number;
  code: string | null;
  kind: string;
  addressId: number | null;
  use: string;
  areaM2: number | null;
  ownerPersonId: number | null;
  ownerOrganisationId: number | null;
  ownerName: string | null;
  isRental: boolean;
  rental: Record<string, unknown> | null;
  gridId: number | null;
}

export interface AddressFilter {
  levels?: string[];
  text?: string;
  /** Retired addresses too (default: only current ones). */
  includeRetired?: boolean;
}

export interface HouseFilter {
  uses?: string[];
  isRental?: boolean;
  text?: string;
}

export const ADDRESS_COLUMNS = `a.id, a.code, a.parent_id as "parentId", a.level, a.element_name as "elementName", a.full_text as "fullText", a.floor,
  a.lng, a.lat, a.grid_id as "gridId", a.police_beat_id as "policeBeatId", a.retired_at as "retiredAt"`;
const HOUSE_COLUMNS = `h.id, h.code, h.kind, h.address_id as "addressId", h.use, h.area_m2::float8 as "areaM2", h.owner_person_id as "ownerPersonId",
  h.owner_organisation_id as "ownerOrganisationId", h.owner_name as "ownerName", h.is_rental as "isRental", h.rental, h.grid_id as "gridId"`;
export const LIVE_HOUSE = `h.merged_into_id is null and exists (select 1 from entity_link l where l.entity_type = 'house' and l.entity_id = h.id and l.unlinked_at is null)`;

export function toAddressRow(r: Record<string, unknown>): AddressRow {
  return { ...(r as unknown as AddressRow), id: Number(r.id), parentId: nullableNumber(r.parentId), gridId: nullableNumber(r.gridId), policeBeatId: nullableNumber(r.policeBeatId) };
}

function toHouseRow(r: Record<string, unknown>): HouseRow {
  return {
    ...(r as unknown as HouseRow),
    id: Number(r.id),
    addressId: nullableNumber(r.addressId),
    ownerPersonId: nullableNumber(r.ownerPersonId),
    ownerOrganisationId: nullableNumber(r.ownerOrganisationId),
    gridId: nullableNumber(r.gridId),
  };
}

export class PlaceDirectoryRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return arrayParamConnection(this.em);
  }

  private addressWhere(scope: GridScope | undefined, f: AddressFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (!f.includeRetired) parts.push('a.retired_at is null');
    if (scope) {
      const s = gridScopeSql('a', scope);
      parts.push(s.sql);
      params.push(...s.params);
    }
    if (f.levels?.length) (parts.push('a.level = any(?::text[])'), params.push(f.levels));
    if (f.text?.trim()) (parts.push('(a.full_text like ? or a.code = ?)'), params.push(`%${likeEscape(f.text.trim())}%`, f.text.trim()));
    return { sql: parts.length ? parts.join(' and ') : 'true', params };
  }

  async addressPage(scope: GridScope | undefined, f: AddressFilter, sort: { field: 'fullText' | 'code' | 'id'; direction: 'asc' | 'desc' }, req: PageRequest): Promise<Page<AddressRow>> {
    const expr = { fullText: 'a.full_text', code: `coalesce(a.code, '')`, id: 'a.id' }[sort.field];
    const order: KeysetOrder = { expr, id: 'a.id', direction: sort.direction };
    const w = this.addressWhere(scope, f);
    const after = keysetAfter(order, req.after);
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${ADDRESS_COLUMNS}, (${expr})::text as "sortKey" from standard_address a where ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?`,
      [...w.params, ...after.params, req.first + 1],
    );
    return toPage(rows, req.first, (r) => [r.sortKey, Number(r.id)], toAddressRow);
  }

  async addressCount(scope: GridScope | undefined, f: AddressFilter): Promise<number> {
    const w = this.addressWhere(scope, f);
    const [r] = await this.conn.execute<Array<{ n: string }>>(`select count(*) as n from standard_address a where ${w.sql}`, w.params);
    return Number(r.n);
  }

  private houseWhere(scope: GridScope | undefined, f: HouseFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [LIVE_HOUSE];
    const params: unknown[] = [];
    if (scope) {
      const s = gridScopeSql('h', scope);
      parts.push(s.sql);
      params.push(...s.params);
    }
    if (f.uses?.length) (parts.push('h.use = any(?::text[])'), params.push(f.uses));
    if (f.isRental !== undefined) (parts.push('h.is_rental = ?'), params.push(f.isRental));
    if (f.text?.trim()) {
      parts.push('(h.owner_name like ? or exists (select 1 from standard_address a where a.id = h.address_id and a.full_text like ?))');
      const t = `%${likeEscape(f.text.trim())}%`;
      params.push(t, t);
    }
    return { sql: parts.join(' and '), params };
  }

  async housePage(scope: GridScope | undefined, f: HouseFilter, sort: { field: 'address' | 'area' | 'id'; direction: 'asc' | 'desc' }, req: PageRequest): Promise<Page<HouseRow>> {
    const expr = {
      address: `coalesce((select a.full_text from standard_address a where a.id = h.address_id), '')`,
      area: 'coalesce(h.area_m2, 0)',
      id: 'h.id',
    }[sort.field];
    const order: KeysetOrder = { expr, id: 'h.id', direction: sort.direction };
    const w = this.houseWhere(scope, f);
    const after = keysetAfter(order, req.after);
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${HOUSE_COLUMNS}, (${expr})::text as "sortKey" from house h where ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?`,
      [...w.params, ...after.params, req.first + 1],
    );
    return toPage(rows, req.first, (r) => [r.sortKey, Number(r.id)], toHouseRow);
  }

  async houseCount(scope: GridScope | undefined, f: HouseFilter): Promise<number> {
    const w = this.houseWhere(scope, f);
    const [r] = await this.conn.execute<Array<{ n: string }>>(`select count(*) as n from house h where ${w.sql}`, w.params);
    return Number(r.n);
  }

  async addressesByIds(ids: readonly number[]): Promise<Map<number, AddressRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${ADDRESS_COLUMNS} from standard_address a where a.id = any(?::bigint[])`, [ids]);
    return new Map(rows.map((r) => [Number(r.id), toAddressRow(r)]));
  }

  async addressesByCodes(codes: readonly string[]): Promise<Map<string, AddressRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${ADDRESS_COLUMNS} from standard_address a where a.code = any(?::text[])`, [codes]);
    return new Map(rows.map((r) => [String(r.code), toAddressRow(r)]));
  }

  async childAddresses(parentIds: readonly number[]): Promise<AddressRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${ADDRESS_COLUMNS} from standard_address a where a.parent_id = any(?::bigint[]) and a.retired_at is null order by a.parent_id, a.element_name, a.id`,
      [parentIds],
    );
    return rows.map(toAddressRow);
  }

  async housesByIds(ids: readonly number[]): Promise<Map<number, HouseRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `with recursive chain(asked, id, merged_into_id, depth) as (
         select q.id, q.id, x.merged_into_id, 0 from unnest(?::bigint[]) as q(id) join house x on x.id = q.id
         union all
         select c.asked, x.id, x.merged_into_id, c.depth + 1 from chain c join house x on x.id = c.merged_into_id where c.depth < 16)
       select c.asked, ${HOUSE_COLUMNS} from chain c join house h on h.id = c.id where c.merged_into_id is null`,
      [ids],
    );
    return new Map(rows.map((r) => [Number(r.asked), toHouseRow(r)]));
  }

  async housesAt(addressIds: readonly number[]): Promise<HouseRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${HOUSE_COLUMNS} from house h where h.address_id = any(?::bigint[]) and ${LIVE_HOUSE} order by h.address_id, h.id`,
      [addressIds],
    );
    return rows.map(toHouseRow);
  }

  /** Occupants (住户) of houses: owner, family, tenants — from house_occupant. */
  async occupantsOf(houseIds: readonly number[]): Promise<Array<{ houseId: number; personId: number; relation: string; validFrom: string | null }>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select o.house_id as "houseId", o.person_id as "personId", o.relation, to_char(o.valid_from, 'YYYY-MM-DD') as "validFrom"
       from house_occupant o where o.house_id = any(?::bigint[]) and o.valid_to is null order by o.house_id, o.relation, o.person_id`,
      [houseIds],
    );
    return rows.map((r) => ({ houseId: Number(r.houseId), personId: Number(r.personId), relation: String(r.relation), validFrom: (r.validFrom as string | null) ?? null }));
  }
}
