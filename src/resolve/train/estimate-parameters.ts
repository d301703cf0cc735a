/**
 * Estimating a model's parameters from the data itself (Fellegi–Sunter, as in Splink):
 * - u (the chance a level holds for two records that are NOT the same entity) from random record
 *   pairs: nearly all random pairs are non-matches. When a comparison's first level is `exact`,
 *   its u is computed exactly from the value counts (Σ c(c−1) / nn(nn−1) over the nn records
 *   with a value) and the sampled pairs only share the rest among the other levels: the rare
 *   agreement levels then do not depend on a handful of sampled pairs;
 * - m (the chance a level holds for a matching pair) by expectation–maximisation, u fixed —
 *   `emTrain` runs one EM (with comparisons held out, or with m fixed to estimate λ alone);
 *   train-parameters.ts organises the sessions and the prior;
 * - or m and λ from labels, when the records carry the true entity;
 * - term frequencies of the values compared by levels marked `tf`.
 * Everything is deterministic for a seed.
 */
import { mulberry32 } from '../../lib/mulberry32';
import type { CompiledComparison } from '../levels/compile-comparisons';
import type { ComparisonParameters, TrainedParameters } from '../model/match-model';

/** Probabilities never reach 0 or 1 (a level never seen still gets a finite weight). */
const FLOOR = 1e-6;
/** λ of random pairs is about (records per entity − 1) / n: below 1e-6 from a few 10⁵ records, so floored far lower. */
export const LAMBDA_FLOOR = 1e-15;

function normalise(counts: Float64Array, pseudo: number): number[] {
  let total = 0;
  for (const c of counts) total += c + pseudo;
  return Array.from(counts, (c) => Math.min(1 - FLOOR, Math.max(FLOOR, (c + pseudo) / total)));
}

/**
 * Probability that two random records, both with a value, hold the same value (null when the
 * column holds non-string values).
 */
export function exactAgreement(column: ReadonlyArray<unknown>): number | null {
  const counts = new Map<string, number>();
  let nn = 0;
  for (const v of column) {
    if (v === null || v === undefined) continue;
    if (typeof v !== 'string') return null;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    nn++;
  }
  if (nn < 2) return null;
  let same = 0;
  for (const c of counts.values()) same += c * (c - 1);
  return same / (nn * (nn - 1));
}

/**
 * u per comparison, over the declared levels and else (index k-1 for level k), from random pairs.
 * `exactFirst[c]`: comparison c's first declared level is `exact` — its u is then computed from the
 * value counts, and the sampled pairs share the remaining 1 − u among the other levels.
 */
export function estimateU(comparisons: readonly CompiledComparison[], size: number, randomPairs: number, seed: number, o: { exactFirst?: readonly boolean[] } = {}): number[][] {
  const rnd = mulberry32(seed);
  const counts = comparisons.map((c) => new Float64Array(c.labels.length - 1));
  if (size < 2) return counts.map((c) => normalise(c, 1));
  for (let n = 0; n < randomPairs; n++) {
    const i = Math.floor(rnd() * size);
    let j = Math.floor(rnd() * (size - 1));
    if (j >= i) j++;
    for (let c = 0; c < comparisons.length; c++) {
      const l = comparisons[c]!.levelOf(i, j);
      if (l > 0) counts[c]![l - 1]!++;
    }
  }
  return counts.map((cnt, c) => {
    const exact = o.exactFirst?.[c] === true && cnt.length > 1 ? exactAgreement(comparisons[c]!.column) : null;
    // A pseudo-count of 1 keeps levels never seen among random pairs (strong evidence) finite.
    if (exact === null) return normalise(cnt, 1);
    const u1 = Math.min(1 - FLOOR, Math.max(FLOOR, exact));
    const rest = normalise(cnt.subarray(1), 1);
    return [u1, ...rest.map((r) => Math.max(FLOOR, r * (1 - u1)))];
  });
}

/**
 * Starting m of EM, and the default m of a comparison no training session estimates: 70 % of the
 * remaining mass on each declared level in turn (0.7, 0.21, 0.063 …), the rest on else.
 */
export function initialM(levels: number): number[] {
  const m = new Array<number>(levels);
  let rest = 1;
  for (let k = 0; k < levels - 1; k++) {
    m[k] = rest * 0.7;
    rest -= m[k]!;
  }
  m[levels - 1] = rest;
  return m;
}

export interface EmResult {
  m: number[][];
  lambda: number;
  iterations: number;
}

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Starting λ (default 0.1). */
  lambda?: number;
  /** Comparisons held out: they do not enter the likelihood (as if null) and their m is not re-estimated. */
  heldOut?: readonly boolean[];
  /** Starting m (default `initialM`). */
  m?: number[][];
  /** Keep m fixed: estimate λ alone. */
  fixM?: boolean;
}

