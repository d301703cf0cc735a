/**
 * `mapRecord(raw, stream)`: one raw department record → canonical projection, structured issues,
 * record key, tombstone flag and incremental cursor position. Never throws and never drops: a
 * record with error issues is quarantined by the caller. Compile a stream once with
 * `compileStream` and reuse it for every record.
 */
import { issue, type ValidationIssue } from '../../domain/validation-issue';
import type { CodeTables, DeletionSpec, IncrementalSpec, StreamMapping } from '../manifest/manifest-types';
import { compileMapping, type CompiledMapping } from './compile-mapping';
import { parseCursorTime } from './cursor-time';
import { compilePath, type PathGetter } from './field-path';
import { MAPPING_RULES } from './transform';

/** Position of a record in the incremental order: update time (ISO UTC) then tie-breaker. */
export interface CursorPosition {
  value: string;
  tieBreaker: string;
}

export interface MappedRecord {
  /** Primary key value(s) joined by `|`; '' when missing (an issue is raised). */
  key: string;
  canonical: Record<string, unknown>;
  /** Errors and warnings; any `severity: 'error'` means quarantine. */
  issues: ValidationIssue[];
  /** True when the record has error issues. */
  quarantined: boolean;
  isTombstone: boolean;
  /** Null when the stream is not incremental or the record's cursor field is unreadable. */
  cursorValue: CursorPosition | null;
  /** Cursor as epoch ms (NaN when unreadable), for fast comparisons. */
  cursorMs: number;
  raw: unknown;
}

export interface CompiledStream {
  mapping: CompiledMapping;
  key: PathGetter[];
  keyFields: string[];
  tombstone?: { get: PathGetter; values: Set<unknown> };
  cursor?: { get: PathGetter; tie: PathGetter; spec: IncrementalSpec };
}

export interface StreamLike {
  primaryKey: string[];
  mapping: StreamMapping;
  incremental?: IncrementalSpec;
  deletion?: DeletionSpec;
}

export function compileStream(stream: StreamLike, tables: CodeTables = {}): CompiledStream {
  return {
    mapping: compileMapping(stream.mapping.fields, tables),
    key: stream.primaryKey.map(compilePath),
    keyFields: stream.primaryKey,
    tombstone: stream.deletion === undefined ? undefined : { get: compilePath(stream.deletion.field), values: new Set<unknown>(stream.deletion.values) },
    cursor: stream.incremental === undefined ? undefined : { get: compilePath(stream.incremental.cursorField), tie: compilePath(stream.incremental.tieBreakerField), spec: stream.incremental },
  };
}

export function mapRecord(raw: unknown, stream: CompiledStream): MappedRecord {
  const canonical: Record<string, unknown> = {};
  const issues: ValidationIssue[] = [];
  for (const f of stream.mapping.fields) f.apply(raw, canonical, issues);

  let key = '';
  for (let i = 0; i < stream.key.length; i++) {
    const v = stream.key[i]!(raw);
    if (v === null || v === undefined || v === '') {
      issues.push(issue(stream.keyFields[i]!, MAPPING_RULES.KEY_MISSING, '', `primary key field ${stream.keyFields[i]} is missing`));
    }
    key += (i === 0 ? '' : '|') + (v === null || v === undefined ? '' : String(v));
  }

  const isTombstone = stream.tombstone !== undefined && stream.tombstone.values.has(stream.tombstone.get(raw));

  let cursorValue: CursorPosition | null = null;
  let cursorMs = Number.NaN;
  if (stream.cursor !== undefined) {
    const { spec } = stream.cursor;
    const rawCursor = stream.cursor.get(raw);
    cursorMs = parseCursorTime(rawCursor, spec.cursorFormat, spec.cursorOffsetMinutes);
    if (Number.isNaN(cursorMs)) {
      issues.push(issue(spec.cursorField, MAPPING_RULES.CURSOR, rawCursor, `cursor field ${spec.cursorField} is not a readable ${spec.cursorFormat} time`));
    } else {
      const tie = stream.cursor.tie(raw);
      cursorValue = { value: new Date(cursorMs).toISOString(), tieBreaker: tie === null || tie === undefined ? '' : String(tie) };
    }
  }

  let quarantined = false;
  for (const i of issues) if (i.severity === 'error') quarantined = true;
  return { key, canonical, issues, quarantined, isTombstone, cursorValue, cursorMs, raw };
}
