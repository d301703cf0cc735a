/**
 * Simulated time. `applyTick(state, t)` changes a community from tick t−1 to tick t with its own
 * random stream (seed, 'community', i, 'tick', t): births, deaths, moves within the community and
 * out of it, new phones, name corrections, businesses opening and closing, new events and events
 * progressing along the loop. Every entity it touches gets `updatedTick = t`; moved-out persons get
 * `deletedTick = t`. Counts are Poisson with the means in rates.ts (≈ 0.1–0.5 % of persons change
 * per tick); each change is O(1) or O(size of one household), so replaying 30 ticks costs a few ms.
 */
import type { SimHouse, SimPerson } from './world-types';
import type { CommunityState } from './community-generator';
import type { Household } from './population-generator';
import { newPerson } from './population-generator';
import { createOrganisation } from './organisation-generator';
import { advanceStatus, createEvent } from './event-generator';
import { HOMOPHONES, pickGivenName } from './names';
import { type Rng, rngFor } from './rng';
import { RATES } from './rates';
import { isoDay, tickDay } from './sim-date';

const ATTEMPTS = 12;

function isActive(p: SimPerson): boolean {
  return p.status === 'active' && p.deletedTick === undefined;
}

function ageOf(s: CommunityState, p: SimPerson, day: number): number {
  return Math.floor((day - s.population.birthDays.get(p.id)!) / 365.25);
}

/** A random element satisfying `ok`, or undefined after a few attempts. */
function pickWhere<T>(rng: Rng, items: readonly T[], ok: (x: T) => boolean): T | undefined {
  if (items.length === 0) return undefined;
  for (let k = 0; k < ATTEMPTS; k++) {
    const x = items[rng.int(items.length)]!;
    if (ok(x)) return x;
  }
  return undefined;
}

function houseOf(s: CommunityState, dwelling: number): SimHouse {
  return s.chunk.houses[dwelling]!;
}

/** Advances the state by one tick (t = previous tick + 1). */
export function applyTick(s: CommunityState, t: number): void {
  const rng = rngFor(s.spec.seed, 'community', s.chunk.index, 'tick', t);
  s.orgContext.rng = rng;
  s.eventContext.rng = rng;
  const day = tickDay(t);
  const persons = s.chunk.persons.length;
  const households = s.population.households.length;
  const orgs = s.chunk.organisations.length;
  for (let k = rng.poisson(persons * RATES.tick.birthPerPerson); k > 0; k--) birth(s, rng, t, day);
  for (let k = rng.poisson(persons * RATES.tick.deathPerPerson); k > 0; k--) death(s, rng, t, day);
  for (let k = rng.poisson(households * RATES.tick.moveWithinPerHousehold); k > 0; k--) moveWithin(s, rng, t, day);
  for (let k = rng.poisson(households * RATES.tick.moveOutPerHousehold); k > 0; k--) moveOut(s, rng, t);
  for (let k = rng.poisson(persons * RATES.tick.newPhonePerPerson); k > 0; k--) newPhone(s, rng, t, day);
  for (let k = rng.poisson(persons * RATES.tick.correctionPerPerson); k > 0; k--) correction(s, rng, t);
  for (let k = rng.poisson(orgs * RATES.tick.newBusinessPerOrganisation); k > 0; k--) openBusiness(s, rng, t, day);
  for (let k = rng.poisson(orgs * RATES.tick.closeBusinessPerOrganisation); k > 0; k--) closeBusiness(s, rng, t);
  events(s, rng, t, day);
  s.chunk.tick = t;
}

