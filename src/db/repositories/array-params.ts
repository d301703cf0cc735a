/**
 * Knex expands an array bound to `?` into a list (`?, ?, ?`), which breaks `= any(?::bigint[])`.
 * These helpers pass arrays as one PostgreSQL array literal instead, so a batch of any size is one
 * parameter and one statement.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** `{1,2,3}` / `{"a","b"}`: a PostgreSQL array literal (elements quoted, `"` and `\` escaped). */
export function pgArrayLiteral(xs: readonly unknown[]): string {
  return `{${xs.map((x) => (x === null || x === undefined ? 'NULL' : `"${String(x).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

/** The parameters with every array bound as one PostgreSQL array literal. */
export function arrayParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (Array.isArray(p) ? pgArrayLiteral(p) : p));
}

export interface ArrayParamConnection {
  execute<T>(sql: string, params?: readonly unknown[]): Promise<T>;
}

/** The EntityManager's connection, with array parameters bound as PostgreSQL array literals. */
export function arrayParamConnection(em: EntityManager): ArrayParamConnection {
  const conn = em.getConnection();
  return {
    execute: <T>(sql: string, params: readonly unknown[] = []) =>
      conn.execute(sql, arrayParams(params)) as Promise<T>,
  };
}
