/**
 * 实有人口 of one community: households placed in its dwellings, persons with valid citizen IDs,
 * addresses by role, phones, and the deliberate hard cases (twins, namesakes across communities,
 * spouses sharing one phone). Tags are added by tag-generator.ts, employers by
 * organisation-generator.ts, houses by house-generator.ts from the occupancy returned here.
 *
 * Dwellings are visited in a shuffled order: vacant (8 %), rental (27 % of occupied; 1–6 floating
 * or foreign households, 群租 at the top end) or owner-occupied (hukou household, or 15 % floating
 * owners). That yields ≈ 60 % 户籍, 38 % 流动 and 2 % 境外 persons.
 */
import type { PersonKind } from '../../domain/vocabulary';
import type { SimAddress, SimPerson, WorldSpec } from './world-types';
import type { Dwelling } from './address-generator';
import { IdentityIssuer } from './identity-issuer';
import { pickOrigin } from './floating-origins';
import { COMMON_NAMES, FOREIGN_POOLS, pickEthnicity, pickGivenName, pickOtherGivenName, pickSurname, pickUyghurName } from './names';
import { type Rng, cumulative, rngFor } from './rng';
import { RATES } from './rates';
import { EPOCH_DAY, isoDay, ymdDay } from './sim-date';

export interface Household {
  id: string;
  kind: PersonKind;
  members: SimPerson[];
  dwelling: number;
  /** Grandparents raising a grandchild (left-behind children). */
  skipGeneration: boolean;
}

export interface Occupancy {
  rental: boolean;
  households: Household[];
  ownerId?: string;
}

export interface Population {
  persons: SimPerson[];
  households: Household[];
  /** Per dwelling index; undefined when vacant. */
  occupancy: Array<Occupancy | undefined>;
  issuer: IdentityIssuer;
  /** Next free person / household serial (ticks continue from here). */
  nextPersonSerial: number;
  nextHouseholdSerial: number;
  /** Birth day of every person by id (for ages). */
  birthDays: Map<string, number>;
}

/** Person serials at and above this are reserved for namesakes, so other communities can name them. */
export const NAMESAKE_SERIAL = 900_001;

const SIZE_HUKOU = cumulative(RATES.hukouHouseholdSize);
const SIZE_FLOATING = cumulative(RATES.floatingHouseholdSize);
const RENTAL_HOUSEHOLDS = cumulative(RATES.householdsPerRental);

interface MemberPlan {
  relation: string;
  gender: 'M' | 'F';
  age: number;
  /** Twin of the previous plan entry. */
  twin?: boolean;
}

interface Ctx {
  spec: WorldSpec;
  index: number;
  rng: Rng;
  issuer: IdentityIssuer;
  dwellings: Dwelling[];
  partnerDwellings: readonly Dwelling[];
  persons: SimPerson[];
  households: Household[];
  birthDays: Map<string, number>;
  personSerial: number;
  householdSerial: number;
}

export function personId(communityIndex: number, serial: number): string {
  return `P:${communityIndex * 1_000_000 + serial}`;
}

