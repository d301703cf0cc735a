/**
 * Runs a GraphQL document in process against the hub's schema (as `principal`, or as the unauthenticated
 * admin of GRIDHUB_AUTH=off) and counts the SQL statements it sent through the ORM's knex.
 */
import { graphql, type ExecutionResult } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../../src/access';
import { createContext } from '../../src/api/context';
import { gridhubSchema } from '../../src/api/schema';
import { HubStatusService } from '../../src/services/hub-status.service';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CountedResult = { data: any; errors: ExecutionResult['errors']; statements: number };

export async function runCounted(orm: MikroORM, source: string, variableValues?: Record<string, unknown>, principal?: Principal): Promise<CountedResult> {
  const schema = await gridhubSchema();
  const knex = orm.em.getConnection().getKnex();
  let statements = 0;
  const count = () => void (statements += 1);
  knex.on('query', count);
  try {
    const r = await graphql({ schema, source, variableValues, contextValue: createContext({ orm, status: new HubStatusService(orm, async () => 'PONG'), version: 'test', principal }) });
    return { data: r.data, errors: r.errors, statements };
  } finally {
    knex.removeListener('query', count);
  }
}
