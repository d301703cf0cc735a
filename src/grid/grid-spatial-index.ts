/**
 * `GridSpatialIndex`: which grid of a kind holds a point. Polygons are bucketed by bounding box
 * into a uniform lattice per kind (cells sized so a grid spans a few cells), candidates of the
 * point's cell are tested by ray casting. Static: build once from the current grids, then query
 * (`locate(lng, lat, 'base')`). Deterministic: among several grids holding a point (overlaps, or
 * a point on a shared edge) the one with the smallest code wins.
 */
import type { GridKind } from '../domain/vocabulary';
import { bboxContains, bboxOfRings, type BBox, type GeoJsonPolygonLike, pointInPolygons, polygonsOf, type PolygonRings } from './geometry';

export interface IndexedGrid {
  code: string;
  kind: GridKind;
  boundary: GeoJsonPolygonLike;
}

interface Entry {
  code: string;
  polygons: PolygonRings[];
  bbox: BBox;
}

/** One kind's lattice of buckets over the union of its bounding boxes. */
class KindIndex {
  private readonly cells: Entry[][];
  private readonly cols: number;
  private readonly rows: number;
  private readonly extent: BBox;
  private readonly cellW: number;
  private readonly cellH: number;

  constructor(private readonly entries: Entry[]) {
    entries.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.extent = entries.reduce<BBox>((e, x) => ({
      minLng: Math.min(e.minLng, x.bbox.minLng), minLat: Math.min(e.minLat, x.bbox.minLat),
      maxLng: Math.max(e.maxLng, x.bbox.maxLng), maxLat: Math.max(e.maxLat, x.bbox.maxLat),
    }), { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity });
    // About two cells per entry, square-ish cells.
    const side = Math.max(1, Math.ceil(Math.sqrt(entries.length * 2)));
    this.cols = side;
    this.rows = side;
    this.cellW = Math.max((this.extent.maxLng - this.extent.minLng) / this.cols, 1e-12);
    this.cellH = Math.max((this.extent.maxLat - this.extent.minLat) / this.rows, 1e-12);
    this.cells = Array.from({ length: this.cols * this.rows }, () => []);
    for (const e of entries) {
      const [c0, r0] = this.cellOf(e.bbox.minLng, e.bbox.minLat);
      const [c1, r1] = this.cellOf(e.bbox.maxLng, e.bbox.maxLat);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.cells[r * this.cols + c]!.push(e);
    }
  }

  private cellOf(lng: number, lat: number): [number, number] {
    const c = Math.min(this.cols - 1, Math.max(0, Math.floor((lng - this.extent.minLng) / this.cellW)));
    const r = Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.extent.minLat) / this.cellH)));
    return [c, r];
  }

  locate(lng: number, lat: number): string | undefined {
    if (this.entries.length === 0 || !bboxContains(this.extent, lng, lat)) return undefined;
    const [c, r] = this.cellOf(lng, lat);
    // Cell lists keep the code order of `entries`: the first hit is the smallest code.
    for (const e of this.cells[r * this.cols + c]!) {
      if (bboxContains(e.bbox, lng, lat) && pointInPolygons(lng, lat, e.polygons)) return e.code;
    }
    return undefined;
  }

  get size(): number {
    return this.entries.length;
  }
}

export class GridSpatialIndex {
  private readonly byKind = new Map<GridKind, KindIndex>();

  /** Grids without a boundary are skipped; a malformed boundary throws a TypeError naming the grid. */
  constructor(grids: Iterable<IndexedGrid>) {
    const lists = new Map<GridKind, Entry[]>();
    for (const g of grids) {
      let polygons: PolygonRings[];
      try {
        polygons = polygonsOf(g.boundary);
      } catch (e) {
        throw new TypeError(`grid ${g.code}: ${(e as Error).message}`);
      }
      const list = lists.get(g.kind) ?? [];
      list.push({ code: g.code, polygons, bbox: bboxOfRings(polygons.map((p) => p[0]!)) });
      lists.set(g.kind, list);
    }
    for (const [kind, list] of lists) this.byKind.set(kind, new KindIndex(list));
  }

  /** Code of the grid of `kind` holding the point, or undefined. */
  locate(lng: number, lat: number, kind: GridKind = 'base'): string | undefined {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return undefined;
    return this.byKind.get(kind)?.locate(lng, lat);
  }

  /** Grids indexed of a kind. */
  count(kind: GridKind): number {
    return this.byKind.get(kind)?.size ?? 0;
  }
}
