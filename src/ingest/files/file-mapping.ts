/**
 * The mapping of a file import: the same language as a stream's `mapping` section plus what a
 * file needs to be a stream (entity type, primary key, optional tombstone field). Stored as JSON,
 * e.g. `connectors/<name>/imports/<file-kind>.json`.
 *
 *   { "name": "care-roster", "entityType": "tag", "format": "csv", "primaryKey": ["编号"],
 *     "mapping": { "fields": { "name": { "from": "姓名", "transforms": [{ "kind": "personName" }] } } } }
 */
import { readFileSync } from 'node:fs';
import { ManifestError, type ManifestProblem } from '../manifest/manifest-error';
import { ENTITY_TYPES, type CodeTables, type DeletionSpec, type EntityTypeName, type StreamMapping } from '../manifest/manifest-types';
import { validateMapping } from '../manifest/validate-manifest';

export type FileFormat = 'csv' | 'jsonl' | 'xlsx';

export interface FileMapping {
  name: string;
  entityType: EntityTypeName;
  format: FileFormat;
  /** CSV only (default ','). */
  delimiter?: string;
  /** XLSX only: worksheet name, or 1-based position in tab order (default: the first sheet). */
  sheet?: string | number;
  primaryKey: string[];
  deletion?: DeletionSpec;
  mapping: StreamMapping;
}

export function validateFileMapping(json: unknown, codeTables: CodeTables = {}): { ok: true; value: FileMapping } | { ok: false; problems: ManifestProblem[] } {
  const problems: ManifestProblem[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, problems: [{ path: '', message: 'expected an object' }] };
  const o = json as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name === '') problems.push({ path: 'name', message: 'expected a non-empty string' });
  if (typeof o.entityType !== 'string' || !(ENTITY_TYPES as readonly string[]).includes(o.entityType)) problems.push({ path: 'entityType', message: `expected one of ${ENTITY_TYPES.join(', ')}` });
  if (o.format !== 'csv' && o.format !== 'jsonl' && o.format !== 'xlsx') problems.push({ path: 'format', message: 'expected one of csv, jsonl, xlsx (an old .xls: save it as .xlsx or CSV UTF-8 first)' });
  if (o.delimiter !== undefined && (typeof o.delimiter !== 'string' || o.delimiter.length !== 1)) problems.push({ path: 'delimiter', message: 'expected one character' });
  if (o.sheet !== undefined) {
    if (o.format !== 'xlsx') problems.push({ path: 'sheet', message: 'only for format xlsx' });
    else if (!((typeof o.sheet === 'string' && o.sheet !== '') || (typeof o.sheet === 'number' && Number.isInteger(o.sheet) && o.sheet > 0))) problems.push({ path: 'sheet', message: 'expected a sheet name or a 1-based sheet number' });
  }
  if (!Array.isArray(o.primaryKey) || o.primaryKey.length === 0 || o.primaryKey.some((k) => typeof k !== 'string')) problems.push({ path: 'primaryKey', message: 'expected a non-empty array of column names' });
  const m = validateMapping(o.mapping, codeTables);
  if (!m.ok) problems.push(...m.problems.map((p) => ({ path: p.path === '' ? 'mapping' : `mapping.${p.path}`, message: p.message })));
  return problems.length === 0 ? { ok: true, value: json as FileMapping } : { ok: false, problems };
}

export function loadFileMapping(file: string, codeTables: CodeTables = {}): FileMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new ManifestError(file, [{ path: '', message: `cannot read JSON: ${(e as Error).message}` }]);
  }
  const r = validateFileMapping(json, codeTables);
  if (!r.ok) throw new ManifestError(file, r.problems);
  return r.value;
}
