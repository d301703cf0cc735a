/** Thin resolvers for the grid tree; the work is in GridService. */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { DirectoryService } from '../../services/directory.service';
import type { GridView } from '../../services/grid.service';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../global-id';
import { GridKindEnum, GridLevelType, GridType } from '../types/grid.type';
import { gridLoader } from '../loaders/grid.loader';
import { manyLoader } from '../loaders/batch';
import { foldedPersonsPage, keepFoldedPage } from './grid-directory.resolver';

export function toGridType(row: GridView): GridType {
  const g = new GridType();
  g.id = toGlobalId('Grid', row.id);
  g.dbId = row.id;
  g.path = row.path;
  g.parentId = row.parentId;
  g.code = row.code;
  g.name = row.name;
  g.kind = row.kind;
  g.level = { key: row.levelKey, name: row.levelName, rank: row.levelRank };
  g.department = (row.department ?? undefined) as GridType['department'];
  g.boundary = (row.boundary ?? undefined) as Record<string, unknown> | undefined;
  g.validFrom = row.validFrom;
  g.validTo = row.validTo ?? undefined;
  return g;
}

/** The same row grid-by-id would read: `Person.grid` of the grid's own persons costs no statement. */
function primed(ctx: GraphQLContext, grid: GridType): GridType {
  gridLoader(ctx).prime(grid.dbId, grid);
  return grid;
}

@Resolver(() => GridType)
export class GridResolver {
  @Query(() => GridType, { nullable: true, description: 'A current grid by its code (按编码查询网格).' })
  async grid(@Arg('code', { description: 'Grid code.' }) code: string, @Ctx() ctx: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<GridType | null> {
    // `grid(code:) { persons … }`: the grid and its page in one statement (see foldedPersonsPage).
    const fold = foldedPersonsPage(ctx, info, code.trim());
    if (fold) {
      const read = await ctx.service(DirectoryService).persons.page(fold.scope, fold.plan.filter, fold.plan.sort, fold.plan.req, fold.plan.include);
      if (!read.grid) return null;
      const grid = primed(ctx, toGridType(read.grid));
      keepFoldedPage(ctx, grid.dbId, fold.plan, read);
      return grid;
    }
    const row = await ctx.grids.byCode(code);
    return row ? primed(ctx, toGridType(row)) : null;
  }

  @Query(() => [GridType], { description: 'Children of a grid, or the top-level grids when parentCode is omitted (网格树导航).' })
  async grids(
    @Ctx() ctx: GraphQLContext,
    @Arg('parentCode', () => String, { nullable: true, description: 'Code of the parent grid.' }) parentCode?: string,
    @Arg('kind', () => GridKindEnum, { nullable: true, description: 'Only grids of this kind.' }) kind?: keyof typeof GridKindEnum,
  ): Promise<GridType[]> {
    return (await ctx.grids.children(parentCode ?? undefined, kind ?? undefined)).map(toGridType);
  }

  @Query(() => [GridLevelType], { description: 'The levels of the grid hierarchy, top first (网格层级).' })
  gridLevels(@Ctx() ctx: GraphQLContext): Promise<GridLevelType[]> {
    return ctx.grids.levels();
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The parent grid (上级网格).' })
  parent(@Root() grid: GridType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return grid.parentId === null ? null : gridLoader(ctx).load(grid.parentId);
  }

  @FieldResolver(() => [GridType], { description: 'Business grids (专业网格, e.g. 警务区) holding this base grid; for a business grid: the base grids it is the union of.' })
  async businessGrids(@Root() grid: GridType, @Ctx() ctx: GraphQLContext): Promise<GridType[]> {
    const side = grid.kind === 'business' ? 'base' : 'business';
    const rows = await manyLoader(ctx, `grids-by-${side}-membership`, (ids: readonly number[]) => ctx.grids.businessMembership(ids, side), (r) => r.key).load(grid.dbId);
    return (await gridLoader(ctx).loadMany(rows.map((r) => r.gridId))).filter((g): g is GridType => g !== null && !(g instanceof Error));
  }

  @FieldResolver(() => [GridType], { description: 'Current child grids (下级网格).' })
  async children(@Root() grid: GridType, @Ctx() ctx: GraphQLContext): Promise<GridType[]> {
    return (await ctx.grids.children(grid.code)).map(toGridType);
  }
}
