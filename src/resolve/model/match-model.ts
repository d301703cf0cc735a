/**
 * A match model is configuration, not code (a JSON file, validated by `validateMatchModel` and
 * described by schema/match-model.schema.json):
 *
 * - `fields`: features prepared once per record from its columns / canonical fields
 *   (`from` + `prepare` steps, e.g. `["personName"]`, `["pinyin"]`, `["date"]`, `["address"]`);
 * - `comparisons`: each compares one field (optionally a second one for cross-field levels) with
 *   graded `levels`, tried in order; a pair falls in the first level whose test holds. Every
 *   comparison implicitly starts with a `null` level (a value missing on either side: weight 0)
 *   and ends with an `else` level (nothing held);
 * - `blocking`: a union of rules, each a list of fields that must be equal (and present) for two
 *   records to be compared; a pair found by several rules is compared once and credited to the first;
 * - `constraints`: hard cannot-links (two different values of a `distinct` field never link,
 *   not even through a chain of other links);
 * - `thresholds`: match probability from which a pair links automatically, and from which it goes
 *   to the steward review queue;
 * - `parameters`: the trained m/u probabilities per level, the prior and the term frequencies. When
 *   absent they are estimated from the data (see train/train-parameters.ts): u from random pairs;
 *   m by EM in training sessions (one per blocking rule by default, or `training.sessions`), each
 *   over the pairs of its rule with the comparisons on the rule's source columns held out; the
 *   prior λ = the probability that two RANDOM records match (coherent with u), from an EM for λ
 *   alone over the blocked pairs, scaled by blocked pairs / all pairs. Each EM runs over a seeded
 *   uniform sample of at most `training.maxPairsPerSession` pairs. Or m and λ from labels.
 */

export interface FieldSpec {
  /** Column (CSV) or canonical field (source records) the feature is read from; default: the field's own name. */
  from?: string;
  /** Preparation steps in order; see `PREPARE_STEPS`. */
  prepare?: string[];
}

export interface LevelSpec {
  /** Level kind; see `LEVEL_KINDS` (exact, jaroWinkler, damerau, dateDayMonthSwap, homophone, address …). */
  kind: string;
  /** Label shown in explanations; default derived from kind and parameters. */
  label?: string;
  /** Kind parameters (e.g. `min` for jaroWinkler, `max` for damerau, `level` for address, `other` for cross-field). */
  [param: string]: unknown;
}

export interface ComparisonSpec {
  name: string;
  field: string;
  /** A level with `tf: true` (exact kinds only) has its u replaced by the value's term frequency. */
  levels: Array<LevelSpec & { tf?: boolean }>;
}

export interface BlockingRuleSpec {
  name: string;
  /** Fields that must be present and equal. */
  on: string[];
  /** Blocks larger than this are skipped and reported (default 2000). */
  maxBlockSize?: number;
}

export interface ConstraintSpec {
  /** `distinct`: two records (or clusters) with different non-null values of `field` never link. */
  kind: 'distinct';
  field: string;
}

export interface Thresholds {
  /** Match probability (0–1) from which a pair links automatically. */
  link: number;
  /** Match probability from which a pair below `link` goes to the review queue. */
  review: number;
}

export interface TrainingSessionSpec {
  name: string;
  /** Fields that must be present and equal for a pair to enter the session (like a blocking rule). */
  on: string[];
  /** Blocks larger than this are skipped (default 2000). */
  maxBlockSize?: number;
}

export interface TrainingSpec {
  /** Random record pairs sampled to estimate u (default 300,000; the first level's u is exact when it is `exact`). */
  randomPairs?: number;
  /**
   * EM sessions estimating m (default: one per blocking rule). In a session only the pairs its
   * rule finds are used, and the comparisons whose field is read from the same source columns as
   * the session's fields are held out (their m is not estimated there). A comparison's m is the
   * average over the sessions that estimated it.
   */
  sessions?: TrainingSessionSpec[];
  /**
   * Pairs one EM runs over at most (default 200,000; 0 = no limit): a session with more pairs, and
   * the prior EM over more blocked pairs, use a uniform seeded sample of this many (only their
   * comparison vectors are computed), so training time hardly grows with the data.
   */
  maxPairsPerSession?: number;
  /** EM iterations at most (default 40) and convergence (max change of any m, default 1e-5). */
  maxIterations?: number;
  tolerance?: number;
  /** Seed of the random pair sampler (default 1). */
  seed?: number;
}

export interface ComparisonParameters {
  /** m and u per declared level (the implicit null level has none; the else level is last). */
  m: number[];
  u: number[];
}

/** One EM training session, as reported in `trainedOn.sessions`. */
export interface TrainingSessionReport {
  name: string;
  on: string[];
  /** Pairs the session's rule found (all of them, including those an earlier blocking rule also finds). */
  pairs: number;
  /** Pairs its EM ran over, when `pairs` exceeded `training.maxPairsPerSession` (a uniform sample). */
  sampledPairs?: number;
  /** Share of matches among the session's pairs, as estimated by its EM. */
  lambda: number;
  iterations: number;
  /** Comparisons whose m this session estimated. */
  estimated: string[];
  /** Comparisons held out (read from the session's source columns). */
  heldOut: string[];
}

/** How the prior was estimated (EM). */
export interface PriorReport {
  method: 'blocked-em-scaled';
  /** EM estimate (m, u fixed) of the share of matches among the blocked pairs. */
  lambdaBlocked: number;
  blockedPairs: number;
  /** Blocked pairs the EM ran over, when they exceeded `training.maxPairsPerSession` (a uniform sample). */
  sampledPairs?: number;
  /** n(n−1)/2. */
  allPairs: number;
  iterations: number;
}

export interface TrainedParameters {
  /**
   * Prior probability that two RANDOM records match (u is estimated from random pairs, so this is
   * the prior the Bayes factors m/u apply to). Parameters saved by earlier versions held the share of
   * matches among the blocked pairs instead (retrain them).
   */
  lambda: number;
  comparisons: Record<string, ComparisonParameters>;
  /** comparison name → value → relative frequency (for levels with tf). */
  termFrequencies?: Record<string, Record<string, number>>;
  /** How they were obtained. */
  trainedOn?: {
    records: number;
    pairs: number;
    method: 'em' | 'labels';
    /** EM iterations: the sum over the sessions and the prior EM. */
    iterations?: number;
    at?: string;
    /** Random pairs sampled for u. */
    randomPairs?: number;
    /** EM: one entry per training session. */
    sessions?: TrainingSessionReport[];
    /** EM: how λ was obtained. */
    prior?: PriorReport;
    /** Comparisons no session estimated: their m is the documented default (see train-parameters.ts). */
    defaultM?: string[];
  };
}

export interface MatchModel {
  name: string;
  /** Human notes. */
  description?: string;
  /** For `gridhub link`: the CSV column holding the record id (default: the row number). */
  idColumn?: string;
  /** For `gridhub link --labels`: a regex whose first group extracts the entity label from the column. */
  labelPattern?: string;
  fields: Record<string, FieldSpec>;
  comparisons: ComparisonSpec[];
  blocking: BlockingRuleSpec[];
  constraints?: ConstraintSpec[];
  thresholds: Thresholds;
  training?: TrainingSpec;
  parameters?: TrainedParameters;
}
