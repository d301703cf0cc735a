/**
 * Access control in one place (权限控制): the schema's resolvers of guarded fields ask the policy of
 * src/access (`guardSchema`, applied once to the built schema; which fields are guarded is decided
 * from the schema and the policy's tables, never per resolver).
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
import { defaultFieldResolver, GraphQLError, getNamedType, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
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

/**
 * Wraps, in place, the resolver of every field of `schema` that needs a check: a field whose element
 * type needs an action (`Person`, `[Person]`, `PersonConnection`, `PersonEdge` → person:read), and
 * every field of a guarded type (GUARDED_TYPES: field rules, audited reads). What a field needs is
 * decided once here, from the schema; the other fields (most of them) keep their plain resolver, so
 * a scalar of an unguarded type costs no check and no promise per value.
 */
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const guarded = GUARDED_TYPES.has(type.name);
    for (const field of Object.values(type.getFields())) {
      const element = getNamedType(field.type).name.replace(/(Connection|Edge)$/, '');
      const needs = TYPE_ACTIONS[element];
      if (needs === undefined && !guarded) continue;
      field.resolve = guardedResolver(type.name, field.name, element, needs, guarded, field.resolve ?? defaultFieldResolver);
    }
  }
  return schema;
}

function guardedResolver(
  typeName: string,
  fieldName: string,
  element: string,
  needs: Action | undefined,
  guarded: boolean,
  resolve: GraphQLFieldResolver<unknown, GraphQLContext>,
): GraphQLFieldResolver<unknown, GraphQLContext> {
  return (root, args, context, info) => {
    const p = context.principal;
    if (needs !== undefined && !context.allowed(needs)) {
      throw forbidden(p, `${typeName}.${fieldName} returns ${element} records, which need ${needs}`);
    }
    if (!guarded) return resolve(root, args, context, info);
    let access: 'allow' | 'mask';
    try {
      access = guardField(p, context.reads, typeName, fieldName, root);
    } catch (e) {
      throw asGraphQLError(e);
    }
    const value: unknown = resolve(root, args, context, info);
    if (access === 'allow') return value;
    return isPromiseLike(value) ? Promise.resolve(value).then((v: unknown) => protectField(p, typeName, fieldName, v)) : protectField(p, typeName, fieldName, value);
  };
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return v !== null && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function';
}
