/**
 * The survivorship engine: picks every golden attribute of a cluster from its member source records by
 * the rule configured for the attribute, and records where each value came from.
 *
 * `compileSurvivorship(config)` validates the config once and compiles every rule into a picker; the
 * returned function is then called once per cluster (~700k per run). A call allocates nothing beyond its
 * output, apart from union rules (which build their value lists) and mostFrequent over clusters larger
 * than 64 members (which count with a Map instead of pairwise comparison).
 *
 * Determinism: every comparison ends with the smallest record id, unions are sorted, so the same members
 * in any order give the same result.
 */
import { stableJson } from '../../lib/stable-json';
import type {
  AttributeProvenanceEntry,
  AttributeRule,
  CompactGoldenValues,
  CompactProvenance,
  CompactProvenanceMap,
  CompactSurvivor,
  ProvenanceRecord,
  GoldenValues,
  MemberRecord,
  Provenance,
  SingleValueRule,
  Survivor,
  SurvivorshipConfig,
  UnionProvenance,
} from './survivorship-types';
import { SurvivorshipConfigError, validateSurvivorship } from './validate-survivorship';

/** Per-survivor scratch state, reused across calls. */
interface Ctx {
  members: readonly MemberRecord[];
  n: number;
  /** Member time in ms (sourceUpdatedAt, else fetchedAt; unparseable → -Infinity). */
  times: Float64Array;
  /** Set by a picker that found a value. */
  value: unknown;
  label: string;
  /** Provenance objects handed out in the current call, by (member index, label): shared, not rebuilt. */
  provIdx: number[];
  provLabel: string[];
  provObj: Array<Provenance | CompactProvenance>;
  /** Entries of provIdx/provLabel/provObj in use (the arrays are reused across calls, not truncated). */
  provN: number;
  /** Compact provenance: entries hold { sourceRecordId, rule }, the records' source and time go to `records`. */
  compact: boolean;
  /** Compact mode: members referred to by the current call's provenance (first notedN entries). */
  noted: MemberRecord[];
  notedN: number;
}

/** Returns the index of the winning member (and sets ctx.value, ctx.label), or -1 when no member has a value. */
type Picker = (ctx: Ctx) => number;

const EMPTY: readonly MemberRecord[] = [];

