import { findOverlaps } from '../../../src/grid/overlap-check';
import { createWorld } from '../../../src/simulator/world/create-world';

const sq = (x: number, y: number, d: number): number[][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];
const poly = (ring: number[][]) => ({ type: 'Polygon' as const, coordinates: [ring] });

describe('findOverlaps', () => {
  it('the jittered base-grid tilings of a simulated district do not overlap', () => {
    const world = createWorld({ size: 'M', seed: 11 });
    const bases = world.grids.filter((g) => g.kind === 'base').map((g) => ({ code: g.code, parentCode: g.parentCode, boundary: poly(g.polygon) }));
    expect(bases.length).toBeGreaterThan(50);
    expect(findOverlaps(bases)).toEqual([]);
  });

  it('reports each overlapping pair within a parent, not across parents', () => {
    const issues = findOverlaps([
      { code: 'a1', parentCode: 'A', boundary: poly(sq(0, 0, 2)) },
      { code: 'a2', parentCode: 'A', boundary: poly(sq(1, 1, 2)) },
      { code: 'a3', parentCode: 'A', boundary: poly(sq(2, 0.5, 1)) },
      { code: 'b1', parentCode: 'B', boundary: poly(sq(0, 0, 2)) },
    ]);
    expect(issues.map((i) => [i.parentCode, i.a, i.b])).toEqual([['A', 'a1', 'a2'], ['A', 'a2', 'a3']]);
    expect(issues[0]!.message).toBe('base grids a1 and a2 of A overlap');
  });

  it('reports unreadable or missing boundaries instead of throwing', () => {
    const issues = findOverlaps([
      { code: 'x', parentCode: 'A', boundary: null },
      { code: 'y', parentCode: 'A', boundary: { type: 'Polygon', coordinates: [[[0, 0]]] } },
    ]);
    expect(issues.map((i) => i.message)).toEqual(['grid x has no boundary', 'grid y: a ring needs at least 3 positions']);
  });
});
