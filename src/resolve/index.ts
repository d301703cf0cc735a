/** The matching engine (pure): models, preparation, blocking, comparison levels, training, scoring, clustering. */
export type * from './model/match-model';
export { validateMatchModel, loadMatchModel, MatchModelError, type ModelProblem } from './model/validate-match-model';
export { buildFeatureTable, type FeatureTable, type Column } from './prepare/feature-table';
export { compilePreparation, PREPARE_STEP_NAMES, soundex, chineseSurname } from './prepare/prepare-steps';
export { LEVEL_KINDS } from './levels/level-kinds';
export { compileComparisons, comparisonVectors, type CompiledComparison } from './levels/compile-comparisons';
export { blockPairs, type BlockedPairs, type BlockingRuleReport } from './block/block-pairs';
export { estimateU, emTrain, labelTrain, termFrequencies } from './train/estimate-parameters';
export { createScorer, probabilityOf, weightOf, type Scorer, type PairExplanation } from './score/scorer';
export { clusterRecords, type ClusterInput, type ClusterResult } from './cluster/constrained-clusters';
export { pairwiseMetrics, type PairwiseMetrics } from './evaluate/pairwise-metrics';
export { linkRecords, type LinkOptions, type LinkResult } from './link-records';
export { blockTokens, tokenHash, type BlockTokens } from './block/block-tokens';
export { assignGoldenIds, type IdAssignment, type IdAssignmentInput } from './cluster/assign-golden-ids';
export * from './survivorship';
export { levelLabel } from './levels/level-kinds';