/** Generates the population of a community into its dwellings. */
export function generatePopulation(spec: WorldSpec, index: number, communityCount: number, dwellings: Dwelling[], partnerDwellings: readonly Dwelling[]): Population {
  const ctx: Ctx = {
    spec, index, rng: rngFor(spec.seed, 'population', index), issuer: new IdentityIssuer(index, communityCount),
    dwellings, partnerDwellings, persons: [], households: [], birthDays: new Map(), personSerial: 1, householdSerial: 1,
  };
  const occupancy: Array<Occupancy | undefined> = new Array(dwellings.length).fill(undefined);
  const order = ctx.rng.shuffle(Array.from(dwellings.keys()));
  let next = 0;
  next = placeNamesakes(ctx, communityCount, order, occupancy);
  for (; next < order.length; next++) {
    const d = order[next]!;
    const x = ctx.rng.next();
    if (x < RATES.vacantDwelling) continue;
    if (ctx.rng.chance(RATES.rentalOfOccupied)) {
      const count = rentalHouseholds(ctx.rng, dwellings[d]!.village);
      const hs: Household[] = [];
      for (let h = 0; h < count; h++) {
        hs.push(ctx.rng.chance(RATES.foreignRentalHousehold) ? foreignHousehold(ctx, d) : chineseHousehold(ctx, d, 'floating'));
      }
      occupancy[d] = { rental: true, households: hs };
    } else {
      const kind: PersonKind = ctx.rng.chance(RATES.floatingOwner) ? 'floating' : 'hukou';
      const h = chineseHousehold(ctx, d, kind);
      occupancy[d] = { rental: false, households: [h], ownerId: h.members[0]!.id };
    }
  }
  return {
    persons: ctx.persons, households: ctx.households, occupancy, issuer: ctx.issuer,
    nextPersonSerial: ctx.personSerial, nextHouseholdSerial: ctx.householdSerial, birthDays: ctx.birthDays,
  };
}

function rentalHouseholds(rng: Rng, village: boolean): number {
  const k = rng.weightedIndex(RENTAL_HOUSEHOLDS);
  if (k < 3) return k + 1;
  return village ? rng.range(4, 6) : rng.range(3, 4);
}

// ---------------------------------------------------------------------------------------------
// Household composition
// ---------------------------------------------------------------------------------------------

function plansFor(rng: Rng, size: number, kind: PersonKind, village: boolean): { plans: MemberPlan[]; skip: boolean } {
  const young = kind !== 'hukou';
  const headMale = rng.chance(0.8);
  const couple = (lo: number, hi: number): MemberPlan[] => {
    const a = rng.range(lo, hi);
    return [
      { relation: '户主', gender: headMale ? 'M' : 'F', age: a },
      { relation: '配偶', gender: headMale ? 'F' : 'M', age: Math.max(20, a + rng.range(-4, 4)) },
    ];
  };
  const child = (parentAge: number): MemberPlan => ({ relation: '子女', gender: rng.chance(0.52) ? 'M' : 'F', age: Math.max(0, parentAge - rng.range(23, 34)) });
  const sibling = (prev: MemberPlan): MemberPlan => {
    if (rng.chance(RATES.twins)) return { relation: '子女', gender: rng.chance(0.5) ? 'M' : 'F', age: prev.age, twin: true };
    return { relation: '子女', gender: rng.chance(0.52) ? 'M' : 'F', age: Math.max(0, prev.age - rng.range(1, 6)) };
  };
  const grandparent = (headAge: number): MemberPlan => ({ relation: '父母', gender: rng.chance(0.45) ? 'M' : 'F', age: Math.min(95, headAge + rng.range(24, 32)) });
  switch (size) {
    case 1: {
      const x = rng.next();
      const age = x < (young ? 0.7 : 0.35) ? rng.range(20, 35) : x < (young ? 0.97 : 0.6) ? rng.range(36, 64) : rng.range(65, 92);
      return { plans: [{ relation: '户主', gender: rng.chance(0.5) ? 'M' : 'F', age }], skip: false };
    }
    case 2: {
      const x = rng.next();
      if (x < (young ? 0.1 : 0.4)) return { plans: couple(62, 88), skip: false };
      if (x < 0.75) return { plans: couple(22, 58), skip: false };
      const parent: MemberPlan = { relation: '户主', gender: rng.chance(0.7) ? 'F' : 'M', age: rng.range(30, 55) };
      return { plans: [parent, child(parent.age)], skip: false };
    }
    case 3: {
      if (!young && rng.chance(village ? 0.25 : 0.08)) {
        const gp = couple(55, 74);
        return { plans: [...gp, { relation: '其他', gender: rng.chance(0.52) ? 'M' : 'F', age: rng.range(3, 15) }], skip: true };
      }
      const c = couple(26, 52);
      return { plans: [...c, child(Math.min(c[0]!.age, c[1]!.age))], skip: false };
    }
    case 4: {
      const c = couple(28, 50);
      const first = child(Math.min(c[0]!.age, c[1]!.age));
      if (rng.chance(0.55)) return { plans: [...c, first, sibling(first)], skip: false };
      return { plans: [...c, first, grandparent(c[0]!.age)], skip: false };
    }
    default: {
      const c = couple(28, 50);
      const first = child(Math.min(c[0]!.age, c[1]!.age));
      if (rng.chance(0.6)) return { plans: [...c, first, sibling(first), grandparent(c[0]!.age)], skip: false };
      const gp = grandparent(c[0]!.age);
      return { plans: [...c, first, gp, { relation: '父母', gender: gp.gender === 'M' ? 'F' : 'M', age: Math.max(45, gp.age + rng.range(-4, 4)) }], skip: false };
    }
  }
}

