/**
 * Relations between golden records (the `people-links` pipeline stage, after `relations` has put
 * persons, organisations and houses onto the address register): tags on persons, employers and
 * employees, legal representatives, house occupants; and the batch reads of these relations (one
 * statement per batch, for the API's DataLoaders). Household members need no table: persons
 * sharing a household number (户号), found through an expression index.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { RelationRepository, type EmploymentRow, type OccupantRow, type PeopleLinkCounts, type PersonTagRow } from '../db/repositories/relation.repository';

export type { EmploymentRow, OccupantRow, PeopleLinkCounts, PersonTagRow };

export class RelationService {
  private readonly relations: RelationRepository;

  constructor(em: EntityManager) {
    this.relations = new RelationRepository(em);
  }

  /** Brings tags, employments, legal representatives and occupants up to date; nothing changed → nothing written. */
  linkPeople(): Promise<PeopleLinkCounts> {
    return this.relations.linkPeople();
  }

  tagsOfPersons(personIds: readonly number[]): Promise<PersonTagRow[]> {
    return this.relations.tagsOfPersons(personIds);
  }

  employersOfPersons(personIds: readonly number[]): Promise<EmploymentRow[]> {
    return this.relations.employments('person', personIds);
  }

  employeesOfOrganisations(organisationIds: readonly number[]): Promise<EmploymentRow[]> {
    return this.relations.employments('organisation', organisationIds);
  }

  occupantsOfHouses(houseIds: readonly number[]): Promise<OccupantRow[]> {
    return this.relations.occupants('house', houseIds);
  }

  housesOfPersons(personIds: readonly number[]): Promise<OccupantRow[]> {
    return this.relations.occupants('person', personIds);
  }

  /** 同户成员 of each person (the person included). */
  householdMembers(personIds: readonly number[]): Promise<Array<{ personId: number; memberId: number; relationToHead: string | null }>> {
    return this.relations.householdMembers(personIds);
  }
}
