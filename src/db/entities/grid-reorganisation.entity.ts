/** A grid reorganisation (e.g. merging 1,690 grids into 1,118): one act, effective at one time. */
import { Entity, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'grid_reorganisation' })
export class GridReorganisation extends BaseEntity {
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'timestamptz' })
  effectiveAt!: Date;

  @Property({ type: 'text', nullable: true })
  note?: string;
}
