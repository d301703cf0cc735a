/**
 * Shapes of the synthetic district per size. Uniform hierarchy (every town has the same number of
 * communities, every community the same number of base grids), ~1,250 persons per base grid (the
 * 1,000–1,500 seen in practice) and at most ~10k persons per community, which bounds the cost of
 * one chunk.
 *
 * | size | towns | communities | base grids | ≈ persons |
 * |------|-------|-------------|------------|-----------|
 * | S    | 1     | 2           | 4          | 5k        |
 * | M    | 4     | 20          | 80         | 100k      |
 * | L    | 10    | 100         | 800        | 1M        |
 * | XL   | 20    | 240         | 1,920      | 2.5M      |
 */
import type { SizeName, WorldSpec } from './world-types';

export type SizePreset = Pick<WorldSpec, 'towns' | 'communitiesPerTown' | 'baseGridsPerCommunity' | 'personsPerBaseGrid'>;

export const SIZE_PRESETS: Readonly<Record<SizeName, SizePreset>> = {
  S: { towns: 1, communitiesPerTown: 2, baseGridsPerCommunity: 2, personsPerBaseGrid: 1250 },
  M: { towns: 4, communitiesPerTown: 5, baseGridsPerCommunity: 4, personsPerBaseGrid: 1250 },
  L: { towns: 10, communitiesPerTown: 10, baseGridsPerCommunity: 8, personsPerBaseGrid: 1250 },
  XL: { towns: 20, communitiesPerTown: 12, baseGridsPerCommunity: 8, personsPerBaseGrid: 1300 },
};

/** Default county: 440106 (the real code of a Guangzhou district; all names in the world are synthetic). */
export const DEFAULT_COUNTY_CODE = '440106';

/** Builds the spec for a size. */
export function specFor(size: SizeName, seed: number, countyCode: string = DEFAULT_COUNTY_CODE): WorldSpec {
  if (!/^\d{6}$/.test(countyCode)) throw new RangeError(`countyCode must be 6 digits, got '${countyCode}'`);
  return { size, seed, countyCode, ...SIZE_PRESETS[size] };
}
