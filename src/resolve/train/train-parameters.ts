/**
 * Unsupervised training of a match model, the Splink way:
 *
 * 1. u from random record pairs (estimate-parameters.ts), fixed from then on.
 * 2. m by EM in training sessions: one per blocking rule by default (or `training.sessions`).
 *    A session uses only the pairs its rule finds, and holds out the comparisons whose field is
 *    read from the same source columns as the session's fields (a field's `from`, default its
 *    name; `a.b` counts as read from `a` too, e.g. an address's community from the address): the
 *    pairs of a rule agree on those columns whether they match or not, so those comparisons would
 *    otherwise pull the rule's non-matches into the match class. Held-out comparisons do not
 *    enter the likelihood and their m is not estimated in that session. A comparison's m is the
 *    average over the sessions that estimated it; one no session estimated keeps the default
 *    `initialM` (0.7 on the first level, 0.21 on the next …), reported in `trainedOn.defaultM`.
 * 3. The prior λ is the probability that two RANDOM records match — the prior the Bayes factors
 *    m/u (u from random pairs) apply to, not the share of matches among blocked pairs. With m and
 *    u fixed, an EM for λ alone over all blocked pairs estimates the matches among them
 *    (λ_blocked); assuming blocking keeps (nearly) all matches,
 *        λ = λ_blocked × blockedPairs / (n(n−1)/2).
 *    Blocked non-matches that look like matches can only inflate λ_blocked towards 1, so λ stays
 *    below blockedPairs / (n(n−1)/2): the prior cannot run away as it did when λ was the blocked
 *    share estimated together with m. Matches blocking misses would make λ slightly low
 *    (conservative: fewer links).
 *
 * Sampling (training time nearly independent of data size): a session with more pairs than
 * `training.maxPairsPerSession` (default 200,000; 0 = no limit) runs its EM over a uniform sample of
 * that many of its pairs, drawn without replacement by a seeded mulberry32 (`samplePairs`); only the
 * sampled pairs' comparison vectors are computed. The prior EM likewise runs over a sample of the
 * blocked pairs' vectors, and λ_blocked (a share) is scaled by ALL blocked pairs. u keeps its own
 * `randomPairs`; term frequencies are counted over all records. The reports give `pairs` (all)
 * and `sampledPairs` (those the EM used) when a sample was drawn.
 */
import { mulberry32 } from '../../lib/mulberry32';
import { blockPairs } from '../block/block-pairs';
import type { CompiledComparison } from '../levels/compile-comparisons';
import type { MatchModel, PriorReport, TrainingSessionReport, TrainingSessionSpec } from '../model/match-model';
import type { FeatureTable } from '../prepare/feature-table';
import { LAMBDA_FLOOR, emTrain, initialM } from './estimate-parameters';

/** Default cap on the pairs one EM (a session, the prior) runs over. */
export const DEFAULT_MAX_PAIRS_PER_SESSION = 200_000;

/** The cap of a model (`training.maxPairsPerSession`; 0 = no limit → Infinity). */
export function maxPairsPerSession(model: Pick<MatchModel, 'training'>): number {
  const v = model.training?.maxPairsPerSession ?? DEFAULT_MAX_PAIRS_PER_SESSION;
  return v > 0 ? Math.floor(v) : Infinity;
}

/**
 * A uniform sample of `max` of the indexes 0 … total−1, without replacement, in increasing order
 * (selection sampling, Knuth's algorithm S: one draw per index, deterministic for a seed); null
 * when total ≤ max (use them all).
 */
export function samplePairs(total: number, max: number, seed: number): Int32Array | null {
  if (!(total > max)) return null;
  const rnd = mulberry32(seed);
  const out = new Int32Array(max);
  let need = max;
  let n = 0;
  for (let p = 0; p < total && need > 0; p++) {
    if (rnd() * (total - p) < need) {
      out[n++] = p;
      need--;
    }
  }
  return out;
}

/** Seed of the sample of session `index` (the prior uses index −1), from the model's seed. */
const sampleSeed = (seed: number, index: number): number => (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index + 2, 0x85ebca6b)) | 0;

/** The sessions of a model: `training.sessions`, else one per blocking rule. */
export function trainingSessions(model: Pick<MatchModel, 'blocking' | 'training'>): TrainingSessionSpec[] {
  return model.training?.sessions ?? model.blocking.map((r) => ({ name: r.name, on: r.on, ...(r.maxBlockSize !== undefined ? { maxBlockSize: r.maxBlockSize } : {}) }));
}

/** Source column a field is read from (its `from`, default its name). */
const sourceOf = (model: Pick<MatchModel, 'fields'>, field: string): string => model.fields[field]?.from ?? field;

/** Same source column, or one is a part (`a.b`) of the other (`a`). */
const related = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** Per comparison (in model order): held out of a session on `on`. */
export function heldOutComparisons(model: Pick<MatchModel, 'fields' | 'comparisons'>, on: readonly string[]): boolean[] {
  const sources = on.map((f) => sourceOf(model, f));
  return model.comparisons.map((c) => {
    const s = sourceOf(model, c.field);
    return sources.some((b) => related(s, b));
  });
}

