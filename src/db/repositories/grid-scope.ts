/**
 * Which rows a per-grid query sees: the grid's own rows, or (includeDescendants) every row whose
 * grid lies in its subtree — `grid.path` is the materialised path of ancestor ids (`/1/5/23/`), so
 * the subtree is a prefix range on the path index.
 */
export interface GridScope {
  gridId: number;
  path: string;
  includeDescendants: boolean;
}

/**
 * A page of one grid named by its code, read with the grid itself in one statement (the current grid
 * with that code, and its own rows): for `grid(code:) { persons … }`, where the grid lookup and its
 * page would otherwise be two round trips. `within`: a scoped principal's subtree path — the rows are
 * read only when the grid's path starts with it (the grid is read either way; the caller refuses the
 * page as `scopeWithin` does), so no row outside the principal's subtree is ever read.
 */
export interface GridCodeScope {
  gridCode: string;
  within?: string;
}

/** SQL condition on `<alias>.grid_id` for the scope, with its parameters. */
export function gridScopeSql(alias: string, scope: GridScope): { sql: string; params: unknown[] } {
  if (!scope.includeDescendants) return { sql: `${alias}.grid_id = ?`, params: [scope.gridId] };
  const subtree = subtreeGridsSql(scope);
  return { sql: `${alias}.grid_id in (${subtree.sql})`, params: subtree.params };
}

/** `select sg.id from grid sg …`: the ids of the current grids in the scope's subtree (the grid included). */
export function subtreeGridsSql(scope: Pick<GridScope, 'path'>): { sql: string; params: unknown[] } {
  return { sql: 'select sg.id from grid sg where sg.path like ? and sg.valid_to is null', params: [likePrefix(scope.path)] };
}

/** A LIKE pattern matching every string that starts with `prefix` (a materialised grid path). */
export function likePrefix(prefix: string): string {
  return `${likeEscape(prefix)}%`;
}

/** Escapes a user's text for a LIKE pattern (`%`, `_` and `\` match themselves). */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
