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
 *   absent they are estimated from the data (u from random pairs, m and the prior by EM over the
 *   blocked pairs, or from labels when given).
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

export interface TrainingSpec {
  /** Random record pairs sampled to estimate u (default 1,000,000). */
  randomPairs?: number;
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

export interface TrainedParameters {
  /** Prior probability that a compared (blocked) pair is a match. */
  lambda: number;
  comparisons: Record<string, ComparisonParameters>;
  /** comparison name → value → relative frequency (for levels with tf). */
  termFrequencies?: Record<string, Record<string, number>>;
  /** How they were obtained. */
  trainedOn?: { records: number; pairs: number; method: 'em' | 'labels'; iterations?: number; at?: string };
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
