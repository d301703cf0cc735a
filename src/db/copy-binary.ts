/**
 * Bulk loading with PostgreSQL's binary `COPY … FROM STDIN (format binary)`: every field is its
 * length and its bytes, so Node writes strings straight into one buffer (no escaping, no per-row
 * line strings, no second UTF-8 conversion) and PostgreSQL reads integers, dates and arrays without
 * parsing text. The binary layout of a type must match the column's type exactly (an int4 into a
 * bigint column is an error), so the column types are read from the catalog (`columnKinds`); a
 * table with a column type this writer does not know (numeric, …) is copied in the text format
 * (copy-rows.ts) instead — `copyRows` chooses.
 *
 * Values per kind (what `copyField` accepts in the text format): null/undefined → NULL; int8/int4/
 * int2 safe integers; float8/float4 numbers (non-finite → NULL); bool; text (strings; numbers,
 * booleans, dates and objects as their text); jsonb as JSON text; date as `YYYY-MM-DD` or a Date;
 * timestamptz as a Date or as `PgMicros` (microseconds since 1970, exact); arrays of numbers (null
 * elements allowed) for int8[]/int4[]/int2[]/float4[]/float8[].
 *
 * A row's last value may be a `RowFingerprint`: it is written as `<version>:<md5>` where the md5 is
 * over the row's other fields as encoded here (binary) or as their text COPY line (text format) —
 * one table always uses the same format, so fingerprints of one table compare.
 */
import { hash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyInto, copyLine, quoteIdent } from './copy-rows';

export type BinaryKind = 'int8' | 'int4' | 'int2' | 'float8' | 'float4' | 'bool' | 'text' | 'jsonb' | 'date' | 'timestamptz' | 'int8[]' | 'int4[]' | 'int2[]' | 'float4[]' | 'float8[]';

/** `format_type` names → binary kinds (character(n) and varchar(n) are text on the wire). */
function kindOfType(t: string): BinaryKind | undefined {
  switch (t) {
    case 'bigint':
      return 'int8';
    case 'integer':
      return 'int4';
    case 'smallint':
      return 'int2';
    case 'double precision':
      return 'float8';
    case 'real':
      return 'float4';
    case 'boolean':
      return 'bool';
    case 'text':
      return 'text';
    case 'jsonb':
      return 'jsonb';
    case 'date':
      return 'date';
    case 'timestamp with time zone':
      return 'timestamptz';
    case 'bigint[]':
      return 'int8[]';
    case 'integer[]':
      return 'int4[]';
    case 'smallint[]':
      return 'int2[]';
    case 'real[]':
      return 'float4[]';
    case 'double precision[]':
      return 'float8[]';
    default:
      return /^(character|character varying)(\(\d+\))?$/.test(t) ? 'text' : undefined;
  }
}

/** Element type oids of the array kinds (array_recv checks them). */
const ELEMENT_OID: Partial<Record<BinaryKind, number>> = { 'int8[]': 20, 'int4[]': 23, 'int2[]': 21, 'float4[]': 700, 'float8[]': 701 };

/**
 * The binary kinds of `columns` of `table` (as `COPY` names them: unquoted lower-case or exact), or
 * undefined when a column's type has no binary writer here (the text format is used then).
 */
