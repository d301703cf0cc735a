/**
 * Standard addresses (一标三实 标准地址) of one community, as a GA/T 2000.32 tree:
 *
 * - urban (社区): community (30) → one road per base grid (40) → shop-front door numbers (40)
 *   and compound gates (40) → compound (42, 小区/花园/苑) → buildings (50) → entrance units (61) →
 *   rooms (62, floor attribute);
 * - village (村): community (30) → villager groups (34) → natural villages (44) → house door
 *   numbers (40), some of them shop fronts.
 *
 * Codes are `<15-digit base grid><6-digit serial>` (the community root: `<12-digit community>000000000`),
 * unique in the district. `fullText` is `parseAddress(text).canonical` and `components` the parsed
 * components, so they match what the hub computes. Points are bilinear interpolations with margins
 * inside a household-group quad (or the base-grid quad for doors), hence strictly inside the base grid.
 * Depends only on (seed, community); the population generator fills the dwellings afterwards.
 */
import { parseAddress } from '../../domain/address';
import { defaultDivisionRegistry } from '../../domain/division-code';
import type { AddressLevel } from '../../domain/vocabulary';
import type { SimAddress, WorldSpec } from './world-types';
import type { CommunityLayout } from './grid-generator';
import { type Quad, bilinear, round7 } from './geometry';
import { districtNameOf, placeName, SURNAMES } from './names';
import { type Rng, rngFor } from './rng';
import { RATES } from './rates';

/** A dwelling (room or village house) that households can live in. */
export interface Dwelling {
  address: SimAddress;
  baseIndex: number;
  village: boolean;
}

