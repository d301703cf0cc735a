/** The events (事) a person or an organisation is a party to, batched per request. */
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { EventService } from '../../services/event.service';
import type { GraphQLContext } from '../context';
import { manyLoader } from '../loaders/batch';
import { EventType, toEventType } from '../types/event.type';
import { OrganisationType } from '../types/organisation.type';
import { PersonType } from '../types/person.type';

function partyEvents(ctx: GraphQLContext, kind: 'person' | 'organisation', id: number): Promise<EventType[]> {
  return manyLoader(
    ctx,
    `events-by-${kind}`,
    async (ids: readonly number[]) => (await ctx.service(EventService).eventsOfParties(kind, ids)).map((r) => ({ partyId: r.partyId, event: toEventType(r.event) })),
    (r) => r.partyId,
  )
    .load(id)
    .then((rows) => rows.map((r) => r.event));
}

@Resolver(() => PersonType)
export class PersonEventsResolver {
  @FieldResolver(() => [EventType], { description: 'Events the person is a party to (涉及事件), newest first.' })
  events(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<EventType[]> {
    return partyEvents(ctx, 'person', p.dbId);
  }
}

@Resolver(() => OrganisationType)
export class OrganisationEventsResolver {
  @FieldResolver(() => [EventType], { description: 'Events the organisation is a party to (涉及事件), e.g. its safety hazards (隐患), newest first.' })
  events(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<EventType[]> {
    return partyEvents(ctx, 'organisation', o.dbId);
  }
}
