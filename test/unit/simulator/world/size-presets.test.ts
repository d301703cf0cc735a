import { SIZE_PRESETS, specFor } from '../../../../src/simulator/world/size-presets';
import type { SizeName } from '../../../../src/simulator/world/world-types';

describe('size presets', () => {
  const expected: Record<SizeName, [number, number]> = { S: [4_000, 6_000], M: [90_000, 110_000], L: [900_000, 1_100_000], XL: [2_300_000, 2_700_000] };

  it.each(Object.keys(SIZE_PRESETS) as SizeName[])('%s has the intended scale, 1,000–1,500 persons per base grid and ≤ 15k per community', (size) => {
    const p = SIZE_PRESETS[size];
    const persons = p.towns * p.communitiesPerTown * p.baseGridsPerCommunity * p.personsPerBaseGrid;
    expect(persons).toBeGreaterThanOrEqual(expected[size][0]);
    expect(persons).toBeLessThanOrEqual(expected[size][1]);
    expect(p.personsPerBaseGrid).toBeGreaterThanOrEqual(1000);
    expect(p.personsPerBaseGrid).toBeLessThanOrEqual(1500);
    expect(p.baseGridsPerCommunity * p.personsPerBaseGrid * 1.15).toBeLessThanOrEqual(15_000);
  });

  it('defaults to county 440106 and rejects malformed codes', () => {
    expect(specFor('S', 1).countyCode).toBe('440106');
    expect(() => specFor('S', 1, '4401')).toThrow(RangeError);
  });
});
