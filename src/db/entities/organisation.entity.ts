/**
 * 实有单位: an organisation or business on site, identified by its unified social credit code (USCC)
 * or, before 2016, a 15-digit registration number. Includes the 三小场所 kinds.
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { OrganisationKind, OrganisationStatus } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';
import { Person } from './person.entity';
import { StandardAddress } from './standard-address.entity';

@Entity({ tableName: 'organisation' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['uscc'] })
@Index({ properties: ['kind', 'grid'] })
@Index({ name: 'organisation_name_trgm', expression: 'create index organisation_name_trgm on organisation using gin (name gin_trgm_ops)' })
export class Organisation extends GoldenEntity {
  @Property({ type: 'string', columnType: 'char(18)', nullable: true })
  uscc?: string;

  @Property({ type: 'text', nullable: true })
  legacyRegistrationNo?: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: OrganisationKind.values, type: 'text' })
  kind!: OrganisationKind;

  @Enum({ items: OrganisationStatus.values, type: 'text' })
  status: OrganisationStatus & Opt = 'active';

  /** GB/T 4754 industry code. */
  @Property({ type: 'text', nullable: true })
  industryCode?: string;

  @ManyToOne(() => Person, { nullable: true })
  legalRepresentative?: Person;

  @Property({ type: 'text', nullable: true })
  legalRepresentativeName?: string;

  @Property({ type: 'text', nullable: true })
  phone?: string;

  @Property({ type: 'date', nullable: true })
  establishedOn?: string;

  @ManyToOne(() => StandardAddress, { nullable: true })
  address?: StandardAddress;

  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;

  /**
   * Golden attributes not (yet) normalised into columns or relation tables, chosen by survivorship
   * like the columns (provenance per attribute): addresses by role, tags, household, …
   */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  attributes: Record<string, unknown> & Opt = {};

  @ManyToOne(() => Organisation, { nullable: true })
  mergedInto?: Organisation;
}
