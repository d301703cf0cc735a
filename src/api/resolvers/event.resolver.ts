/**
 * Thin resolvers of the event closed loop (事件闭环): lookups by id and code, the loop's mutations
 * (report, accept, reject, dispatch, handle, feed back, verify, close — each returning the event),
 * and the event's relations (grid, address, timeline, involved persons and organisations), every
 * relation through a per-request DataLoader. The actor of a mutation is the viewer.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Field, Query, Resolver, Root } from 'type-graphql';
import type DataLoader from 'dataloader';
import { GraphQLError } from 'graphql';
import { assertCan } from '../../access';
import { asGraphQLError } from '../access.middleware';
import { IllegalTransitionError } from '../../events';
import {
  EventConflictError, EventInputError, EventNotFoundError, EventService, type Actor, type EventPartyView, type EventView,
} from '../../services/event.service';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../global-id';
import { gridLoader } from '../loaders/grid.loader';
import { manyLoader, oneLoader } from '../loaders/batch';
import { organisationLoader } from '../loaders/organisation.loader';
import { personLoader } from '../loaders/person.loader';
import { addressLoader } from '../loaders/place.loader';
import { GridType } from '../types/grid.type';
import { OrganisationType } from '../types/organisation.type';
import { PersonType } from '../types/person.type';
import { AddressType } from '../types/place.type';
import { EventPartyRoleEnum, EventStepType, EventType, ReportEventInput, toEventStepType, toEventType } from '../types/event.type';
import { NODE_FETCHERS } from './node.resolver';

const events = (ctx: GraphQLContext) => ctx.service(EventService);

/** event-by-id */
export function eventLoader(ctx: GraphQLContext): DataLoader<number, EventType | null> {
  return oneLoader(ctx, 'event-by-id', async (ids: readonly number[]) => new Map((await events(ctx).byIds(ids)).map((e) => [e.id, toEventType(e)])));
}

/** steps-by-event: the timelines of a page of events in one statement. */
export function eventStepsLoader(ctx: GraphQLContext) {
  return manyLoader(ctx, 'steps-by-event', (ids: readonly number[]) => events(ctx).timelines(ids), (s) => s.eventId);
}

/** parties-by-event: the parties of a page of events in one statement. */
export function eventPartiesLoader(ctx: GraphQLContext): DataLoader<number, EventPartyView[]> {
  return manyLoader(ctx, 'parties-by-event', (ids: readonly number[]) => events(ctx).parties(ids), (p) => p.eventId);
}

NODE_FETCHERS.set('Event', (ctx, id) => eventLoader(ctx).load(id));

@ObjectType('EventParty', { simpleResolvers: true, description: 'A person or organisation involved in an event, with its role (涉事主体).' })
export class EventPartyType {
  personId!: number | null;
  organisationId!: number | null;

  @Field(() => EventPartyRoleEnum, { description: 'Role (涉事角色): reporter, involved party, responsible unit, witness.' })
  role!: string;
}

