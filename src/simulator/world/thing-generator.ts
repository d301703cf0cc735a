/**
 * 物: city management parts (部件) per base grid — 20–60 of them, classes after the CJ/T 214 /
 * GB/T 30428 convention (major 01 公用设施, 02 道路交通, 03 市容环境, 04 园林绿化), 16-character codes
 * county(6) + major(2) + minor(2) + serial(6) — plus a few hazardous sources (加油站, 液化气站) and
 * safety equipment (微型消防站, AED). Serials are `community index × 2,000 + local counter`, so codes
 * are unique in the district. Points lie inside the base grid.
 */
import type { ThingKind } from '../../domain/vocabulary';
import type { SimOrganisation, SimThing } from './world-types';
import type { CommunityLayout } from './grid-generator';
import { bilinear, round7 } from './geometry';
import { type Rng, cumulative } from './rng';

interface ThingClass {
  kind: ThingKind;
  major: string;
  minor: string;
  name: string;
  weight: number;
}

const PARTS: readonly ThingClass[] = [
  { kind: 'city_part', major: '01', minor: '01', name: '上水井盖', weight: 10 },
  { kind: 'city_part', major: '01', minor: '02', name: '污水井盖', weight: 10 },
  { kind: 'city_part', major: '01', minor: '03', name: '雨水井盖', weight: 8 },
  { kind: 'city_part', major: '01', minor: '04', name: '雨水箅子', weight: 8 },
  { kind: 'city_part', major: '01', minor: '05', name: '电力井盖', weight: 5 },
  { kind: 'city_part', major: '01', minor: '07', name: '通信井盖', weight: 5 },
  { kind: 'city_part', major: '01', minor: '10', name: '燃气井盖', weight: 3 },
  { kind: 'city_part', major: '01', minor: '12', name: '消防栓', weight: 6 },
  { kind: 'city_part', major: '01', minor: '16', name: '路灯', weight: 14 },
  { kind: 'city_part', major: '02', minor: '03', name: '公交站亭', weight: 2 },
  { kind: 'city_part', major: '02', minor: '08', name: '交通标志牌', weight: 4 },
  { kind: 'city_part', major: '02', minor: '13', name: '道路隔离护栏', weight: 3 },
  { kind: 'city_part', major: '03', minor: '01', name: '公共厕所', weight: 1 },
  { kind: 'city_part', major: '03', minor: '03', name: '垃圾箱', weight: 12 },
  { kind: 'city_part', major: '03', minor: '06', name: '广告牌匾', weight: 4 },
  { kind: 'city_part', major: '04', minor: '03', name: '行道树', weight: 8 },
  { kind: 'city_part', major: '04', minor: '06', name: '绿地', weight: 2 },
];
const PART_CUM = cumulative(PARTS.map((p) => p.weight));
const HAZARD_SOURCES: readonly ThingClass[] = [
  { kind: 'hazard_source', major: '07', minor: '01', name: '加油站', weight: 1 },
  { kind: 'hazard_source', major: '07', minor: '02', name: '液化气站', weight: 1 },
  { kind: 'hazard_source', major: '07', minor: '03', name: '危险化学品仓库', weight: 1 },
];
const SAFETY: readonly ThingClass[] = [
  { kind: 'safety_equipment', major: '08', minor: '01', name: '微型消防站', weight: 1 },
  { kind: 'safety_equipment', major: '08', minor: '02', name: 'AED除颤仪', weight: 1 },
];

/** Things of a community. Hazard sources are owned by one of its enterprises when there is one. */
export function generateThings(rng: Rng, countyCode: string, layout: CommunityLayout, orgs: SimOrganisation[]): SimThing[] {
  const things: SimThing[] = [];
  const counters = new Map<string, number>();
  const enterprises = orgs.filter((o) => o.kind === 'enterprise');
  const add = (c: ThingClass, b: number): SimThing => {
    const key = c.major + c.minor;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    const code = countyCode + key + String(layout.index * 2000 + n).padStart(6, '0');
    const at = bilinear(layout.baseQuads[b]!, rng.real(0.04, 0.96), rng.real(0.04, 0.96));
    const t: SimThing = { id: `T:${code}`, code, kind: c.kind, majorClass: c.major, minorClass: c.minor, name: c.name, lng: round7(at[0]), lat: round7(at[1]), gridCode: layout.baseGrids[b]!.code, updatedTick: 0 };
    things.push(t);
    return t;
  };
  for (let b = 0; b < layout.baseGrids.length; b++) {
    const parts = rng.range(20, 60);
    for (let k = 0; k < parts; k++) add(PARTS[rng.weightedIndex(PART_CUM)]!, b);
    if (rng.chance(0.3)) {
      const t = add(rng.pick(HAZARD_SOURCES), b);
      if (enterprises.length > 0) t.ownerOrgId = rng.pick(enterprises).id;
    }
    if (rng.chance(0.5)) add(rng.pick(SAFETY), b);
  }
  return things;
}