/** null, undefined, '', NaN, [] and objects without a non-empty value never win. */
export function isEmptyValue(v: unknown): boolean {
  if (v === null || v === undefined || v === '') return true;
  if (typeof v === 'number') return Number.isNaN(v);
  if (typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.length === 0;
  for (const k in v as Record<string, unknown>) if (!isEmptyValue((v as Record<string, unknown>)[k])) return false;
  return true;
}

/** Structural equality of canonical values (primitives, arrays, plain objects; undefined keys ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const aa = Array.isArray(a);
  if (aa !== Array.isArray(b)) return false;
  if (aa) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let nx = 0;
  let ny = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    nx++;
    if (!sameValue(x[k], y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) ny++;
  return nx === ny;
}

/** How complete a value is: string length, number of non-empty elements or components; 1 for anything else. */
function completeness(v: unknown): number {
  if (typeof v === 'string') return v.length;
  if (typeof v !== 'object' || v === null) return 1;
  let c = 0;
  if (Array.isArray(v)) {
    for (const e of v) if (!isEmptyValue(e)) c++;
  } else for (const k in v as Record<string, unknown>) if (!isEmptyValue((v as Record<string, unknown>)[k])) c++;
  return c;
}

/** Whether member i beats member j on recency (newer; equal times → smaller id). */
function newer(ctx: Ctx, i: number, j: number): boolean {
  const ti = ctx.times[i]!;
  const tj = ctx.times[j]!;
  return ti > tj || (ti === tj && ctx.members[i]!.id < ctx.members[j]!.id);
}

/** A member's time in ms: its sourceUpdatedAt, else its fetchedAt (unparseable → -Infinity). */
export function memberTime(m: Pick<MemberRecord, 'sourceUpdatedAt' | 'fetchedAt'>): number {
  let t = m.sourceUpdatedAt === null ? NaN : Date.parse(m.sourceUpdatedAt);
  if (Number.isNaN(t)) t = Date.parse(m.fetchedAt);
  return Number.isNaN(t) ? -Infinity : t;
}

/** A source record as a survivorship member, its time computed once (`atMs`). */
export function memberRecord(r: Pick<MemberRecord, 'id' | 'source' | 'stream' | 'canonical' | 'fetchedAt' | 'sourceUpdatedAt'>): MemberRecord {
  return { id: r.id, source: r.source, stream: r.stream, canonical: r.canonical, fetchedAt: r.fetchedAt, sourceUpdatedAt: r.sourceUpdatedAt, atMs: memberTime(r) };
}

function atOf(m: MemberRecord): string {
  return m.sourceUpdatedAt ?? m.fetchedAt;
}

function provenanceOf(m: MemberRecord, rule: string): Provenance {
  return { sourceRecordId: m.id, source: m.source, rule, at: atOf(m) };
}

/** The provenance of member i under the current label; one object per (member, label) within a call. */
function sharedProvenance(ctx: Ctx, i: number): Provenance | CompactProvenance {
  const label = ctx.label;
  const np = ctx.provN;
  for (let k = 0; k < np; k++) if (ctx.provIdx[k] === i && ctx.provLabel[k] === label) return ctx.provObj[k]!;
  const m = ctx.members[i]!;
  let p: Provenance | CompactProvenance;
  if (ctx.compact) {
    p = { sourceRecordId: m.id, rule: label };
    noteRecord(ctx, m);
  } else p = provenanceOf(m, label);
  ctx.provIdx[np] = i;
  ctx.provLabel[np] = label;
  ctx.provObj[np] = p;
  ctx.provN = np + 1;
  return p;
}

/** Compact mode: records the member's source and time once per call. */
function noteRecord(ctx: Ctx, m: MemberRecord): void {
  const n = ctx.notedN;
  for (let k = 0; k < n; k++) if (ctx.noted[k] === m) return;
  ctx.noted[n] = m;
  ctx.notedN = n + 1;
}

/** Compact mode: record id → { source, at } of the noted members, ids ascending (as JSON keys). */
function notedRecords(ctx: Ctx): Record<string, ProvenanceRecord> {
  const out: Record<number, ProvenanceRecord> = {};
  for (let k = 0; k < ctx.notedN; k++) {
    const m = ctx.noted[k]!;
    out[m.id] = { source: m.source, at: atOf(m) };
  }
  return out;
}

/** Compiled `priority` list: rank of a member = index of the first entry matching its source (and stream). */
interface Priority {
  rank(m: MemberRecord): number;
  labels: string[];
}

function compilePriority(entries: readonly string[]): Priority {
  const sources: string[] = [];
  const streams: Array<string | null> = [];
  for (const e of entries) {
    const slash = e.indexOf('/');
    sources.push(slash < 0 ? e : e.slice(0, slash));
    streams.push(slash < 0 ? null : e.slice(slash + 1));
  }
  const k = sources.length;
  return {
    rank(m) {
      for (let r = 0; r < k; r++) if (sources[r] === m.source && (streams[r] === null || streams[r] === m.stream)) return r;
      return -1;
    },
    labels: entries.map((e) => `sourcePriority:${e}`),
  };
}

function mostRecent(field: string): Picker {
  return (ctx) => {
    const ms = ctx.members;
    let best = -1;
    for (let i = 0; i < ctx.n; i++) {
      if (isEmptyValue(ms[i]!.canonical[field])) continue;
      if (best < 0 || newer(ctx, i, best)) best = i;
    }
    if (best >= 0) {
      ctx.value = ms[best]!.canonical[field];
      ctx.label = 'mostRecent';
    }
    return best;
  };
}

function mostComplete(field: string): Picker {
  return (ctx) => {
    const ms = ctx.members;
    let best = -1;
    let bestScore = -1;
    for (let i = 0; i < ctx.n; i++) {
      const v = ms[i]!.canonical[field];
      if (isEmptyValue(v)) continue;
      const s = completeness(v);
      if (best < 0 || s > bestScore || (s === bestScore && newer(ctx, i, best))) {
        best = i;
        bestScore = s;
      }
    }
    if (best >= 0) {
      ctx.value = ms[best]!.canonical[field];
      ctx.label = 'mostComplete';
    }
    return best;
  };
}

function sourcePriority(field: string, entries: readonly string[], then: Picker | undefined): Picker {
  const p = compilePriority(entries);
  return (ctx) => {
    const ms = ctx.members;
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i < ctx.n; i++) {
      const m = ms[i]!;
      const r = p.rank(m);
      if (r < 0 || r > bestRank || isEmptyValue(m.canonical[field])) continue;
      if (r < bestRank || newer(ctx, i, best)) {
        best = i;
        bestRank = r;
      }
    }
    if (best < 0) return then === undefined ? -1 : then(ctx);
    ctx.value = ms[best]!.canonical[field];
    ctx.label = p.labels[bestRank]!;
    return best;
  };
}

