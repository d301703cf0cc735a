/** Predecessor → successor edges of a reorganisation: a merge has many predecessors, a split many successors. */
import { Entity, Enum, Index, ManyToOne } from '@mikro-orm/core';
import { GridChangeKind } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { Grid } from './grid.entity';
import { GridReorganisation } from './grid-reorganisation.entity';

@Entity({ tableName: 'grid_lineage' })
@Index({ properties: ['predecessor'] })
@Index({ properties: ['successor'] })
export class GridLineage extends BaseEntity {
  @ManyToOne(() => GridReorganisation)
  reorganisation!: GridReorganisation;

  @ManyToOne(() => Grid)
  predecessor!: Grid;

  @ManyToOne(() => Grid)
  successor!: Grid;

  @Enum({ items: GridChangeKind.values, type: 'text' })
  kind!: GridChangeKind;
}
