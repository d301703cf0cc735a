/**
 * The contract between the synthetic district (world/) and the department feeds (feeds/).
 *
 * The world is the ground truth: every entity has a stable truth id (`P:…`, `A:…`, …) that the
 * truth file reports. It is generated deterministically from (seed, size) and in chunks — one
 * community at a time — so a 2.5M-person district never has to sit in memory: `chunk(i, tick)`
 * regenerates community i from its own seed, and the same arguments always give the same data.
 *
 * Time: tick 0 is the initial state; each tick is one simulated day after WORLD_EPOCH. Every
 * entity carries `updatedTick`, the last tick that changed it, so a feed can answer "what changed
 * since tick t" exactly. Entities removed at some tick (deaths excepted: a dead person stays with
 * status `deceased`; closed businesses stay `closed`) carry `deletedTick`.
 */
import type {
  AddressLevel, AddressRole, EventCategoryScheme, EventOrigin, EventStatus, Gender, GridKind, HouseUse,
  OrganisationKind, PersonKind, PersonStatus, ThingKind,
} from '../../domain/vocabulary';

export type SizeName = 'S' | 'M' | 'L' | 'XL';

/** Day 0 of simulated time (UTC midnight). Tick n = WORLD_EPOCH + n days. */
export const WORLD_EPOCH = Date.UTC(2026, 0, 1);

export interface WorldSpec {
  size: SizeName;
  seed: number;
  /** 6-digit GB/T 2260 county code of the simulated district (default 440106 天河区-like, synthetic names). */
  countyCode: string;
  /** Shape of the hierarchy, derived from size. */
  towns: number;
  communitiesPerTown: number;
  baseGridsPerCommunity: number;
  /** Target persons per base grid (~1,000–1,500 in practice). */
  personsPerBaseGrid: number;
}

/** [lng, lat] */
export type LngLat = [number, number];

export interface SimGrid {
  /** truth id: `G:<code>` */
  id: string;
  /** 6-digit district, 9-digit town (6+3), 12-digit community, 15-digit base grid, base+2 household group; police beat `JW…` */
  code: string;
  name: string;
  kind: GridKind;
  /** `district` | `town` | `community` | `base` | `household_group` | `business` */
  levelKey: string;
  parentCode?: string;
  /** Closed outer ring (first point = last point), counter-clockwise. */
  polygon: LngLat[];
  /** Base grids only: the police beat (business grid) holding it. */
  beatCode?: string;
  /** Business grids only: the base grids it is the union of. */
  memberCodes?: string[];
}

export interface SimAddress {
  /** truth id: `A:<code>` */
  id: string;
  /** Public-security standard address code (unique in the district). */
  code: string;
  parentId?: string;
  level: AddressLevel;
  /** This element's own name: `天元路`, `88号`, `3栋`, `2单元`, `501室`. */
  elementName: string;
  /** Canonical full text (as src/domain/address canonicalises it). */
  fullText: string;
  components: Record<string, string>;
  floor?: number;
  lng: number;
  lat: number;
  /** Base grid code the point lies in. */
  gridCode: string;
  /** Household group (住户小组) the point lies in, for addresses placed inside one. */
  householdGroupCode?: string;
}

export interface SimTag {
  /** tag_definition code: released_prisoner, community_correction, severe_mental_disorder, drug_user, key_youth, elderly_alone, empty_nest_elderly, disabled, minimum_subsistence, left_behind_child, veteran */
  code: string;
  /** Department that registers it: police, health, civil_affairs */
  source: string;
  detail: Record<string, string | number>;
  validFrom: string;
  validTo?: string;
}

export interface SimPerson {
  /** truth id: `P:<n>` */
  id: string;
  /** Valid 18-character citizen ID; undefined for foreigners. */
  citizenId?: string;
  passportNo?: string;
  name: string;
  gender: Exclude<Gender, 'U'>;
  birthDate: string;
  kind: PersonKind;
  status: PersonStatus;
  ethnicity: string;
  nationality: string;
  phone?: string;
  householdId: string;
  /** 户主, 配偶, 子女, 父母, 其他 */
  relationToHead: string;
  /** Addresses with role; a 人户分离 person has hukou ≠ residence. Hukou outside the district has only text. */
  addresses: Array<{ role: AddressRole; addressId?: string; text: string; validFrom: string }>;
  tags: SimTag[];
  employerId?: string;
  /** Hard cases on purpose, for resolution tests: ids of the twin / namesake / phone sharer. */
  twinOf?: string;
  namesakeOf?: string;
  sharesPhoneWith?: string;
  updatedTick: number;
  deletedTick?: number;
}

export interface SimHouse {
  /** truth id: `H:<address code>` */
  id: string;
  addressId: string;
  use: HouseUse;
  areaM2: number;
  ownerPersonId?: string;
  isRental: boolean;
  rental?: { landlordPersonId?: string; registrationNo: string; registeredOn: string; tenantIds: string[]; hazards: string[] };
  updatedTick: number;
}

export interface SimOrganisation {
  /** truth id: `O:<n>` */
  id: string;
  uscc: string;
  name: string;
  kind: OrganisationKind;
  industryCode: string;
  legalRepPersonId: string;
  addressId: string;
  phone?: string;
  employeeIds: string[];
  establishedOn: string;
  status: 'active' | 'closed';
  updatedTick: number;
}

export interface SimThing {
  /** truth id: `T:<code>` */
  id: string;
  /** 16 characters: county(6) + major(2) + minor(2) + serial(6) */
  code: string;
  kind: ThingKind;
  majorClass: string;
  minorClass: string;
  name: string;
  lng: number;
  lat: number;
  gridCode: string;
  ownerOrgId?: string;
  updatedTick: number;
}

export interface SimEvent {
  /** truth id: `E:<n>` */
  id: string;
  code: string;
  title: string;
  origin: EventOrigin;
  categoryScheme: EventCategoryScheme;
  categoryCode: string;
  status: EventStatus;
  reportedAt: string;
  gridCode: string;
  addressId?: string;
  personIds: string[];
  organisationIds: string[];
  /** Police incidents and safety hazards arrive through feeds; patrol events do not. */
  department?: 'police' | 'safety';
  updatedTick: number;
}

export interface SimInspection {
  /** truth id: `I:<n>` */
  id: string;
  organisationId: string;
  date: string;
  inspector: string;
  result: 'pass' | 'rectify' | 'fail';
  hazards: Array<{ id: string; category: string; description: string; level: 'general' | 'major'; rectified: boolean }>;
  updatedTick: number;
}

/** One community with everything in it, at a given tick. */
export interface CommunityChunk {
  index: number;
  tick: number;
  community: SimGrid;
  baseGrids: SimGrid[];
  householdGroups: SimGrid[];
  addresses: SimAddress[];
  persons: SimPerson[];
  houses: SimHouse[];
  organisations: SimOrganisation[];
  things: SimThing[];
  events: SimEvent[];
  inspections: SimInspection[];
}

export interface World {
  spec: WorldSpec;
  /** District, towns, communities, base grids, household groups and police beats (thousands at most: eager). */
  grids: SimGrid[];
  communityCount: number;
  /** Deterministic; cheap to call repeatedly (implementations cache recent chunks). */
  chunk(index: number, tick: number): CommunityChunk;
}