/** Above this many members mostFrequent counts with a Map; below, pairwise (no allocation). */
const PAIRWISE_MAX = 64;

function mostFrequent(field: string, tieBreak: 'mostRecent' | 'sourcePriority', entries: readonly string[] | undefined): Picker {
  const p = tieBreak === 'sourcePriority' && entries !== undefined ? compilePriority(entries) : undefined;
  /** Whether carrier i is preferred to carrier j (priority rank if configured, then recency, then id). */
  const preferred = (ctx: Ctx, i: number, j: number): boolean => {
    if (p !== undefined) {
      let ri = p.rank(ctx.members[i]!);
      let rj = p.rank(ctx.members[j]!);
      if (ri < 0) ri = Infinity;
      if (rj < 0) rj = Infinity;
      if (ri !== rj) return ri < rj;
    }
    return newer(ctx, i, j);
  };
  const finish = (ctx: Ctx, best: number, count: number, total: number): number => {
    if (best >= 0) {
      ctx.value = ctx.members[best]!.canonical[field];
      ctx.label = `mostFrequent(${count}/${total})`;
    }
    return best;
  };
  const pairwise: Picker = (ctx) => {
    const ms = ctx.members;
    const n = ctx.n;
    let best = -1;
    let bestCount = 0;
    let total = 0;
    outer: for (let i = 0; i < n; i++) {
      const v = ms[i]!.canonical[field];
      if (isEmptyValue(v)) continue;
      total++;
      for (let j = 0; j < i; j++) if (sameValue(v, ms[j]!.canonical[field])) continue outer; // counted with its first carrier
      let count = 1;
      let rep = i;
      for (let j = i + 1; j < n; j++) {
        if (!sameValue(v, ms[j]!.canonical[field])) continue;
        count++;
        if (preferred(ctx, j, rep)) rep = j;
      }
      if (best < 0 || count > bestCount || (count === bestCount && preferred(ctx, rep, best))) {
        best = rep;
        bestCount = count;
      }
    }
    return finish(ctx, best, bestCount, total);
  };
  const counted: Picker = (ctx) => {
    const ms = ctx.members;
    const groups = new Map<unknown, { count: number; rep: number }>();
    let total = 0;
    for (let i = 0; i < ctx.n; i++) {
      const v = ms[i]!.canonical[field];
      if (isEmptyValue(v)) continue;
      total++;
      const key = typeof v === 'object' ? `\u0000${stableJson(v)}` : v;
      const g = groups.get(key);
      if (g === undefined) groups.set(key, { count: 1, rep: i });
      else {
        g.count++;
        if (preferred(ctx, i, g.rep)) g.rep = i;
      }
    }
    let best = -1;
    let bestCount = 0;
    for (const g of groups.values())
      if (best < 0 || g.count > bestCount || (g.count === bestCount && preferred(ctx, g.rep, best))) {
        best = g.rep;
        bestCount = g.count;
      }
    return finish(ctx, best, bestCount, total);
  };
  return (ctx) => (ctx.n <= PAIRWISE_MAX ? pairwise(ctx) : counted(ctx));
}