export async function columnKinds(client: ClientBase, table: string, columns: readonly string[]): Promise<BinaryKind[] | undefined> {
  const r = await client.query<{ name: string; type: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type from pg_attribute a
     where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped`,
    [table],
  );
  const byName = new Map(r.rows.map((x) => [x.name, x.type]));
  const kinds: BinaryKind[] = [];
  for (const c of columns) {
    const t = byName.get(c);
    if (t === undefined) throw new Error(`copy into ${table}: no column "${c}"`);
    const k = kindOfType(t);
    if (k === undefined) return undefined;
    kinds.push(k);
  }
  return kinds;
}

/** A timestamptz value in microseconds since 1970-01-01 UTC (exact, unlike a Date's milliseconds). */
export class PgMicros {
  constructor(readonly micros: number) {}
}

/** The last value of a row: written as `<version>:<md5 of the row's other fields>` (text). */
export class RowFingerprint {
  constructor(readonly version: number) {}
}

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Days from 1970-01-01 to 2000-01-01 (PostgreSQL's epoch). */
const PG_EPOCH_DAYS = 10957;
const PG_EPOCH_MICROS = 946684800000000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TWO_32 = 4294967296;

/** Encodes rows of the binary COPY format into a growing buffer. */
export class BinaryRowWriter {
  buf: Buffer;
  pos = 0;

  constructor(
    private readonly kinds: readonly BinaryKind[],
    private readonly table = 'table',
    size = 1 << 21,
  ) {
    this.buf = Buffer.allocUnsafe(size);
  }

  header(): void {
    this.ensure(19);
    SIGNATURE.copy(this.buf, this.pos);
    this.buf.writeInt32BE(0, this.pos + 11);
    this.buf.writeInt32BE(0, this.pos + 15);
    this.pos += 19;
  }

  trailer(): void {
    this.ensure(2);
    this.buf.writeInt16BE(-1, this.pos);
    this.pos += 2;
  }

  /** The bytes written so far (a copy) and an empty buffer again. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }

  /** Appends one row (values in column order; a last `RowFingerprint` is computed here). */
  row(values: readonly unknown[]): void {
    const kinds = this.kinds;
    if (values.length !== kinds.length) throw new Error(`copy into ${this.table}: a row has ${values.length} fields, expected ${kinds.length}`);
    this.ensure(2);
    this.buf.writeInt16BE(kinds.length, this.pos);
    this.pos += 2;
    const start = this.pos;
    for (let k = 0; k < kinds.length; k++) {
      const v = values[k];
      if (v instanceof RowFingerprint) {
        if (k !== kinds.length - 1) throw new Error(`copy into ${this.table}: a fingerprint must be the row's last field`);
        const digest = hash('md5', this.buf.subarray(start, this.pos), 'hex');
        this.field('text', `${v.version}:${digest}`, k);
      } else this.field(kinds[k]!, v, k);
    }
  }

  /** md5 (hex) of the fields of `values` (a fingerprint's input), without keeping them. */
  fingerprintOf(values: readonly unknown[]): string {
    const mark = this.pos;
    for (let k = 0; k < values.length; k++) this.field(this.kinds[k]!, values[k], k);
    const digest = hash('md5', this.buf.subarray(mark, this.pos), 'hex');
    this.pos = mark;
    return digest;
  }

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private bad(k: number, kind: string, v: unknown): Error {
    const shown = typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : typeof v;
    return new Error(`copy into ${this.table}: field ${k + 1} is not a valid ${kind}: ${shown}`);
  }

  private nul(): void {
    this.ensure(4);
    this.buf.writeInt32BE(-1, this.pos);
    this.pos += 4;
  }

  private int8(v: number): void {
    const hi = Math.floor(v / TWO_32);
    this.buf.writeInt32BE(hi, this.pos);
    this.buf.writeUInt32BE(v - hi * TWO_32, this.pos + 4);
    this.pos += 8;
  }

  private string(s: string, prefix: number): void {
    // At most 3 UTF-8 bytes per UTF-16 unit.
    this.ensure(5 + s.length * 3);
    const at = this.pos;
    let p = at + 4;
    if (prefix >= 0) this.buf[p++] = prefix;
    p += s.length === 0 ? 0 : this.buf.write(s, p, 'utf8');
    this.buf.writeInt32BE(p - at - 4, at);
    this.pos = p;
  }

  private field(kind: BinaryKind, v: unknown, k: number): void {
    if (v === null || v === undefined) return this.nul();
    const b = this.buf;
    switch (kind) {
      case 'text':
        return this.string(typeof v === 'string' ? v : textOf(v), -1);
      case 'jsonb':
        if (typeof v !== 'string') throw this.bad(k, 'jsonb text', v);
        return this.string(v, 1);
      case 'int8':
      case 'int4':
      case 'int2': {
        const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : typeof v === 'bigint' ? Number(v) : NaN;
        if (!Number.isSafeInteger(n)) throw this.bad(k, kind, v);
        this.ensure(12);
        if (kind === 'int8') {
          b.writeInt32BE(8, this.pos);
          this.pos += 4;
          return this.int8(n);
        }
        if (kind === 'int4') {
          b.writeInt32BE(4, this.pos);
          b.writeInt32BE(n, this.pos + 4);
          this.pos += 8;
          return;
        }
        b.writeInt32BE(2, this.pos);
        b.writeInt16BE(n, this.pos + 4);
        this.pos += 6;
        return;
      }
      case 'float8':
      case 'float4': {
        const n = typeof v === 'number' ? v : Number(v);
        if (typeof v !== 'number' && (typeof v !== 'string' || Number.isNaN(n))) throw this.bad(k, kind, v);
        if (!Number.isFinite(n)) return this.nul();
        this.ensure(12);
        if (kind === 'float8') {
          b.writeInt32BE(8, this.pos);
          b.writeDoubleBE(n, this.pos + 4);
          this.pos += 12;
        } else {
          b.writeInt32BE(4, this.pos);
          b.writeFloatBE(n, this.pos + 4);
          this.pos += 8;
        }
        return;
      }
      case 'bool':
        if (typeof v !== 'boolean') throw this.bad(k, kind, v);
        this.ensure(5);
        b.writeInt32BE(1, this.pos);
        b[this.pos + 4] = v ? 1 : 0;
        this.pos += 5;
        return;
      case 'date': {
        let days: number;
        if (v instanceof Date) days = Math.floor(v.getTime() / 86400000);
        else {
          const m = typeof v === 'string' ? DATE_RE.exec(v) : null;
          if (m === null) throw this.bad(k, kind, v);
          const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
          const back = new Date(ms);
          if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) throw this.bad(k, kind, v);
          days = ms / 86400000;
        }
        if (!Number.isFinite(days)) throw this.bad(k, kind, v);
        this.ensure(8);
        b.writeInt32BE(4, this.pos);
        b.writeInt32BE(days - PG_EPOCH_DAYS, this.pos + 4);
        this.pos += 8;
        return;
      }
      case 'timestamptz': {
        const micros = v instanceof PgMicros ? v.micros : v instanceof Date ? v.getTime() * 1000 : NaN;
        if (!Number.isFinite(micros)) throw this.bad(k, kind, v);
        this.ensure(12);
        b.writeInt32BE(8, this.pos);
        this.pos += 4;
        return this.int8(micros - PG_EPOCH_MICROS);
      }
      default:
        return this.array(kind, v, k);
    }
  }

  private array(kind: BinaryKind, v: unknown, k: number): void {
    if (!Array.isArray(v)) throw this.bad(k, kind, v);
    const n = v.length;
    const width = kind === 'int8[]' || kind === 'float8[]' ? 8 : kind === 'int2[]' ? 2 : 4;
    this.ensure(24 + n * (4 + width));
    const b = this.buf;
    const at = this.pos;
    let p = at + 4;
    let nulls = 0;
    for (let i = 0; i < n; i++) if (v[i] === null || v[i] === undefined) nulls = 1;
    b.writeInt32BE(n === 0 ? 0 : 1, p);
    b.writeInt32BE(nulls, p + 4);
    b.writeInt32BE(ELEMENT_OID[kind]!, p + 8);
    p += 12;
    if (n > 0) {
      b.writeInt32BE(n, p);
      b.writeInt32BE(1, p + 4);
      p += 8;
    }
    for (let i = 0; i < n; i++) {
      const x: unknown = v[i];
      if (x === null || x === undefined) {
        b.writeInt32BE(-1, p);
        p += 4;
        continue;
      }
      if (typeof x !== 'number' || (kind.startsWith('int') ? !Number.isSafeInteger(x) : Number.isNaN(x))) throw this.bad(k, kind, v);
      b.writeInt32BE(width, p);
      p += 4;
      if (kind === 'int8[]') {
        this.pos = p;
        this.int8(x);
        p = this.pos;
      } else {
        if (kind === 'int4[]') b.writeInt32BE(x, p);
        else if (kind === 'int2[]') b.writeInt16BE(x, p);
        else if (kind === 'float4[]') b.writeFloatBE(x, p);
        else b.writeDoubleBE(x, p);
        p += width;
      }
    }
    b.writeInt32BE(p - at - 4, at);
    this.pos = p;
  }
}

/** A non-string value of a text column as the text format writes it. */
function textOf(v: unknown): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return v instanceof Date ? v.toISOString() : JSON.stringify(v);
  }
}

