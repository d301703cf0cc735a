/** Grid hierarchy levels are data, not code: four levels in one city, five in another. */
import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'grid_level' })
export class GridLevel extends BaseEntity {
  /** Stable key, e.g. `district`, `town`, `community`, `base`, `household_group`. */
  @Property({ type: 'text' })
  @Unique()
  key!: string;

  /** Chinese name, e.g. 区县, 街道/镇, 社区/村, 基础网格, 住户小组. */
  @Property({ type: 'text' })
  name!: string;

  /** Depth from the top (0 = city). */
  @Property({ type: 'smallint' })
  rank!: number;
}
