/** schema/schema.graphql is the committed contract: it must equal the SDL generated from the code. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema as parseSdl, GraphQLObjectType } from 'graphql';
import { gridhubSchema, printSchemaSdl } from '../../../src/api/schema';

it('schema/schema.graphql is up to date (run `npm run build` and commit it when this fails)', async () => {
  const committed = readFileSync(join(__dirname, '../../../schema/schema.graphql'), 'utf8');
  expect(committed).toBe(await printSchemaSdl());
  expect(() => parseSdl(committed)).not.toThrow();
});

it('describes every type and field', async () => {
  const schema = await gridhubSchema();
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !(type instanceof GraphQLObjectType)) continue;
    if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
    for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
  }
  expect(missing).toEqual([]);
});
