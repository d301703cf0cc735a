/**
 * When a reorganisation moves a person, place, thing or event to another grid, the move is recorded
 * here, so "which grid was it in at time T" stays answerable after merges and splits.
 */
import { BigIntType, Entity, Enum, Index, ManyToOne, Property } from '@mikro-orm/core';
import { EntityType } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { Grid } from './grid.entity';
import { GridReorganisation } from './grid-reorganisation.entity';

@Entity({ tableName: 'grid_assignment_history' })
@Index({ properties: ['entityType', 'entityId'] })
export class GridAssignmentHistory extends BaseEntity {
  @Enum({ items: EntityType.values, type: 'text' })
  entityType!: EntityType;

  @Property({ type: new BigIntType('number') })
  entityId!: number;

  @ManyToOne(() => Grid, { nullable: true })
  fromGrid?: Grid;

  @ManyToOne(() => Grid, { nullable: true })
  toGrid?: Grid;

  @ManyToOne(() => GridReorganisation, { nullable: true })
  reorganisation?: GridReorganisation;

  @Property({ type: 'timestamptz' })
  changedAt!: Date;
}
