/**
 * 物: city management parts (部件, 16-character id: county + major + minor class + serial),
 * hazardous sources and safety equipment.
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { ThingKind } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';
import { Organisation } from './organisation.entity';
import { StandardAddress } from './standard-address.entity';

@Entity({ tableName: 'thing' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['kind', 'majorClass', 'minorClass'] })
@Index({ name: 'thing_code_uq', expression: 'create unique index thing_code_uq on thing (code) where code is not null' })
export class Thing extends GoldenEntity {
  @Property({ type: 'text', nullable: true })
  code?: string;

  @Enum({ items: ThingKind.values, type: 'text' })
  kind!: ThingKind;

  /** 2-digit major class (e.g. 01 公用设施). */
  @Property({ type: 'text', nullable: true })
  majorClass?: string;

  /** 2-digit minor class (e.g. 01 上水井盖). */
  @Property({ type: 'text', nullable: true })
  minorClass?: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', default: 'normal' })
  status: string & Opt = 'normal';

  @Property({ type: 'double precision', nullable: true })
  lng?: number;

  @Property({ type: 'double precision', nullable: true })
  lat?: number;

  @ManyToOne(() => StandardAddress, { nullable: true })
  address?: StandardAddress;

  @ManyToOne(() => Organisation, { nullable: true })
  ownerOrganisation?: Organisation;

  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  attributes: Record<string, unknown> & Opt = {};

  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;
}