export interface SessionTraining {
  m: number[][];
  sessions: TrainingSessionReport[];
  /** Comparisons no session estimated (default m). */
  defaultM: string[];
  iterations: number;
}

export function trainSessions(
  model: Pick<MatchModel, 'fields' | 'comparisons' | 'blocking' | 'training'>,
  table: FeatureTable,
  comparisons: readonly CompiledComparison[],
  u: number[][],
): SessionTraining {
  const C = comparisons.length;
  const sums = comparisons.map((c) => new Array<number>(c.labels.length - 1).fill(0));
  const counts = new Array<number>(C).fill(0);
  const sessions: TrainingSessionReport[] = [];
  let iterations = 0;
  const max = maxPairsPerSession(model);
  const seed = model.training?.seed ?? 1;
  trainingSessions(model).forEach((spec, index) => {
    const heldOut = heldOutComparisons(model, spec.on);
    const active = heldOut.map((h) => !h);
    const report: TrainingSessionReport = { name: spec.name, on: spec.on, pairs: 0, lambda: 0, iterations: 0, estimated: [], heldOut: comparisons.filter((_, c) => heldOut[c]).map((c) => c.name) };
    sessions.push(report);
    const blocked = blockPairs(table, [{ name: spec.name, on: spec.on, maxBlockSize: spec.maxBlockSize }]);
    report.pairs = blocked.count;
    if (blocked.count === 0 || !active.some(Boolean)) return;
    // A uniform sample of the session's pairs when there are more than the cap.
    const sample = samplePairs(blocked.count, max, sampleSeed(seed, index));
    const P = sample === null ? blocked.count : sample.length;
    if (sample !== null) report.sampledPairs = P;
    // Comparison vectors of the (sampled) pairs; held-out comparisons stay at level 0 (no evidence).
    const vectors = new Uint8Array(P * C);
    const pairs = blocked.pairs;
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      const levelOf = comparisons[c]!.levelOf;
      if (sample === null) for (let p = 0; p < P; p++) vectors[p * C + c] = levelOf(pairs[2 * p]!, pairs[2 * p + 1]!);
      else
        for (let p = 0; p < P; p++) {
          const q = sample[p]!;
          vectors[p * C + c] = levelOf(pairs[2 * q]!, pairs[2 * q + 1]!);
        }
    }
    const em = emTrain(vectors, comparisons, u, { maxIterations: model.training?.maxIterations, tolerance: model.training?.tolerance, heldOut, lambda: 0.5 });
    report.lambda = em.lambda;
    report.iterations = em.iterations;
    iterations += em.iterations;
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      report.estimated.push(comparisons[c]!.name);
      counts[c]!++;
      for (let k = 0; k < sums[c]!.length; k++) sums[c]![k]! += em.m[c]![k]!;
    }
  });
  const defaultM: string[] = [];
  const m = comparisons.map((comp, c) => {
    if (counts[c] === 0) {
      defaultM.push(comp.name);
      return initialM(comp.labels.length - 1);
    }
    return sums[c]!.map((s) => s / counts[c]!);
  });
  return { m, sessions, defaultM, iterations };
}

/**
 * λ (probability that two random records match) from the blocked pairs' vectors with m and u
 * fixed: EM for the blocked share alone — over a uniform sample of at most `maxPairs` of the
 * blocked pairs (default all) — scaled by ALL blocked pairs / all pairs.
 */
export function estimatePrior(
  vectors: Uint8Array,
  comparisons: readonly CompiledComparison[],
  m: number[][],
  u: number[][],
  size: number,
  o: { maxIterations?: number; tolerance?: number; maxPairs?: number; seed?: number } = {},
): { lambda: number; report: PriorReport } {
  const C = comparisons.length;
  const P = C === 0 ? 0 : vectors.length / C;
  const allPairs = (size * (size - 1)) / 2;
  const sample = samplePairs(P, o.maxPairs ?? Infinity, sampleSeed(o.seed ?? 1, -1));
  let used = vectors;
  if (sample !== null) {
    used = new Uint8Array(sample.length * C);
    for (let p = 0; p < sample.length; p++) used.set(vectors.subarray(sample[p]! * C, sample[p]! * C + C), p * C);
  }
  const em = P === 0 ? { lambda: 0, iterations: 0 } : emTrain(used, comparisons, u, { m, fixM: true, lambda: 0.5, maxIterations: o.maxIterations ?? 100, tolerance: o.tolerance ?? 1e-7 });
  const lambda = Math.min(0.5, Math.max(LAMBDA_FLOOR, (em.lambda * P) / Math.max(1, allPairs)));
  return {
    lambda,
    report: { method: 'blocked-em-scaled', lambdaBlocked: em.lambda, blockedPairs: P, ...(sample !== null ? { sampledPairs: sample.length } : {}), allPairs, iterations: em.iterations },
  };
}
