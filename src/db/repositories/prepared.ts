/**
 * Prepared statements for the API's hottest reads (the per-grid persons page): the statement is
 * sent with its parameters bound (`$1`, `$2` …) under a name derived from its text, so each pool
 * connection parses it once and PostgreSQL may reuse its plan — where the ORM's `execute` inlines
 * every value into a new SQL text that is parsed and planned on each request.
 *
 * It runs through the ORM's knex (same pool, same type parsers, and the knex `query` event that
 * statement counters listen to), outside any transaction, as `arrayParamConnection` does.
 * Arrays are bound as one PostgreSQL array literal each (`= any(?::bigint[])`).
 *
 *   const rows = await preparedConnection(em).execute<Row[]>('select … where p.grid_id = ? limit ?', [7, 51]);
 */
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayParams, type ArrayParamConnection } from './array-params';

/** Statement names by SQL text; the texts are the repositories' own (values are always parameters), so few. */
const names = new Map<string, string>();
const MAX_NAMES = 2000;

/** A stable name for a statement text (PostgreSQL keeps a prepared statement per name and connection). */
export function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    if (names.size >= MAX_NAMES) names.clear();
    name = `gh_${createHash('sha1').update(sql).digest('hex').slice(0, 24)}`;
    names.set(sql, name);
  }
  return name;
}

/** The EntityManager's knex, running each statement as a named prepared statement; resolves to the rows. */
export function preparedConnection(em: EntityManager): ArrayParamConnection {
  const knex = em.getConnection().getKnex();
  return {
    execute: async <T>(sql: string, params: readonly unknown[] = []) => {
      const res = (await knex.raw(sql, arrayParams(params) as never[]).options({ name: statementName(sql) })) as { rows: unknown };
      return res.rows as T;
    },
  };
}
