/**
 * Relay `node(id:)` and `nodes(ids:)`: any object by its global id, through the same DataLoaders
 * as the typed lookups (so a mixed list of ids costs one statement per type).
 */
import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../global-id';
import { gridLoader, thingLoader } from '../loaders/grid.loader';
import { organisationLoader } from '../loaders/organisation.loader';
import { personLoader } from '../loaders/person.loader';
import { addressLoader, houseLoader } from '../loaders/place.loader';
import { NodeInterface } from '../types/node.type';

type NodeFetcher = (ctx: GraphQLContext, id: number) => Promise<NodeInterface | null>;

/** Object types `node(id:)` can fetch; other modules (events, …) register theirs. */
export const NODE_FETCHERS = new Map<string, NodeFetcher>([
  ['Person', (ctx, id) => personLoader(ctx).load(id)],
  ['Organisation', (ctx, id) => organisationLoader(ctx).load(id)],
  ['Address', (ctx, id) => addressLoader(ctx).load(id)],
  ['House', (ctx, id) => houseLoader(ctx).load(id)],
  ['Thing', (ctx, id) => thingLoader(ctx).load(id)],
  ['Grid', (ctx, id) => gridLoader(ctx).load(id)],
]);

async function fetchNode(ctx: GraphQLContext, globalId: string): Promise<NodeInterface | null> {
  const g = fromGlobalId(globalId);
  const fetch = g ? NODE_FETCHERS.get(g.type) : undefined;
  const id = g ? Number(g.id) : NaN;
  if (!fetch || !Number.isSafeInteger(id)) return null;
  return fetch(ctx, id);
}

@Resolver()
export class NodeResolver {
  @Query(() => NodeInterface, { nullable: true, description: 'Any object by its global id (按全局标识查询对象); null when unknown.' })
  node(@Arg('id', () => ID, { description: 'Global object id.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<NodeInterface | null> {
    return fetchNode(ctx, id);
  }

  @Query(() => [NodeInterface], { nullable: 'items', description: 'Objects by global ids, in the order asked (批量查询对象); null for unknown ids.' })
  nodes(@Arg('ids', () => [ID], { description: 'Global object ids (at most 100).' }) ids: string[], @Ctx() ctx: GraphQLContext): Promise<Array<NodeInterface | null>> {
    return Promise.all(ids.slice(0, 100).map((id) => fetchNode(ctx, id)));
  }
}
