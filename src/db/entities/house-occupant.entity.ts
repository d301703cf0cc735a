/** Who lives in a house: owner, family, tenants (with validity). */
import { Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { OccupantRelation } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { House } from './house.entity';
import { Person } from './person.entity';

@Entity({ tableName: 'house_occupant' })
@Index({ properties: ['house'] })
@Index({ properties: ['person'] })
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
}