function birth(s: CommunityState, rng: Rng, t: number, day: number): void {
  const h = pickWhere(rng, s.population.households, (x) => x.kind !== 'foreign' && x.members.some((m) => isMother(s, m, day)));
  if (h === undefined) return;
  const mother = h.members.find((m) => isMother(s, m, day))!;
  const father = h.members.find((m) => m.gender === 'M' && m.relationToHead !== '子女' && isActive(m));
  const gender: 'M' | 'F' = rng.chance(0.52) ? 'M' : 'F';
  const fatherSurname = father !== undefined ? father.name.slice(0, 1) : mother.name.slice(0, 1);
  const uyghur = mother.ethnicity === '维吾尔族';
  const child = newPerson(
    { index: s.chunk.index, issuer: s.population.issuer, persons: s.chunk.persons, birthDays: s.population.birthDays, personSerial: s.population.nextPersonSerial++, rng },
    {
      name: uyghur ? `${pickGivenName(rng, gender)}·${mother.name.split('·')[1] ?? ''}` : fatherSurname + pickGivenName(rng, gender),
      gender, birthDay: day, kind: h.kind, ethnicity: mother.ethnicity, area: mother.citizenId!.slice(0, 6), householdId: h.id,
      relation: mother.relationToHead === '户主' || mother.relationToHead === '配偶' ? '子女' : '其他', serial: s.population.nextPersonSerial - 1,
    },
  );
  child.updatedTick = t;
  child.addresses = mother.addresses.map((a) => ({ ...a, validFrom: isoDay(day) }));
  h.members.push(child);
  const house = houseOf(s, h.dwelling);
  if (house.rental !== undefined && house.rental.tenantIds.includes(mother.id)) {
    house.rental.tenantIds.push(child.id);
    house.updatedTick = t;
  }
}

function isMother(s: CommunityState, m: SimPerson, day: number): boolean {
  if (m.gender !== 'F' || !isActive(m) || m.citizenId === undefined) return false;
  const a = ageOf(s, m, day);
  return a >= 22 && a <= 42 && (m.relationToHead === '户主' || m.relationToHead === '配偶');
}

function death(s: CommunityState, rng: Rng, t: number, day: number): void {
  const p = pickWhere(rng, s.chunk.persons, (x) => isActive(x) && ageOf(s, x, day) >= (rng.chance(0.85) ? 70 : 40));
  if (p === undefined) return;
  p.status = 'deceased';
  p.updatedTick = t;
}

function activeHousehold(rng: Rng, s: CommunityState): Household | undefined {
  return pickWhere(rng, s.population.households, (h) => h.members.length > 0 && h.members.every(isActive));
}

/** Takes a household out of its dwelling: tenants removed from a rental, an owner-occupied dwelling becomes vacant. */
function leaveDwelling(s: CommunityState, h: Household, t: number): void {
  const occ = s.population.occupancy[h.dwelling];
  if (occ === undefined) return;
  occ.households = occ.households.filter((x) => x !== h);
  const house = houseOf(s, h.dwelling);
  if (house.rental !== undefined) {
    const ids = new Set(h.members.map((m) => m.id));
    house.rental.tenantIds = house.rental.tenantIds.filter((id) => !ids.has(id));
    house.updatedTick = t;
  }
  if (occ.households.length === 0) s.population.occupancy[h.dwelling] = undefined;
}

function moveWithin(s: CommunityState, rng: Rng, t: number, day: number): void {
  const h = activeHousehold(rng, s);
  if (h === undefined) return;
  const dwellings = s.addresses.dwellings;
  let target = -1;
  for (let k = 0; k < ATTEMPTS * 4; k++) {
    const d = rng.int(dwellings.length);
    if (s.population.occupancy[d] === undefined && d !== h.dwelling) {
      target = d;
      break;
    }
  }
  if (target < 0) return;
  leaveDwelling(s, h, t);
  h.dwelling = target;
  const address = dwellings[target]!.address;
  const from = isoDay(day);
  const rental = h.kind !== 'hukou';
  s.population.occupancy[target] = rental ? { rental, households: [h] } : { rental, households: [h], ownerId: h.members[0]!.id };
  const house = houseOf(s, target);
  house.updatedTick = t;
  if (rental) {
    house.isRental = true;
    const rec: NonNullable<SimHouse['rental']> = {
      registrationNo: `ZL${s.spec.countyCode}${String(s.chunk.index).padStart(4, '0')}T${String(t).padStart(4, '0')}${rng.range(0, 9)}`,
      registeredOn: from, tenantIds: h.members.map((m) => m.id), hazards: [],
    };
    if (house.ownerPersonId !== undefined) rec.landlordPersonId = house.ownerPersonId;
    house.rental = rec;
  } else {
    house.isRental = false;
    delete house.rental;
    house.ownerPersonId = h.members[0]!.id;
  }
  for (const p of h.members) {
    p.addresses = p.addresses.map((a) => (a.role === 'residence' ? { role: 'residence', addressId: address.id, text: address.fullText, validFrom: from } : a));
    p.updatedTick = t;
  }
}

