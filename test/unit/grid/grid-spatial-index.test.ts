import { GridSpatialIndex } from '../../../src/grid/grid-spatial-index';
import { createWorld } from '../../../src/simulator/world/create-world';

const world = createWorld({ size: 'M', seed: 3 });
const index = new GridSpatialIndex(world.grids.map((g) => ({ code: g.code, kind: g.kind, boundary: { type: 'Polygon' as const, coordinates: [g.polygon] } })));

describe('GridSpatialIndex on a simulated district', () => {
  it('indexes every grid by kind', () => {
    expect(index.count('base')).toBe(world.grids.filter((g) => g.kind === 'base').length);
    expect(index.count('household_group')).toBe(world.grids.filter((g) => g.kind === 'household_group').length);
  });

  it('locates every address and thing of a community in the base grid the world put it in', () => {
    for (const c of [0, 7, world.communityCount - 1]) {
      const chunk = world.chunk(c, 0);
      for (const a of chunk.addresses) expect(index.locate(a.lng, a.lat)).toBe(a.gridCode);
      for (const t of chunk.things) expect(index.locate(t.lng, t.lat, 'base')).toBe(t.gridCode);
      for (const a of chunk.addresses) if (a.householdGroupCode !== undefined) expect(index.locate(a.lng, a.lat, 'household_group')).toBe(a.householdGroupCode);
    }
  });

  it('answers the community and police beat too', () => {
    const a = world.chunk(2, 0).addresses[0]!;
    expect(index.locate(a.lng, a.lat, 'admin')).toBeDefined();
    const beat = index.locate(a.lng, a.lat, 'business');
    expect(world.grids.find((g) => g.code === beat)?.memberCodes).toContain(a.gridCode);
  });

  it('undefined outside every grid, for non-finite input and for kinds with no grids', () => {
    expect(index.locate(0, 0)).toBeUndefined();
    expect(index.locate(Number.NaN, 23.1)).toBeUndefined();
    expect(new GridSpatialIndex([]).locate(113.3, 23.1)).toBeUndefined();
  });
});

describe('GridSpatialIndex rules', () => {
  const sq = (x: number, y: number, d: number): number[][] => [[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]];

  it('overlapping grids: the smallest code wins, whatever the input order', () => {
    const grids = [
      { code: 'B', kind: 'base' as const, boundary: { type: 'Polygon' as const, coordinates: [sq(0, 0, 2)] } },
      { code: 'A', kind: 'base' as const, boundary: { type: 'Polygon' as const, coordinates: [sq(1, 1, 2)] } },
    ];
    expect(new GridSpatialIndex(grids).locate(1.5, 1.5)).toBe('A');
    expect(new GridSpatialIndex([...grids].reverse()).locate(1.5, 1.5)).toBe('A');
    expect(new GridSpatialIndex(grids).locate(0.5, 0.5)).toBe('B');
  });

  it('MultiPolygon boundaries', () => {
    const i = new GridSpatialIndex([{ code: 'M', kind: 'business', boundary: { type: 'MultiPolygon', coordinates: [[sq(0, 0, 1)], [sq(5, 5, 1)]] } }]);
    expect(i.locate(5.5, 5.5, 'business')).toBe('M');
    expect(i.locate(3, 3, 'business')).toBeUndefined();
  });

  it('a malformed boundary names the grid', () => {
    expect(() => new GridSpatialIndex([{ code: '440106001001001', kind: 'base', boundary: { type: 'Polygon', coordinates: [[[0, 0]]] } }]))
      .toThrow(/grid 440106001001001: a ring needs at least 3 positions/);
  });
});
