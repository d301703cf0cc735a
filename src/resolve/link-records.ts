/**
 * The engine end to end over records in memory: prepare features → block → compare → estimate
 * parameters (unless the model carries trained ones) → score → cluster with constraints → review
 * band. Used by `gridhub link` over any CSV and by the resolve service over source records.
 */
import { lapTimer } from '../lib/lap-timer';
import { blockPairs, type BlockedPairs } from './block/block-pairs';
import { clusterRecords } from './cluster/constrained-clusters';
import { comparisonVectors, compileComparisons, type CompiledComparison } from './levels/compile-comparisons';
import type { MatchModel, TrainedParameters } from './model/match-model';
import { buildFeatureTable, type FeatureTable } from './prepare/feature-table';
import { createScorer, weightOf, type Scorer } from './score/scorer';
import { estimateU, labelTrain, termFrequencies, toParameters } from './train/estimate-parameters';
import { estimatePrior, maxPairsPerSession, trainSessions } from './train/train-parameters';

export interface LinkOptions {
  /** True entity per record (evaluation; and training when `train` is 'labels'). */
  labels?: ReadonlyArray<string | null>;
  /** 'auto' (default): the model's parameters if it has them, else EM. */
  train?: 'auto' | 'em' | 'labels';
  cannotLink?: Array<[number, number]>;
  mustLink?: Array<[number, number]>;
  /**
   * Applied to freshly trained parameters before scoring (the resolve service compacts the term
   * frequencies it stores): training and linking in one pass score exactly as a later run with the
   * stored parameters does.
   */
  finishParameters?: (p: TrainedParameters) => TrainedParameters;
}

export interface LinkResult {
  table: FeatureTable;
  comparisons: CompiledComparison[];
  blocked: BlockedPairs;
  parameters: TrainedParameters;
  scorer: Scorer;
  /** Comparison vectors of the blocked pairs: level of comparison c for pair p at `vectors[p * C + c]`. */
  vectors: Uint8Array;
  /** Match weight of every blocked pair. */
  weights: Float64Array;
  /** Cluster per record (smallest record index of the cluster). */
  cluster: Int32Array;
  /** Blocked pairs at or above the link threshold. */
  linkPairs: number;
  /** Edges refused by a constraint. */
  refused: number;
  /** Pair indexes in the review band whose records ended in different clusters. */
  review: number[];
  /** Milliseconds per phase. */
  timings: Record<string, number>;
}

export function linkRecords(records: ReadonlyArray<Record<string, unknown>>, model: MatchModel, o: LinkOptions = {}): LinkResult {
  const { timings, lap } = lapTimer();
  const table = buildFeatureTable(records, model);
  lap('prepare');
  const comparisons = compileComparisons(model, table);
  const blocked = blockPairs(table, model.blocking);
  lap('block');
  const vectors = comparisonVectors(comparisons, blocked.pairs, blocked.count);
  lap('compare');

  const mode = o.train ?? 'auto';
  let parameters: TrainedParameters;
  if (mode === 'auto' && model.parameters !== undefined) {
    parameters = { ...model.parameters, termFrequencies: model.parameters.termFrequencies ?? termFrequencies(comparisons) };
  } else {
    const training = model.training ?? {};
    const randomPairs = training.randomPairs ?? 300_000;
    const exactFirst = model.comparisons.map((c) => c.levels[0]?.kind === 'exact');
    const u = estimateU(comparisons, table.size, randomPairs, training.seed ?? 1, { exactFirst });
    lap('u');
    if (mode === 'labels') {
      if (o.labels === undefined) throw new Error('training from labels needs labels');
      const isMatch = new Uint8Array(blocked.count);
      for (let p = 0; p < blocked.count; p++) {
        const a = o.labels[blocked.pairs[2 * p]!];
        isMatch[p] = a !== null && a !== undefined && a === o.labels[blocked.pairs[2 * p + 1]!] ? 1 : 0;
      }
      // λ: matching pairs among all pairs (the prior of two random records, like u).
      const perEntity = new Map<string, number>();
      for (const l of o.labels) if (l !== null && l !== undefined) perEntity.set(l, (perEntity.get(l) ?? 0) + 1);
      let matches = 0;
      for (const k of perEntity.values()) matches += (k * (k - 1)) / 2;
      const { m, lambda } = labelTrain(vectors, comparisons, isMatch, { matches, pairs: (table.size * (table.size - 1)) / 2 });
      parameters = { ...toParameters(comparisons, m, u, lambda), trainedOn: { records: table.size, pairs: blocked.count, method: 'labels', randomPairs } };
    } else {
      // m by EM sessions (one per blocking rule), then λ of random pairs (train-parameters.ts).
      const sessions = trainSessions(model, table, comparisons, u);
      // The prior EM over a sample of the blocked vectors (computed above for scoring anyway).
      const prior = estimatePrior(vectors, comparisons, sessions.m, u, table.size, { maxPairs: maxPairsPerSession(model), seed: training.seed ?? 1 });
      parameters = {
        ...toParameters(comparisons, sessions.m, u, prior.lambda),
        trainedOn: {
          records: table.size,
          pairs: blocked.count,
          method: 'em',
          iterations: sessions.iterations + prior.report.iterations,
          randomPairs,
          sessions: sessions.sessions,
          prior: prior.report,
          ...(sessions.defaultM.length > 0 ? { defaultM: sessions.defaultM } : {}),
        },
      };
    }
    parameters.termFrequencies = termFrequencies(comparisons);
    if (o.finishParameters !== undefined) parameters = o.finishParameters(parameters);
  }
  lap('train');

  const scorer = createScorer(comparisons, parameters);
  const C = comparisons.length;
  const weights = new Float64Array(blocked.count);
  for (let p = 0; p < blocked.count; p++) weights[p] = scorer.weightOfVector(vectors, p * C, blocked.pairs[2 * p]!);
  lap('score');

  const linkWeight = weightOf(model.thresholds.link);
  const reviewWeight = weightOf(model.thresholds.review);
  const edges = new Int32Array(blocked.count * 2);
  const edgeWeights = new Float64Array(blocked.count);
  let n = 0;
  for (let p = 0; p < blocked.count; p++) {
    if (weights[p]! < linkWeight) continue;
    edges[2 * n] = blocked.pairs[2 * p]!;
    edges[2 * n + 1] = blocked.pairs[2 * p + 1]!;
    edgeWeights[n++] = weights[p]!;
  }
  const distinct = (model.constraints ?? []).map((c) => table.columns[c.field]!);
  const clustered = clusterRecords({ size: table.size, pairs: edges, weights: edgeWeights, count: n, distinct, cannotLink: o.cannotLink, mustLink: o.mustLink });
  const review: number[] = [];
  for (let p = 0; p < blocked.count; p++) {
    const w = weights[p]!;
    if (w >= reviewWeight && w < linkWeight && clustered.cluster[blocked.pairs[2 * p]!] !== clustered.cluster[blocked.pairs[2 * p + 1]!]) review.push(p);
  }
  lap('cluster');
  return { table, comparisons, blocked, parameters, scorer, vectors, weights, cluster: clustered.cluster, linkPairs: n, refused: clustered.refused.length, review, timings };
}
