/** 实有房屋: a building or a dwelling at a standard address, its use, owner and rental details. */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { HouseKind, HouseUse } from '../../domain/vocabulary';
import { GoldenEntity } from './base.entity';
import { Grid } from './grid.entity';
import { Organisation } from './organisation.entity';
import { Person } from './person.entity';
import { StandardAddress } from './standard-address.entity';

export interface RentalDetails {
  landlordName?: string;
  registrationNo?: string;
  registeredOn?: string;
  /** e.g. 消防通道堵塞, 群租 */
  hazards: string[];
  tenantsCount?: number;
}

@Entity({ tableName: 'house' })
@Index({ properties: ['grid', 'id'] })
@Index({ properties: ['address'] })
@Index({ name: 'house_dashboard_idx', expression: 'create index "house_dashboard_idx" on "house" ("grid_id") include ("id", "use", "is_rental", "merged_into_id")' })
@Index({ name: 'house_rental_idx', expression: 'create index house_rental_idx on house (grid_id, id) where is_rental' })
export class House extends GoldenEntity {
  /** Department's house code, when one exists. */
  @Property({ type: 'text', nullable: true })
  code?: string;

  @Enum({ items: HouseKind.values, type: 'text' })
  kind!: HouseKind;

  /** Null until the house's address code is found in the standard address register (resolution links it). */
  @ManyToOne(() => StandardAddress, { nullable: true })
  address?: StandardAddress;

  @Enum({ items: HouseUse.values, type: 'text' })
  use: HouseUse & Opt = 'residential';

  @Property({ type: 'decimal', precision: 10, scale: 2, nullable: true })
  areaM2?: string;

  @ManyToOne(() => Person, { nullable: true })
  ownerPerson?: Person;

  @ManyToOne(() => Organisation, { nullable: true })
  ownerOrganisation?: Organisation;

  @Property({ type: 'text', nullable: true })
  ownerName?: string;

  /** 出租屋 */
  @Property({ type: 'boolean', default: false })
  isRental: boolean & Opt = false;

  @Property({ type: 'jsonb', nullable: true })
  rental?: RentalDetails;

  @ManyToOne(() => Grid, { nullable: true })
  grid?: Grid;

  /** Golden attributes without a column (address code, owner's citizen ID …), with provenance like the columns. */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  attributes: Record<string, unknown> & Opt = {};

  @ManyToOne(() => House, { nullable: true })
  mergedInto?: House;
}
