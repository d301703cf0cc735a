/** Persons and organisations involved in an event, with their role. */
import { Entity, Enum, Index, ManyToOne } from '@mikro-orm/core';
import { EventPartyRole } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { Event } from './event.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';

@Entity({ tableName: 'event_party' })
@Index({ properties: ['event'] })
@Index({ properties: ['person'] })
@Index({ properties: ['organisation'] })
export class EventParty extends BaseEntity {
  @ManyToOne(() => Event)
  event!: Event;

  @ManyToOne(() => Person, { nullable: true })
  person?: Person;

  @ManyToOne(() => Organisation, { nullable: true })
  organisation?: Organisation;

  @Enum({ items: EventPartyRole.values, type: 'text' })
  role!: EventPartyRole;
}
