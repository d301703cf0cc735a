/**
 * Generates one community at tick 0 — addresses, population, tags, houses, organisations and
 * employment, inspections, things and events — from (seed, spec, index) alone, and keeps the
 * working state that time.ts needs to replay ticks (identity issuer, occupancy, free shop fronts,
 * job seekers, serial counters).
 */
import type { CommunityChunk, SimAddress, SimPerson, WorldSpec } from './world-types';
import type { CommunityAddresses } from './address-generator';
import type { CommunityLayout } from './grid-generator';
import { type Population, generatePopulation } from './population-generator';
import { assignTags } from './tag-generator';
import { generateHouses } from './house-generator';
import { type OrgContext, generateInspections, generateOrganisations } from './organisation-generator';
import { generateThings } from './thing-generator';
import { type EventContext, createEvent } from './event-generator';
import { RATES } from './rates';
import { rngFor } from './rng';
import { EPOCH_DAY } from './sim-date';

export interface CommunityState {
  chunk: CommunityChunk;
  spec: WorldSpec;
  layout: CommunityLayout;
  addresses: CommunityAddresses;
  population: Population;
  orgContext: OrgContext;
  eventContext: EventContext;
  /** Shop-front address ids in use by an active organisation. */
  usedShops: Set<string>;
  nextOrgSerial: number;
  nextEventSerial: number;
}

function ageYears(pop: Population, p: SimPerson): number {
  return Math.floor((EPOCH_DAY - pop.birthDays.get(p.id)!) / 365.25);
}

/** The partner community holding the hukou of this community's 人户分离 residents (another town when possible). */
export function partnerIndex(spec: WorldSpec, index: number, count: number): number | undefined {
  if (count < 2) return undefined;
  return spec.towns > 1 ? (index + spec.communitiesPerTown) % count : (index + 1) % count;
}

export function generateCommunity(spec: WorldSpec, layout: CommunityLayout, count: number, addressesOf: (index: number) => CommunityAddresses, layoutOf: (index: number) => CommunityLayout): CommunityState {
  const i = layout.index;
  const addresses = addressesOf(i);
  const partner = partnerIndex(spec, i, count);
  const partnerDwellings = partner === undefined ? [] : addressesOf(layoutOf(partner).index).dwellings;
  const population = generatePopulation(spec, i, count, addresses.dwellings, partnerDwellings);
  assignTags(rngFor(spec.seed, 'tags', i), population.households, population.birthDays);

  const rng = rngFor(spec.seed, 'organisations', i);
  const adults: SimPerson[] = [];
  const workers: SimPerson[] = [];
  for (const p of population.persons) {
    const a = ageYears(population, p);
    if (a >= 25 && a <= 65 && p.kind !== 'foreign') adults.push(p);
    if (a >= 18 && a <= 60) workers.push(p);
  }
  rng.shuffle(workers);
  const employed = Math.round(workers.length * RATES.employedLocally);
  const orgContext: OrgContext = {
    rng, countyCode: spec.countyCode, communityIndex: i, communityName: layout.community.name,
    adults: adults.length > 0 ? adults : population.persons, jobSeekers: workers.slice(0, employed),
  };
  const counts = addresses.personsByBase.map((n) => Math.round(n * RATES.organisationsPerPerson));
  const organisations = generateOrganisations(orgContext, addresses.shopsByBase, counts);
  const usedShops = new Set(organisations.map((o) => o.addressId));
  const inspections = generateInspections(rngFor(spec.seed, 'inspections', i), i, organisations);

  const allShops = addresses.shopsByBase.flat();
  const landlords = population.persons.filter((p) => p.kind === 'hukou' && p.relationToHead === '户主');
  const houses = generateHouses(rngFor(spec.seed, 'houses', i), spec.countyCode, i, addresses.dwellings, population.occupancy, allShops, landlords);
  const things = generateThings(rngFor(spec.seed, 'things', i), spec.countyCode, layout, organisations);

  const addressesByBase: SimAddress[][] = layout.baseGrids.map(() => []);
  const baseIndex = new Map(layout.baseGrids.map((g, b) => [g.code, b]));
  for (const a of addresses.addresses) addressesByBase[baseIndex.get(a.gridCode)!]!.push(a);
  const eventContext: EventContext = {
    rng: rngFor(spec.seed, 'events', i), communityIndex: i, communityCode: layout.community.code, persons: population.persons,
    orgs: organisations, addressesByBase, baseCodes: layout.baseGrids.map((g) => g.code),
  };
  const events = [];
  let eventSerial = 1;
  for (let b = 0; b < layout.baseGrids.length; b++) {
    const n = eventContext.rng.range(3, 8);
    for (let k = 0; k < n; k++) events.push(createEvent(eventContext, eventSerial++, b, EPOCH_DAY - eventContext.rng.range(1, 30), 0, true));
  }

  const chunk: CommunityChunk = {
    index: i, tick: 0, community: layout.community, baseGrids: layout.baseGrids, householdGroups: layout.householdGroups.flat(),
    addresses: addresses.addresses, persons: population.persons, houses, organisations, things, events, inspections,
  };
  return { chunk, spec, layout, addresses, population, orgContext, eventContext, usedShops, nextOrgSerial: organisations.length + 1, nextEventSerial: eventSerial };
}
