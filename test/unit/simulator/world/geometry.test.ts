import { type Quad, blockRing, cellQuad, pointInRing, quadRing, signedArea, splitQuad } from '../../../../src/simulator/world/geometry';
import { rngFor } from '../../../../src/simulator/world/rng';

const PARENT: Quad = [[113.2, 23.0], [113.31, 23.01], [113.3, 23.1], [113.19, 23.09]];

describe('splitQuad', () => {
  const lattice = splitQuad(PARENT, 4, 3, rngFor(1, 'geometry'));
  const cells = Array.from({ length: 12 }, (_, k) => quadRing(cellQuad(lattice, k % 4, Math.floor(k / 4))));

  it('produces closed counter-clockwise cells whose areas sum to the parent area', () => {
    const parentArea = signedArea(quadRing(PARENT));
    let sum = 0;
    for (const ring of cells) {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(signedArea(ring)).toBeGreaterThan(0);
      sum += signedArea(ring);
    }
    expect(Math.abs(sum - parentArea) / parentArea).toBeLessThan(1e-9);
  });

  it('puts every sample point of the parent in exactly one cell', () => {
    const r = rngFor(2, 'points');
    const ring = quadRing(PARENT);
    let tested = 0;
    while (tested < 2000) {
      const x = r.real(113.19, 113.31);
      const y = r.real(23.0, 23.1);
      if (!pointInRing(ring, x, y)) continue;
      tested++;
      expect(cells.filter((c) => pointInRing(c, x, y))).toHaveLength(1);
    }
  });

  it('blockRing is the exact union of its cells', () => {
    const block = blockRing(lattice, 1, 2, 0, 2);
    let sum = 0;
    for (let r = 0; r < 3; r++) for (let c = 1; c <= 2; c++) sum += signedArea(quadRing(cellQuad(lattice, c, r)));
    expect(Math.abs(signedArea(block) - sum) / sum).toBeLessThan(1e-9);
  });
});
