/** Survivorship (pure): per-attribute rules choosing a cluster's golden values, with provenance. */
export type * from './survivorship-types';
export { RULE_NAMES } from './survivorship-types';
export { compileSurvivorship, survive, isEmptyValue, sameValue, memberTime, memberRecord } from './survive';
export { validateSurvivorship, parseSurvivorship, SurvivorshipConfigError, type SurvivorshipProblem } from './validate-survivorship';
export { provenanceJson } from '../../lib/provenance-json';
