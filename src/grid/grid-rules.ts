/**
 * The rules of the grid tree, independent of storage: level ranks, materialised paths
 * (`/rootId/…/ownId/`), parent-first ordering of incoming grids, and what a changed grid record
 * means — nothing, an in-place update, or a new version (a reorganisation: history kept).
 */
import type { GridChangeKind } from '../domain/vocabulary';

/** Administrative levels from the top; business grids rank alongside base grids. */
export const LEVEL_ORDER: readonly string[] = ['city', 'district', 'town', 'community', 'base', 'household_group'];

/** Chinese names of the standard levels (used when a level is created on first sight). */
export const LEVEL_NAMES: Readonly<Record<string, string>> = {
  city: '市', district: '区/县', town: '镇/街道', community: '村/社区', base: '基础网格', household_group: '住户小组', business: '专业网格',
};

/** Rank (depth from the top) of a level key; business → the base rank; unknown keys go below the known ones. */
export function levelRank(key: string): number {
  if (key === 'business') return LEVEL_ORDER.indexOf('base');
  const i = LEVEL_ORDER.indexOf(key);
  return i >= 0 ? i : LEVEL_ORDER.length;
}

/** The materialised path of a grid: its parent's path plus its own id (`/1/5/23/`). */
export function childPath(parentPath: string | null | undefined, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

/** Ids on a path, root first (the grid's own id last). */
export function pathIds(path: string): number[] {
  return path.split('/').filter((s) => s !== '').map(Number);
}

/** Whether the grid at `path` lies in the subtree of the grid at `ancestorPath` (itself included). */
export function inSubtree(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export interface CodeAndParent {
  code: string;
  parentCode?: string | null;
}

/**
 * Incoming grids ordered so that every parent comes before its children (parents outside the
 * list count as known). Grids on a parent cycle are returned separately, never dropped silently.
 */
export function parentsFirst<T extends CodeAndParent>(grids: readonly T[]): { ordered: T[]; cyclic: T[] } {
  const byCode = new Map(grids.map((g) => [g.code, g]));
  const depth = new Map<string, number>();
  const cyclic: T[] = [];
  const depthOf = (g: T, seen: Set<string>): number => {
    const known = depth.get(g.code);
    if (known !== undefined) return known;
    if (seen.has(g.code)) return -1;
    seen.add(g.code);
    const parent = g.parentCode == null ? undefined : byCode.get(g.parentCode);
    const pd = parent === undefined ? -1 : depthOf(parent, seen);
    if (parent !== undefined && pd < 0 && !depth.has(parent.code)) return -1;
    const d = pd + 1;
    depth.set(g.code, d);
    return d;
  };
  const ok: Array<{ g: T; d: number }> = [];
  for (const g of grids) {
    const d = depthOf(g, new Set());
    if (d < 0) cyclic.push(g);
    else ok.push({ g, d });
  }
  ok.sort((a, b) => a.d - b.d || (a.g.code < b.g.code ? -1 : a.g.code > b.g.code ? 1 : 0));
  return { ordered: ok.map((x) => x.g), cyclic };
}

/** The attributes of a grid that its record decides. */
export interface GridState {
  name: string;
  kind: string;
  levelKey: string;
  parentCode: string | null;
  department: string | null;
  /** Canonical JSON of the boundary (see `boundaryKey`). */
  boundaryKey: string | null;
}

export type GridChange =
  | { action: 'none' }
  | { action: 'update' }
  | { action: 'version'; kind: GridChangeKind };

function canonical(v: unknown): unknown {
  if (typeof v === 'number') return Math.round(v * 1e7) / 1e7;
  if (Array.isArray(v)) return v.map(canonical);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, canonical(o[k])]));
  }
  return v;
}

/** A boundary as a comparable string: keys sorted, coordinates rounded to 1e-7° (≈ 1 cm). */
export function boundaryKey(boundary: unknown): string | null {
  if (boundary === null || boundary === undefined) return null;
  return JSON.stringify(canonical(boundary));
}

/**
 * What an incoming record means for the current version of a grid: a new parent, boundary, name,
 * kind or level opens a new version (the old one is closed, lineage records why); a new owning
 * department is updated in place; otherwise nothing.
 */
export function gridChange(current: GridState, incoming: GridState): GridChange {
  if (current.parentCode !== incoming.parentCode || current.boundaryKey !== incoming.boundaryKey) return { action: 'version', kind: 'boundary' };
  if (current.kind !== incoming.kind || current.levelKey !== incoming.levelKey) return { action: 'version', kind: 'recode' };
  if (current.name !== incoming.name) return { action: 'version', kind: 'rename' };
  if (current.department !== incoming.department) return { action: 'update' };
  return { action: 'none' };
}
