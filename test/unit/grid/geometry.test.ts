import {
  bboxOf, interiorPoint, pointInPolygon, pointInRing, polygonsOf, polygonsOverlap, ringArea, segmentsCrossProperly, type Ring,
} from '../../../src/grid/geometry';

const square = (x: number, y: number, d: number): Ring => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
/** An L: the unit square [0,2]² without its top-right quarter. */
const ell: Ring = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]];

describe('pointInRing / pointInPolygon', () => {
  it.each<[string, number, number, boolean]>([
    ['centre', 0.5, 0.5, true],
    ['outside right', 1.5, 0.5, false],
    ['outside below', 0.5, -0.1, false],
    ['far away', 10, 10, false],
  ])('square: %s', (_n, x, y, inside) => {
    expect(pointInRing(x, y, square(0, 0, 1))).toBe(inside);
  });

  it.each<[number, number, boolean]>([[0.5, 0.5, true], [1.5, 0.5, true], [0.5, 1.5, true], [1.5, 1.5, false]])('concave L at (%d, %d) → %s', (x, y, inside) => {
    expect(pointInRing(x, y, ell)).toBe(inside);
  });

  it('respects holes', () => {
    const withHole = [square(0, 0, 4), square(1, 1, 2)];
    expect(pointInPolygon(0.5, 0.5, withHole)).toBe(true);
    expect(pointInPolygon(2, 2, withHole)).toBe(false);
  });

  it('works for open rings too', () => {
    expect(pointInRing(0.5, 0.5, [[0, 0], [1, 0], [1, 1], [0, 1]])).toBe(true);
  });
});

describe('polygonsOverlap', () => {
  it.each<[string, Ring, Ring, boolean]>([
    ['shared edge (tiles)', square(0, 0, 1), square(1, 0, 1), false],
    ['shared corner', square(0, 0, 1), square(1, 1, 1), false],
    ['apart', square(0, 0, 1), square(3, 3, 1), false],
    ['crossing', square(0, 0, 1), square(0.5, 0.5, 1), true],
    ['contained', square(0, 0, 4), square(1, 1, 1), true],
    ['identical', square(0, 0, 1), square(0, 0, 1), true],
    ['T-junction along an edge', square(0, 0, 2), square(2, 0.5, 1), false],
  ])('%s → %s', (_n, a, b, overlap) => {
    expect(polygonsOverlap([a], [b])).toBe(overlap);
    expect(polygonsOverlap([b], [a])).toBe(overlap);
  });
});

describe('segments, areas, interior points, parsing', () => {
  it('proper crossings only', () => {
    expect(segmentsCrossProperly([0, 0], [2, 2], [0, 2], [2, 0])).toBe(true);
    expect(segmentsCrossProperly([0, 0], [2, 0], [1, 0], [3, 0])).toBe(false); // collinear overlap
    expect(segmentsCrossProperly([0, 0], [2, 0], [1, 0], [1, 2])).toBe(false); // touching
  });

  it('signed area: counter-clockwise positive', () => {
    expect(ringArea(square(0, 0, 2))).toBeCloseTo(4);
    expect(ringArea([...square(0, 0, 2)].reverse())).toBeCloseTo(-4);
  });

  it('interior point of a concave ring lies inside it', () => {
    const p = interiorPoint(ell)!;
    expect(pointInRing(p[0], p[1], ell)).toBe(true);
  });

  it('reads Polygon and MultiPolygon, names what is wrong', () => {
    expect(bboxOf({ type: 'Polygon', coordinates: [square(1, 2, 3)] })).toEqual({ minLng: 1, minLat: 2, maxLng: 4, maxLat: 5 });
    expect(polygonsOf({ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [square(5, 5, 1)]] })).toHaveLength(2);
    expect(() => polygonsOf({ type: 'Point' as 'Polygon', coordinates: [1, 2] })).toThrow(/expected a GeoJSON Polygon or MultiPolygon, got type "Point"/);
    expect(() => polygonsOf({ type: 'Polygon', coordinates: [[[0, 0], [1, 'x'], [1, 1]]] })).toThrow(/a position must be \[lng, lat\] numbers/);
    expect(() => polygonsOf({ type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] })).toThrow(/at least 3 positions/);
  });
});
