/** The audit log for administrators (审计查询): `auditLog(filter, first, before)`. */
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { assertCan } from '../../access';
import { AuditService } from '../../services/audit.service';
import type { GraphQLContext } from '../context';
import { asGraphQLError } from '../access.middleware';
import { MAX_PAGE_SIZE } from '../pagination';
import { AuditEntryType, AuditFilterInput, AuditPageType } from '../types/audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditPageType, { description: 'Audit entries, newest first (审计日志); administrators only.' })
  async auditLog(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AuditFilterInput, { nullable: true, description: 'Filters (筛选).' }) filter?: AuditFilterInput,
    @Arg('first', () => Int, { defaultValue: 50, description: `Entries per page (每页条数), at most ${MAX_PAGE_SIZE}.` }) first = 50,
    @Arg('before', () => String, { nullable: true, description: 'endCursor of the previous page (游标).' }) before?: string,
  ): Promise<AuditPageType> {
    try {
      assertCan(ctx.principal, 'audit:read');
    } catch (e) {
      throw asGraphQLError(e);
    }
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
      throw new GraphQLError(`first must be between 1 and ${MAX_PAGE_SIZE} (got ${first}).`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    }
    const beforeId = before === undefined || before === null ? undefined : Number(before);
    if (beforeId !== undefined && !Number.isSafeInteger(beforeId)) throw new GraphQLError(`Invalid cursor ${JSON.stringify(before)}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'before' } });
    const page = await ctx.service(AuditService).page({ ...(filter ?? {}) }, first, beforeId);
    const nodes = page.rows.map((r) => Object.assign(new AuditEntryType(), { ...r, id: String(r.id), detail: r.detail ?? {} }));
    return Object.assign(new AuditPageType(), { nodes, hasNextPage: page.hasNextPage, endCursor: nodes.length ? nodes[nodes.length - 1].id : null });
  }
}
