/**
 * The one check a GraphQL field middleware makes (framework-free, so src/api's middleware stays a
 * few lines): is the field denied (FORBIDDEN), is it personal data to audit, is it to be masked?
 *
 *   if (!GUARDED_TYPES.has(type)) return next();              // most fields: one Set lookup
 *   const access = guardField(ctx.principal, ctx.reads, type, field, root);
 *   const value = await next();
 *   return access === 'mask' ? protectField(ctx.principal, type, field, value) : value;
 */
import { AccessError } from './access-error';
import type { AuditCollector } from './audit-collector';
import { FIELD_RULES, fieldAccess, PERSONAL_DATA_TYPES, TYPE_ACTIONS, type FieldAccess } from './policy';
import type { Principal } from './principal';

/** GraphQL types with any access rule or audit: fields of other types need no check. */
export const GUARDED_TYPES: ReadonlySet<string> = new Set([...Object.keys(TYPE_ACTIONS), ...Object.keys(FIELD_RULES), ...Object.keys(PERSONAL_DATA_TYPES)]);

/** Throws FORBIDDEN for a denied field, notes an audited read, and says whether to mask the value. */
export function guardField(p: Principal, reads: AuditCollector | undefined, typeName: string, fieldName: string, source: unknown): Exclude<FieldAccess, 'deny'> {
  const access = fieldAccess(p, typeName, fieldName);
  if (access === 'deny') {
    throw new AccessError('FORBIDDEN', `Field ${typeName}.${fieldName} is not visible to role ${p.role}${p.department ? ` (${p.department})` : ''}.`);
  }
  reads?.noteField(typeName, source, fieldName);
  return access;
}
