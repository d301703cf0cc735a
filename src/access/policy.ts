/**
 * The capability table (权限矩阵): every rule of who may do and see what, in this one file.
 * Resolvers never decide access themselves; they ask `can`, `fieldAccess`, `tagVisible` and
 * `inScope` (principal.ts), which read only the tables below.
 *
 * | role          | reads                                             | unmasked person fields     | tags                              | writes                                 |
 * |---------------|---------------------------------------------------|----------------------------|-----------------------------------|----------------------------------------|
 * | admin         | everything, audit log                             | all                        | all                               | stewardship, every event               |
 * | steward       | everything but the audit log; raw payloads        | all (they compare records) | care groups, public/internal      | stewardship                            |
 * | department    | persons, places, orgs, things, events, aggregates, lineage (no raw payloads) | per department (below) | care groups + their own; police: all key groups | events dispatched to the department |
 * | grid_worker   | the same, inside their grid's subtree only        | phone                      | care groups, public/internal      | events inside their subtree            |
 * | dashboard     | grids and aggregates only — never a person        | —                          | —                                 | —                                      |
 *
 * Department unmasking: police all; health and civil affairs citizen ID, phone, document number,
 * birth date (benefits and care are paid and given by ID); safety and the grid office phone only.
 * Citizen ID and birth date are masked together: the ID's hidden middle is the birth date.
 */
import type { Department, Sensitivity, TagGroup } from '../domain/vocabulary';
import { MASKERS } from './masking';
import { AccessError } from './access-error';
import { inScope, type Principal, type Role } from './principal';

export const ACTIONS = [
  'grid:read',
  'aggregate:read',
  'person:read',
  'place:read',
  'organisation:read',
  'thing:read',
  'event:read',
  /** Source records' canonical projections and the provenance (lineage) of golden records. */
  'lineage:read',
  /** Raw source payloads as the department sent them. */
  'source:raw',
  /** Review queue, pair decisions, merge/unmerge, address decisions, quarantine. */
  'steward:write',
  /** The event loop: report, accept, dispatch, handle, feed back, verify, close (resource: the event). */
  'event:write',
  'audit:read',
  /** Create, list and revoke API keys (the CLI only, today). */
  'apikey:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The query families every person-reading role has (row scope applies to grid-scoped principals). */
const DATA_READS: Action[] = ['grid:read', 'aggregate:read', 'person:read', 'place:read', 'organisation:read', 'thing:read', 'event:read'];

/** Actions per role (event:write is further limited by `eventWrite`). */
export const ROLE_ACTIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  admin: new Set(ACTIONS),
  steward: new Set<Action>([...DATA_READS, 'lineage:read', 'source:raw', 'steward:write']),
  department: new Set<Action>([...DATA_READS, 'lineage:read', 'event:write']),
  grid_worker: new Set<Action>([...DATA_READS, 'event:write']),
  dashboard: new Set<Action>(['grid:read', 'aggregate:read']),
};

/** Which events a role may move through the loop. */
export const EVENT_WRITE: Readonly<Record<Role, 'any' | 'subtree' | 'dispatched-to-department' | 'none'>> = {
  admin: 'any',
  steward: 'none',
  department: 'dispatched-to-department',
  grid_worker: 'subtree',
  dashboard: 'none',
};

export const PERSON_IDENTIFIER_FIELDS = ['citizenId', 'phone', 'documentNo', 'birthDate'] as const;
export type PersonIdentifierField = (typeof PERSON_IDENTIFIER_FIELDS)[number];

const ALL_IDENTIFIERS: readonly PersonIdentifierField[] = PERSON_IDENTIFIER_FIELDS;

/** Person identifier fields shown unmasked, per role (department: per department below). */
export const UNMASKED_BY_ROLE: Readonly<Record<Exclude<Role, 'department'>, readonly PersonIdentifierField[]>> = {
  admin: ALL_IDENTIFIERS,
  steward: ALL_IDENTIFIERS,
  grid_worker: ['phone'],
  dashboard: [],
};

export const UNMASKED_BY_DEPARTMENT: Readonly<Record<Department, readonly PersonIdentifierField[]>> = {
  police: ALL_IDENTIFIERS,
  health: ALL_IDENTIFIERS,
  civil_affairs: ALL_IDENTIFIERS,
  safety: ['phone'],
  grid_office: ['phone'],
};

