/**
 * Crosswalk from a source record to the golden entity it describes, with why: the score, the rule or
 * model, the per-comparison weights, who decided (auto, rule, steward) and when. A link that is
 * undone gets `unlinkedAt` instead of being deleted, so every decision stays explainable.
 */
import { BigIntType, Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { EntityType, LinkDecider } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { SourceRecord } from './source-record.entity';

@Entity({ tableName: 'entity_link' })
@Index({ name: 'entity_link_active_uq', expression: 'create unique index entity_link_active_uq on entity_link (source_record_id) where unlinked_at is null' })
@Index({ properties: ['entityType', 'entityId'] })
export class EntityLink extends BaseEntity {
  /** No foreign key (migration resolution_speed): source records are never deleted, and the check locked one per link. */
  @ManyToOne(() => SourceRecord, { createForeignKeyConstraint: false })
  sourceRecord!: SourceRecord;

  @Enum({ items: EntityType.values, type: 'text' })
  entityType!: EntityType;

  @Property({ type: new BigIntType('number') })
  entityId!: number;

  /** Match weight (log2 Bayes factor) or probability, as the model reports it. */
  @Property({ type: 'double precision', nullable: true })
  score?: number;

  /** Model or rule that produced the link, e.g. `person@3` or `exact:citizenId`. */
  @Property({ type: 'text' })
  rule!: string;

  /** comparison name → { level, weight } */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  weights: Record<string, { level: string; weight: number }> & Opt = {};

  @Enum({ items: LinkDecider.values, type: 'text' })
  decidedBy!: LinkDecider;

  /** Steward user name when decidedBy = steward. */
  @Property({ type: 'text', nullable: true })
  decidedByUser?: string;

  @Property({ type: 'timestamptz' })
  decidedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  unlinkedAt?: Date;

  @Property({ type: 'text', nullable: true })
  unlinkReason?: string;
}
