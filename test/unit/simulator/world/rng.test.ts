import { cumulative, rngFor } from '../../../../src/simulator/world/rng';

describe('rngFor', () => {
  it('gives the same stream for the same key and different streams for different keys', () => {
    const a = rngFor(1, 'community', 3, 'tick', 2);
    const b = rngFor(1, 'community', 3, 'tick', 2);
    const c = rngFor(1, 'community', 3, 'tick', 3);
    const d = rngFor(2, 'community', 3, 'tick', 2);
    const xs = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xs);
    expect(Array.from({ length: 5 }, () => d.nextUint32())).not.toEqual(xs);
  });

  it('is roughly uniform and its helpers stay in range', () => {
    const r = rngFor(7, 'uniform');
    let sum = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const x = r.next();
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    const ks = new Set(Array.from({ length: 1000 }, () => r.range(3, 8)));
    expect([...ks].sort()).toEqual([3, 4, 5, 6, 7, 8]);
    const counts = [0, 0, 0];
    const cum = cumulative([1, 2, 7]);
    for (let i = 0; i < 10_000; i++) counts[r.weightedIndex(cum)]!++;
    expect(counts[2]! / 10_000).toBeCloseTo(0.7, 1);
    let poisson = 0;
    for (let i = 0; i < 5000; i++) poisson += r.poisson(2);
    expect(poisson / 5000).toBeCloseTo(2, 0);
  });
});
