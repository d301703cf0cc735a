import { createWorld } from '../../../../src/simulator/world/create-world';
import { SEED } from './world-fixture';

describe('determinism', () => {
  it('same seed gives byte-identical chunks, different seed different data', () => {
    const a = createWorld({ size: 'S', seed: SEED });
    const b = createWorld({ size: 'S', seed: SEED });
    const c = createWorld({ size: 'S', seed: SEED + 1 });
    expect(JSON.stringify(b.grids)).toBe(JSON.stringify(a.grids));
    for (let i = 0; i < a.communityCount; i++) expect(JSON.stringify(b.chunk(i, 0))).toBe(JSON.stringify(a.chunk(i, 0)));
    expect(JSON.stringify(c.chunk(0, 0).persons)).not.toBe(JSON.stringify(a.chunk(0, 0).persons));
    expect(JSON.stringify(c.grids)).not.toBe(JSON.stringify(a.grids));
  });

  it('chunk(i, t) does not depend on call order or on the cache', () => {
    const a = createWorld({ size: 'S', seed: 5, cacheSize: 1 });
    const b = createWorld({ size: 'S', seed: 5, cacheSize: 1 });
    const first = [JSON.stringify(a.chunk(1, 3)), JSON.stringify(a.chunk(0, 0)), JSON.stringify(a.chunk(0, 2))];
    const second = [JSON.stringify(b.chunk(0, 2)), JSON.stringify(b.chunk(0, 0)), JSON.stringify(b.chunk(1, 3))];
    expect(second).toEqual([first[2], first[1], first[0]]);
    expect(JSON.stringify(a.chunk(1, 3))).toBe(first[0]);
  });

  it('returns the cached chunk for repeated calls and rejects bad arguments', () => {
    const w = createWorld({ size: 'S', seed: 9 });
    expect(w.chunk(0, 1)).toBe(w.chunk(0, 1));
    expect(() => w.chunk(2, 0)).toThrow(RangeError);
    expect(() => w.chunk(0, -1)).toThrow(RangeError);
  });
});