interface Origin {
  area: string;
  hukouText?: string;
}

function chineseHousehold(ctx: Ctx, d: number, kind: PersonKind): Household {
  const rng = ctx.rng;
  const size = rng.weightedIndex(kind === 'hukou' ? SIZE_HUKOU : SIZE_FLOATING) + 1;
  const { plans, skip } = plansFor(rng, size, kind, ctx.dwellings[d]!.village);
  const household: Household = { id: `HH:${ctx.index * 1_000_000 + ctx.householdSerial++}`, kind, members: [], dwelling: d, skipGeneration: skip };
  const ethnicity = pickEthnicity(rng);
  const origin: Origin = kind === 'hukou' ? { area: ctx.spec.countyCode } : floatingOrigin(rng);
  const separated = kind === 'hukou' && rng.chance(RATES.separatedHukou) ? separatedHukouAddress(ctx) : undefined;
  const headSurname = pickSurname(rng);
  const fatherSurname = plans[0]!.gender === 'M' ? headSurname : pickSurname(rng);
  const residence = ctx.dwellings[d]!.address;
  const moveIn = EPOCH_DAY - rng.range(60, 8000);
  let prev: SimPerson | undefined;
  for (let m = 0; m < plans.length; m++) {
    const plan = plans[m]!;
    const surname = surnameFor(rng, m, plan, headSurname, fatherSurname);
    const birthDay = EPOCH_DAY - plan.age * 365 - rng.range(1, 364);
    const name = ethnicity === '维吾尔族' ? pickUyghurName(rng, plan.gender) : surname + (plan.twin && prev !== undefined ? pickOtherGivenName(rng, plan.gender, prev.name.slice(surname.length)) : pickGivenName(rng, plan.gender));
    const p = plan.twin && prev !== undefined
      ? twinOf(ctx, prev, plan.gender, name)
      : newPerson(ctx, { name, gender: plan.gender, birthDay, kind, ethnicity, area: origin.area, householdId: household.id, relation: plan.relation });
    setAddresses(p, kind, residence, Math.max(moveIn, ctx.birthDays.get(p.id)!), origin, separated);
    household.members.push(p);
    prev = p;
  }
  sharePhoneMaybe(ctx, household);
  ctx.households.push(household);
  return household;
}

function surnameFor(rng: Rng, m: number, plan: MemberPlan, headSurname: string, fatherSurname: string): string {
  if (m === 0 || plan.relation === '其他') return headSurname;
  if (plan.relation === '子女') return rng.chance(0.92) ? fatherSurname : headSurname;
  if (plan.relation === '配偶') return plan.gender === 'M' ? fatherSurname : pickSurname(rng);
  return plan.gender === 'M' ? headSurname : pickSurname(rng);
}

function floatingOrigin(rng: Rng): Origin {
  const o = pickOrigin(rng);
  return { area: o.areaCode, hukouText: o.hukouText };
}

/** 人户分离: the hukou stays at a dwelling of the partner community (another town when there is one). */
function separatedHukouAddress(ctx: Ctx): SimAddress | undefined {
  const pool = ctx.partnerDwellings.length > 0 ? ctx.partnerDwellings : ctx.dwellings;
  return pool.length > 0 ? ctx.rng.pick(pool).address : undefined;
}

