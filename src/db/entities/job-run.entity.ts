/** A run of a job (sync of a stream, resolve, reconcile, escalation tick) with its counts and outcome. */
import { Entity, Enum, Index, type Opt, Property } from '@mikro-orm/core';
import { JobStatus } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'job_run' })
@Index({ properties: ['kind', 'startedAt'] })
export class JobRun extends BaseEntity {
  /** e.g. `sync`, `resolve`, `reconcile`, `maintenance` */
  @Property({ type: 'text' })
  kind!: string;

  /** BullMQ queue and job id, when the run came from a queue. */
  @Property({ type: 'text', nullable: true })
  queue?: string;

  @Property({ type: 'text', nullable: true })
  queueJobId?: string;

  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  params: Record<string, unknown> & Opt = {};

  @Enum({ items: JobStatus.values, type: 'text' })
  status!: JobStatus;

  /** fetched, stored, unchanged, quarantined … */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  counts: Record<string, number> & Opt = {};

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt?: Date;

  @Property({ type: 'text', nullable: true })
  error?: string;
}