function moveOut(s: CommunityState, rng: Rng, t: number): void {
  const h = activeHousehold(rng, s);
  if (h === undefined) return;
  leaveDwelling(s, h, t);
  for (const p of h.members) {
    p.status = 'moved_out';
    p.deletedTick = t;
    p.updatedTick = t;
  }
}

function newPhone(s: CommunityState, rng: Rng, t: number, day: number): void {
  const p = pickWhere(rng, s.chunk.persons, (x) => isActive(x) && x.sharesPhoneWith === undefined && ageOf(s, x, day) >= 12);
  if (p === undefined) return;
  p.phone = s.population.issuer.phone(rng);
  p.updatedTick = t;
}

/** A registry correction: a homophone typo in the given name is fixed (伟 ↔ 玮, 静 ↔ 婧 …). */
function correction(s: CommunityState, rng: Rng, t: number): void {
  const p = pickWhere(rng, s.chunk.persons, (x) => isActive(x) && x.kind !== 'foreign' && !x.name.includes('·') && x.twinOf === undefined && x.namesakeOf === undefined && HOMOPHONES.has(x.name.slice(-1)));
  if (p === undefined) return;
  p.name = p.name.slice(0, -1) + HOMOPHONES.get(p.name.slice(-1))!;
  p.updatedTick = t;
}

function openBusiness(s: CommunityState, rng: Rng, t: number, day: number): void {
  const shops = s.addresses.shopsByBase[rng.int(s.addresses.shopsByBase.length)]!;
  const shop = pickWhere(rng, shops, (a) => !s.usedShops.has(a.id));
  if (shop === undefined) return;
  s.usedShops.add(shop.id);
  s.chunk.organisations.push(createOrganisation(s.orgContext, s.nextOrgSerial++, shop, day, t));
}

function closeBusiness(s: CommunityState, rng: Rng, t: number): void {
  const org = pickWhere(rng, s.chunk.organisations, (o) => o.status === 'active' && o.kind !== 'community_organisation');
  if (org === undefined) return;
  org.status = 'closed';
  org.updatedTick = t;
  s.usedShops.delete(org.addressId);
  const ids = new Set(org.employeeIds);
  for (const p of s.chunk.persons) {
    if (ids.has(p.id) && p.employerId === org.id) {
      delete p.employerId;
      p.updatedTick = t;
    }
  }
  org.employeeIds = [];
}

function events(s: CommunityState, rng: Rng, t: number, day: number): void {
  for (const ev of s.chunk.events) {
    if (ev.updatedTick === t || !rng.chance(RATES.tick.eventProgress)) continue;
    const next = advanceStatus(rng, ev.status);
    if (next === undefined) continue;
    ev.status = next;
    ev.updatedTick = t;
  }
  for (let b = 0; b < s.layout.baseGrids.length; b++) {
    for (let k = rng.poisson(RATES.tick.newEventsPerBaseGrid); k > 0; k--) {
      s.chunk.events.push(createEvent(s.eventContext, s.nextEventSerial++, b, day, t, false));
    }
  }
}