function compileSingle(rule: SingleValueRule, defaultField: string): Picker {
  const field = rule.from ?? defaultField;
  switch (rule.rule) {
    case 'sourcePriority':
      return sourcePriority(field, rule.priority, rule.then === undefined ? undefined : compileSingle(rule.then, field));
    case 'mostRecent':
      return mostRecent(field);
    case 'mostFrequent':
      return mostFrequent(field, rule.tieBreak ?? 'mostRecent', rule.priority);
    case 'mostComplete':
      return mostComplete(field);
  }
}

interface UnionItem {
  value: unknown;
  key: string;
  member: MemberRecord;
}

/** Sort key of a union value: strings as themselves, anything else as stable JSON after all strings' prefix. */
const unionKey = (v: unknown): string => (typeof v === 'string' ? v : `\u0000${typeof v}:${stableJson(v)}`);

function compileUnion(fields: readonly string[], split: string | undefined): (ctx: Ctx) => { values: unknown[]; provenance: UnionProvenance[] } | undefined {
  const push = (items: UnionItem[], v: unknown, m: MemberRecord): void => {
    if (Array.isArray(v)) {
      for (const e of v) push(items, e, m);
      return;
    }
    if (split !== undefined && typeof v === 'string' && v.includes(split)) {
      for (const part of v.split(split)) push(items, part.trim(), m);
      return;
    }
    if (isEmptyValue(v)) return;
    items.push({ value: v, key: unionKey(v), member: m });
  };
  return (ctx) => {
    let items: UnionItem[] | undefined;
    for (let i = 0; i < ctx.n; i++) {
      const m = ctx.members[i]!;
      for (const f of fields) {
        const v = m.canonical[f];
        if (isEmptyValue(v)) continue;
        items ??= [];
        push(items, v, m);
      }
    }
    if (items === undefined || items.length === 0) return undefined;
    items.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.member.id - b.member.id));
    const values: unknown[] = [];
    const provenance: UnionProvenance[] = [];
    let prev: UnionItem | undefined;
    for (const it of items) {
      const newValue = prev === undefined || prev.key !== it.key;
      if (!newValue && prev!.member.id === it.member.id) continue; // same value twice in one record
      if (newValue) values.push(it.value);
      if (ctx.compact) {
        provenance.push({ sourceRecordId: it.member.id, rule: 'union', value: it.value } as UnionProvenance);
        noteRecord(ctx, it.member);
      } else provenance.push({ sourceRecordId: it.member.id, source: it.member.source, rule: 'union', at: atOf(it.member), value: it.value });
      prev = it;
    }
    return { values, provenance };
  };
}

type CompiledAttribute =
  | { name: string; kind: 'single'; pick: Picker }
  | { name: string; kind: 'union'; collect: ReturnType<typeof compileUnion> }
  | { name: string; kind: 'roles'; roles: Array<{ role: string; pick: Picker }> };

function compileAttribute(name: string, rule: AttributeRule): CompiledAttribute {
  switch (rule.rule) {
    case 'union':
      return { name, kind: 'union', collect: compileUnion(typeof rule.from === 'string' ? [rule.from] : rule.from, rule.split) };
    case 'roles':
      return {
        name,
        kind: 'roles',
        roles: Object.entries(rule.roles).map(([role, spec]) => ({ role, pick: compileSingle(spec.rule, spec.from) })),
      };
    default:
      return { name, kind: 'single', pick: compileSingle(rule, name) };
  }
}

