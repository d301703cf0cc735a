/**
 * The prepared features of a set of records, column by column (one array per model field):
 * comparisons and blocking read `columns[field][i]`. Columnar arrays keep the hot loops
 * monomorphic and the memory small (no object per record).
 *
 * Alongside each column the table keeps (in a side registry, see `columnCodes`) every string
 * value replaced by a small integer: equal strings get equal codes, numbered in order of first
 * appearance. Blocking groups records by those codes and `exact` compares two integers, so
 * neither builds key strings nor hashes them again.
 */
import type { MatchModel } from '../model/match-model';
import { compileStep, type Prepared } from './prepare-steps';

export type Column = Array<Prepared | null>;

export interface FeatureTable {
  size: number;
  columns: Record<string, Column>;
}

export interface ColumnCodes {
  /**
   * Code of every row's value: equal strings, equal codes (0, 1, 2 … in order of first
   * appearance); -1 when the value is missing or not a string (parsed address components).
   */
  codes: Int32Array;
  /** Number of distinct string values. */
  distinct: number;
  /** True when every present value is a string (codes then decide equality of any two present values). */
  allStrings: boolean;
}

const codeRegistry = new WeakMap<Column, ColumnCodes>();

/** The codes of a column: registered by `buildFeatureTable`, else computed once and kept. */
export function columnCodes(col: Column): ColumnCodes {
  let c = codeRegistry.get(col);
  if (c === undefined) {
    c = computeCodes(col);
    codeRegistry.set(col, c);
  }
  return c;
}

function computeCodes(col: Column): ColumnCodes {
  const codes = new Int32Array(col.length);
  const ids = new Map<string, number>();
  let allStrings = true;
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v !== 'string') {
      codes[i] = -1;
      if (v !== null && v !== undefined) allStrings = false;
      continue;
    }
    let id = ids.get(v);
    if (id === undefined) {
      id = ids.size;
      ids.set(v, id);
    }
    codes[i] = id;
  }
  return { codes, distinct: ids.size, allStrings };
}

/** Reads a record's value: a plain property, or a dotted path into nested objects. */
function getter(path: string): (r: Record<string, unknown>) => unknown {
  if (!path.includes('.')) return (r) => r[path];
  const parts = path.split('.');
  return (r) => {
    let v: unknown = r;
    for (const p of parts) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[p];
    }
    return v;
  };
}

/** Raw memo entries: a code ≥ 0 (string value), -1 (null), or ≤ -2 (an object result, index -2 - k into `objects`). */
const MEMO_LIMIT = 2_000_000;

/**
 * One column: every raw value run through the steps (memoised per distinct raw string, as
 * `compilePreparation` does) and coded at the same time. Same values as `compilePreparation`.
 */
function prepareColumn(records: ReadonlyArray<Record<string, unknown>>, get: (r: Record<string, unknown>) => unknown, steps: readonly string[]): { col: Column; codes: ColumnCodes } {
  const n = records.length;
  const compiled = steps.map(compileStep);
  const S = compiled.length;
  const col: Column = new Array<Prepared | null>(n);
  const codes = new Int32Array(n);
  const values: string[] = [];
  const valueIds = new Map<string, number>();
  const memo = new Map<string, number>();
  const objects: Prepared[] = [];
  let allStrings = true;
  const codeOf = (v: string): number => {
    let id = valueIds.get(v);
    if (id === undefined) {
      id = values.length;
      values.push(v);
      valueIds.set(v, id);
    }
    return id;
  };
  for (let i = 0; i < n; i++) {
    const raw = get(records[i]!);
    if (raw === null || raw === undefined) {
      col[i] = null;
      codes[i] = -1;
      continue;
    }
    if (typeof raw === 'object') {
      // already parsed components (canonical `<field>Components`)
      col[i] = raw as Prepared;
      codes[i] = -1;
      allStrings = false;
      continue;
    }
    const s = typeof raw === 'string' ? raw : String(raw);
    if (S === 0) {
      if (s === '') {
        col[i] = null;
        codes[i] = -1;
      } else {
        const id = codeOf(s);
        col[i] = values[id]!;
        codes[i] = id;
      }
      continue;
    }
    let m = memo.get(s);
    if (m === undefined) {
      let v: Prepared | null = s;
      for (let k = 0; k < S; k++) {
        if (typeof v !== 'string') break;
        v = compiled[k]!(v);
        if (v === null) break;
      }
      if (v === '') v = null;
      if (v === null) m = -1;
      else if (typeof v === 'string') m = codeOf(v);
      else {
        m = -2 - objects.length;
        objects.push(v);
      }
      if (memo.size < MEMO_LIMIT) memo.set(s, m);
    }
    if (m >= 0) {
      col[i] = values[m]!;
      codes[i] = m;
    } else if (m === -1) {
      col[i] = null;
      codes[i] = -1;
    } else {
      col[i] = objects[-2 - m]!;
      codes[i] = -1;
      allStrings = false;
    }
  }
  return { col, codes: { codes, distinct: values.length, allStrings } };
}

export function buildFeatureTable(records: ReadonlyArray<Record<string, unknown>>, model: Pick<MatchModel, 'fields'>): FeatureTable {
  const columns: Record<string, Column> = {};
  for (const [name, spec] of Object.entries(model.fields)) {
    const { col, codes } = prepareColumn(records, getter(spec.from ?? name), spec.prepare ?? []);
    codeRegistry.set(col, codes);
    columns[name] = col;
  }
  return { size: records.length, columns };
}
