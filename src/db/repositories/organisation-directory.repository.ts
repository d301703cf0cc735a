/**
 * SQL behind the organisation (组织 / 实有单位) queries: a keyset page of a grid's golden
 * organisations with filters, lookups by id and USCC, and relations batched by organisation id
 * (employees, units at an address, safety inspections and hazards from the safety feed's records).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '../../domain/page';
import { gridScopeSql, likeEscape, type GridScope } from './grid-scope';
import { arrayParamConnection } from './array-params';
import { keysetAfter, keysetOrderBy, toPage, type KeysetOrder } from './keyset';
import { nullableNumber } from './row-values';

export interface OrganisationRow {
  id: number;
  uscc: string | null;
  name: string;
  kind: string;
  status: string;
  industryCode: string | null;
  legalRepresentativeId: number | null;
  legalRepresentativeName: string | null;
  phone: string | null;
  establishedOn: string | null;
  addressId: number | null;
  gridId: number | null;
  employeeCount: number | null;
}

export interface OrganisationFilter {
  kinds?: string[];
  statuses?: string[];
  text?: string;
}

/** An inspection (检查) or hazard (隐患) record of the safety feed about an organisation. */
export interface SafetyRecordRow {
  organisationId: number;
  sourceRecordId: number;
  recordKey: string;
  canonical: Record<string, unknown>;
}

export const ORGANISATION_COLUMNS = `o.id, o.uscc, o.name, o.kind, o.status, o.industry_code as "industryCode", o.legal_representative_id as "legalRepresentativeId",
  o.legal_representative_name as "legalRepresentativeName", o.phone, to_char(o.established_on, 'YYYY-MM-DD') as "establishedOn",
  o.address_id as "addressId", o.grid_id as "gridId", (o.attributes->>'employeeCount')::int as "employeeCount"`;
export const LIVE_ORGANISATION = `o.merged_into_id is null and exists (select 1 from entity_link l where l.entity_type = 'organisation' and l.entity_id = o.id and l.unlinked_at is null)`;

export function toOrganisationRow(r: Record<string, unknown>): OrganisationRow {
  return { ...(r as unknown as OrganisationRow), id: Number(r.id), legalRepresentativeId: nullableNumber(r.legalRepresentativeId), addressId: nullableNumber(r.addressId), gridId: nullableNumber(r.gridId) };
}

export class OrganisationDirectoryRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return arrayParamConnection(this.em);
  }

  private where(scope: GridScope | undefined, f: OrganisationFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [LIVE_ORGANISATION];
    const params: unknown[] = [];
    if (scope) {
      const s = gridScopeSql('o', scope);
      parts.push(s.sql);
      params.push(...s.params);
    }
    if (f.kinds?.length) (parts.push('o.kind = any(?::text[])'), params.push(f.kinds));
    if (f.statuses?.length) (parts.push('o.status = any(?::text[])'), params.push(f.statuses));
    if (f.text?.trim()) {
      const t = f.text.trim();
      parts.push('(o.name like ? or o.uscc like ? or o.legal_representative_name = ?)');
      params.push(`%${likeEscape(t)}%`, `${likeEscape(t.toUpperCase())}%`, t);
    }
    return { sql: parts.join(' and '), params };
  }

  async page(scope: GridScope | undefined, f: OrganisationFilter, sort: { field: 'name' | 'establishedOn' | 'id'; direction: 'asc' | 'desc' }, req: PageRequest): Promise<Page<OrganisationRow>> {
    const expr = { name: 'o.name', establishedOn: `coalesce(o.established_on, '0001-01-01'::date)`, id: 'o.id' }[sort.field];
    const order: KeysetOrder = { expr, id: 'o.id', direction: sort.direction };
    const w = this.where(scope, f);
    const after = keysetAfter(order, req.after);
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${ORGANISATION_COLUMNS}, (${expr})::text as "sortKey" from organisation o where ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?`,
      [...w.params, ...after.params, req.first + 1],
    );
    return toPage(rows, req.first, (r) => [r.sortKey, Number(r.id)], toOrganisationRow);
  }

  async count(scope: GridScope | undefined, f: OrganisationFilter): Promise<number> {
    const w = this.where(scope, f);
    const [r] = await this.conn.execute<Array<{ n: string }>>(`select count(*) as n from organisation o where ${w.sql}`, w.params);
    return Number(r.n);
  }

  async byIds(ids: readonly number[]): Promise<Map<number, OrganisationRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `with recursive chain(asked, id, merged_into_id, depth) as (
         select q.id, q.id, x.merged_into_id, 0 from unnest(?::bigint[]) as q(id) join organisation x on x.id = q.id
         union all
         select c.asked, x.id, x.merged_into_id, c.depth + 1 from chain c join organisation x on x.id = c.merged_into_id where c.depth < 16)
       select c.asked, ${ORGANISATION_COLUMNS} from chain c join organisation o on o.id = c.id where c.merged_into_id is null`,
      [ids],
    );
    return new Map(rows.map((r) => [Number(r.asked), toOrganisationRow(r)]));
  }

  async byUsccs(usccs: readonly string[]): Promise<Map<string, OrganisationRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${ORGANISATION_COLUMNS} from organisation o where o.uscc = any(?::bpchar[]) and ${LIVE_ORGANISATION}`, [usccs]);
    return new Map(rows.map((r) => [String(r.uscc), toOrganisationRow(r)]));
  }

  async atAddresses(addressIds: readonly number[]): Promise<OrganisationRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${ORGANISATION_COLUMNS} from organisation o where o.address_id = any(?::bigint[]) and ${LIVE_ORGANISATION} order by o.address_id, o.id`,
      [addressIds],
    );
    return rows.map(toOrganisationRow);
  }

  async employeesOf(organisationIds: readonly number[]): Promise<Array<{ organisationId: number; personId: number; position: string | null; validFrom: string | null }>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select e.organisation_id as "organisationId", e.person_id as "personId", e.position, to_char(e.valid_from, 'YYYY-MM-DD') as "validFrom"
       from employment e where e.organisation_id = any(?::bigint[]) and e.valid_to is null order by e.organisation_id, e.person_id`,
      [organisationIds],
    );
    return rows.map((r) => ({ organisationId: Number(r.organisationId), personId: Number(r.personId), position: (r.position as string | null) ?? null, validFrom: (r.validFrom as string | null) ?? null }));
  }

  /**
   * Records of a safety stream (`inspections`, `hazards`) about these organisations: the record's
   * `organisationSourceId` is the key of an enterprise record linked to the organisation.
   */
  async safetyRecordsOf(organisationIds: readonly number[], stream: 'inspections' | 'hazards'): Promise<SafetyRecordRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select l.entity_id as "organisationId", r.id as "sourceRecordId", r.record_key as "recordKey", r.canonical
       from entity_link l
       join source_record e on e.id = l.source_record_id and e.source = 'safety' and e.stream = 'enterprises'
       join source_record r on r.source = 'safety' and r.stream = ? and r.status = 'valid' and r.canonical->>'organisationSourceId' = e.record_key
       where l.entity_type = 'organisation' and l.entity_id = any(?::bigint[]) and l.unlinked_at is null
       order by l.entity_id, r.canonical->>'updatedAt' desc, r.id`,
      [stream, organisationIds],
    );
    return rows.map((r) => ({ organisationId: Number(r.organisationId), sourceRecordId: Number(r.sourceRecordId), recordKey: String(r.recordKey), canonical: r.canonical as Record<string, unknown> }));
  }
}