/**
 * EM for m and λ over comparison vectors (`vectors[p * C + c]`, level 0 = null: no evidence),
 * with u fixed. λ here is the share of matches among the pairs given.
 */
export function emTrain(vectors: Uint8Array, comparisons: readonly CompiledComparison[], u: number[][], o: EmOptions = {}): EmResult {
  const C = comparisons.length;
  const P = C === 0 ? 0 : vectors.length / C;
  const m = comparisons.map((c, i) => o.m?.[i]?.slice() ?? initialM(c.labels.length - 1));
  const held = comparisons.map((_, i) => o.heldOut?.[i] === true);
  let lambda = o.lambda ?? 0.1;
  const maxIterations = o.maxIterations ?? 40;
  const tolerance = o.tolerance ?? 1e-5;
  // Bayes factors per (comparison, level), with level 0 = 1.
  const offsets: number[] = [];
  let width = 0;
  for (const c of comparisons) {
    offsets.push(width);
    width += c.labels.length;
  }
  const bf = new Float64Array(width);
  const acc = new Float64Array(width);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    for (let c = 0; c < C; c++) {
      bf[offsets[c]!] = 1;
      for (let k = 1; k < comparisons[c]!.labels.length; k++) bf[offsets[c]! + k] = held[c] ? 1 : m[c]![k - 1]! / u[c]![k - 1]!;
    }
    acc.fill(0);
    const prior = lambda / (1 - lambda);
    let sum = 0;
    for (let p = 0; p < P; p++) {
      let odds = prior;
      const base = p * C;
      for (let c = 0; c < C; c++) odds *= bf[offsets[c]! + vectors[base + c]!]!;
      const prob = odds === Infinity ? 1 : odds / (1 + odds);
      sum += prob;
      for (let c = 0; c < C; c++) acc[offsets[c]! + vectors[base + c]!]! += prob;
    }
    let change = Math.abs(sum / Math.max(1, P) - lambda);
    lambda = Math.min(1 - FLOOR, Math.max(FLOOR, sum / Math.max(1, P)));
    for (let c = 0; c < C; c++) {
      if (held[c] || o.fixM === true) continue;
      const L = comparisons[c]!.labels.length;
      const counts = new Float64Array(L - 1);
      for (let k = 1; k < L; k++) counts[k - 1] = acc[offsets[c]! + k]!;
      const next = normalise(counts, 1e-3);
      for (let k = 0; k < next.length; k++) change = Math.max(change, Math.abs(next[k]! - m[c]![k]!));
      m[c] = next;
    }
    if (change < tolerance) {
      iterations++;
      break;
    }
  }
  return { m, lambda, iterations };
}

/**
 * m and λ from labelled pairs: `isMatch[p]` tells whether blocked pair p is a true match.
 * `allMatches` (the matching pairs among all n(n−1)/2 pairs, blocked or not) and `allPairs` make λ
 * the probability that two random records match (coherent with u from random pairs); without
 * them λ is the share of matches among the blocked pairs.
 */
export function labelTrain(vectors: Uint8Array, comparisons: readonly CompiledComparison[], isMatch: Uint8Array, all?: { matches: number; pairs: number }): { m: number[][]; lambda: number } {
  const C = comparisons.length;
  const P = isMatch.length;
  const counts = comparisons.map((c) => new Float64Array(c.labels.length - 1));
  let matches = 0;
  for (let p = 0; p < P; p++) {
    if (isMatch[p] === 0) continue;
    matches++;
    for (let c = 0; c < C; c++) {
      const l = vectors[p * C + c]!;
      if (l > 0) counts[c]![l - 1]!++;
    }
  }
  const lambda = all !== undefined ? Math.min(1 - FLOOR, Math.max(LAMBDA_FLOOR, all.matches / Math.max(1, all.pairs))) : Math.min(1 - FLOOR, Math.max(FLOOR, matches / Math.max(1, P)));
  return { m: counts.map((c) => normalise(c, 0.5)), lambda };
}

/** Relative frequency of each value of the comparisons that have tf levels. */
export function termFrequencies(comparisons: readonly CompiledComparison[]): Record<string, Record<string, number>> {
  const out: Record<string, Record<string, number>> = {};
  for (const c of comparisons) {
    if (c.tfLevels.length === 0) continue;
    const counts = new Map<string, number>();
    let total = 0;
    for (const v of c.column) {
      if (typeof v !== 'string') continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      total++;
    }
    const freq: Record<string, number> = {};
    for (const [v, n] of counts) freq[v] = n / total;
    out[c.name] = freq;
  }
  return out;
}

export function toParameters(comparisons: readonly CompiledComparison[], m: number[][], u: number[][], lambda: number): Pick<TrainedParameters, 'lambda' | 'comparisons'> {
  const out: Record<string, ComparisonParameters> = {};
  comparisons.forEach((c, i) => {
    out[c.name] = { m: m[i]!, u: u[i]! };
  });
  return { lambda, comparisons: out };
}
