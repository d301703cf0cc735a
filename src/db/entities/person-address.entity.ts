/** A person's addresses with their role (户籍 hukou / 居住 residence / work) and validity. */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { AddressRole } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { Person } from './person.entity';
import { StandardAddress } from './standard-address.entity';
import { SourceRecord } from './source-record.entity';

@Entity({ tableName: 'person_address' })
@Index({ properties: ['person', 'role'] })
@Index({ properties: ['address'] })
export class PersonAddress extends BaseEntity {
  @ManyToOne(() => Person)
  person!: Person;

  @ManyToOne(() => StandardAddress)
  address!: StandardAddress;

  @Enum({ items: AddressRole.values, type: 'text' })
  role!: AddressRole;

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;

  @ManyToOne(() => SourceRecord, { nullable: true })
  sourceRecord?: SourceRecord;

  @Property({ type: 'boolean', default: true })
  current: boolean & Opt = true;
}
