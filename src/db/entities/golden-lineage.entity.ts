/**
 * The history of golden identities: created, merged into a survivor (the absorbed id redirects),
 * split or unmerged (new ids, with the reason), retired. Every row says who decided (auto or a
 * steward), in which run, and which source records moved.
 */
import { BigIntType, Entity, Enum, Index, Property } from '@mikro-orm/core';
import { EntityType, GoldenChangeKind, LinkDecider } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'golden_lineage' })
@Index({ properties: ['entityType', 'fromId'] })
@Index({ properties: ['entityType', 'toId'] })
export class GoldenLineage extends BaseEntity {
  @Enum({ items: EntityType.values, type: 'text' })
  entityType!: EntityType;

  @Enum({ items: GoldenChangeKind.values, type: 'text' })
  kind!: GoldenChangeKind;

  /** The id that was merged away, split or retired (null for create). */
  @Property({ type: new BigIntType('number'), nullable: true })
  fromId?: number;

  /** The survivor of a merge, the new id of a create/split/unmerge. */
  @Property({ type: new BigIntType('number'), nullable: true })
  toId?: number;

  @Property({ type: 'bigint[]', columnType: 'bigint[]', nullable: true })
  sourceRecordIds?: string[];

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Enum({ items: LinkDecider.values, type: 'text' })
  decidedBy!: LinkDecider;

  @Property({ type: 'text', nullable: true })
  decidedByUser?: string;

  @Property({ type: new BigIntType('number'), nullable: true })
  runId?: number;
}