interface NewPerson {
  name: string;
  gender: 'M' | 'F';
  birthDay: number;
  kind: PersonKind;
  ethnicity: string;
  area: string;
  householdId: string;
  relation: string;
  serial?: number;
}

/** Creates a person with a valid citizen ID (birth date shifted by a day while the ID block is full). */
export function newPerson(ctx: Pick<Ctx, 'index' | 'issuer' | 'persons' | 'birthDays' | 'personSerial' | 'rng'>, n: NewPerson): SimPerson {
  let day = n.birthDay;
  let citizenId: string | undefined;
  for (;;) {
    citizenId = ctx.issuer.citizenId(n.area, ymdDay(day), n.gender);
    if (citizenId !== undefined) break;
    day--;
  }
  const id = personId(ctx.index, n.serial ?? ctx.personSerial++);
  const p: SimPerson = {
    id, citizenId, name: n.name, gender: n.gender, birthDate: isoDay(day), kind: n.kind, status: 'active',
    ethnicity: n.ethnicity, nationality: '中国', householdId: n.householdId, relationToHead: n.relation,
    addresses: [], tags: [], updatedTick: 0,
  };
  const age = Math.floor((EPOCH_DAY - day) / 365.25);
  if (age >= 16 ? ctx.rng.chance(age >= 80 ? 0.6 : 0.95) : age >= 10 && ctx.rng.chance(0.15)) p.phone = ctx.issuer.phone(ctx.rng);
  ctx.persons.push(p);
  ctx.birthDays.set(id, day);
  return p;
}

/** The twin of `prev`: same birth date, surname and household, consecutive sequence numbers. */
function twinOf(ctx: Ctx, prev: SimPerson, gender: 'M' | 'F', name: string): SimPerson {
  const area = prev.citizenId!.slice(0, 6);
  let day = ctx.birthDays.get(prev.id)!;
  let ids: [string, string] | undefined;
  while ((ids = ctx.issuer.twinIds(area, ymdDay(day), prev.gender, gender)) === undefined) day--;
  prev.citizenId = ids[0];
  prev.birthDate = isoDay(day);
  ctx.birthDays.set(prev.id, day);
  const id = personId(ctx.index, ctx.personSerial++);
  const p: SimPerson = {
    id, citizenId: ids[1], name, gender, birthDate: isoDay(day), kind: prev.kind, status: 'active', ethnicity: prev.ethnicity,
    nationality: prev.nationality, householdId: prev.householdId, relationToHead: prev.relationToHead,
    addresses: [], tags: [], twinOf: prev.id, updatedTick: 0,
  };
  if (prev.phone !== undefined) p.phone = ctx.issuer.phone(ctx.rng);
  prev.twinOf = id;
  ctx.persons.push(p);
  ctx.birthDays.set(id, day);
  return p;
}

function setAddresses(p: SimPerson, kind: PersonKind, residence: SimAddress, since: number, origin: Origin, separated: SimAddress | undefined): void {
  const from = isoDay(since);
  if (kind === 'hukou') {
    const hukou = separated ?? residence;
    p.addresses.push({ role: 'hukou', addressId: hukou.id, text: hukou.fullText, validFrom: separated !== undefined ? p.birthDate : from });
  } else if (origin.hukouText !== undefined) {
    p.addresses.push({ role: 'hukou', text: origin.hukouText, validFrom: p.birthDate });
  }
  p.addresses.push({ role: 'residence', addressId: residence.id, text: residence.fullText, validFrom: from });
}

function sharePhoneMaybe(ctx: Ctx, h: Household): void {
  const head = h.members[0]!;
  const spouse = h.members[1];
  if (spouse === undefined || spouse.relationToHead !== '配偶' || head.phone === undefined || !ctx.rng.chance(RATES.sharedPhone)) return;
  spouse.phone = head.phone;
  spouse.sharesPhoneWith = head.id;
  head.sharesPhoneWith = spouse.id;
}

