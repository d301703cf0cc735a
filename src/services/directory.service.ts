/**
 * Use cases behind the per-grid element queries (人、地、物、组织): pages of a grid's (or its
 * subtree's) persons, places, things and organisations with filters and sorting, typed lookups,
 * and the relations between them, each batched by id so the API's DataLoaders run one statement
 * per relation and page. Events (事) have their own service (event.service.ts).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Page, PageRequest } from '../domain/page';
import type { GridRow } from '../db/repositories/grid.repository';
import type { GridScope } from '../db/repositories/grid-scope';
import { PersonDirectoryRepository, type PersonFilter, type PersonRow, type PersonSortField } from '../db/repositories/person-directory.repository';
import { PlaceDirectoryRepository, type AddressFilter, type AddressRow, type HouseFilter, type HouseRow } from '../db/repositories/place-directory.repository';
import { OrganisationDirectoryRepository, type OrganisationFilter, type OrganisationRow } from '../db/repositories/organisation-directory.repository';
import { ThingDirectoryRepository, type ThingFilter, type ThingRow } from '../db/repositories/thing-directory.repository';

export type { PersonFilter, PersonRow, PersonSortField, AddressFilter, AddressRow, HouseFilter, HouseRow, OrganisationFilter, OrganisationRow, ThingFilter, ThingRow, GridScope };
export type { PersonAddressRow, PersonTagRow, EmploymentRow } from '../db/repositories/person-directory.repository';
export type { SafetyRecordRow } from '../db/repositories/organisation-directory.repository';

export type Direction = 'asc' | 'desc';

export function scopeOf(grid: Pick<GridRow, 'id' | 'path'>, includeDescendants: boolean): GridScope {
  return { gridId: grid.id, path: grid.path, includeDescendants };
}

export class DirectoryService {
  readonly persons: PersonDirectoryRepository;
  readonly places: PlaceDirectoryRepository;
  readonly organisations: OrganisationDirectoryRepository;
  readonly things: ThingDirectoryRepository;

  constructor(em: EntityManager) {
    this.persons = new PersonDirectoryRepository(em);
    this.places = new PlaceDirectoryRepository(em);
    this.organisations = new OrganisationDirectoryRepository(em);
    this.things = new ThingDirectoryRepository(em);
  }

  personPage(scope: GridScope | undefined, f: PersonFilter, sort: { field: PersonSortField; direction: Direction }, req: PageRequest): Promise<Page<PersonRow>> {
    return this.persons.page(scope, f, sort, req);
  }

  personCount(scope: GridScope | undefined, f: PersonFilter): Promise<number> {
    return this.persons.count(scope, f);
  }
}
