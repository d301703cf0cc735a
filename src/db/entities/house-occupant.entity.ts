/**
 * Who lives in a house: owner, family, tenants (with validity). Kept by the `people-links` stage:
 * the owner, and the persons whose current residence is the house's standard address (tenants
 * when the house is a rental, family otherwise).
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { OccupantRelation } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { House } from './house.entity';
import { Person } from './person.entity';

@Entity({ tableName: 'house_occupant' })
@Index({ properties: ['house'] })
@Index({ properties: ['person'] })
@Index({ name: 'house_occupant_current_house_idx', expression: 'create index "house_occupant_current_house_idx" on "house_occupant" ("house_id", "person_id") where "current"' })
export class HouseOccupant extends BaseEntity {
  @ManyToOne(() => House)
  house!: House;

  @ManyToOne(() => Person)
  person!: Person;

  @Enum({ items: OccupantRelation.values, type: 'text' })
  relation!: OccupantRelation;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;

  /** False once the relation no longer holds (closed by the `people-links` stage: history is kept, never deleted). */
  @Property({ type: 'boolean', default: true })
  current: boolean & Opt = true;
}
