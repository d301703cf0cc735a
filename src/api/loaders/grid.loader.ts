/** Per-request DataLoaders of grids and things. */
import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { DirectoryService } from '../../services/directory.service';
import { toGridType } from '../resolvers/grid.resolver';
import type { GridType } from '../types/grid.type';
import { toThingType, type ThingType } from '../types/thing.type';
import { oneLoader, type SettlingLoader } from './batch';

export function gridLoader(ctx: GraphQLContext): SettlingLoader<number, GridType | null> {
  return oneLoader(ctx, 'grid-by-id', async (ids: readonly number[]) => new Map([...(await ctx.grids.byIds(ids))].map(([k, r]) => [k, toGridType(r)])));
}

export function thingLoader(ctx: GraphQLContext): DataLoader<number, ThingType | null> {
  return oneLoader(ctx, 'thing-by-id', async (ids: readonly number[]) => new Map([...(await ctx.service(DirectoryService).things.byIds(ids))].map(([k, r]) => [k, toThingType(r)])));
}

export function thingByCodeLoader(ctx: GraphQLContext): DataLoader<string, ThingType | null> {
  return oneLoader(ctx, 'thing-by-code', async (codes: readonly string[]) => new Map([...(await ctx.service(DirectoryService).things.byCodes(codes))].map(([k, r]) => [k, toThingType(r)])));
}
