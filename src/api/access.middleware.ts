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
import { AccessError, GUARDED_TYPES, guardField, protectField, TYPE_ACTIONS, type Action, type Principal } from '../access';
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

/** What a field needs, computed once per (type, field) of the schema: most fields need nothing. */
interface FieldPlan {
  /** The action the field's element type needs (Person, Event …), if any. */
  needs?: Action;
  element: string;
  /** The parent type has field rules or is audited. */
  guarded: boolean;
}

const plans = new Map<string, FieldPlan>();

function planOf(info: GraphQLResolveInfo): FieldPlan {
  const key = `${info.parentType.name}.${info.fieldName}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const element = elementTypeOf(info);
    plan = { needs: TYPE_ACTIONS[element], element, guarded: GUARDED_TYPES.has(info.parentType.name) };
    plans.set(key, plan);
  }
  return plan;
}

export const accessGuard: MiddlewareFn<GraphQLContext> = ({ root, info, context }, next) => {
  const plan = planOf(info);
  if (plan.needs === undefined && !plan.guarded) return next();
  const p = context.principal;
  if (plan.needs !== undefined && !context.allowed(plan.needs)) {
    throw forbidden(p, `${info.parentType.name}.${info.fieldName} returns ${plan.element} records, which need ${plan.needs}`);
  }
  if (!plan.guarded) return next();
  let access: 'allow' | 'mask';
  try {
    access = guardField(p, context.reads, info.parentType.name, info.fieldName, root);
  } catch (e) {
    throw asGraphQLError(e);
  }
  if (access === 'allow') return next();
  return Promise.resolve(next()).then((value: unknown) => protectField(p, info.parentType.name, info.fieldName, value));
};
