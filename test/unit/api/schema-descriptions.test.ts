/**
 * Every type, field, argument and enum value of the committed schema has a description, and the
 * descriptions of types and fields carry the Chinese term (the users' vocabulary). Root types and
 * the library scalars (JSON, JSONObject, DateTimeISO) are exempt.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType } from 'graphql';

const schema = buildSchema(readFileSync(join(__dirname, '../../../schema/schema.graphql'), 'utf8'));
const CJK = /[\u4e00-\u9fff]/;
const EXEMPT = new Set(['Query', 'Mutation', 'JSON', 'JSONObject', 'DateTimeISO', 'String', 'Int', 'Float', 'Boolean', 'ID']);

it('describes every type and field with its Chinese term, and every argument and enum value', () => {
  const missing: string[] = [];
  for (const t of Object.values(schema.getTypeMap())) {
    if (t.name.startsWith('__') || (isScalarType(t) && EXEMPT.has(t.name))) continue;
    if (!EXEMPT.has(t.name) && !CJK.test(t.description ?? '')) missing.push(`type ${t.name}`);
    if (isObjectType(t) || isInterfaceType(t) || isInputObjectType(t)) {
      for (const f of Object.values(t.getFields())) {
        if (!CJK.test(f.description ?? '')) missing.push(`${t.name}.${f.name}`);
        for (const a of 'args' in f ? f.args : []) if (!a.description) missing.push(`${t.name}.${f.name}(${a.name})`);
      }
    }
    if (isEnumType(t)) for (const v of t.getValues()) if (!v.description) missing.push(`${t.name}.${v.name}`);
  }
  expect(missing).toEqual([]);
});
