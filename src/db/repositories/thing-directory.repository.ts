/** SQL behind the thing (物) queries: city parts (部件), hazard sources and safety equipment of a grid. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '../../domain/page';
import { gridScopeSql, likeEscape, type GridScope } from './grid-scope';
import { arrayParamConnection } from './array-params';
import { keysetAfter, keysetOrderBy, toPage, type KeysetOrder } from './keyset';
import { nullableNumber } from './row-values';

export interface ThingRow {
  id: number;
  code: string | null;
  kind: string;
  majorClass: string | null;
  minorClass: string | null;
  name: string;
  status: string;
  lng: number | null;
  lat: number | null;
  addressId: number | null;
  ownerOrganisationId: number | null;
  gridId: number | null;
}

export interface ThingFilter {
  kinds?: string[];
  majorClasses?: string[];
  minorClasses?: string[];
  statuses?: string[];
  text?: string;
}

const COLUMNS = `t.id, t.code, t.kind, t.major_class as "majorClass", t.minor_class as "minorClass", t.name, t.status, t.lng, t.lat,
  t.address_id as "addressId", t.owner_organisation_id as "ownerOrganisationId", t.grid_id as "gridId"`;

function toRow(r: Record<string, unknown>): ThingRow {
  return { ...(r as unknown as ThingRow), id: Number(r.id), addressId: nullableNumber(r.addressId), ownerOrganisationId: nullableNumber(r.ownerOrganisationId), gridId: nullableNumber(r.gridId) };
}

export class ThingDirectoryRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return arrayParamConnection(this.em);
  }

  private where(scope: GridScope | undefined, f: ThingFilter): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      const s = gridScopeSql('t', scope);
      parts.push(s.sql);
      params.push(...s.params);
    }
    if (f.kinds?.length) (parts.push('t.kind = any(?::text[])'), params.push(f.kinds));
    if (f.majorClasses?.length) (parts.push('t.major_class = any(?::text[])'), params.push(f.majorClasses));
    if (f.minorClasses?.length) (parts.push('t.minor_class = any(?::text[])'), params.push(f.minorClasses));
    if (f.statuses?.length) (parts.push('t.status = any(?::text[])'), params.push(f.statuses));
    if (f.text?.trim()) (parts.push('(t.name like ? or t.code like ?)'), params.push(`%${likeEscape(f.text.trim())}%`, `${likeEscape(f.text.trim())}%`));
    return { sql: parts.length ? parts.join(' and ') : 'true', params };
  }

  async page(scope: GridScope | undefined, f: ThingFilter, sort: { field: 'code' | 'name' | 'id'; direction: 'asc' | 'desc' }, req: PageRequest): Promise<Page<ThingRow>> {
    const expr = { code: `coalesce(t.code, '')`, name: 't.name', id: 't.id' }[sort.field];
    const order: KeysetOrder = { expr, id: 't.id', direction: sort.direction };
    const w = this.where(scope, f);
    const after = keysetAfter(order, req.after);
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `select ${COLUMNS}, (${expr})::text as "sortKey" from thing t where ${w.sql}${after.sql}${keysetOrderBy(order)} limit ?`,
      [...w.params, ...after.params, req.first + 1],
    );
    return toPage(rows, req.first, (r) => [r.sortKey, Number(r.id)], toRow);
  }

  async count(scope: GridScope | undefined, f: ThingFilter): Promise<number> {
    const w = this.where(scope, f);
    const [r] = await this.conn.execute<Array<{ n: string }>>(`select count(*) as n from thing t where ${w.sql}`, w.params);
    return Number(r.n);
  }

  async byIds(ids: readonly number[]): Promise<Map<number, ThingRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${COLUMNS} from thing t where t.id = any(?::bigint[])`, [ids]);
    return new Map(rows.map((r) => [Number(r.id), toRow(r)]));
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, ThingRow>> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${COLUMNS} from thing t where t.code = any(?::text[])`, [codes]);
    return new Map(rows.map((r) => [String(r.code), toRow(r)]));
  }
}
