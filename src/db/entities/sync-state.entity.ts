/** Checkpoint of one stream of one connector: advanced in the same transaction as the records it covers. */
import { BigIntType, Entity, type Opt, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'sync_state' })
@Unique({ properties: ['source', 'stream'] })
export class SyncState extends BaseEntity {
  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  stream!: string;

  /** Cursor value(s) and tie-breaker, as the connector's cursor strategy defines them. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  cursor: Record<string, unknown> & Opt = {};

  @Property({ type: 'timestamptz', nullable: true })
  lastSyncedAt?: Date;

  @Property({ type: new BigIntType('number'), nullable: true })
  lastRunId?: number;
}
