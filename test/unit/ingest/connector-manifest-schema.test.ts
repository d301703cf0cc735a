/**
 * schema/connector-manifest.schema.json and the hand-written validator agree: both accept the
 * shipped manifests and both reject the same broken ones (ajv, a declared dev dependency, reads the schema).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateManifest } from '../../../src/ingest/manifest/validate-manifest';
import { parsePath } from '../../../src/ingest/mapping/field-path';

import Ajv2020 from 'ajv/dist/2020';

const ROOT = join(__dirname, '../../..');
const json = (p: string): unknown => JSON.parse(readFileSync(join(ROOT, p), 'utf8'));
const schema = json('schema/connector-manifest.schema.json') as { $defs: Record<string, unknown>; required: string[] };
const NAMES = ['police', 'health', 'safety', 'civil-affairs', 'grid-center'];

function mutate(name: string, path: string, value: unknown): unknown {
  const m = json(`connectors/${name}/manifest.json`);
  const segs = parsePath(path);
  let o = m as Record<string | number, unknown>;
  for (const s of segs.slice(0, -1)) o = o[s] as Record<string | number, unknown>;
  const last = segs[segs.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
  return m;
}

const BROKEN: Array<[string, string, unknown]> = [
  ['police', 'streams[2].pagination.kind', 'pages'],
  ['police', 'auth.secretRef', 'police-demo-key'],
  ['health', 'auth.clientSecretRef', undefined],
  ['safety', 'streams[0].entityType', 'company'],
  ['safety', 'concurrency', 0],
  ['civil-affairs', 'streams[0].mapping.fields.name', { from: 'a', const: 'b' }],
  ['police', 'streams[0].mapping.fields.name.transforms', [{ kind: 'upper' }]],
  ['health', 'streams[0].incremental.cursorFormat', 'yyyy'],
  ['police', 'streams[0].extra', true],
];

describe('connector manifest JSON Schema', () => {
  it('declares the top-level contract', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'baseUrl', 'auth', 'rateLimit', 'concurrency', 'requestTimeoutMs', 'maxPageSize', 'streams']));
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['auth', 'pagination', 'incremental', 'transform', 'field', 'mapping', 'stream']));
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });

  it.each(NAMES)('accepts the shipped %s manifest', (name) => {
    const validate = ajv.compile(schema);
    expect(validate(json(`connectors/${name}/manifest.json`)) ? [] : validate.errors).toEqual([]);
  });

  it.each(BROKEN)('%s with %s = %j is rejected by the schema and by the validator', (name, path, value) => {
    const m = mutate(name, path, value);
    expect(ajv.compile(schema)(m)).toBe(false);
    expect(validateManifest(m, json(`connectors/${name}/code-tables.json`)).ok).toBe(false);
  });
});
