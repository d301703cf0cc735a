/** An earlier content of a source record: nothing already stored is lost when a feed changes a record. */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { SourceRecordStatus } from '../../domain/vocabulary';
import type { ValidationIssue } from '../../domain/validation-issue';
import { BaseEntity } from './base.entity';
import { SourceRecord } from './source-record.entity';

@Entity({ tableName: 'source_record_version' })
@Index({ properties: ['sourceRecord', 'revision'] })
export class SourceRecordVersion extends BaseEntity {
  @ManyToOne(() => SourceRecord)
  sourceRecord!: SourceRecord;

  @Property({ type: 'integer' })
  revision!: number;

  @Property({ type: 'jsonb' })
  raw!: Record<string, unknown>;

  @Property({ type: 'jsonb', nullable: true })
  canonical?: Record<string, unknown>;

  @Property({ type: 'string', columnType: 'char(64)' })
  contentHash!: string;

  @Enum({ items: SourceRecordStatus.values, type: 'text' })
  status!: SourceRecordStatus;

  @Property({ type: 'jsonb', defaultRaw: `'[]'::jsonb` })
  issues: ValidationIssue[] & Opt = [];

  @Property({ type: 'timestamptz' })
  fetchedAt!: Date;
}
