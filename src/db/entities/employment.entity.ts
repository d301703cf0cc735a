/**
 * A person employed by an organisation (the employer of a person, the employees of a unit), from the
 * person's 服务处所 USCC (`attributes.employerUscc`); kept by the `people-links` stage.
 */
import { Entity, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';

@Entity({ tableName: 'employment' })
@Index({ properties: ['organisation'] })
@Index({ properties: ['person'] })
@Index({ name: 'employment_current_organisation_idx', expression: 'create index "employment_current_organisation_idx" on "employment" ("organisation_id", "person_id") where "current"' })
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

  /** False once the relation no longer holds (closed by the `people-links` stage: history is kept, never deleted). */
  @Property({ type: 'boolean', default: true })
  current: boolean & Opt = true;
}
