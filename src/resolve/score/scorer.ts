/**
 * Fellegi–Sunter scoring of a pair: match weight = log2(λ/(1−λ)) + Σ log2(m/u) over the
 * comparisons (the null level adds 0); on a level marked `tf` the u of the level is replaced by
 * the frequency of the shared value, so two records agreeing on 王伟 earn less than two agreeing
 * on a rare name. `explain` gives the waterfall: every comparison's level, m, u and weight.
 */
import type { CompiledComparison } from '../levels/compile-comparisons';
import type { TrainedParameters } from '../model/match-model';
import { columnCodes } from '../prepare/feature-table';

export interface ComparisonExplanation {
  comparison: string;
  level: string;
  /** Level index: 0 null, 1… declared, last = else. */
  levelIndex: number;
  m: number | null;
  u: number | null;
  /** log2 Bayes factor this comparison adds. */
  weight: number;
  /** When a term-frequency adjustment replaced u. */
  termFrequency?: { value: string; frequency: number };
}

export interface PairExplanation {
  priorWeight: number;
  comparisons: ComparisonExplanation[];
  weight: number;
  probability: number;
}

export interface Scorer {
  priorWeight: number;
  weight(i: number, j: number): number;
  /** Weight from an already computed comparison vector (levels[base + c]). */
  weightOfVector(levels: Uint8Array, base: number, i: number): number;
  explain(i: number, j: number): PairExplanation;
  /** The weight comparison `c` adds at `level` for pair (i, ·) — `explain`'s per-comparison weight, without re-comparing. */
  contributionOf(c: number, level: number, i: number): number;
}

export const probabilityOf = (weight: number): number => {
  const odds = 2 ** weight;
  return odds === Infinity ? 1 : odds / (1 + odds);
};

export const weightOf = (probability: number): number => Math.log2(probability / (1 - probability));

export function createScorer(comparisons: readonly CompiledComparison[], params: Pick<TrainedParameters, 'lambda' | 'comparisons' | 'termFrequencies'>): Scorer {
  const C = comparisons.length;
  const tables = comparisons.map((c) => {
    const p = params.comparisons[c.name];
    if (p === undefined) throw new Error(`parameters: no m/u for comparison ${c.name}`);
    if (p.m.length !== c.labels.length - 1 || p.u.length !== c.labels.length - 1) {
      throw new Error(`parameters of ${c.name}: expected ${c.labels.length - 1} m and u values (levels ${c.labels.slice(1).join(', ')}), got ${p.m.length} and ${p.u.length}`);
    }
    const w = new Float64Array(c.labels.length);
    for (let k = 1; k < c.labels.length; k++) w[k] = Math.log2(p.m[k - 1]! / p.u[k - 1]!);
    return w;
  });
  const tf = comparisons.map((c) => {
    if (c.tfLevels.length === 0) return null;
    const freq = params.termFrequencies?.[c.name];
    if (freq === undefined) return null;
    let min = 1;
    for (const v of Object.values(freq)) if (v < min) min = v;
    const isTf = new Uint8Array(c.labels.length);
    for (const k of c.tfLevels) isTf[k] = 1;
    // The frequency of each distinct value, looked up once per value (by column code) instead of once per pair.
    const coded = columnCodes(c.column);
    const byCode = coded.allStrings ? new Float64Array(coded.distinct).fill(NaN) : null;
    return { freq: new Map(Object.entries(freq)), min, isTf, m: params.comparisons[c.name]!.m, codes: coded.codes, byCode };
  });
  const priorWeight = weightOf(params.lambda);

  const contribution = (c: number, level: number, i: number): { weight: number; tf?: { value: string; frequency: number } } => {
    const t = tf[c];
    if (t !== null && t !== undefined && t.isTf[level] === 1) {
      const value = comparisons[c]!.column[i] as string;
      const frequency = t.freq.get(value) ?? t.min;
      return { weight: Math.log2(t.m[level - 1]! / frequency), tf: { value, frequency } };
    }
    return { weight: tables[c]![level]! };
  };

  const weightOfVector = (levels: Uint8Array, base: number, i: number): number => {
    let w = priorWeight;
    for (let c = 0; c < C; c++) {
      const level = levels[base + c]!;
      const t = tf[c];
      if (t !== null && t !== undefined && t.isTf[level] === 1) {
        let frequency: number;
        const code = t.codes[i]!;
        if (t.byCode !== null && code >= 0) {
          frequency = t.byCode[code]!;
          if (Number.isNaN(frequency)) {
            frequency = t.freq.get(comparisons[c]!.column[i] as string) ?? t.min;
            t.byCode[code] = frequency;
          }
        } else frequency = t.freq.get(comparisons[c]!.column[i] as string) ?? t.min;
        w += Math.log2(t.m[level - 1]! / frequency);
      } else w += tables[c]![level]!;
    }
    return w;
  };

  return {
    priorWeight,
    weightOfVector,
    contributionOf: (c, level, i) => contribution(c, level, i).weight,
    weight(i, j) {
      let w = priorWeight;
      for (let c = 0; c < C; c++) {
        const level = comparisons[c]!.levelOf(i, j);
        w += tf[c]?.isTf[level] === 1 ? contribution(c, level, i).weight : tables[c]![level]!;
      }
      return w;
    },
    explain(i, j) {
      let w = priorWeight;
      const parts: ComparisonExplanation[] = comparisons.map((comp, c) => {
        const level = comp.levelOf(i, j);
        const got = contribution(c, level, i);
        w += got.weight;
        const p = params.comparisons[comp.name]!;
        return {
          comparison: comp.name,
          level: comp.labels[level]!,
          levelIndex: level,
          m: level === 0 ? null : p.m[level - 1]!,
          u: level === 0 ? null : p.u[level - 1]!,
          weight: got.weight,
          ...(got.tf ? { termFrequency: got.tf } : {}),
        };
      });
      return { priorWeight, comparisons: parts, weight: w, probability: probabilityOf(w) };
    },
  };
}
