/** GraphQL types of the grid hierarchy (网格). */
import { NodeInterface } from './node.type';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { GridKind as GridKindCodes, Department as DepartmentCodes } from '../../domain/vocabulary';
import { graphqlEnum } from '../graphql-enum';

export const GridKindEnum = graphqlEnum('GridKind', 'Kind of grid (网格类型).', GridKindCodes);
export const DepartmentEnum = graphqlEnum('Department', 'A department that owns data or business grids (部门).', DepartmentCodes);

@ObjectType({ simpleResolvers: true, description: 'A level of the grid hierarchy (网格层级); levels are data and vary by place.' })
export class GridLevelType {
  @Field({ description: 'Stable key (层级标识), e.g. `town`, `community`, `base`.' })
  key!: string;

  @Field({ description: 'Chinese name of the level, e.g. 街道/镇, 社区/村, 基础网格.' })
  name!: string;

  @Field(() => Int, { description: 'Depth from the top of the hierarchy (层级深度; 0 = city).' })
  rank!: number;
}

@ObjectType('Grid', { simpleResolvers: true, implements: NodeInterface, description: 'A grid (网格): administrative division, base grid, business grid or household group.' })
export class GridType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  /** Database id, for resolvers. */
  dbId!: number;

  /** Materialised path of ancestor ids (`/1/5/23/`): the subtree is a prefix range. */
  path!: string;

  parentId!: number | null;

  @Field({ description: 'Grid code (网格编码): 12-digit division code, 15-digit unit-grid code, or a department code.' })
  code!: string;

  @Field({ description: 'Grid name (网格名称).' })
  name!: string;

  @Field(() => GridKindEnum, { description: 'Kind of grid (网格类型).' })
  kind!: keyof typeof GridKindEnum;

  @Field(() => GridLevelType, { description: 'Level in the hierarchy (层级).' })
  level!: GridLevelType;

  @Field(() => DepartmentEnum, { nullable: true, description: 'Owning department of a business grid (所属部门).' })
  department?: keyof typeof DepartmentEnum;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Boundary polygon as GeoJSON (边界).' })
  boundary?: Record<string, unknown>;

  @Field({ description: 'Start of validity (生效时间).' })
  validFrom!: Date;

  @Field({ nullable: true, description: 'End of validity (失效时间); null while current.' })
  validTo?: Date;
}