/**
 * Validates the config (throws `SurvivorshipConfigError` listing every problem) and compiles it into a
 * function from a cluster's members to its golden values. The function keeps scratch state: call it
 * synchronously (it is not re-entrant), one cluster at a time.
 */
export function compileSurvivorship(config: SurvivorshipConfig, source?: string, options?: { compact?: false }): Survivor;
/**
 * `compact: true`: the provenance in the stored format (README "Compact provenance"): per attribute
 * `{ sourceRecordId, rule }` (unions add `value`), the records' `{ source, at }` once in `records`.
 */
export function compileSurvivorship(config: SurvivorshipConfig, source: string | undefined, options: { compact: true }): CompactSurvivor;
export function compileSurvivorship(config: SurvivorshipConfig, source = '(inline)', options: { compact?: boolean } = {}): Survivor | CompactSurvivor {
  const checked = validateSurvivorship(config);
  if (!checked.ok) throw new SurvivorshipConfigError(source, checked.problems);
  const attributes = Object.entries(config.attributes).map(([name, rule]) => compileAttribute(name, rule));
  const ctx: Ctx = {
    members: EMPTY,
    n: 0,
    times: new Float64Array(16),
    value: undefined,
    label: '',
    provIdx: [],
    provLabel: [],
    provObj: [],
    provN: 0,
    compact: options.compact === true,
    noted: [],
    notedN: 0,
  };
  return (members: readonly MemberRecord[]): GoldenValues & CompactGoldenValues => {
    const n = members.length;
    if (ctx.times.length < n) ctx.times = new Float64Array(Math.max(n, ctx.times.length * 2));
    for (let i = 0; i < n; i++) {
      const m = members[i]!;
      ctx.times[i] = m.atMs ?? memberTime(m);
    }
    ctx.members = members;
    ctx.n = n;
    const values: Record<string, unknown> = {};
    const provenance: Record<string, AttributeProvenanceEntry> = {};
    try {
      for (const a of attributes) {
        if (a.kind === 'single') {
          const i = a.pick(ctx);
          if (i < 0) continue;
          values[a.name] = ctx.value;
          provenance[a.name] = sharedProvenance(ctx, i) as Provenance;
        } else if (a.kind === 'union') {
          const u = a.collect(ctx);
          if (u === undefined) continue;
          values[a.name] = u.values;
          provenance[a.name] = u.provenance;
        } else {
          let roleValues: Record<string, unknown> | undefined;
          let roleProvenance: Record<string, Provenance | CompactProvenance> | undefined;
          for (const r of a.roles) {
            const i = r.pick(ctx);
            if (i < 0) continue;
            (roleValues ??= {})[r.role] = ctx.value;
            (roleProvenance ??= {})[r.role] = sharedProvenance(ctx, i);
          }
          if (roleValues === undefined) continue;
          values[a.name] = roleValues;
          provenance[a.name] = roleProvenance as Record<string, Provenance>;
        }
      }
      if (ctx.notedN > 0) (provenance as CompactProvenanceMap).records = notedRecords(ctx);
    } finally {
      for (let k = 0; k < ctx.notedN; k++) ctx.noted[k] = undefined!;
      ctx.notedN = 0;
      ctx.members = EMPTY; // do not keep the cluster alive
      ctx.value = undefined;
      for (let k = 0; k < ctx.provN; k++) ctx.provObj[k] = undefined!; // do not keep the output alive
      ctx.provN = 0;
    }
    return { values, provenance } as GoldenValues & CompactGoldenValues;
  };
}

const compiled = new WeakMap<SurvivorshipConfig, Survivor>();

/** One-off convenience: compiles the config on first use (cached per config object) and applies it. */
export function survive(members: readonly MemberRecord[], config: SurvivorshipConfig): GoldenValues {
  let fn = compiled.get(config);
  if (fn === undefined) {
    fn = compileSurvivorship(config);
    compiled.set(config, fn);
  }
  return fn(members);
}
