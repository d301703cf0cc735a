/**
 * Bulk loading with PostgreSQL `COPY … FROM STDIN` (text format) over a raw `pg` client: rows are
 * encoded here and streamed, so PostgreSQL parses plain tab-separated text instead of one big
 * JSON document per statement. The client may be inside a transaction (the COPY joins it).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** The text COPY format's NULL. */
export const COPY_NULL = '\\N';

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_G = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A string as one field of the text COPY format (backslash, tab, newline and carriage return escaped). */
export function escapeCopyText(s: string): string {
  return COPY_SPECIAL.test(s) ? s.replace(COPY_SPECIAL_G, (c) => COPY_ESCAPES[c]!) : s;
}

const ARRAY_PLAIN = /^[^{}",\\\s]+$/;

/** One element of a PostgreSQL array literal (quoted unless certainly plain). */
function arrayElement(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return arrayLiteral(v);
  const s = scalarText(v);
  if (s === undefined) return 'NULL';
  if (ARRAY_PLAIN.test(s) && s.toUpperCase() !== 'NULL') return s;
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A PostgreSQL array literal: `{1,2}`, `{"a b",NULL}`, nested arrays as `{{1,2},{3,4}}`. */
export function arrayLiteral(xs: readonly unknown[]): string {
  // Finite numbers only (tokens, levels, weights, record ids): their text needs no quoting.
  let plain = true;
  for (let i = 0; i < xs.length && plain; i++) plain = typeof xs[i] === 'number' && Number.isFinite(xs[i]);
  if (plain) return `{${xs.join(',')}}`;
  let out = '{';
  for (let i = 0; i < xs.length; i++) out += i === 0 ? arrayElement(xs[i]) : `,${arrayElement(xs[i])}`;
  return `${out}}`;
}

/** A scalar's text (what the column's input function reads), undefined for SQL NULL. */
function scalarText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      // As JSON would: non-finite numbers are null.
      return Number.isFinite(v) ? String(v) : undefined;
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return undefined;
    case 'object':
      if (v === null) return undefined;
      if (v instanceof Date) return v.toISOString();
      if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
      return JSON.stringify(v);
    default:
      return undefined;
  }
}

/**
 * One value as a field of the text COPY format: null/undefined → `\N`; strings as they are;
 * numbers (non-finite → null), bigints, booleans (`true`/`false`), dates (ISO); arrays as array
 * literals; other objects as JSON text (for jsonb columns). Escaped for COPY.
 */
export function copyField(v: unknown): string {
  if (Array.isArray(v)) return escapeCopyText(arrayLiteral(v));
  const s = scalarText(v);
  return s === undefined ? COPY_NULL : escapeCopyText(s);
}

/** One row (fields in column order) as a line of the text COPY format, newline included. */
export function copyLine(row: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < row.length; i++) out += i === 0 ? copyField(row[i]) : `\t${copyField(row[i])}`;
  return `${out}\n`;
}

/**
 * A value for a jsonb column: its JSON text (null stays SQL NULL). Needed for arrays and strings,
 * which `copyField` would otherwise write as an array literal or as the bare text.
 */
export function jsonbValue(v: unknown): string | null {
  return v === null || v === undefined ? null : JSON.stringify(v);
}

/** A row already encoded by `copyLine` (newline included), for `copyInto`: its fields in the table's column order. */
export class CopyLine {
  constructor(readonly line: string) {}
}

/** A column name as COPY's column list needs it (quoted unless plain lower-case). */
export const quoteIdent = (s: string): string => (/^[a-z_][a-z0-9_]*$/.test(s) ? s : `"${s.replace(/"/g, '""')}"`);

/**
 * Streams rows into `table` (`columns` in row order) with `COPY … FROM STDIN`; resolves with the
 * number of rows copied. Rows are encoded lazily in ~1 MB pieces (an iterable may be a generator);
 * a `CopyLine` is sent as it is.
 * `table` is used as written (may be schema-qualified or quoted); columns are quoted when needed.
 */
export async function copyInto(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly unknown[] | CopyLine>): Promise<number> {
  const sql = `copy ${table} (${columns.map(quoteIdent).join(', ')}) from stdin`;
  const stream = client.query(copyFrom(sql));
  let count = 0;
  // Between pieces the event loop gets a turn (setImmediate): when the socket takes every piece at
  // once, stream callbacks alone would keep producing rows and starve other connections' I/O (a
  // second COPY on another connection would wait for this one to end).
  async function* pieces(): AsyncGenerator<string> {
    let buf = '';
    for (const row of rows) {
      if (row instanceof CopyLine) buf += row.line;
      else if (row.length !== columns.length) throw new Error(`copyInto ${table}: a row has ${row.length} fields, expected ${columns.length}`);
      else buf += copyLine(row);
      count++;
      if (buf.length >= 1 << 20) {
        yield buf;
        buf = '';
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    if (buf.length > 0) yield buf;
  }
  await pipeline(Readable.from(pieces(), { objectMode: false }), stream);
  return count;
}
