/**
 * Who is asking (主体): an API key, a JWT subject, or nobody. A principal has one role; a department
 * principal names its department; a grid-scoped principal (every grid worker, optionally any other
 * non-admin role) sees only its grid and the grid's subtree.
 */
import type { GridScope } from '../db/repositories/grid-scope';
import type { Department } from '../domain/vocabulary';
import { AccessError } from './access-error';

export const ROLES = ['admin', 'steward', 'department', 'grid_worker', 'dashboard'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: '系统管理员',
  steward: '数据管理员',
  department: '职能部门',
  grid_worker: '网格员',
  dashboard: '驾驶舱',
};

export type PrincipalKind = 'apikey' | 'jwt' | 'anonymous';

/** The grid subtree a scoped principal may see: the grid's id and materialised path (`/1/5/23/`). */
export interface GridScopeOfPrincipal {
  gridId: number;
  path: string;
}

export interface Principal {
  /** Stable id used in the audit log and rate limits: `apikey:<id>`, `jwt:<sub>`, `anonymous:<ip>`. */
  id: string;
  kind: PrincipalKind;
  /** Human name: the key's name or the JWT subject. */
  name: string;
  role: Role;
  /** Department of a `department` principal. */
  department?: Department;
  /** Grid code of a scoped principal (required for grid workers). */
  gridCode?: string;
  /** The scope resolved from `gridCode` (set by the authenticator; undefined = not scoped). */
  scope?: GridScopeOfPrincipal;
}

export const isRole = (v: unknown): v is Role => typeof v === 'string' && (ROLES as readonly string[]).includes(v);

/** Checks that role, department and grid fit together; returns the problem or undefined. */
export function principalProblem(p: Pick<Principal, 'role' | 'department' | 'gridCode'>): string | undefined {
  if (p.role === 'department' && p.department === undefined) return 'a department principal needs a department (police, health, safety, civil_affairs, grid_office)';
  if (p.role !== 'department' && p.department !== undefined) return `only department principals have a department (role ${p.role} has ${p.department})`;
  if (p.role === 'grid_worker' && !p.gridCode) return 'a grid worker needs a grid code (their grid; its subtree is theirs)';
  if (p.role === 'admin' && p.gridCode) return 'an admin is never grid-scoped';
  return undefined;
}

/** Is the row with this grid path inside the principal's subtree? Rows without a grid are visible only to unscoped principals. */
export function inScope(p: Principal, gridPath: string | null | undefined): boolean {
  if (p.scope === undefined && p.gridCode === undefined) return true;
  if (p.scope === undefined) return false; // scoped by code but the grid was not found: sees nothing
  return typeof gridPath === 'string' && gridPath.startsWith(p.scope.path);
}

/** Grid-scoped: lists, lookups, relations, aggregates and search must be limited to `scope.path`. */
export const isScoped = (p: Principal): boolean => p.gridCode !== undefined;

/**
 * The row scope for queries without a grid of their own (search, lookups by id, lists across the
 * hub): the principal's subtree, or undefined for unscoped principals. Feed it to `gridScopeSql`.
 */
export function principalGridScope(p: Principal): GridScope | undefined {
  if (!isScoped(p)) return undefined;
  if (p.scope === undefined) throw new AccessError('FORBIDDEN', `The credential is scoped to grid ${p.gridCode}, which was not resolved: it sees nothing.`);
  return { gridId: p.scope.gridId, path: p.scope.path, includeDescendants: true };
}

/**
 * A per-grid query's scope as the principal may run it: unchanged when the requested grid lies
 * inside the principal's subtree (or the principal is unscoped); FORBIDDEN otherwise — an ancestor
 * grid or a sibling is never widened into view, nor silently narrowed.
 */
export function scopeWithin(p: Principal, requested: GridScope): GridScope {
  if (!isScoped(p)) return requested;
  if (p.scope !== undefined && requested.path.startsWith(p.scope.path)) return requested;
  throw new AccessError('FORBIDDEN', `Grid ${requested.gridId} lies outside grid ${p.gridCode} and its subtree, the only grids this ${p.role} may see.`);
}
