/**
 * 标准地址: a tree of GA/T 2000.32 address elements (community → road → number → building → unit → room).
 * Leaf addresses (户室) are where people live. Every address carries its parsed components, the
 * canonical full text (the matching key), coordinates and its base grid.
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { AddressLevel } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';

@Entity({ tableName: 'standard_address' })
@Index({ name: 'standard_address_code_uq', expression: 'create unique index standard_address_code_uq on standard_address (code) where code is not null' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['parent'] })
@Index({ name: 'standard_address_full_text_trgm', expression: 'create index standard_address_full_text_trgm on standard_address using gin (full_text gin_trgm_ops)' })
@Index({ properties: ['fullText'] })
export class StandardAddress extends GoldenEntity {
  /** The public-security standard address code, when the address came from the register. */
  @Property({ type: 'text', nullable: true })
  code?: string;

  @ManyToOne(() => StandardAddress, { nullable: true })
  parent?: StandardAddress;

  @Enum({ items: AddressLevel.values, type: 'text' })
  level!: AddressLevel;

  /** This element's own name: `中山大道西`, `55号`, `3栋`, `2单元`, `501室`. */
  @Property({ type: 'text' })
  elementName!: string;

  /** Parsed components (province … room), see src/domain/address. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  components: Record<string, string> & Opt = {};

  /** Canonical full text, the key addresses are matched on. */
  @Property({ type: 'text' })
  fullText!: string;

  @Property({ type: 'smallint', nullable: true })
  floor?: number;

  @Property({ type: 'double precision', nullable: true })
  lng?: number;

  @Property({ type: 'double precision', nullable: true })
  lat?: number;

  /** Base grid the address lies in. */
  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;

  /** Police beat (警务网格) named by the public-security record. */
  @ManyToOne(() => Grid, { nullable: true })
  policeBeat?: Grid;

  @Property({ type: 'timestamptz', nullable: true })
  retiredAt?: Date;
}