/** A database id from a global id of `type`, or BAD_USER_INPUT naming the argument. */
export function dbIdOf(globalId: string, type: string, argument: string): number {
  const g = fromGlobalId(globalId);
  const id = g && g.type === type ? Number(g.id) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new GraphQLError(`${argument} must be the global id of a ${type} (got ${JSON.stringify(globalId)}).`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return id;
}

function actorOf(ctx: GraphQLContext): Actor {
  return { user: ctx.viewer.user, role: ctx.viewer.roles[0] ?? null };
}

/**
 * A transition of an event the principal may move (policy `event:write`: grid workers inside their
 * subtree, departments the events dispatched to them, admins any); FORBIDDEN otherwise, NOT_FOUND
 * for an unknown or invisible event.
 */
async function guarded(ctx: GraphQLContext, id: number, run: (id: number) => Promise<EventView>): Promise<EventType> {
  const [e] = await events(ctx).byIds([id]);
  if (e === undefined) throw new GraphQLError(`No event with id ${id}.`, { extensions: { code: 'NOT_FOUND' } });
  const grid = e.gridId === null ? undefined : (await ctx.grids.byIds([e.gridId])).get(e.gridId);
  try {
    assertCan(ctx.principal, 'event:write', { gridPath: grid?.path ?? null, dispatchedTo: e.assignee ?? null });
  } catch (err) {
    throw asGraphQLError(err);
  }
  const out = await mapped(() => run(id));
  ctx.audit?.recordWrite(ctx.principal, { action: 'event.transition', entityType: 'event', entityId: id, detail: { status: out.status } });
  return out;
}

/** Service errors as GraphQL errors with codes; illegal transitions carry the allowed actions. */
async function mapped(run: () => Promise<EventView>): Promise<EventType> {
  try {
    return toEventType(await run());
  } catch (e) {
    if (e instanceof IllegalTransitionError) {
      throw new GraphQLError(e.message, {
        extensions: { code: 'ILLEGAL_TRANSITION', event: e.eventCode, status: e.status, action: e.action, allowedActions: e.allowed },
      });
    }
    if (e instanceof EventNotFoundError) throw new GraphQLError(e.message, { extensions: { code: 'NOT_FOUND' } });
    if (e instanceof EventConflictError) throw new GraphQLError(e.message, { extensions: { code: 'CONFLICT' } });
    if (e instanceof EventInputError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT', argument: e.field } });
    throw e;
  }
}

const NOTE = { nullable: true, description: 'Note (办理意见), kept in the timeline.' } as const;
const VERSION = { nullable: true, description: 'Act only if the event still has this version (乐观锁); otherwise CONFLICT.' } as const;
const EVENT_ID = { description: 'Global id of the event (事件标识).' } as const;

@Resolver(() => EventType)
export class EventResolver {
  @Query(() => EventType, { nullable: true, description: 'An event by its global id (按标识查询事件).' })
  event(@Arg('id', () => ID, EVENT_ID) id: string, @Ctx() ctx: GraphQLContext): Promise<EventType | null> {
    return eventLoader(ctx).load(dbIdOf(id, 'Event', 'id'));
  }

  @Query(() => EventType, { nullable: true, description: 'An event by its number (按编号查询事件): the hub number or the department key (警情编号, 隐患编号).' })
  async eventByCode(@Arg('code', { description: 'Event number (事件编号).' }) code: string, @Ctx() ctx: GraphQLContext): Promise<EventType | null> {
    const e = await events(ctx).byCode(code);
    return e ? eventLoader(ctx).load(e.id) : null;
  }

  @Mutation(() => EventType, { description: 'Report an event (上报事件): it starts the loop in status reported, with the deadline of its category.' })
  async reportEvent(@Arg('input', () => ReportEventInput, { description: 'The event (事件信息).' }) input: ReportEventInput, @Ctx() ctx: GraphQLContext): Promise<EventType> {
    // Reporting needs event:write; a grid-scoped reporter reports only inside its subtree.
    const grid = input.gridCode ? await ctx.grids.byCode(input.gridCode.trim()) : null;
    try {
      assertCan(ctx.principal, 'event:write', ctx.principal.gridCode !== undefined ? { gridPath: grid?.path ?? null } : undefined);
    } catch (e) {
      throw asGraphQLError(e);
    }
    return mapped(() =>
      events(ctx).report(
        {
          title: input.title, description: input.description ?? null, origin: input.origin, categoryScheme: input.categoryScheme, categoryCode: input.categoryCode,
          scale: input.scale, grade: input.grade, gridCode: input.gridCode ?? null,
          addressId: input.addressId === undefined || input.addressId === null ? null : dbIdOf(input.addressId, 'Address', 'input.addressId'),
          lng: input.lng ?? null, lat: input.lat ?? null,
          involvedPersonIds: (input.involvedPersonIds ?? []).map((id) => dbIdOf(id, 'Person', 'input.involvedPersonIds')),
          involvedOrganisationIds: (input.involvedOrganisationIds ?? []).map((id) => dbIdOf(id, 'Organisation', 'input.involvedOrganisationIds')),
        },
        actorOf(ctx),
      ),
    );
  }

  @Mutation(() => EventType, { description: 'Accept a reported event (受理).' })
  acceptEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).accept(eid, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Reject a reported event (不予受理); the loop ends.' })
  rejectEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).reject(eid, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Dispatch an accepted event (分拨/交办) to a department or a lower grid; it becomes the assignee.' })
  dispatchEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Arg('to', { description: 'A department code (police, health, safety, civil_affairs, grid_office) or the code of a grid below the event’s grid (承办单位).' }) to: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).dispatch(eid, to, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Record handling of the event (处置).' })
  handleEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).handle(eid, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Feed the result back (反馈) for verification.' })
  feedBackEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).feedBack(eid, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Verify the result (核查): pass, or return it to handling (回退).' })
  verifyEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Arg('pass', () => Boolean, { description: 'True: verified (核查通过); false: returned to handling (回退).' }) pass: boolean,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).verify(eid, pass, actorOf(ctx), { note, expectedVersion }));
  }

  @Mutation(() => EventType, { description: 'Close a verified event (结案).' })
  closeEvent(
    @Arg('id', () => ID, EVENT_ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('note', () => String, NOTE) note?: string,
    @Arg('expectedVersion', () => Int, VERSION) expectedVersion?: number,
  ): Promise<EventType> {
    return guarded(ctx, dbIdOf(id, 'Event', 'id'), (eid) => events(ctx).close(eid, actorOf(ctx), { note, expectedVersion }));
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'Grid the event happened in (所属网格).' })
  grid(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> {
    return e.gridId === null ? Promise.resolve(null) : gridLoader(ctx).load(e.gridId);
  }

  @FieldResolver(() => AddressType, { nullable: true, description: 'Standard address (标准地址) where it happened, when matched.' })
  address(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> {
    return e.addressId === null ? Promise.resolve(null) : addressLoader(ctx).load(e.addressId);
  }

  @FieldResolver(() => [EventStepType], { description: 'Timeline (办理过程): every step, oldest first.' })
  async timeline(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<EventStepType[]> {
    return (await eventStepsLoader(ctx).load(e.dbId)).map(toEventStepType);
  }

  @FieldResolver(() => [PersonType], { description: 'Persons involved (当事人).' })
  async involvedPersons(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<PersonType[]> {
    const ids = [...new Set((await eventPartiesLoader(ctx).load(e.dbId)).flatMap((p) => (p.personId === null ? [] : [p.personId])))];
    return (await personLoader(ctx).loadMany(ids)).filter((p): p is PersonType => p instanceof PersonType);
  }

  @FieldResolver(() => [OrganisationType], { description: 'Organisations involved (涉事单位), e.g. the enterprise responsible for a hazard.' })
  async involvedOrganisations(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType[]> {
    const ids = [...new Set((await eventPartiesLoader(ctx).load(e.dbId)).flatMap((p) => (p.organisationId === null ? [] : [p.organisationId])))];
    return (await organisationLoader(ctx).loadMany(ids)).filter((o): o is OrganisationType => o instanceof OrganisationType);
  }

  @FieldResolver(() => [EventPartyType], { description: 'Parties with their roles (涉事主体).' })
  async parties(@Root() e: EventType, @Ctx() ctx: GraphQLContext): Promise<EventPartyType[]> {
    return (await eventPartiesLoader(ctx).load(e.dbId)).map((p) => Object.assign(new EventPartyType(), { personId: p.personId, organisationId: p.organisationId, role: p.role }));
  }
}

@Resolver(() => EventPartyType)
export class EventPartyResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person (人员), when the party is a person.' })
  person(@Root() p: EventPartyType, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> {
    return p.personId === null ? Promise.resolve(null) : personLoader(ctx).load(p.personId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The organisation (单位), when the party is an organisation.' })
  organisation(@Root() p: EventPartyType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> {
    return p.organisationId === null ? Promise.resolve(null) : organisationLoader(ctx).load(p.organisationId);
  }
}
