/** The per-grid event connection (事) on `Grid`: a Relay page of the grid's events, or of its whole subtree. */
import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventService } from '../../services/event.service';
import { asGraphQLError } from '../access.middleware';
import type { GraphQLContext } from '../context';
import { connectionType, pageRequest, PageArgs, toConnection, type Connection } from '../pagination';
import { EventFilterInput, EventOrderField, EventType, toEventType } from '../types/event.type';
import { GridType } from '../types/grid.type';

export const EventConnection = connectionType(EventType, 'Event', 'event (事件)');

@Resolver(() => GridType)
export class GridEventsResolver {
  @FieldResolver(() => EventConnection, { description: 'Events (事) of the grid: by category, status, colour, origin and report time; newest first by default.' })
  async events(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => EventFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: EventFilterInput,
    @Arg('orderBy', () => EventOrderField, { defaultValue: EventOrderField.REPORTED_AT, description: 'Sort order (排序): newest report first, or earliest deadline first.' }) orderBy: EventOrderField = EventOrderField.REPORTED_AT,
    @Arg('includeDescendants', () => Boolean, { defaultValue: false, description: 'Include every grid below this one (含下级网格): a town or district sees its whole subtree.' }) includeDescendants = false,
  ): Promise<Connection<EventType>> {
    const req = pageRequest(page);
    let scope;
    try {
      scope = ctx.gridScope(grid, includeDescendants);
    } catch (e) {
      throw asGraphQLError(e);
    }
    const f = {
      categoryScheme: filter?.categoryScheme ?? undefined, categoryCode: filter?.categoryCode ?? undefined, statuses: filter?.status ?? undefined,
      colours: filter?.colour ?? undefined, origin: filter?.origin ?? undefined, reportedFrom: filter?.reportedFrom ?? undefined, reportedTo: filter?.reportedTo ?? undefined,
    };
    const s = ctx.service(EventService);
    const p = await s.gridEvents(scope, f, orderBy, req);
    return toConnection(EventConnection, p, toEventType, req, () => s.gridEventCount(scope, f));
  }
}