/**
 * Streams rows into `table` with the binary `COPY` (`kinds` from `columnKinds`); resolves with the
 * number of rows. Rows are encoded lazily in ~1 MB pieces (an iterable may be a generator).
 */
export async function copyBinaryInto(client: ClientBase, table: string, columns: readonly string[], kinds: readonly BinaryKind[], rows: Iterable<readonly unknown[]>): Promise<number> {
  const sql = `copy ${table} (${columns.map(quoteIdent).join(', ')}) from stdin with (format binary)`;
  const stream = client.query(copyFrom(sql));
  let count = 0;
  const w = new BinaryRowWriter(kinds, table);
  async function* pieces(): AsyncGenerator<Buffer> {
    w.header();
    for (const row of rows) {
      w.row(row);
      count++;
      if (w.pos >= 1 << 20) {
        yield w.take();
        // Other connections' I/O gets a turn between pieces (see copyInto).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    w.trailer();
    yield w.take();
  }
  await pipeline(Readable.from(pieces(), { objectMode: false }), stream);
  return count;
}

/** A row's fingerprint in the text format: md5 of the other fields' COPY line. */
function textFingerprint(fields: readonly unknown[]): string {
  return hash('md5', copyLine(fields), 'hex');
}

/** A `PgMicros` as timestamptz text (microseconds kept). */
function microsText(v: PgMicros): string {
  const ms = Math.floor(v.micros / 1000);
  return `${new Date(ms).toISOString().slice(0, -1)}${String(v.micros - ms * 1000).padStart(3, '0')}Z`;
}

/** The text-format row for `copyInto`: `PgMicros` as text, a last `RowFingerprint` as its text. */
function textRow(row: readonly unknown[]): readonly unknown[] {
  let out = row;
  for (let k = 0; k < row.length; k++) {
    if (!(row[k] instanceof PgMicros)) continue;
    if (out === row) out = [...row];
    (out as unknown[])[k] = microsText(row[k] as PgMicros);
  }
  const last = out[out.length - 1];
  if (!(last instanceof RowFingerprint)) return out;
  const fields = out.slice(0, -1);
  return [...fields, `${last.version}:${textFingerprint(fields)}`];
}

/** How rows go into one table: binary when every column type allows it, else text. */
export interface CopyTarget {
  binary: boolean;
  /** md5 (hex) of a row's fields as they are encoded for this table (a `RowFingerprint`'s hash). */
  fingerprint(fields: readonly unknown[]): string;
  copy(rows: Iterable<readonly unknown[]>): Promise<number>;
}

/** Reads `table`'s column types once and returns how to copy (and fingerprint) its rows. */
export async function copyTarget(client: ClientBase, table: string, columns: readonly string[]): Promise<CopyTarget> {
  const kinds = await columnKinds(client, table, columns);
  if (kinds === undefined) {
    return {
      binary: false,
      fingerprint: textFingerprint,
      copy: (rows) => copyInto(client, table, columns, map(rows, textRow)),
    };
  }
  const scratch = new BinaryRowWriter(kinds, table, 1 << 16);
  return {
    binary: true,
    fingerprint: (fields) => scratch.fingerprintOf(fields),
    copy: (rows) => copyBinaryInto(client, table, columns, kinds, rows),
  };
}

/** Rows into `table`: binary COPY when its column types allow, else text COPY. */
export async function copyRows(client: ClientBase, table: string, columns: readonly string[], rows: Iterable<readonly unknown[]>): Promise<number> {
  return (await copyTarget(client, table, columns)).copy(rows);
}

function* map<T, U>(xs: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of xs) yield f(x);
}
