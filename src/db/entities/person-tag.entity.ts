/**
 * A tag on a person, from a source, with its own details and validity dates (from the source record
 * that brought the tag). Kept by the `people-links` stage from the golden person's tags.
 */
import { Entity, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Person } from './person.entity';
import { TagDefinition } from './tag-definition.entity';
import { SourceRecord } from './source-record.entity';

@Entity({ tableName: 'person_tag' })
@Index({ properties: ['person'] })
@Index({ properties: ['tag', 'person'] })
@Index({ name: 'person_tag_current_tag_idx', expression: 'create index "person_tag_current_tag_idx" on "person_tag" ("tag_id", "person_id") where "current"' })
export class PersonTag extends BaseEntity {
  @ManyToOne(() => Person)
  person!: Person;

  @ManyToOne(() => TagDefinition)
  tag!: TagDefinition;

  /** Source system the tag came from, e.g. `health`, `police`. */
  @Property({ type: 'text' })
  source!: string;

  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  detail: Record<string, unknown> & Opt = {};

  @Property({ type: 'date', nullable: true })
  validFrom?: string;

  @Property({ type: 'date', nullable: true })
  validTo?: string;

  @ManyToOne(() => SourceRecord, { nullable: true })
  sourceRecord?: SourceRecord;

  /** False once the relation no longer holds (closed by the `people-links` stage: history is kept, never deleted). */
  @Property({ type: 'boolean', default: true })
  current: boolean & Opt = true;
}
