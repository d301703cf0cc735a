/**
 * Types of the survivorship engine: the members of a resolved cluster, the per-attribute rules that pick
 * each golden value, and the result (values plus the provenance of each one).
 */

/** One source record of a cluster, as survivorship sees it. */
export interface MemberRecord {
  /** source_record id: the provenance points here. */
  id: number;
  /** Connector name (`police`, `health`, `safety`) or the `--source` of a file import. */
  source: string;
  /** Stream of the source (`rk`, `jmjkda`, `gazdx`, …). */
  stream: string;
  /** Canonical fields (as mapped by the connector manifest). */
  canonical: Record<string, unknown>;
  /** When the hub fetched the record (ISO 8601). */
  fetchedAt: string;
  /** The source's own update time (ISO 8601) when it has one. */
  sourceUpdatedAt: string | null;
  /**
   * Optional precomputed `memberTime(this)` (epoch ms of sourceUpdatedAt, else fetchedAt; -Infinity when
   * neither parses). Callers surviving many clusters fill it once per record to skip `Date.parse` per call.
   */
  atMs?: number;
}

/**
 * A `priority` entry: a source (`police`) or one stream of a source (`police/rk`).
 * Earlier entries win.
 */
export type SourceRef = string;

/** The first priority source carrying a value wins; when none does, `then` (if any) decides among all members. */
export interface SourcePriorityRule {
  rule: 'sourcePriority';
  /** Canonical field; default: the attribute name (inside `then`: the parent rule's field). */
  from?: string;
  priority: SourceRef[];
  then?: SingleValueRule;
}

/** The value of the most recently updated member (`sourceUpdatedAt`, else `fetchedAt`). */
export interface MostRecentRule {
  rule: 'mostRecent';
  from?: string;
}

/** The value carried by the most members; ties broken by recency (default) or by source priority. */
export interface MostFrequentRule {
  rule: 'mostFrequent';
  from?: string;
  tieBreak?: 'mostRecent' | 'sourcePriority';
  /** Required with `tieBreak: 'sourcePriority'`. */
  priority?: SourceRef[];
}

/** The most complete value: longest string, array with most elements, object with most components; ties → most recent. */
export interface MostCompleteRule {
  rule: 'mostComplete';
  from?: string;
}

/** All distinct values of one or several fields (arrays flattened, strings optionally split), each with every record it came from. */
export interface UnionRule {
  rule: 'union';
  from: string | string[];
  /** Separator splitting string values (`'a;b'` → `a`, `b`); parts are trimmed, empty parts dropped. */
  split?: string;
}

/** One golden value per role (e.g. hukou, residence), each chosen by its own rule from its own field. */
export interface RolesRule {
  rule: 'roles';
  roles: Record<string, RoleSpec>;
}

export interface RoleSpec {
  /** Canonical field carrying this role's value (e.g. `hukouAddress`). */
  from: string;
  /** How the role's value is chosen; it reads the role's `from` (do not set `from` on it). */
  rule: SingleValueRule;
}

/** Rules that produce one value with one provenance. */
export type SingleValueRule = SourcePriorityRule | MostRecentRule | MostFrequentRule | MostCompleteRule;

export type AttributeRule = SingleValueRule | UnionRule | RolesRule;

export type RuleName = AttributeRule['rule'];

export const RULE_NAMES: readonly RuleName[] = ['sourcePriority', 'mostRecent', 'mostFrequent', 'mostComplete', 'union', 'roles'];

export interface SurvivorshipConfig {
  /** Golden attribute name → the rule choosing its value. */
  attributes: Record<string, AttributeRule>;
}

/** Where a golden value came from (same shape as the golden entities' `AttributeProvenance`). */
export interface Provenance {
  sourceRecordId: number;
  source: string;
  /** The rule that decided: `sourcePriority:police`, `mostRecent`, `mostFrequent(3/4)`, `mostComplete`, `union`. */
  rule: string;
  /** The member's time: its `sourceUpdatedAt`, else its `fetchedAt`. */
  at: string;
}

/** A union's provenance entry: one per (distinct value, record carrying it). */
export interface UnionProvenance extends Provenance {
  value: unknown;
}

/** Single-valued rules give a `Provenance`, unions a `UnionProvenance[]`, roles a role → `Provenance` record. */
export type AttributeProvenanceEntry = Provenance | UnionProvenance[] | Record<string, Provenance>;

export interface GoldenValues {
  /** Attribute → value; absent when no member carries one. Unions give an array, roles a role → value object. */
  values: Record<string, unknown>;
  /** Attribute → provenance; present exactly when the value is. */
  provenance: Record<string, AttributeProvenanceEntry>;
}

export type Survivor = (members: readonly MemberRecord[]) => GoldenValues;

/** Compact provenance of a single value (or a role): the record and the rule; the record's source and time are in `records`. */
export interface CompactProvenance {
  sourceRecordId: number;
  rule: string;
}

/** Compact union entry: one per (distinct value, record carrying it). */
export interface CompactUnionProvenance extends CompactProvenance {
  value: unknown;
}

/** A record referred to by compact provenance: its source and its time (`sourceUpdatedAt`, else `fetchedAt`). */
export interface ProvenanceRecord {
  source: string;
  at: string;
}

/**
 * The stored provenance of a golden record (`compileSurvivorship(config, file, { compact: true })`):
 * attribute → compact entry (`CompactProvenance`, `CompactUnionProvenance[]` or role → `CompactProvenance`),
 * plus `records`: source record id (as a string key) → `ProvenanceRecord`, for every record referred to.
 * `records` is a reserved attribute name. Absent when no attribute has a value.
 */
export interface CompactProvenanceMap {
  [attribute: string]: CompactProvenance | CompactUnionProvenance[] | Record<string, CompactProvenance> | Record<string, ProvenanceRecord> | undefined;
  records?: Record<string, ProvenanceRecord>;
}

export interface CompactGoldenValues {
  values: Record<string, unknown>;
  provenance: CompactProvenanceMap;
}

export type CompactSurvivor = (members: readonly MemberRecord[]) => CompactGoldenValues;
