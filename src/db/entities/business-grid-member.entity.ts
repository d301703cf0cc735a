/** A business grid (e.g. a police beat 警务区) is a union of whole base grids: one row per member base grid. */
import { Entity, Index, ManyToOne, type Opt, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import { Grid } from './grid.entity';

@Entity({ tableName: 'business_grid_member' })
@Unique({ properties: ['businessGrid', 'baseGrid', 'validFrom'] })
@Index({ properties: ['baseGrid'] })
export class BusinessGridMember extends BaseEntity {
  @ManyToOne(() => Grid)
  businessGrid!: Grid;

  @ManyToOne(() => Grid)
  baseGrid!: Grid;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  validFrom: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  validTo?: Date;
}
