/**
 * Every record a department feed or file delivered, kept forever: the raw payload as received, its
 * canonical projection (our field names, normalised), a content hash to skip unchanged records, and
 * the validation status with structured reasons. One row per (source, stream, record key); earlier
 * versions move to source_record_version.
 */
import { BigIntType, Entity, Enum, Index, type Opt, Property, Unique } from '@mikro-orm/core';
import { EntityType, SourceRecordStatus } from '../../domain/vocabulary';
import type { ValidationIssue } from '../../domain/validation-issue';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'source_record' })
@Unique({ properties: ['source', 'stream', 'recordKey'] })
@Index({ name: 'source_record_quarantined_idx', expression: `create index source_record_quarantined_idx on source_record (source, stream, id) where status = 'quarantined'` })
@Index({ properties: ['entityType', 'status'] })
export class SourceRecord extends BaseEntity {
  /** Connector name, e.g. `police`, or the `--source` of a file import. */
  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'text' })
  stream!: string;

  @Property({ type: 'text' })
  recordKey!: string;

  @Enum({ items: EntityType.values, type: 'text' })
  entityType!: EntityType;

  @Property({ type: 'jsonb' })
  raw!: Record<string, unknown>;

  @Property({ type: 'jsonb', nullable: true })
  canonical?: Record<string, unknown>;

  /** sha256 hex of the raw payload in canonical JSON. */
  @Property({ type: 'string', columnType: 'char(64)' })
  contentHash!: string;

  @Enum({ items: SourceRecordStatus.values, type: 'text' })
  status!: SourceRecordStatus;

  @Property({ type: 'jsonb', defaultRaw: `'[]'::jsonb` })
  issues: ValidationIssue[] & Opt = [];

  /** Incremented on every change of content. */
  @Property({ type: 'integer', default: 1 })
  revision: number & Opt = 1;

  @Property({ type: 'timestamptz' })
  firstSeenAt!: Date;

  @Property({ type: 'timestamptz' })
  fetchedAt!: Date;

  /** The feed's own updated-at, when it has one. */
  @Property({ type: 'timestamptz', nullable: true })
  sourceUpdatedAt?: Date;

  /** Sync run (job_run) that last wrote this record. */
  @Property({ type: new BigIntType('number'), nullable: true })
  lastRunId?: number;
}
