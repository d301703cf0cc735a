/** SQL for grids: lookups by code, children, levels, subtree membership via the materialised path. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Grid, GridLevel } from '../entities';
import { arrayParamConnection } from './array-params';
import { likePrefix } from './grid-scope';
import type { GridKind } from '../../domain/vocabulary';

export interface GridRow {
  id: number;
  code: string;
  name: string;
  kind: GridKind;
  levelKey: string;
  levelName: string;
  levelRank: number;
  parentId: number | null;
  path: string;
  department: string | null;
  boundary: unknown;
  validFrom: Date;
  validTo: Date | null;
}

/** A timestamptz as ISO 8601 text in UTC (the ORM's connection leaves timestamps as PostgreSQL's text, which `new Date` does not read). */
const isoUtc = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The GridRow columns of `g` (a grid joined with its level `l`): `from grid g join grid_level l on l.id = g.level_id`. */
export const GRID_COLUMNS = `g.id, g.code, g.name, g.kind, l.key as "levelKey", l.name as "levelName", l.rank as "levelRank", g.parent_id as "parentId", g.path,
  g.department, g.boundary, ${isoUtc('g.valid_from')} as "validFrom", ${isoUtc('g.valid_to')} as "validTo"`;

/**
 * A row of GRID_COLUMNS → GridRow: bigints (text from pg) as numbers, timestamps as Date. The same
 * for a row read as JSON (`row_to_json`, a grid read inside another statement).
 */
export function toGridRow(r: Record<string, unknown>): GridRow {
  return {
    ...(r as unknown as GridRow),
    id: Number(r.id),
    parentId: r.parentId === null ? null : Number(r.parentId),
    levelRank: Number(r.levelRank),
    validFrom: new Date(String(r.validFrom)),
    validTo: r.validTo === null || r.validTo === undefined ? null : new Date(String(r.validTo)),
  };
}

export class GridRepository {
  constructor(private readonly em: EntityManager) {}

  private async select(where: string, params: unknown[], orderBy = ''): Promise<GridRow[]> {
    const rows = await arrayParamConnection(this.em).execute<Array<Record<string, unknown>>>(
      `select ${GRID_COLUMNS} from grid g join grid_level l on l.id = g.level_id where ${where}${orderBy}`,
      params,
    );
    return rows.map(toGridRow);
  }

  /** The current grid with this code (one statement). */
  async findCurrentByCode(code: string): Promise<GridRow | null> {
    return (await this.select('g.code = ? and g.valid_to is null', [code]))[0] ?? null;
  }

  async findChildren(parentId: number | null, kind?: GridKind): Promise<GridRow[]> {
    const where = [parentId === null ? 'g.parent_id is null' : 'g.parent_id = ?', 'g.valid_to is null', ...(kind ? ['g.kind = ?'] : [])].join(' and ');
    return this.select(where, [...(parentId === null ? [] : [parentId]), ...(kind ? [kind] : [])], ' order by g.code');
  }

  /** Grids by id in one statement (any version: an entity may point at a retired grid). */
  async findByIds(ids: readonly number[]): Promise<Map<number, GridRow>> {
    return new Map((await this.select('g.id = any(?::bigint[])', [ids])).map((g) => [g.id, g]));
  }

  /** Business grids (专业网格) holding these base grids, or base grids held by these business grids. */
  async businessMembership(ids: readonly number[], side: 'business' | 'base'): Promise<Array<{ key: number; gridId: number }>> {
    const [keyCol, otherCol] = side === 'business' ? ['base_grid_id', 'business_grid_id'] : ['business_grid_id', 'base_grid_id'];
    const rows = await arrayParamConnection(this.em).execute<Array<{ key: string; grid_id: string }>>(
      `select m.${keyCol} as key, m.${otherCol} as grid_id from business_grid_member m where m.${keyCol} = any(?::bigint[]) and m.valid_to is null order by 1, 2`,
      [ids],
    );
    return rows.map((r) => ({ key: Number(r.key), gridId: Number(r.grid_id) }));
  }

  /** Ids of every grid (any version) whose path starts with `path`. */
  async subtreeIds(path: string): Promise<number[]> {
    const rows = await this.em.getConnection().execute<Array<{ id: string }>>(`select id from grid where path like ?`, [likePrefix(path)]);
    return rows.map((r) => Number(r.id));
  }

  async countSubtree(path: string): Promise<number> {
    return this.em.count(Grid, { path: { $like: `${path}%` }, validTo: null });
  }

  async levels(): Promise<GridLevel[]> {
    return this.em.find(GridLevel, {}, { orderBy: { rank: 'asc' } });
  }
}
