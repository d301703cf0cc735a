import { pointInRing, signedArea } from '../../../../src/simulator/world/geometry';
import { createWorld } from '../../../../src/simulator/world/create-world';
import type { SimGrid, World } from '../../../../src/simulator/world/world-types';
import { rngFor } from '../../../../src/simulator/world/rng';
import { gridsBy, sWorld } from './world-fixture';

function bbox(ring: SimGrid['polygon']): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** Children tile the parent: areas sum up and random points fall in exactly one child. */
function expectTiling(parent: SimGrid, children: SimGrid[], samples: number, seed: string): void {
  const area = signedArea(parent.polygon);
  const sum = children.reduce((s, c) => s + signedArea(c.polygon), 0);
  expect(Math.abs(sum - area) / area).toBeLessThan(1e-9);
  const [x0, y0, x1, y1] = bbox(parent.polygon);
  const r = rngFor(1, 'tiling', seed);
  let tested = 0;
  while (tested < samples) {
    const x = r.real(x0, x1);
    const y = r.real(y0, y1);
    if (!pointInRing(parent.polygon, x, y)) continue;
    tested++;
    let hits = 0;
    for (const c of children) if (pointInRing(c.polygon, x, y)) hits++;
    expect(hits).toBe(1);
  }
}

function checkHierarchy(w: World): void {
  const communities = gridsBy(w, 'community');
  const bases = gridsBy(w, 'base');
  const beats = gridsBy(w, 'business');
  for (const b of bases) {
    const owners = communities.filter((c) => c.code === b.parentCode);
    expect(owners).toHaveLength(1);
    expect(b.code).toHaveLength(15);
    expect(b.code.startsWith(owners[0]!.code)).toBe(true);
    const holding = beats.filter((beat) => beat.memberCodes!.includes(b.code));
    expect(holding).toHaveLength(1);
    expect(b.beatCode).toBe(holding[0]!.code);
  }
  for (const beat of beats) {
    expect(beat.kind).toBe('business');
    expect(beat.code).toMatch(new RegExp(`^JW${beat.parentCode}\\d{2}$`));
    const members = bases.filter((b) => beat.memberCodes!.includes(b.code));
    expect(members.every((m) => m.parentCode === beat.parentCode)).toBe(true);
    const sum = members.reduce((s, m) => s + signedArea(m.polygon), 0);
    expect(Math.abs(signedArea(beat.polygon) - sum) / sum).toBeLessThan(1e-9);
  }
}

describe('grid hierarchy (S)', () => {
  const w = sWorld();

  it('has the S shape with real code structure', () => {
    expect(gridsBy(w, 'district')).toHaveLength(1);
    expect(gridsBy(w, 'town')).toHaveLength(1);
    expect(gridsBy(w, 'community')).toHaveLength(2);
    expect(gridsBy(w, 'base')).toHaveLength(4);
    const [shequ, cun] = gridsBy(w, 'community');
    expect(Number(shequ!.code.slice(9))).toBeLessThan(200);
    expect(Number(cun!.code.slice(9))).toBeGreaterThanOrEqual(200);
    expect(cun!.name.endsWith('村')).toBe(true);
    for (const g of w.grids) {
      expect(g.id).toBe(`G:${g.code}`);
      expect(g.polygon[0]).toEqual(g.polygon[g.polygon.length - 1]);
      expect(signedArea(g.polygon)).toBeGreaterThan(0);
    }
  });

  it('every base grid belongs to one community and one beat; beats are unions of whole base grids', () => {
    checkHierarchy(w);
  });

  it('base grids tile their community; communities tile the town; household groups tile their base grid', () => {
    const bases = gridsBy(w, 'base');
    for (const c of gridsBy(w, 'community')) expectTiling(c, bases.filter((b) => b.parentCode === c.code), 2000, c.code);
    const town = gridsBy(w, 'town')[0]!;
    expectTiling(town, gridsBy(w, 'community'), 500, town.code);
    const groups = gridsBy(w, 'household_group');
    for (const b of bases) {
      const children = groups.filter((g) => g.parentCode === b.code);
      expect(children.length).toBeGreaterThan(5);
      for (const g of children) expect(g.code).toMatch(new RegExp(`^${b.code}\\d{2}$`));
      expectTiling(b, children, 300, b.code);
    }
  });

  it('M mixes 街道 and 镇, 社区 and 村, and keeps the hierarchy rules', () => {
    const m = createWorld({ size: 'M', seed: 3 });
    const towns = gridsBy(m, 'town');
    expect(towns.some((t) => Number(t.code.slice(6)) < 100)).toBe(true);
    expect(towns.some((t) => Number(t.code.slice(6)) >= 100)).toBe(true);
    expect(new Set(m.grids.map((g) => g.code)).size).toBe(m.grids.length);
    expect(new Set(gridsBy(m, 'community').map((g) => g.name)).size).toBe(m.communityCount);
    checkHierarchy(m);
    const district = gridsBy(m, 'district')[0]!;
    expectTiling(district, towns, 500, 'district');
  });
});
