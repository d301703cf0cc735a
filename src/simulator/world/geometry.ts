/**
 * Planar geometry on [lng, lat] for the synthetic grids: jittered quad lattices that tile a
 * parent quadrilateral exactly, bilinear interpolation for points inside a quad, ring area and
 * point-in-polygon. Coordinates are treated as plane coordinates (the district is a few km wide).
 *
 * Tiling argument: a lattice in the unit square whose boundary vertices stay on the square's
 * edges is mapped through the parent's bilinear map. Along u = const or v = const the map is
 * linear, so boundary vertices land on the parent's straight edges, and neighbouring cells share
 * the very same vertex objects — the cells tile the parent with no gaps or overlaps.
 */
import type { LngLat } from './world-types';
import type { Rng } from './rng';

/** Corners of a quadrilateral in counter-clockwise order: SW, SE, NE, NW. */
export type Quad = readonly [LngLat, LngLat, LngLat, LngLat];

/** A lattice of (cols + 1) × (rows + 1) vertices; vertex (c, r) at index r * (cols + 1) + c. */
export interface Lattice {
  cols: number;
  rows: number;
  vertices: LngLat[];
}

/** Bilinear point of a quad at (u, v) ∈ [0, 1]² (u east, v north). */
export function bilinear(q: Quad, u: number, v: number): LngLat {
  const a = (1 - u) * (1 - v);
  const b = u * (1 - v);
  const c = u * v;
  const d = (1 - u) * v;
  return [
    a * q[0][0] + b * q[1][0] + c * q[2][0] + d * q[3][0],
    a * q[0][1] + b * q[1][1] + c * q[2][1] + d * q[3][1],
  ];
}

/** cols × rows with cols * rows = n, as close to square as possible (cols ≥ rows). */
export function latticeShape(n: number): { cols: number; rows: number } {
  let rows = Math.floor(Math.sqrt(n));
  while (rows > 1 && n % rows !== 0) rows--;
  return { cols: n / rows, rows };
}

/**
 * Splits a quad into cols × rows cells. Interior vertices are jittered by up to `jitter` of a cell
 * in both directions; boundary vertices only along their edge; corners stay.
 */
export function splitQuad(parent: Quad, cols: number, rows: number, rng: Rng, jitter = 0.18): Lattice {
  const vertices: LngLat[] = [];
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      let u = c / cols;
      let v = r / rows;
      const du = (rng.next() * 2 - 1) * jitter;
      const dv = (rng.next() * 2 - 1) * jitter;
      if (c > 0 && c < cols) u += du / cols;
      if (r > 0 && r < rows) v += dv / rows;
      vertices.push(c === 0 || c === cols || r === 0 || r === rows ? edgePoint(parent, c, r, cols, rows, u, v) : bilinear(parent, u, v));
    }
  }
  return { cols, rows, vertices };
}

/** Boundary vertices: exact corners, otherwise the bilinear point (which lies on the straight edge). */
function edgePoint(parent: Quad, c: number, r: number, cols: number, rows: number, u: number, v: number): LngLat {
  if (c === 0 && r === 0) return parent[0];
  if (c === cols && r === 0) return parent[1];
  if (c === cols && r === rows) return parent[2];
  if (c === 0 && r === rows) return parent[3];
  return bilinear(parent, c === 0 ? 0 : c === cols ? 1 : u, r === 0 ? 0 : r === rows ? 1 : v);
}

function vertexAt(l: Lattice, c: number, r: number): LngLat {
  return l.vertices[r * (l.cols + 1) + c]!;
}

/** The quad of cell (c, r). */
export function cellQuad(l: Lattice, c: number, r: number): Quad {
  return [vertexAt(l, c, r), vertexAt(l, c + 1, r), vertexAt(l, c + 1, r + 1), vertexAt(l, c, r + 1)];
}

/** Closed CCW ring of a quad. */
export function quadRing(q: Quad): LngLat[] {
  return [q[0], q[1], q[2], q[3], q[0]];
}

/** Closed CCW ring around the block of cells c0..c1 × r0..r1 (inclusive): the exact union of those cells. */
export function blockRing(l: Lattice, c0: number, c1: number, r0: number, r1: number): LngLat[] {
  const ring: LngLat[] = [];
  for (let c = c0; c <= c1; c++) ring.push(vertexAt(l, c, r0));
  for (let r = r0; r <= r1; r++) ring.push(vertexAt(l, c1 + 1, r));
  for (let c = c1 + 1; c > c0; c--) ring.push(vertexAt(l, c, r1 + 1));
  for (let r = r1 + 1; r > r0; r--) ring.push(vertexAt(l, c0, r));
  ring.push(ring[0]!);
  return ring;
}

/** Signed area of a closed ring (positive when counter-clockwise), computed relative to its first vertex. */
export function signedArea(ring: readonly LngLat[]): number {
  const [x0, y0] = ring[0]!;
  let sum = 0;
  for (let i = 1; i < ring.length - 1; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += (x1 - x0) * (y2 - y0) - (x2 - x0) * (y1 - y0);
  }
  return sum / 2;
}

/** Even-odd ray casting; points exactly on an edge may go either way. */
export function pointInRing(ring: readonly LngLat[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Rounds a coordinate to 7 decimals (~1 cm), for points only (never for polygon vertices). */
export function round7(x: number): number {
  return Math.round(x * 1e7) / 1e7;
}
