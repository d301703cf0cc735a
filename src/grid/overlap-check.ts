/**
 * Validation of a tiling: the base grids of one community must not overlap (shared edges and
 * corners are fine). Reports every overlapping pair; never throws on bad data (a grid whose
 * boundary cannot be read is reported as such).
 */
import { bboxesIntersect, bboxOfRings, type GeoJsonPolygonLike, polygonsOf, polygonsOverlap, type PolygonRings } from './geometry';

export interface TileInput {
  code: string;
  parentCode?: string | null;
  boundary: GeoJsonPolygonLike | null | undefined;
}

export interface OverlapIssue {
  parentCode: string | null;
  /** The two grids (a < b), or the one grid whose boundary is unreadable (b null). */
  a: string;
  b: string | null;
  message: string;
}

/** Overlapping pairs among `tiles` with the same parent (pass the base grids). */
export function findOverlaps(tiles: readonly TileInput[]): OverlapIssue[] {
  const issues: OverlapIssue[] = [];
  const groups = new Map<string | null, Array<{ code: string; polys: PolygonRings[] }>>();
  for (const t of tiles) {
    const parent = t.parentCode ?? null;
    if (t.boundary === null || t.boundary === undefined) {
      issues.push({ parentCode: parent, a: t.code, b: null, message: `grid ${t.code} has no boundary` });
      continue;
    }
    let polys: PolygonRings[];
    try {
      polys = polygonsOf(t.boundary);
    } catch (e) {
      issues.push({ parentCode: parent, a: t.code, b: null, message: `grid ${t.code}: ${(e as Error).message}` });
      continue;
    }
    const list = groups.get(parent) ?? [];
    list.push({ code: t.code, polys });
    groups.set(parent, list);
  }
  for (const [parent, list] of groups) {
    list.sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
    const boxes = list.map((x) => bboxOfRings(x.polys.map((p) => p[0]!)));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        if (!bboxesIntersect(boxes[i]!, boxes[j]!)) continue;
        const hit = list[i]!.polys.some((p) => list[j]!.polys.some((q) => polygonsOverlap(p, q)));
        if (hit) issues.push({ parentCode: parent, a: list[i]!.code, b: list[j]!.code, message: `base grids ${list[i]!.code} and ${list[j]!.code} of ${parent ?? '(no parent)'} overlap` });
      }
    }
  }
  return issues;
}