/** The action a GraphQL type needs: without it every field of the type is denied. Types not listed need none. */
export const TYPE_ACTIONS: Readonly<Record<string, Action>> = {
  Person: 'person:read',
  PersonAddress: 'person:read',
  PersonTag: 'person:read',
  Employment: 'person:read',
  HouseOccupant: 'person:read',
  Address: 'place:read',
  House: 'place:read',
  Organisation: 'organisation:read',
  SafetyRecord: 'organisation:read',
  Thing: 'thing:read',
  Event: 'event:read',
  EventStep: 'event:read',
  EventParty: 'event:read',
  SourceRecordRef: 'lineage:read',
  SourceLink: 'lineage:read',
  GoldenLineageEvent: 'lineage:read',
  AttributeProvenance: 'lineage:read',
  AuditEntry: 'audit:read',
  Dashboard: 'aggregate:read',
};

/** Fields with their own rule: maskable person identifiers, and fields needing one more action. */
export const FIELD_RULES: Readonly<Record<string, Readonly<Record<string, { mask: PersonIdentifierField } | { needs: Action }>>>> = {
  Person: {
    citizenId: { mask: 'citizenId' },
    phone: { mask: 'phone' },
    documentNo: { mask: 'documentNo' },
    birthDate: { mask: 'birthDate' },
  },
  SourceRecordRef: {
    rawPayload: { needs: 'source:raw' },
  },
};

export type FieldAccess = 'allow' | 'mask' | 'deny';

/** What a resource check can say about the target of an action. */
export interface Resource {
  /** Materialised path of the target's grid (`/1/5/23/`); null/undefined = no grid. */
  gridPath?: string | null;
  /** The department an event is dispatched to (for department principals' event writes). */
  dispatchedTo?: string | null;
}

/**
 * May the principal do this? Without a resource: may it do it at all (to something). With one:
 * to this target — grid-scoped principals only inside their subtree; event writes by `EVENT_WRITE`.
 */
export function can(p: Principal, action: Action, resource?: Resource): boolean {
  if (!ROLE_ACTIONS[p.role].has(action)) return false;
  if (resource === undefined) return true;
  if ('gridPath' in resource && !inScope(p, resource.gridPath)) return false;
  if (action === 'event:write') {
    switch (EVENT_WRITE[p.role]) {
      case 'any':
        return true;
      case 'subtree':
        return p.scope !== undefined && inScope(p, resource.gridPath);
      case 'dispatched-to-department':
        return p.department !== undefined && resource.dispatchedTo === p.department;
      case 'none':
        return false;
    }
  }
  return true;
}

/** `can`, or an AccessError FORBIDDEN naming the principal, the action and why. */
export function assertCan(p: Principal, action: Action, resource?: Resource): void {
  if (can(p, action, resource)) return;
  const who = `${p.role}${p.department ? ` (${p.department})` : ''}${p.gridCode ? ` of grid ${p.gridCode}` : ''}`;
  let why = `role ${p.role} may not ${action}`;
  if (ROLE_ACTIONS[p.role].has(action)) {
    if (resource?.gridPath !== undefined && !inScope(p, resource.gridPath)) why = `the target lies outside grid ${p.gridCode ?? '?'} and its subtree`;
    else if (action === 'event:write' && EVENT_WRITE[p.role] === 'dispatched-to-department') why = `the event is dispatched to ${resource?.dispatchedTo ?? 'no department'}, not to ${p.department}`;
  }
  throw new AccessError('FORBIDDEN', `Forbidden for ${who}: ${why}.`);
}

export function unmaskedFields(p: Principal): readonly PersonIdentifierField[] {
  if (p.role === 'department') return p.department ? UNMASKED_BY_DEPARTMENT[p.department] : [];
  return UNMASKED_BY_ROLE[p.role];
}

/** Field-level access of `typeName.fieldName` (GraphQL names). */
export function fieldAccess(p: Principal, typeName: string, fieldName: string): FieldAccess {
  const typeAction = TYPE_ACTIONS[typeName];
  if (typeAction !== undefined && !can(p, typeAction)) return 'deny';
  const rule = FIELD_RULES[typeName]?.[fieldName];
  if (rule === undefined) return 'allow';
  if ('needs' in rule) return can(p, rule.needs) ? 'allow' : 'deny';
  return unmaskedFields(p).includes(rule.mask) ? 'allow' : 'mask';
}

