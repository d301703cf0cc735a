/** A person employed by an organisation (the employer of a person, the employees of a unit). */
import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';

@Entity({ tableName: 'employment' })
@Index({ properties: ['organisation'] })
@Index({ properties: ['person'] })
export class Employment extends BaseEntity {
  @ManyToOne(() => Organisation)
  organisation!: Organisation;

  @ManyToOne(() => Person)
  person!: Person;

  @Property({ type: 'text', nullable: true })
  position?: string;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;
}
