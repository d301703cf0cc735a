/**
 * Planar geometry on lng/lat rings (a district is small enough for the plane): bounding boxes,
 * point in polygon by ray casting (holes respected), proper segment crossings. GeoJSON shapes
 * only: a ring is `[lng, lat][]`, closed or not; a polygon is an outer ring plus holes.
 */

export type Position = readonly [number, number] | readonly number[];
export type Ring = readonly Position[];
/** Outer ring first, then holes. */
export type PolygonRings = readonly Ring[];

export interface GeoJsonPolygonLike {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
}

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** The polygons of a GeoJSON Polygon or MultiPolygon; throws a TypeError naming what is wrong. */
export function polygonsOf(g: GeoJsonPolygonLike): PolygonRings[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? (g.coordinates as unknown[]) : undefined;
  if (polys === undefined || !Array.isArray(polys)) throw new TypeError(`expected a GeoJSON Polygon or MultiPolygon, got type ${JSON.stringify((g as { type?: unknown }).type)}`);
  for (const p of polys) {
    if (!Array.isArray(p) || p.length === 0) throw new TypeError('a polygon needs at least its outer ring');
    for (const r of p as unknown[]) {
      if (!Array.isArray(r) || r.length < 3) throw new TypeError('a ring needs at least 3 positions');
      for (const pos of r as unknown[]) {
        if (!Array.isArray(pos) || typeof pos[0] !== 'number' || typeof pos[1] !== 'number' || !Number.isFinite(pos[0]) || !Number.isFinite(pos[1])) {
          throw new TypeError(`a position must be [lng, lat] numbers, got ${JSON.stringify(pos)}`);
        }
      }
    }
  }
  return polys as PolygonRings[];
}

export function bboxOfRings(rings: readonly Ring[]): BBox {
  let minLng = Infinity;
  let minLat = Infinity;
  let maxLng = -Infinity;
  let maxLat = -Infinity;
  for (const r of rings) {
    for (const p of r) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < minLng) minLng = x;
      if (x > maxLng) maxLng = x;
      if (y < minLat) minLat = y;
      if (y > maxLat) maxLat = y;
    }
  }
  return { minLng, minLat, maxLng, maxLat };
}

export function bboxOf(g: GeoJsonPolygonLike): BBox {
  return bboxOfRings(polygonsOf(g).map((p) => p[0]!));
}

export function bboxContains(b: BBox, lng: number, lat: number): boolean {
  return lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat;
}

export function bboxesIntersect(a: BBox, b: BBox): boolean {
  return a.minLng <= b.maxLng && b.minLng <= a.maxLng && a.minLat <= b.maxLat && b.minLat <= a.maxLat;
}

/** Ray casting (even–odd) against one ring; points exactly on an edge may fall either way. */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const xi = ring[i]![0]!;
    const yi = ring[i]![1]!;
    const xj = ring[j]![0]!;
    const yj = ring[j]![1]!;
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring and outside every hole. */
export function pointInPolygon(lng: number, lat: number, polygon: PolygonRings): boolean {
  if (!pointInRing(lng, lat, polygon[0]!)) return false;
  for (let h = 1; h < polygon.length; h++) if (pointInRing(lng, lat, polygon[h]!)) return false;
  return true;
}

export function pointInPolygons(lng: number, lat: number, polygons: readonly PolygonRings[]): boolean {
  for (const p of polygons) if (pointInPolygon(lng, lat, p)) return true;
  return false;
}

/** Signed area (shoelace; positive = counter-clockwise), in square degrees. */
export function ringArea(ring: Ring): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! * ring[i]![1]!) - (ring[i]![0]! * ring[j]![1]!);
  return a / 2;
}

const EPS = 1e-12;

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return Math.abs(v) < EPS ? 0 : v > 0 ? 1 : -1;
}

/** Whether segments ab and cd cross at a single point interior to both (touching and collinear overlap do not count). */
export function segmentsCrossProperly(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a[0]!, a[1]!, b[0]!, b[1]!, c[0]!, c[1]!);
  const o2 = orient(a[0]!, a[1]!, b[0]!, b[1]!, d[0]!, d[1]!);
  const o3 = orient(c[0]!, c[1]!, d[0]!, d[1]!, a[0]!, a[1]!);
  const o4 = orient(c[0]!, c[1]!, d[0]!, d[1]!, b[0]!, b[1]!);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

/** A point strictly inside the ring (the vertex mean when it is inside, else a probe along diagonals); undefined for degenerate rings. */
export function interiorPoint(ring: Ring): [number, number] | undefined {
  const n = ring.length;
  let sx = 0;
  let sy = 0;
  for (const p of ring) {
    sx += p[0]!;
    sy += p[1]!;
  }
  const mean: [number, number] = [sx / n, sy / n];
  if (pointInRing(mean[0], mean[1], ring)) return mean;
  for (let i = 0; i < n; i++) {
    for (let j = i + 2; j < n; j++) {
      const m: [number, number] = [(ring[i]![0]! + ring[j]![0]!) / 2, (ring[i]![1]! + ring[j]![1]!) / 2];
      if (pointInRing(m[0], m[1], ring)) return m;
    }
  }
  return undefined;
}

/**
 * Whether two simple polygons share interior area: an edge of one properly crosses an edge of the
 * other, or an interior point of one lies in the other. Tiles sharing edges or corners do not overlap.
 */
export function polygonsOverlap(a: PolygonRings, b: PolygonRings): boolean {
  const ra = a[0]!;
  const rb = b[0]!;
  if (!bboxesIntersect(bboxOfRings([ra]), bboxOfRings([rb]))) return false;
  for (let i = 0, j = ra.length - 1; i < ra.length; j = i++) {
    for (let k = 0, l = rb.length - 1; k < rb.length; l = k++) {
      if (segmentsCrossProperly(ra[j]!, ra[i]!, rb[l]!, rb[k]!)) return true;
    }
  }
  const pa = interiorPoint(ra);
  if (pa !== undefined && pointInPolygon(pa[0], pa[1], b)) return true;
  const pb = interiorPoint(rb);
  return pb !== undefined && pointInPolygon(pb[0], pb[1], a);
}
