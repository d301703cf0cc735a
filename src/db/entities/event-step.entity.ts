/** One step of an event's timeline: who did what, when, moving the event from one status to another. */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { EventStatus } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { Event } from './event.entity';

@Entity({ tableName: 'event_step' })
@Index({ properties: ['event', 'at'] })
export class EventStep extends BaseEntity {
  @ManyToOne(() => Event)
  event!: Event;

  /** report, accept, dispatch, handle, feed_back, verify_pass, verify_return, close, reject, escalate … */
  @Property({ type: 'text' })
  action!: string;

  @Enum({ items: EventStatus.values, type: 'text', nullable: true })
  fromStatus?: EventStatus;

  @Enum({ items: EventStatus.values, type: 'text' })
  toStatus!: EventStatus;

  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text', nullable: true })
  actorRole?: string;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'text', nullable: true })
  note?: string;

  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  detail: Record<string, unknown> & Opt = {};
}
