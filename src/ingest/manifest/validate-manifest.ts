/**
 * Hand-written validator of connector manifests (the same rules as
 * schema/connector-manifest.schema.json, no JSON Schema engine needed). Every problem names its
 * JSON path and what was expected: `streams[2].pagination.kind: expected one of page_number, offset, cursor_token`.
 */
import {
  AUTH_KINDS, ENTITY_TYPES, PAGINATION_KINDS, TIME_FORMATS, TRANSFORM_KINDS,
  type CodeTables, type ConnectorManifest, type FieldMapping,
} from './manifest-types';
import type { ManifestProblem } from './manifest-error';

type Json = Record<string, unknown>;

class Checker {
  readonly problems: ManifestProblem[] = [];

  fail(path: string, message: string): void {
    this.problems.push({ path, message });
  }

  obj(v: unknown, path: string): Json | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Json;
    this.fail(path, `expected an object, got ${describe(v)}`);
    return undefined;
  }

  str(o: Json, key: string, path: string, required = true): string | undefined {
    const v = o[key];
    const at = join(path, key);
    if (v === undefined) {
      if (required) this.fail(at, 'expected a string (required)');
      return undefined;
    }
    if (typeof v !== 'string' || v === '') {
      this.fail(at, `expected a non-empty string, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  num(o: Json, key: string, path: string, opts: { required?: boolean; min?: number; max?: number; integer?: boolean } = {}): number | undefined {
    const v = o[key];
    const at = join(path, key);
    if (v === undefined) {
      if (opts.required ?? true) this.fail(at, 'expected a number (required)');
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || (opts.integer === true && !Number.isInteger(v))) {
      this.fail(at, `expected ${opts.integer === true ? 'an integer' : 'a number'}, got ${describe(v)}`);
      return undefined;
    }
    if (opts.min !== undefined && v < opts.min) this.fail(at, `expected at least ${opts.min}, got ${v}`);
    if (opts.max !== undefined && v > opts.max) this.fail(at, `expected at most ${opts.max}, got ${v}`);
    return v;
  }

  bool(o: Json, key: string, path: string): void {
    const v = o[key];
    if (v !== undefined && typeof v !== 'boolean') this.fail(join(path, key), `expected a boolean, got ${describe(v)}`);
  }

  oneOf(o: Json, key: string, path: string, allowed: readonly string[], required = true): string | undefined {
    const v = o[key];
    const at = join(path, key);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'string' || !allowed.includes(v)) {
      this.fail(at, `expected one of ${allowed.join(', ')}, got ${describe(v)}`);
      return undefined;
    }
    return v;
  }

  secretRef(o: Json, key: string, path: string): void {
    const v = this.str(o, key, path);
    if (v !== undefined && !/^(env|secret):[A-Za-z_][A-Za-z0-9_.-]*$/.test(v)) {
      this.fail(join(path, key), `expected a secret reference like env:NAME or secret:NAME (never the secret itself), got ${describe(v)}`);
    }
  }

  unknownKeys(o: Json, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(o)) if (!allowed.includes(k)) this.fail(join(path, k), `unknown property (allowed: ${allowed.join(', ')})`);
  }
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

const PATH_SYNTAX = /^[^.[\]]+(?:\.[^.[\]]+|\[\d+\])*$/;

function checkPath(c: Checker, o: Json, key: string, path: string, required = true): void {
  const v = c.str(o, key, path, required);
  if (v !== undefined && !PATH_SYNTAX.test(v)) c.fail(join(path, key), `expected a field path like a.b or a[0].b, got ${describe(v)}`);
}

function checkAuth(c: Checker, v: unknown, path: string): void {
  const a = c.obj(v, path);
  if (a === undefined) return;
  const kind = c.oneOf(a, 'kind', path, AUTH_KINDS);
  if (kind === 'api_key_header') {
    c.unknownKeys(a, path, ['kind', 'header', 'valuePrefix', 'secretRef']);
    c.str(a, 'header', path);
    if (a.valuePrefix !== undefined && typeof a.valuePrefix !== 'string') c.fail(join(path, 'valuePrefix'), `expected a string, got ${describe(a.valuePrefix)}`);
    c.secretRef(a, 'secretRef', path);
  } else if (kind === 'bearer_static') {
    c.unknownKeys(a, path, ['kind', 'secretRef']);
    c.secretRef(a, 'secretRef', path);
  } else if (kind === 'oauth2_client_credentials') {
    c.unknownKeys(a, path, ['kind', 'tokenUrl', 'clientIdRef', 'clientSecretRef', 'scope', 'refreshBeforeExpirySeconds']);
    c.str(a, 'tokenUrl', path);
    c.secretRef(a, 'clientIdRef', path);
    c.secretRef(a, 'clientSecretRef', path);
    c.str(a, 'scope', path, false);
    c.num(a, 'refreshBeforeExpirySeconds', path, { required: false, min: 0 });
  }
}

function checkPagination(c: Checker, v: unknown, path: string, maxPageSize: number | undefined): void {
  const p = c.obj(v, path);
  if (p === undefined) return;
  const kind = c.oneOf(p, 'kind', path, PAGINATION_KINDS);
  const size = c.num(p, 'pageSize', path, { integer: true, min: 1 });
  if (size !== undefined && maxPageSize !== undefined && size > maxPageSize) c.fail(join(path, 'pageSize'), `expected at most maxPageSize (${maxPageSize}), got ${size}`);
  if (kind === 'page_number') {
    c.unknownKeys(p, path, ['kind', 'pageParam', 'sizeParam', 'totalPath', 'pageSize', 'startAt']);
    c.str(p, 'pageParam', path);
    c.str(p, 'sizeParam', path);
    checkPath(c, p, 'totalPath', path, false);
    c.num(p, 'startAt', path, { integer: true, min: 0 });
  } else if (kind === 'offset') {
    c.unknownKeys(p, path, ['kind', 'offsetParam', 'limitParam', 'hasMorePath', 'pageSize']);
    c.str(p, 'offsetParam', path);
    c.str(p, 'limitParam', path);
    checkPath(c, p, 'hasMorePath', path, false);
  } else if (kind === 'cursor_token') {
    c.unknownKeys(p, path, ['kind', 'cursorParam', 'nextCursorPath', 'limitParam', 'pageSize']);
    c.str(p, 'cursorParam', path);
    checkPath(c, p, 'nextCursorPath', path);
    c.str(p, 'limitParam', path);
  }
}

function checkIncremental(c: Checker, v: unknown, path: string): void {
  const i = c.obj(v, path);
  if (i === undefined) return;
  c.unknownKeys(i, path, ['cursorField', 'cursorFormat', 'cursorOffsetMinutes', 'requestParam', 'requestFormat', 'boundExclusive', 'tieBreakerField', 'lookbackSeconds', 'sortedByCursor']);
  checkPath(c, i, 'cursorField', path);
  c.oneOf(i, 'cursorFormat', path, TIME_FORMATS);
  c.num(i, 'cursorOffsetMinutes', path, { required: false, integer: true, min: -840, max: 840 });
  c.str(i, 'requestParam', path);
  c.oneOf(i, 'requestFormat', path, TIME_FORMATS);
  c.bool(i, 'boundExclusive', path);
  checkPath(c, i, 'tieBreakerField', path);
  c.num(i, 'lookbackSeconds', path, { required: false, min: 0 });
  c.bool(i, 'sortedByCursor', path);
}

function checkTransform(c: Checker, v: unknown, path: string, tables: CodeTables): void {
  const t = c.obj(v, path);
  if (t === undefined) return;
  const kind = c.oneOf(t, 'kind', path, TRANSFORM_KINDS);
  if (kind === 'codeTable') {
    const table = t.table;
    if (typeof table === 'string') {
      if (tables[table] === undefined) c.fail(join(path, 'table'), `expected the name of a table in code-tables.json (known: ${Object.keys(tables).join(', ') || 'none'}), got ${describe(table)}`);
    } else {
      const o = c.obj(table, join(path, 'table'));
      if (o !== undefined) for (const [k, val] of Object.entries(o)) if (typeof val !== 'string') c.fail(join(join(path, 'table'), k), `expected a string, got ${describe(val)}`);
    }
    c.oneOf(t, 'onMissing', path, ['issue', 'keep', 'null'], false);
  } else if (kind === 'split') {
    if (typeof t.separator !== 'string') c.fail(join(path, 'separator'), `expected a string, got ${describe(t.separator)}`);
  } else if (kind === 'dateTime') {
    c.num(t, 'offsetMinutes', path, { required: false, integer: true });
  }
}

function checkField(c: Checker, v: unknown, path: string, tables: CodeTables): void {
  const f = c.obj(v, path);
  if (f === undefined) return;
  c.unknownKeys(f, path, ['from', 'const', 'concat', 'transforms', 'required', 'validate']);
  const sources = ['from', 'const', 'concat'].filter((k) => k in f);
  if (sources.length !== 1) c.fail(path, `expected exactly one of from, const, concat, got ${sources.length === 0 ? 'none' : sources.join(' and ')}`);
  if ('from' in f) checkPath(c, f, 'from', path);
  if ('const' in f && f.const !== null && !['string', 'number', 'boolean'].includes(typeof f.const)) c.fail(join(path, 'const'), `expected a string, number, boolean or null, got ${describe(f.const)}`);
  if ('concat' in f) {
    const cc = c.obj(f.concat, join(path, 'concat'));
    if (cc !== undefined) {
      if (!Array.isArray(cc.parts) || cc.parts.length === 0) c.fail(join(path, 'concat.parts'), `expected a non-empty array, got ${describe(cc.parts)}`);
      else cc.parts.forEach((p, i) => {
        if (typeof p === 'string') return;
        const o = c.obj(p, `${path}.concat.parts[${i}]`);
        if (o !== undefined && typeof o.const !== 'string') c.fail(`${path}.concat.parts[${i}].const`, `expected a string, got ${describe(o.const)}`);
      });
      if (cc.separator !== undefined && typeof cc.separator !== 'string') c.fail(join(path, 'concat.separator'), `expected a string, got ${describe(cc.separator)}`);
    }
  }
  if (f.transforms !== undefined) {
    if (!Array.isArray(f.transforms)) c.fail(join(path, 'transforms'), `expected an array, got ${describe(f.transforms)}`);
    else f.transforms.forEach((t, i) => checkTransform(c, t, `${path}.transforms[${i}]`, tables));
  }
  c.bool(f, 'required', path);
  if (f.validate !== undefined) {
    const val = c.obj(f.validate, join(path, 'validate'));
    if (val !== undefined) {
      const vp = join(path, 'validate');
      c.unknownKeys(val, vp, ['pattern', 'minLength', 'maxLength', 'min', 'max', 'oneOf']);
      const pat = c.str(val, 'pattern', vp, false);
      if (pat !== undefined) {
        try {
          new RegExp(pat);
        } catch (e) {
          c.fail(join(vp, 'pattern'), `expected a valid regular expression: ${(e as Error).message}`);
        }
      }
      for (const k of ['minLength', 'maxLength']) c.num(val, k, vp, { required: false, integer: true, min: 0 });
      for (const k of ['min', 'max']) c.num(val, k, vp, { required: false });
      if (val.oneOf !== undefined && !Array.isArray(val.oneOf)) c.fail(join(vp, 'oneOf'), `expected an array, got ${describe(val.oneOf)}`);
    }
  }
}

/** Validates the `mapping` section of a stream (also the whole of a file-import mapping). */
function checkMapping(c: Checker, v: unknown, path: string, tables: CodeTables): void {
  const m = c.obj(v, path);
  if (m === undefined) return;
  c.unknownKeys(m, path, ['fields']);
  const fields = c.obj(m.fields, join(path, 'fields'));
  if (fields === undefined) return;
  if (Object.keys(fields).length === 0) c.fail(join(path, 'fields'), 'expected at least one field');
  for (const [name, f] of Object.entries(fields)) checkField(c, f, `${join(path, 'fields')}.${name}`, tables);
}

function checkStream(c: Checker, v: unknown, path: string, tables: CodeTables, maxPageSize: number | undefined): string | undefined {
  const s = c.obj(v, path);
  if (s === undefined) return undefined;
  c.unknownKeys(s, path, ['name', 'path', 'entityType', 'recordSelector', 'primaryKey', 'pagination', 'params', 'incremental', 'deletion', 'mapping', 'description']);
  const name = c.str(s, 'name', path);
  if (name !== undefined && !/^[a-z][a-z0-9_]*$/.test(name)) c.fail(join(path, 'name'), `expected a lower-case identifier, got ${describe(name)}`);
  c.str(s, 'path', path);
  c.oneOf(s, 'entityType', path, ENTITY_TYPES);
  checkPath(c, s, 'recordSelector', path);
  if (!Array.isArray(s.primaryKey) || s.primaryKey.length === 0 || s.primaryKey.some((k) => typeof k !== 'string' || !PATH_SYNTAX.test(k))) {
    c.fail(join(path, 'primaryKey'), `expected a non-empty array of field paths, got ${describe(s.primaryKey)}`);
  }
  checkPagination(c, s.pagination, join(path, 'pagination'), maxPageSize);
  if (s.params !== undefined) {
    const p = c.obj(s.params, join(path, 'params'));
    if (p !== undefined) for (const [k, val] of Object.entries(p)) if (typeof val !== 'string') c.fail(`${path}.params.${k}`, `expected a string, got ${describe(val)}`);
  }
  if (s.incremental !== undefined) checkIncremental(c, s.incremental, join(path, 'incremental'));
  if (s.deletion !== undefined) {
    const d = c.obj(s.deletion, join(path, 'deletion'));
    if (d !== undefined) {
      checkPath(c, d, 'field', join(path, 'deletion'));
      if (!Array.isArray(d.values) || d.values.length === 0) c.fail(join(path, 'deletion.values'), `expected a non-empty array, got ${describe(d.values)}`);
    }
  }
  checkMapping(c, s.mapping, join(path, 'mapping'), tables);
  return name;
}

function checkTables(c: Checker, tables: unknown): CodeTables {
  const t = c.obj(tables, '(code-tables)');
  if (t === undefined) return {};
  for (const [name, table] of Object.entries(t)) {
    const o = c.obj(table, `(code-tables).${name}`);
    if (o !== undefined) for (const [k, v] of Object.entries(o)) if (typeof v !== 'string') c.fail(`(code-tables).${name}.${k}`, `expected a string, got ${describe(v)}`);
  }
  return t as CodeTables;
}

export type ManifestCheck = { ok: true; manifest: ConnectorManifest } | { ok: false; problems: ManifestProblem[] };

/** Validates parsed manifest JSON (and its code tables); returns the typed manifest or every problem found. */
export function validateManifest(json: unknown, codeTables: unknown = {}): ManifestCheck {
  const c = new Checker();
  const tables = checkTables(c, codeTables);
  const m = c.obj(json, '');
  if (m === undefined) return { ok: false, problems: c.problems };
  c.unknownKeys(m, '', ['$schema', 'version', 'name', 'description', 'department', 'baseUrl', 'baseUrlEnv', 'auth', 'rateLimit', 'concurrency', 'requestTimeoutMs', 'maxPageSize', 'retry', 'streams']);
  if (m.version !== 1) c.fail('version', `expected 1, got ${describe(m.version)}`);
  const name = c.str(m, 'name', '');
  if (name !== undefined && !/^[a-z][a-z0-9-]*$/.test(name)) c.fail('name', `expected a kebab-case name, got ${describe(name)}`);
  c.str(m, 'description', '');
  c.str(m, 'department', '', false);
  const base = c.str(m, 'baseUrl', '');
  if (base !== undefined && !/^https?:\/\//.test(base)) c.fail('baseUrl', `expected an http(s) URL, got ${describe(base)}`);
  c.str(m, 'baseUrlEnv', '', false);
  checkAuth(c, m.auth, 'auth');
  const rl = c.obj(m.rateLimit, 'rateLimit');
  if (rl !== undefined) {
    c.num(rl, 'requestsPerSecond', 'rateLimit', { min: 0.001 });
    c.num(rl, 'burst', 'rateLimit', { required: false, integer: true, min: 1 });
  }
  c.num(m, 'concurrency', '', { integer: true, min: 1, max: 64 });
  c.num(m, 'requestTimeoutMs', '', { integer: true, min: 1 });
  const maxPageSize = c.num(m, 'maxPageSize', '', { integer: true, min: 1 });
  if (m.retry !== undefined) {
    const r = c.obj(m.retry, 'retry');
    if (r !== undefined) {
      c.num(r, 'maxAttempts', 'retry', { required: false, integer: true, min: 1 });
      c.num(r, 'baseDelayMs', 'retry', { required: false, min: 0 });
      c.num(r, 'maxDelayMs', 'retry', { required: false, min: 0 });
    }
  }
  if (!Array.isArray(m.streams) || m.streams.length === 0) c.fail('streams', `expected a non-empty array, got ${describe(m.streams)}`);
  else {
    const seen = new Set<string>();
    m.streams.forEach((s, i) => {
      const n = checkStream(c, s, `streams[${i}]`, tables, maxPageSize);
      if (n !== undefined) {
        if (seen.has(n)) c.fail(`streams[${i}].name`, `expected a unique stream name, '${n}' appears twice`);
        seen.add(n);
      }
    });
  }
  return c.problems.length === 0 ? { ok: true, manifest: m as unknown as ConnectorManifest } : { ok: false, problems: c.problems };
}

/** Validates a stand-alone mapping (file imports reuse the stream mapping section). */
export function validateMapping(json: unknown, codeTables: CodeTables = {}): { ok: true; fields: Record<string, FieldMapping> } | { ok: false; problems: ManifestProblem[] } {
  const c = new Checker();
  checkMapping(c, json, '', codeTables);
  return c.problems.length === 0 ? { ok: true, fields: (json as { fields: Record<string, FieldMapping> }).fields } : { ok: false, problems: c.problems };
}
