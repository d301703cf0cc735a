/** Use cases over the grid hierarchy: look a grid up, navigate the tree, list the levels. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { GridRepository, type GridRow } from '../db/repositories/grid.repository';
import type { GridKind } from '../domain/vocabulary';

/** A grid as use cases hand it out (the API never sees repositories or entities). */
export type GridView = GridRow;

export interface GridLevelView {
  key: string;
  name: string;
  rank: number;
}

export class GridService {
  private readonly grids: GridRepository;

  constructor(em: EntityManager) {
    this.grids = new GridRepository(em);
  }

  byCode(code: string): Promise<GridRow | null> {
    return this.grids.findCurrentByCode(code.trim());
  }

  /** Top-level grids when parentCode is omitted. */
  async children(parentCode: string | undefined, kind?: GridKind): Promise<GridRow[]> {
    if (parentCode === undefined) return this.grids.findChildren(null, kind);
    const parent = await this.grids.findCurrentByCode(parentCode.trim());
    return parent ? this.grids.findChildren(parent.id, kind) : [];
  }

  async childrenOf(grid: GridRow): Promise<GridRow[]> {
    return this.grids.findChildren(grid.id);
  }

  byIds(ids: readonly number[]): Promise<Map<number, GridRow>> {
    return this.grids.findByIds(ids);
  }

  /** For base grids: the business grids holding them; for business grids: their base grids. */
  businessMembership(ids: readonly number[], side: 'business' | 'base'): Promise<Array<{ key: number; gridId: number }>> {
    return this.grids.businessMembership(ids, side);
  }

  /** Ids of the grids in the subtree under this materialised path (row scope of grid-scoped principals). */
  subtreeIds(path: string): Promise<number[]> {
    return this.grids.subtreeIds(path);
  }

  async levels(): Promise<GridLevelView[]> {
    return (await this.grids.levels()).map((l) => ({ key: l.key, name: l.name, rank: l.rank }));
  }
}