export interface CommunityAddresses {
  addresses: SimAddress[];
  dwellings: Dwelling[];
  /** Shop-front door addresses per base grid. */
  shopsByBase: SimAddress[][];
  /** Target persons per base grid (drives organisation and event counts). */
  personsByBase: number[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const COMPOUND_SUFFIXES = ['花园', '苑', '小区', '家园', '雅苑', '公寓'];
const ROAD_SUFFIXES = ['路', '大道', '路', '街'];
const VILLAGE_SUFFIXES = ['家庄', '屯', '家寨', '坪'];
const PLACE_SURNAMES = SURNAMES.filter((s) => !'万'.includes(s));

/** Province (real, from the division table), city (synthetic) and district (synthetic) prefix. */
export function districtPrefix(countyCode: string): string {
  const province = defaultDivisionRegistry().lookup(`${countyCode.slice(0, 2)}0000`)?.name ?? '广东省';
  return `${province}南溪市${districtNameOf(countyCode)}`;
}

/** Persons a base grid is sized for: the spec's target ± 15 %. */
export function targetPersons(spec: WorldSpec, baseCode: string): number {
  return Math.round(spec.personsPerBaseGrid * rngFor(spec.seed, 'grid-size', baseCode).real(0.85, 1.15));
}

class Builder {
  readonly addresses: SimAddress[] = [];
  private serial = 0;

  constructor(private readonly baseCode: string, private readonly rng: Rng) {}

  add(level: AddressLevel, elementName: string, text: string, parent: SimAddress | undefined, at: [number, number], hgCode?: string, floor?: number): SimAddress {
    const code = this.baseCode + pad(++this.serial, 6);
    return push(this.addresses, code, level, elementName, text, parent, at, this.baseCode, hgCode, floor);
  }

  /** A point inside a quad with margins. */
  pointIn(q: Quad, margin = 0.12): [number, number] {
    return bilinear(q, this.rng.real(margin, 1 - margin), this.rng.real(margin, 1 - margin));
  }
}

function push(out: SimAddress[], code: string, level: AddressLevel, elementName: string, text: string, parent: SimAddress | undefined, at: [number, number], gridCode: string, hgCode?: string, floor?: number): SimAddress {
  const parsed = parseAddress(text);
  const a: SimAddress = {
    id: `A:${code}`,
    code,
    level,
    elementName,
    fullText: parsed.canonical,
    components: parsed.components as Record<string, string>,
    lng: round7(at[0]),
    lat: round7(at[1]),
    gridCode,
  };
  if (parent !== undefined) a.parentId = parent.id;
  if (floor !== undefined) a.floor = floor;
  if (hgCode !== undefined) a.householdGroupCode = hgCode;
  out.push(a);
  return a;
}

/** Generates the address tree of a community. */
export function generateAddresses(spec: WorldSpec, layout: CommunityLayout): CommunityAddresses {
  const prefix = districtPrefix(spec.countyCode) + layout.town.name + layout.community.name;
  const rootAt = bilinear(layout.baseQuads[0]!, 0.5, 0.5);
  const addresses: SimAddress[] = [];
  const root = push(addresses, `${layout.community.code}000000000`, '30', layout.community.name, prefix, undefined, rootAt, layout.baseGrids[0]!.code);
  const dwellings: Dwelling[] = [];
  const shopsByBase: SimAddress[][] = [];
  const personsByBase: number[] = [];
  for (let b = 0; b < layout.baseGrids.length; b++) {
    const base = layout.baseGrids[b]!;
    const persons = targetPersons(spec, base.code);
    personsByBase.push(persons);
    const builder = new Builder(base.code, rngFor(spec.seed, 'addresses', base.code));
    const ctx: BaseContext = { spec, layout, b, prefix, root, builder, dwellings, shops: [], persons };
    if (layout.isVillage) villageBase(ctx);
    else urbanBase(ctx);
    shopsByBase.push(ctx.shops);
    for (const a of builder.addresses) addresses.push(a);
  }
  return { addresses, dwellings, shopsByBase, personsByBase };
}

interface BaseContext {
  spec: WorldSpec;
  layout: CommunityLayout;
  b: number;
  prefix: string;
  root: SimAddress;
  builder: Builder;
  dwellings: Dwelling[];
  shops: SimAddress[];
  persons: number;
}

function shopCount(persons: number): number {
  return Math.ceil(persons * RATES.organisationsPerPerson * 1.3);
}

interface BuildingPlan {
  floors: number;
  units: number;
  roomsPerFloorUnit: number;
}

function planBuildings(rng: Rng, dwellingsWanted: number): BuildingPlan[] {
  const plans: BuildingPlan[] = [];
  let total = 0;
  while (total < dwellingsWanted) {
    const p: BuildingPlan = { floors: rng.range(6, 18), units: rng.range(1, 3), roomsPerFloorUnit: 2 };
    plans.push(p);
    total += p.floors * p.units * p.roomsPerFloorUnit;
  }
  return plans;
}

function urbanBase(ctx: BaseContext): void {
  const { layout, b, builder } = ctx;
  const q = layout.baseQuads[b]!;
  const rng = rngFor(ctx.spec.seed, 'urban', layout.baseGrids[b]!.code);
  const roadName = placeName(3, layout.index * 16 + b) + ROAD_SUFFIXES[(layout.index + b) % ROAD_SUFFIXES.length]!;
  const roadText = ctx.prefix + roadName;
  const road = builder.add('40', roadName, roadText, ctx.root, bilinear(q, 0.5, 0.05));
  const shops = shopCount(ctx.persons);
  for (let s = 0; s < shops; s++) {
    const door = 2 * s + 1;
    ctx.shops.push(builder.add('40', `${door}号`, `${roadText}${door}号`, road, bilinear(q, 0.05 + (0.9 * (s + 0.5)) / shops, 0.05)));
  }
  const plans = planBuildings(rng, Math.round(ctx.persons / RATES.personsPerDwelling));
  const compounds = plans.length > 6 ? 2 : 1;
  const hgQuads = layout.householdGroupQuads[b]!;
  const hgs = layout.householdGroups[b]!;
  let k = 0;
  for (let c = 0; c < compounds; c++) {
    const door = 2 * (c + 1) * 50;
    const gate = builder.add('40', `${door}号`, `${roadText}${door}号`, road, bilinear(q, 0.25 + 0.5 * c, 0.1));
    const name = placeName(4, layout.index * 32 + b * 2 + c) + COMPOUND_SUFFIXES[(b + c + layout.index) % COMPOUND_SUFFIXES.length]!;
    const compoundText = `${roadText}${door}号${name}`;
    const compound = builder.add('42', name, compoundText, gate, bilinear(q, 0.25 + 0.5 * c, 0.5));
    const end = c === compounds - 1 ? plans.length : Math.ceil(plans.length / compounds);
    for (let n = 1; k < end; k++, n++) {
      const hg = Math.min(hgs.length - 1, Math.floor((k * hgs.length) / plans.length));
      building(ctx, plans[k]!, n, compoundText, compound, builder.pointIn(hgQuads[hg]!, 0.15), hgs[hg]!.code);
    }
  }
}

function building(ctx: BaseContext, plan: BuildingPlan, n: number, compoundText: string, compound: SimAddress, at: [number, number], hgCode: string): void {
  const { builder } = ctx;
  const bText = `${compoundText}${n}栋`;
  const bAddr = builder.add('50', `${n}栋`, bText, compound, at, hgCode);
  for (let u = 1; u <= plan.units; u++) {
    const uText = `${bText}${u}单元`;
    const uAddr = builder.add('61', `${u}单元`, uText, bAddr, at, hgCode);
    for (let f = 1; f <= plan.floors; f++) {
      for (let r = 1; r <= plan.roomsPerFloorUnit; r++) {
        const room = f * 100 + (u - 1) * plan.roomsPerFloorUnit + r;
        const addr = builder.add('62', `${room}室`, `${uText}${room}室`, uAddr, at, hgCode, f);
        ctx.dwellings.push({ address: addr, baseIndex: ctx.b, village: false });
      }
    }
  }
}

function villageBase(ctx: BaseContext): void {
  const { layout, b, builder } = ctx;
  const hgQuads = layout.householdGroupQuads[b]!;
  const hgs = layout.householdGroups[b]!;
  const houses = Math.round(ctx.persons / RATES.personsPerDwelling);
  const shops = shopCount(ctx.persons);
  const groups = 2;
  for (let g = 0; g < groups; g++) {
    const groupNo = b * groups + g + 1;
    const groupText = `${ctx.prefix}${groupNo}组`;
    const firstHg = Math.floor((g * hgs.length) / groups);
    const group = builder.add('34', `${groupNo}组`, groupText, ctx.root, builder.pointIn(hgQuads[firstHg]!), hgs[firstHg]!.code);
    const vName = PLACE_SURNAMES[(layout.index * 7 + groupNo) % PLACE_SURNAMES.length]! + VILLAGE_SUFFIXES[groupNo % VILLAGE_SUFFIXES.length]!;
    const vText = groupText + vName;
    const village = builder.add('44', vName, vText, group, builder.pointIn(hgQuads[firstHg]!), hgs[firstHg]!.code);
    const from = Math.floor((g * houses) / groups);
    const to = Math.floor(((g + 1) * houses) / groups);
    let door = 1;
    for (let h = from; h < to; h++, door++) {
      const hg = Math.min(hgs.length - 1, Math.floor((h * hgs.length) / houses));
      const addr = builder.add('40', `${door}号`, `${vText}${door}号`, village, builder.pointIn(hgQuads[hg]!), hgs[hg]!.code);
      ctx.dwellings.push({ address: addr, baseIndex: b, village: true });
    }
    const shopTo = Math.floor(((g + 1) * shops) / groups);
    for (let s = Math.floor((g * shops) / groups); s < shopTo; s++, door++) {
      const hg = s % hgs.length;
      ctx.shops.push(builder.add('40', `${door}号`, `${vText}${door}号`, village, builder.pointIn(hgQuads[hg]!), hgs[hg]!.code));
    }
  }
}
