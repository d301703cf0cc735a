/** SQL for grids: lookups by code, children, levels, subtree membership via the materialised path. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Grid, GridLevel } from '../entities';
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

function toRow(g: Grid): GridRow {
  return {
    id: g.id,
    code: g.code,
    name: g.name,
    kind: g.kind,
    levelKey: g.level.key,
    levelName: g.level.name,
    levelRank: g.level.rank,
    parentId: g.parent?.id ?? null,
    path: g.path,
    department: g.department ?? null,
    boundary: g.boundary ?? null,
    validFrom: g.validFrom,
    validTo: g.validTo ?? null,
  };
}

export class GridRepository {
  constructor(private readonly em: EntityManager) {}

  async findCurrentByCode(code: string): Promise<GridRow | null> {
    const g = await this.em.findOne(Grid, { code, validTo: null }, { populate: ['level'] });
    return g ? toRow(g) : null;
  }

  async findChildren(parentId: number | null, kind?: GridKind): Promise<GridRow[]> {
    const grids = await this.em.find(
      Grid,
      { parent: parentId, validTo: null, ...(kind ? { kind } : {}) },
      { populate: ['level'], orderBy: { code: 'asc' } },
    );
    return grids.map(toRow);
  }

  async countSubtree(path: string): Promise<number> {
    return this.em.count(Grid, { path: { $like: `${path}%` }, validTo: null });
  }

  async levels(): Promise<GridLevel[]> {
    return this.em.find(GridLevel, {}, { orderBy: { rank: 'asc' } });
  }
}
