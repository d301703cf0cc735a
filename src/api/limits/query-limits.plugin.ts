/**
 * The query limits as Apollo Server pieces: `queryLimitRules` (validation rules: depth) and
 * `queryCostPlugin` (cost, checked once the operation is resolved, when the request's variables —
 * and so the page sizes asked for — are known). A refused request gets HTTP 400 and an error with
 * `extensions.code` QUERY_TOO_DEEP (with `depth`, `maxDepth`) or QUERY_TOO_COSTLY (with `cost`,
 * `maxCost`); nothing is executed.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, type DocumentNode, type ValidationRule } from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../pagination';
import { queryCost, queryTooCostlyError } from './query-cost';
import { depthLimitRule } from './query-depth';

export interface QueryLimits {
  /** Deepest nesting of fields an operation may have (GRIDHUB_GRAPHQL_MAX_DEPTH). */
  maxDepth: number;
  /** Highest estimated cost an operation may have (GRIDHUB_GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Assumed size of a list without paging arguments (GRIDHUB_GRAPHQL_LIST_SIZE). */
  assumedListSize: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = { maxDepth: 12, maxCost: 10000, assumedListSize: 10 };

export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [depthLimitRule(limits.maxDepth)];
}

/** Costs remembered per parsed document (Apollo keeps one parsed document per query text), at most this many variable sets each. */
const COSTS_PER_DOCUMENT = 64;

/** Refuses an operation whose cost (with the request's variables) exceeds `limits.maxCost`. */
export function queryCostPlugin<C extends BaseContext>(limits: QueryLimits): ApolloServerPlugin<C> {
  // The cost depends only on the document, the operation and the variables: computed once per set.
  const costs = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          let known = costs.get(rc.document);
          if (known === undefined) costs.set(rc.document, (known = new Map()));
          const key = `${rc.operationName ?? ''}\u0000${JSON.stringify(rc.request.variables ?? {})}`;
          let cost = known.get(key);
          if (cost === undefined) {
            cost = queryCost(rc.schema, rc.document, {
              maxPageSize: MAX_PAGE_SIZE,
              defaultPageSize: DEFAULT_PAGE_SIZE,
              assumedListSize: limits.assumedListSize,
              variables: rc.request.variables,
              operationName: rc.operationName ?? undefined,
            });
            if (known.size >= COSTS_PER_DOCUMENT) known.clear();
            known.set(key, cost);
          }
          if (cost > limits.maxCost) {
            const error = queryTooCostlyError(cost, limits.maxCost, rc.operationName ?? undefined);
            throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