function foreignHousehold(ctx: Ctx, d: number): Household {
  const rng = ctx.rng;
  const pool = rng.pick(FOREIGN_POOLS);
  const household: Household = { id: `HH:${ctx.index * 1_000_000 + ctx.householdSerial++}`, kind: 'foreign', members: [], dwelling: d, skipGeneration: false };
  const size = rng.chance(0.7) ? 1 : 2;
  const residence = ctx.dwellings[d]!.address;
  const since = EPOCH_DAY - rng.range(30, 1500);
  for (let m = 0; m < size; m++) {
    const gender: 'M' | 'F' = m === 0 ? (rng.chance(0.6) ? 'M' : 'F') : household.members[0]!.gender === 'M' ? 'F' : 'M';
    const day = EPOCH_DAY - rng.range(22, 60) * 365 - rng.range(1, 364);
    const id = personId(ctx.index, ctx.personSerial++);
    const p: SimPerson = {
      id, passportNo: ctx.issuer.passport(rng), name: rng.pick(gender === 'M' ? pool.male : pool.female), gender, birthDate: isoDay(day),
      kind: 'foreign', status: 'active', ethnicity: '外籍', nationality: pool.nationality, householdId: household.id,
      relationToHead: m === 0 ? '户主' : '配偶', addresses: [{ role: 'residence', addressId: residence.id, text: residence.fullText, validFrom: isoDay(since) }],
      tags: [], updatedTick: 0,
    };
    if (rng.chance(0.9)) p.phone = ctx.issuer.phone(rng);
    ctx.persons.push(p);
    ctx.birthDays.set(id, day);
    household.members.push(p);
  }
  ctx.households.push(household);
  return household;
}

// ---------------------------------------------------------------------------------------------
// Namesakes: pairs shared with the neighbouring communities, placed first in reserved dwellings.
// ---------------------------------------------------------------------------------------------

interface NamesakeSlot {
  serial: number;
  otherId: string;
  from: number;
  to: number;
  k: number;
}

function namesakeSlots(index: number, count: number): NamesakeSlot[] {
  if (count < 2) return [];
  const K = RATES.namesakePairs;
  const slots: NamesakeSlot[] = [];
  const right = (index + 1) % count;
  const left = (index - 1 + count) % count;
  for (let k = 0; k < K; k++) slots.push({ serial: NAMESAKE_SERIAL + k, otherId: personId(right, NAMESAKE_SERIAL + K + k), from: index, to: right, k });
  for (let k = 0; k < K; k++) slots.push({ serial: NAMESAKE_SERIAL + K + k, otherId: personId(left, NAMESAKE_SERIAL + k), from: left, to: index, k });
  return slots;
}

function placeNamesakes(ctx: Ctx, count: number, order: number[], occupancy: Array<Occupancy | undefined>): number {
  const slots = namesakeSlots(ctx.index, count);
  let next = 0;
  for (const slot of slots) {
    if (next >= order.length) break;
    const d = order[next++]!;
    const pairRng = rngFor(ctx.spec.seed, 'namesake', slot.from, slot.to, slot.k);
    const who = pairRng.pick(COMMON_NAMES);
    const birthDay = EPOCH_DAY - pairRng.range(25, 50) * 365 - pairRng.range(1, 364);
    const household: Household = { id: `HH:${ctx.index * 1_000_000 + ctx.householdSerial++}`, kind: 'hukou', members: [], dwelling: d, skipGeneration: false };
    const p = newPerson(ctx, { name: who.name, gender: who.gender, birthDay, kind: 'hukou', ethnicity: '汉族', area: ctx.spec.countyCode, householdId: household.id, relation: '户主', serial: slot.serial });
    p.namesakeOf = slot.otherId;
    setAddresses(p, 'hukou', ctx.dwellings[d]!.address, EPOCH_DAY - ctx.rng.range(100, 3000), { area: ctx.spec.countyCode }, undefined);
    household.members.push(p);
    ctx.households.push(household);
    occupancy[d] = { rental: false, households: [household], ownerId: p.id };
  }
  return next;
}
