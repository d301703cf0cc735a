/**
 * Keyset pagination in SQL: rows ordered by (sort expression, id), the next page starts strictly
 * after the last row's (sort value, id) — an index range scan at any depth, never an OFFSET.
 * Sort expressions must be NOT NULL (coalesce nullable columns in the expression).
 */
import type { Page } from '../../domain/page';

export type { Page };

export interface KeysetOrder {
  /** SQL expression of the sort key, e.g. `p.name` or `coalesce(p.birth_date, '0001-01-01')`. */
  expr: string;
  /** SQL expression of the unique tie-breaker, e.g. `p.id`. */
  id: string;
  direction: 'asc' | 'desc';
}

/** `and (expr, id) > (?, ?)` (or `<` descending) for the rows after the cursor's key; empty without one. */
export function keysetAfter(order: KeysetOrder, after: unknown[] | undefined): { sql: string; params: unknown[] } {
  if (!after) return { sql: '', params: [] };
  if (after.length !== 2) throw new RangeError('cursor key must be [sort value, id]');
  return { sql: ` and (${order.expr}, ${order.id}) ${order.direction === 'asc' ? '>' : '<'} (?, ?)`, params: after };
}

export function keysetOrderBy(order: KeysetOrder): string {
  return ` order by ${order.expr} ${order.direction}, ${order.id} ${order.direction}`;
}

/**
 * Turns the rows of a query run with `limit first + 1` into a page: the extra row only says that
 * more follow. `key` gives a row's [sort value, id]; `map` (optional) turns a raw row into the
 * page's row type.
 */
export function toPage<R, T = R>(rows: R[], first: number, key: (row: R) => unknown[], map?: (row: R) => T): Page<T> {
  const hasNextPage = rows.length > first;
  const page = hasNextPage ? rows.slice(0, first) : rows;
  return { rows: page.map((r) => (map ? map(r) : (r as unknown as T))), keys: page.map(key), hasNextPage };
}
