/**
 * 实有人口: the golden person record. Identity is the bigint id, which survives re-runs of resolution
 * (a merge keeps the survivor's id; the absorbed one redirects via `mergedInto`).
 * `grid` is the base grid of the current residence address, kept for per-grid queries.
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { Gender, PersonKind, PersonStatus } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';

@Entity({ tableName: 'person' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['citizenId'] })
@Index({ properties: ['birthDate', 'namePinyin'] })
@Index({ name: 'person_household_no_idx', expression: `create index "person_household_no_idx" on "person" ((attributes->>'householdNo'))` })
@Index({ name: 'person_dashboard_idx', expression: 'create index "person_dashboard_idx" on "person" ("grid_id") include ("id", "kind", "gender", "birth_date", "status", "merged_into_id")' })
@Index({ name: 'person_name_page_idx', expression: 'create index "person_name_page_idx" on "person" ("grid_id", "name", "id") where "merged_into_id" is null' })
@Index({ name: 'person_name_trgm', expression: 'create index person_name_trgm on person using gin (name gin_trgm_ops)' })
export class Person extends GoldenEntity {
  /** 18-character citizen ID, upper-case X; null for people without one (foreigners, missing data). */
  @Property({ type: 'string', columnType: 'char(18)', nullable: true })
  citizenId?: string;

  /** Passport or other document of foreigners / HK-MO-TW residents. */
  @Property({ type: 'text', nullable: true })
  documentNo?: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  namePinyin?: string;

  @Enum({ items: Gender.values, type: 'text' })
  gender: Gender & Opt = 'U';

  @Property({ type: 'date', nullable: true })
  birthDate?: string;

  @Enum({ items: PersonKind.values, type: 'text' })
  kind!: PersonKind;

  @Enum({ items: PersonStatus.values, type: 'text' })
  status: PersonStatus & Opt = 'active';

  @Property({ type: 'text', nullable: true })
  nationality?: string;

  @Property({ type: 'text', nullable: true })
  ethnicity?: string;

  /** Normalised 11-digit mobile or landline. */
  @Property({ type: 'text', nullable: true })
  @Index()
  phone?: string;

  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;

  /**
   * Golden attributes not (yet) normalised into columns or relation tables, chosen by survivorship
   * like the columns (provenance per attribute): addresses by role, tags, household, …
   */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  attributes: Record<string, unknown> & Opt = {};

  /** Set when this record was merged into another; reads follow the redirect. */
  @ManyToOne(() => Person, { nullable: true })
  mergedInto?: Person;

  /**
   * `<version>:<md5>` of the row as resolution last wrote it (bookkeeping of the resolver: a full
   * rebuild compares with it while `version` is unchanged). Not part of the person's data.
   */
  @Property({ type: 'text', nullable: true, lazy: true, hidden: true })
  fingerprint?: string;
}
