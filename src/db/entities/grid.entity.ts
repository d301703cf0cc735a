/**
 * A grid: administrative division, base grid, business grid of a department, or household group.
 * Grids are versioned (valid_from/valid_to) so reorganisations keep history; `path` is the
 * materialised path of ancestor ids (`/1/5/23/`) so subtree queries are an index range scan.
 * Boundaries are GeoJSON (spatial work runs in the app: no PostGIS), with a bounding box for indexing.
 */
import { Entity, Enum, Index, ManyToOne, type Opt, Property } from '@mikro-orm/core';
import { GridKind, Department } from '../../domain/vocabulary';
import { BaseEntity } from './base.entity';
import { GridLevel } from './grid-level.entity';

export interface GeoJsonPolygon {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

@Entity({ tableName: 'grid' })
@Index({ name: 'grid_code_current_uq', expression: 'create unique index grid_code_current_uq on grid (code) where valid_to is null' })
@Index({ name: 'grid_path_idx', expression: 'create index grid_path_idx on grid (path text_pattern_ops)' })
@Index({ properties: ['parent', 'name'] })
export class Grid extends BaseEntity {
  /** 12-digit statistical division code, 15-digit unit-grid code (GB/T 30428) or a department's own code. */
  @Property({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: GridKind.values, type: 'text' })
  kind!: GridKind;

  @ManyToOne(() => GridLevel)
  level!: GridLevel;

  @ManyToOne(() => Grid, { nullable: true })
  parent?: Grid;

  /** `/rootId/.../ownId/` */
  @Property({ type: 'text' })
  path!: string;

  /** Owning department of a business grid (e.g. police for a 警务区). */
  @Enum({ items: Department.values, type: 'text', nullable: true })
  department?: Department;

  @Property({ type: 'jsonb', nullable: true })
  boundary?: GeoJsonPolygon;

  @Property({ type: 'double precision', nullable: true })
  minLng?: number;

  @Property({ type: 'double precision', nullable: true })
  minLat?: number;

  @Property({ type: 'double precision', nullable: true })
  maxLng?: number;

  @Property({ type: 'double precision', nullable: true })
  maxLat?: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  validFrom: Date & Opt = new Date();

  /** null while current; set when a reorganisation retires the grid. */
  @Property({ type: 'timestamptz', nullable: true })
  @Index()
  validTo?: Date;

  /** Names of grid workers (网格员/网格长); personnel records come with their own feed later. */
  @Property({ type: 'jsonb', defaultRaw: `'[]'::jsonb` })
  workers: Array<{ name: string; role: string; phone?: string }> & Opt = [];
}