/** The fields of a type this principal receives masked (the `maskedFields` sibling of a masked type). */
export function maskedFieldsOf(p: Principal, typeName: string): string[] {
  const rules = FIELD_RULES[typeName];
  if (rules === undefined) return [];
  return Object.keys(rules).filter((f) => fieldAccess(p, typeName, f) === 'mask');
}

/**
 * The value a principal receives for a field: as is, masked, or an AccessError FORBIDDEN.
 * null/undefined stay null (no data is no data; a masked value is never null).
 */
export function protectField(p: Principal, typeName: string, fieldName: string, value: unknown): unknown {
  const access = fieldAccess(p, typeName, fieldName);
  if (access === 'allow') return value;
  if (access === 'deny') {
    throw new AccessError('FORBIDDEN', `Field ${typeName}.${fieldName} is not visible to role ${p.role}${p.department ? ` (${p.department})` : ''}.`);
  }
  if (value === null || value === undefined) return value;
  const rule = FIELD_RULES[typeName]![fieldName]!;
  const masker = MASKERS['mask' in rule ? rule.mask : fieldName];
  return masker ? masker(String(value)) : '***';
}

/**
 * A record as the principal may receive it: maskable fields masked (null stays null) and the list
 * of masked field names under `maskedFields` (the GraphQL `maskedFields: [String!]!` of the type).
 * Denied fields are not handled here: a type the principal may not read is refused by `assertCan`
 * at the resolver, a denied single field (raw payloads) by its field resolver.
 */
export function protectRecord<T extends object>(p: Principal, typeName: string, record: T): T & { maskedFields: string[] } {
  const maskedFields = maskedFieldsOf(p, typeName);
  if (maskedFields.length === 0) return Object.assign(record, { maskedFields });
  const out = record as Record<string, unknown>;
  for (const f of maskedFields) {
    const v = out[f];
    if (v !== null && v !== undefined) out[f] = protectField(p, typeName, f, v);
  }
  return Object.assign(record, { maskedFields });
}

/** A tag definition's kind: what decides who may see tags of it. */
export interface TagKind {
  group: TagGroup | string;
  owner: Department | string;
  sensitivity: Sensitivity | string;
}

/**
 * May the principal see tags of this kind (the tag, a filter by it, a count of it on a person)?
 * Key groups (重点人群): admin, police and the owning department (health owns two). Health tags:
 * admin and health. Care groups (关爱对象): every person reader. Other tags: public and internal
 * ones every person reader, sensitive and secret ones only admin and the owner.
 */
export function tagVisible(p: Principal, tag: TagKind): boolean {
  if (!can(p, 'person:read')) return false;
  if (p.role === 'admin') return true;
  const ownDepartment = p.role === 'department' && p.department === tag.owner;
  switch (tag.group) {
    case 'key_group':
      return ownDepartment || (p.role === 'department' && p.department === 'police');
    case 'health':
      return ownDepartment || (p.role === 'department' && p.department === 'health');
    case 'care_group':
      return true;
    default:
      return tag.sensitivity === 'public' || tag.sensitivity === 'internal' || ownDepartment;
  }
}

/** Codes of the tag definitions the principal may see (for SQL filters: `tag.code = any(?)`). */
export function visibleTagCodes(p: Principal, definitions: ReadonlyArray<TagKind & { code: string }>): string[] {
  return definitions.filter((d) => tagVisible(p, d)).map((d) => d.code);
}

/**
 * GraphQL types whose reads are audited as personal data, with the audited entity (type and id of
 * the resolved object). Reads of these types' fields go to the audit log, one entry per entity.
 */
export const PERSONAL_DATA_TYPES: Readonly<Record<string, { entityType: string; idOf: (source: unknown) => number | undefined }>> = {
  Person: { entityType: 'person', idOf: (s) => numberProp(s, 'dbId') },
  PersonTag: { entityType: 'person', idOf: (s) => numberProp(s, 'personId') },
  SourceRecordRef: { entityType: 'source_record', idOf: (s) => numberProp(s, 'id') },
};

function numberProp(source: unknown, key: string): number | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const v = (source as Record<string, unknown>)[key];
  return typeof v === 'number' ? v : undefined;
}
