/** The hub's own status. */
import { Ctx, Query, Resolver } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { HubType } from '../types/hub-status.type';

@Resolver(() => HubType)
export class HubResolver {
  @Query(() => HubType, { description: 'Version and health of this gridhub instance (系统状态).' })
  async hub(@Ctx() ctx: GraphQLContext): Promise<HubType> {
    const [checks, pendingMigrations] = await Promise.all([ctx.status.checks(), ctx.status.pendingMigrations()]);
    return { version: ctx.version, checks, pendingMigrations };
  }
}
