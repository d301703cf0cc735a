/**
 * A model's comparisons compiled against a feature table: `levelOf(i, j)` gives the level a pair
 * falls in. Level 0 is the implicit null level (the field is missing on either side: no
 * evidence), 1…L are the declared levels in order, L+1 is the implicit else level.
 */
import type { ComparisonSpec, MatchModel } from '../model/match-model';
import type { Column, FeatureTable } from '../prepare/feature-table';
import { compileLevel, levelLabel, type PairTest } from './level-kinds';

export interface CompiledComparison {
  name: string;
  field: string;
  /** Labels of every level: 'null', the declared ones, 'else'. */
  labels: string[];
  /** Declared level indexes (1-based) whose u is replaced by the value's term frequency. */
  tfLevels: number[];
  /** The compared field's column (term-frequency lookups). */
  column: Column;
  levelOf(i: number, j: number): number;
}

export function compileComparison(spec: ComparisonSpec, table: FeatureTable): CompiledComparison {
  const column = (name: string): Column => {
    const c = table.columns[name];
    if (c === undefined) throw new Error(`comparison ${spec.name}: no field "${name}"`);
    return c;
  };
  const col = column(spec.field);
  const metrics = new Map<string, (i: number, j: number) => number>();
  const metric = (key: string, f: (a: string, b: string) => number): ((i: number, j: number) => number) => {
    let m = metrics.get(key);
    if (m === undefined) {
      let lastI = -1;
      let lastJ = -1;
      let last = 0;
      m = (i, j) => {
        if (i !== lastI || j !== lastJ) {
          last = f(col[i] as string, col[j] as string);
          lastI = i;
          lastJ = j;
        }
        return last;
      };
      metrics.set(key, m);
    }
    return m;
  };
  const largest = (kind: string, param: string): number => Math.max(...spec.levels.filter((l) => l.kind === kind).map((l) => Number(l[param])));
  const tests: PairTest[] = spec.levels.map((l) => compileLevel(l, { col, column, metric, largest }));
  const n = tests.length;
  const levelOf = (i: number, j: number): number => {
    if (col[i] === null || col[j] === null) return 0;
    for (let k = 0; k < n; k++) if (tests[k]!(i, j)) return k + 1;
    return n + 1;
  };
  return {
    name: spec.name,
    field: spec.field,
    labels: ['null', ...spec.levels.map(levelLabel), 'else'],
    tfLevels: spec.levels.flatMap((l, k) => (l.tf === true ? [k + 1] : [])),
    column: col,
    levelOf,
  };
}

export function compileComparisons(model: Pick<MatchModel, 'comparisons'>, table: FeatureTable): CompiledComparison[] {
  return model.comparisons.map((c) => compileComparison(c, table));
}

/** Comparison vectors of pairs: `levels[p * C + c]` is pair p's level in comparison c. */
export function comparisonVectors(comparisons: readonly CompiledComparison[], pairs: Int32Array, count = pairs.length / 2): Uint8Array {
  const C = comparisons.length;
  const out = new Uint8Array(count * C);
  for (let c = 0; c < C; c++) {
    const levelOf = comparisons[c]!.levelOf;
    for (let p = 0; p < count; p++) out[p * C + c] = levelOf(pairs[2 * p]!, pairs[2 * p + 1]!);
  }
  return out;
}
