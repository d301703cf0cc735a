/**
 * The prepared features of a set of records, column by column (one array per model field):
 * comparisons and blocking read `columns[field][i]`. Columnar arrays keep the hot loops
 * monomorphic and the memory small (no object per record).
 */
import type { MatchModel } from '../model/match-model';
import { compilePreparation, type Prepared } from './prepare-steps';

export type Column = Array<Prepared | null>;

export interface FeatureTable {
  size: number;
  columns: Record<string, Column>;
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

export function buildFeatureTable(records: ReadonlyArray<Record<string, unknown>>, model: Pick<MatchModel, 'fields'>): FeatureTable {
  const columns: Record<string, Column> = {};
  for (const [name, spec] of Object.entries(model.fields)) {
    const get = getter(spec.from ?? name);
    const prep = compilePreparation(spec.prepare ?? []);
    const col: Column = new Array<Prepared | null>(records.length);
    for (let i = 0; i < records.length; i++) col[i] = prep(get(records[i]!));
    columns[name] = col;
  }
  return { size: records.length, columns };
}
