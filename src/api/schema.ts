/**
 * The GraphQL schema, built from the type-graphql classes. `printSchemaSdl` renders the committed
 * contract `schema/schema.graphql` (sorted, so the file only changes when the schema does).
 *
 * Every object type is declared with `simpleResolvers: true`: a plain property field gets no
 * type-graphql resolver (graphql-js reads the property), where type-graphql would otherwise wrap each
 * one in its middleware chain — none is used: access control wraps the fields that need it, once,
 * in `guardSchema`. Give a new object type the same option.
 */
import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { RESOLVERS } from './resolvers';
import { guardSchema } from './access.middleware';

export { RESOLVERS };

let cached: Promise<GraphQLSchema> | undefined;

/**
 * The schema without access control: only for benchmarks measuring what access control
 * costs (bench/access-overhead.ts). Never served.
 */
export function unguardedSchemaForBench(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [...RESOLVERS], validate: false, emitSchemaFile: false });
}

export function gridhubSchema(): Promise<GraphQLSchema> {
  // Access control wraps only the fields that need a check (see access.middleware.ts), not every field.
  cached ??= buildSchema({ resolvers: [...RESOLVERS], validate: false, emitSchemaFile: false }).then(guardSchema);
  return cached;
}

export const SCHEMA_HEADER = '# gridhub GraphQL schema — generated from the type-graphql classes by `gridhub schema --write`.\n# Do not edit: CI fails when this file and the code disagree.\n\n';

export async function printSchemaSdl(): Promise<string> {
  return SCHEMA_HEADER + printSchema(lexicographicSortSchema(await gridhubSchema())) + '\n';
}
