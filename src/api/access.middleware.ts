/**
 * Access control in one place (权限控制): a global type-graphql middleware that asks the policy of
 * src/access for every field of a guarded type.
 *
 * - A field whose result is a type the principal may not read at all (a `Person`, a page of them,
 *   an `Event` …) is refused once, at that field, with FORBIDDEN naming the role and the type —
 *   never a page of per-field errors, never silent nulls.
 * - A field the principal may not see (raw payloads) is refused with FORBIDDEN.
 * - A maskable identifier (citizen ID, phone, document number, birth date) is masked for roles
 *   that may not see it; the type's `maskedFields` says which ones were masked.
 * - Every field of personal data read is noted for the audit log (one entry per entity and request).
 * Rows outside a grid-scoped principal's subtree never reach a field: per-grid pages are scoped by
 * `ctx.gridScope`, lookups and relations by the loaders (`loaders/batch.ts`).
 */
import { GraphQLError, getNamedType, type GraphQLResolveInfo } from 'graphql';
import type { MiddlewareFn } from 'type-graphql';
import { AccessError, can, GUARDED_TYPES, guardField, protectField, TYPE_ACTIONS, type Principal } from '../access';
import type { GraphQLContext } from './context';

/** The element type a field returns: `Person` for `Person`, `[Person]`, `PersonConnection`, `PersonEdge`. */
export function elementTypeOf(info: GraphQLResolveInfo): string {
  const name = getNamedType(info.returnType).name;
  return name.replace(/(Connection|Edge)$/, '');
}

export function forbidden(p: Principal, what: string): GraphQLError {
  return new GraphQLError(`Forbidden for ${p.role}${p.department ? ` (${p.department})` : ''}: ${what}.`, { extensions: { code: 'FORBIDDEN', role: p.role } });
}

/** AccessError → GraphQLError with its code (FORBIDDEN, UNAUTHENTICATED) in extensions. */
export function asGraphQLError(e: unknown): unknown {
  if (e instanceof AccessError) return new GraphQLError(e.message, { extensions: { code: e.code, ...(e.reason ? { reason: e.reason } : {}) } });
  return e;
}

export const accessGuard: MiddlewareFn<GraphQLContext> = async ({ root, info, context }, next) => {
  const p = context.principal;
  const element = elementTypeOf(info);
  const needs = TYPE_ACTIONS[element];
  if (needs !== undefined && !can(p, needs)) throw forbidden(p, `${info.parentType.name}.${info.fieldName} returns ${element} records, which need ${needs}`);
  const type = info.parentType.name;
  if (!GUARDED_TYPES.has(type)) return next();
  let access: 'allow' | 'mask';
  try {
    access = guardField(p, context.reads, type, info.fieldName, root);
  } catch (e) {
    throw asGraphQLError(e);
  }
  const value: unknown = await next();
  return access === 'mask' ? protectField(p, type, info.fieldName, value) : value;
};
