/**
 * Thin resolvers of the dashboard (驾驶舱): `dashboard(gridCode:)` finds the grid and hands out the
 * scope; every aggregate is a field resolver calling DashboardService (one SQL statement each, only
 * for the fields selected, each at most once per request).
 */
import { GraphQLError } from 'graphql';
import { asGraphQLError } from '../access.middleware';
import { visibleTags } from '../loaders/person.loader';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DashboardInputError, DashboardService } from '../../services/dashboard.service';
import type { GraphQLContext } from '../context';
import {
  CountByType, DashboardBucket, DashboardEventBucketType, DashboardEventsType, DashboardHousesType, DashboardOrganisationsType, DashboardType,
} from '../types/dashboard.type';
import { toGridType } from './grid.resolver';

/** Input mistakes leave as BAD_USER_INPUT with the service's message. */
async function guarded<T>(run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof DashboardInputError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } });
    throw e;
  }
}

@Resolver(() => DashboardType)
export class DashboardResolver {
  @Query(() => DashboardType, { description: 'Dashboard aggregates (驾驶舱统计) of a grid, by default with its whole subtree.' })
  async dashboard(
    @Arg('gridCode', { description: 'Code of the grid (网格编码).' }) gridCode: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('includeDescendants', { defaultValue: true, description: 'Count the rows of the whole subtree (含下级网格); false: the grid’s own rows only.' }) includeDescendants: boolean,
    @Arg('asOf', () => Date, { nullable: true, description: 'The time ages and tags are taken at (统计时点); default now.' }) asOf?: Date | null,
  ): Promise<DashboardType> {
    const grid = await ctx.grids.byCode(gridCode);
    if (!grid) throw new GraphQLError(`No current grid with code "${gridCode}".`, { extensions: { code: 'NOT_FOUND', gridCode } });
    const d = new DashboardType();
    try {
      d.scope = ctx.gridScope({ dbId: grid.id, path: grid.path, code: grid.code }, includeDescendants);
    } catch (e) {
      throw asGraphQLError(e);
    }
    d.grid = toGridType(grid);
    d.includeDescendants = includeDescendants;
    d.asOf = asOf ?? new Date();
    return d;
  }

  @FieldResolver(() => [CountByType], { description: 'Persons by kind (按人口类型): 户籍人口, 流动人口, 境外人员.' })
  personsByKind(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return ctx.service(DashboardService).personsByKind(d.scope);
  }

  @FieldResolver(() => [CountByType], { description: 'Persons by age band at asOf (按年龄段): 0–6, 7–17, 18–59, 60–79, 80+ (and unknown birth dates).' })
  personsByAgeBand(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return ctx.service(DashboardService).personsByAgeBand(d.scope, d.asOf);
  }

  @FieldResolver(() => [CountByType], { description: 'Persons by gender (按性别).' })
  personsByGender(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return ctx.service(DashboardService).personsByGender(d.scope);
  }

  @FieldResolver(() => [CountByType], { description: 'Persons by tag current at asOf (按人员标签): key groups, care groups, health; a person counts under each of its tags.' })
  async personsByTag(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    // Counts of a tag are as sensitive as the tag: only the tags this principal may see.
    const [counts, visible] = await Promise.all([ctx.service(DashboardService).personsByTag(d.scope, d.asOf), visibleTags(ctx)]);
    return counts.filter((c) => visible.has(c.key));
  }

  @FieldResolver(() => DashboardHousesType, { description: 'Houses: total, rentals, by use (实有房屋统计).' })
  houses(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<DashboardHousesType> {
    return ctx.service(DashboardService).houses(d.scope);
  }

  @FieldResolver(() => [CountByType], { description: 'Organisations not closed, by kind (按单位类型), including the 三小场所 kinds.' })
  async organisationsByKind(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return (await ctx.service(DashboardService).organisations(d.scope)).byKind;
  }

  @FieldResolver(() => DashboardOrganisationsType, { description: 'Organisations not closed: total, 三小场所, by kind (实有单位统计).' })
  organisations(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<DashboardOrganisationsType> {
    return ctx.service(DashboardService).organisations(d.scope);
  }

  @FieldResolver(() => [CountByType], { description: 'Things by class (按部件大类): city parts by major class (01 公用设施 …), hazard sources and safety equipment by kind.' })
  thingsByClass(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return ctx.service(DashboardService).thingsByClass(d.scope);
  }

  @FieldResolver(() => [CountByType], { description: 'Things by kind (按物的类型): 城市部件, 危险源, 安全设施.' })
  thingsByKind(@Root() d: DashboardType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return ctx.service(DashboardService).thingsByKind(d.scope);
  }

  @FieldResolver(() => DashboardEventsType, { description: 'Events reported within a time window (事件统计): by status, colour, category and over time.' })
  events(
    @Root() d: DashboardType,
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => Date, { nullable: true, description: 'Start of the window, inclusive (起始时间); default 30 days before `to`.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'End of the window, exclusive (截止时间); default now.' }) to?: Date | null,
    @Arg('bucket', () => DashboardBucket, { defaultValue: DashboardBucket.DAY, description: 'Bucket of the series (统计周期).' }) bucket: DashboardBucket = DashboardBucket.DAY,
  ): Promise<DashboardEventsType> {
    return guarded(() => {
      const e = new DashboardEventsType();
      e.scope = d.scope;
      e.window = ctx.service(DashboardService).window(from, to);
      e.from = e.window.from;
      e.to = e.window.to;
      e.bucket = bucket;
      return e;
    });
  }
}

@Resolver(() => DashboardEventsType)
export class DashboardEventsResolver {
  @FieldResolver(() => Int, { description: 'Events reported in the window (事件总数).' })
  async total(@Root() e: DashboardEventsType, @Ctx() ctx: GraphQLContext): Promise<number> {
    return (await ctx.service(DashboardService).events(e.scope, e.window)).total;
  }

  @FieldResolver(() => [CountByType], { description: 'Events by status in the closed loop (按办理状态).' })
  async byStatus(@Root() e: DashboardEventsType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return (await ctx.service(DashboardService).events(e.scope, e.window)).byStatus;
  }

  @FieldResolver(() => [CountByType], { description: 'Events by warning colour (按三色预警).' })
  async byColour(@Root() e: DashboardEventsType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return (await ctx.service(DashboardService).events(e.scope, e.window)).byColour;
  }

  @FieldResolver(() => [CountByType], { description: 'Events by category (按事件类别); key `scheme:code`, e.g. `dispute:02` 邻里纠纷.' })
  async byCategory(@Root() e: DashboardEventsType, @Ctx() ctx: GraphQLContext): Promise<CountByType[]> {
    return (await ctx.service(DashboardService).events(e.scope, e.window)).byCategory;
  }

  @FieldResolver(() => [DashboardEventBucketType], { description: 'Events per time bucket of the window, empty buckets included (事件趋势).' })
  series(@Root() e: DashboardEventsType, @Ctx() ctx: GraphQLContext): Promise<DashboardEventBucketType[]> {
    return guarded(() => ctx.service(DashboardService).eventSeries(e.scope, e.window, e.bucket));
  }
}
