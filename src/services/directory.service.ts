/**
 * Use cases behind the per-grid element queries (人、地、物、组织): pages of a grid's (or its
 * subtree's) persons, places, things and organisations with filters and sorting, typed lookups,
 * and the relations between them, each batched by id so the API's DataLoaders run one statement
 * per relation and page. Events (事) have their own service (event.service.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { GridRow } from '../db/repositories/grid.repository';
import type { GridScope } from '../db/repositories/grid-scope';
import { PersonDirectoryRepository, type PersonFilter, type PersonRow, type PersonSortField } from '../db/repositories/person-directory.repository';
import { PlaceDirectoryRepository, type AddressFilter, type AddressRow, type HouseFilter, type HouseRow } from '../db/repositories/place-directory.repository';
import { OrganisationDirectoryRepository, type OrganisationFilter, type OrganisationRow } from '../db/repositories/organisation-directory.repository';
import { ThingDirectoryRepository, type ThingFilter, type ThingRow } from '../db/repositories/thing-directory.repository';

export type { PersonFilter, PersonRow, PersonSortField, AddressFilter, AddressRow, HouseFilter, HouseRow, OrganisationFilter, OrganisationRow, ThingFilter, ThingRow, GridScope };
export type { PersonAddressRow, PersonTagRow, EmploymentRow } from '../db/repositories/person-directory.repository';
export type { SafetyRecordRow } from '../db/repositories/organisation-directory.repository';

export function scopeOf(grid: Pick<GridRow, 'id' | 'path'>, includeDescendants: boolean): GridScope {
  return { gridId: grid.id, path: grid.path, includeDescendants };
}

/** The read operations of one element family, as the API may call them (the repository stays private). */
type Queries<R, K extends keyof R> = { readonly [M in K]: R[M] };

/** Delegates `methods` of `repo` (bound), so callers see operations, never the repository. */
function queries<R extends object, K extends keyof R>(repo: R, methods: readonly K[]): Queries<R, K> {
  const out = {} as { [M in K]: R[M] };
  for (const m of methods) out[m] = (repo[m] as unknown as (...args: unknown[]) => unknown).bind(repo) as R[typeof m];
  return out;
}

const PERSON_QUERIES = ['page', 'count', 'byIds', 'byCitizenIds', 'addressesOf', 'tagsOf', 'tagDefinitions', 'employmentsOf', 'householdMembers', 'residentsOf'] as const;
const PLACE_QUERIES = ['addressPage', 'addressCount', 'housePage', 'houseCount', 'addressesByIds', 'addressesByCodes', 'childAddresses', 'housesByIds', 'housesAt', 'occupantsOf'] as const;
const ORGANISATION_QUERIES = ['page', 'count', 'byIds', 'byUsccs', 'atAddresses', 'employeesOf', 'safetyRecordsOf'] as const;
const THING_QUERIES = ['page', 'count', 'byIds', 'byCodes'] as const;

export class DirectoryService {
  /** 人: pages, lookups and relations of golden persons. */
  readonly persons: Queries<PersonDirectoryRepository, (typeof PERSON_QUERIES)[number]>;
  /** 地: standard addresses and houses. */
  readonly places: Queries<PlaceDirectoryRepository, (typeof PLACE_QUERIES)[number]>;
  /** 组织: organisations. */
  readonly organisations: Queries<OrganisationDirectoryRepository, (typeof ORGANISATION_QUERIES)[number]>;
  /** 物: things. */
  readonly things: Queries<ThingDirectoryRepository, (typeof THING_QUERIES)[number]>;

  constructor(em: EntityManager) {
    this.persons = queries(new PersonDirectoryRepository(em), PERSON_QUERIES);
    this.places = queries(new PlaceDirectoryRepository(em), PLACE_QUERIES);
    this.organisations = queries(new OrganisationDirectoryRepository(em), ORGANISATION_QUERIES);
    this.things = queries(new ThingDirectoryRepository(em), THING_QUERIES);
  }
}
