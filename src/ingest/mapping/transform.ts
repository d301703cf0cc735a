/**
 * Field transforms, compiled once per field: each step takes the previous value and returns a new
 * value or a structured issue. Empty input (null, undefined, '') short-circuits to null — whether
 * that is acceptable is the `required` check's business, not the transform's.
 */
import { parseAddress } from '../../domain/address';
import { parseCitizenId } from '../../domain/citizen-id';
import { parseDate, parseDateTime } from '../../domain/date';
import { parsePhone } from '../../domain/phone';
import { normalizePersonName, normalizeText } from '../../domain/text';
import { parseUscc } from '../../domain/uscc';
import { issue, type ValidationIssue, type Validated } from '../../domain/validation-issue';
import type { CodeTables, TransformSpec } from '../manifest/manifest-types';
import { CHINA_OFFSET_MINUTES, parseCursorTime } from './cursor-time';

/** yyyyMMddHHmmss or yyyy-MM-dd[ T]HH:mm:ss[.sss][zone]. */
const COMMON_DATE_TIME = /^(?:\d{14}|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)$/;

/** Rule codes raised by the mapping engine itself (domain rules keep their own codes). */
export const MAPPING_RULES = {
  REQUIRED: 'MAPPING_REQUIRED',
  TYPE: 'MAPPING_TYPE',
  CODE_UNKNOWN: 'MAPPING_CODE_UNKNOWN',
  NUMBER: 'MAPPING_NUMBER',
  BOOLEAN: 'MAPPING_BOOLEAN',
  PATTERN: 'MAPPING_PATTERN',
  LENGTH: 'MAPPING_LENGTH',
  RANGE: 'MAPPING_RANGE',
  ONE_OF: 'MAPPING_ONE_OF',
  KEY_MISSING: 'MAPPING_KEY_MISSING',
  CURSOR: 'MAPPING_CURSOR',
} as const;

export interface StepResult {
  value: unknown;
  /** Errors (record is quarantined) and warnings (kept with the record). */
  issues?: ValidationIssue[];
  /** Side outputs written next to the field, e.g. `<field>Components` of an address. */
  extra?: Record<string, unknown>;
  /** Stop the chain (an error happened). */
  stop?: boolean;
}

export type Step = (value: unknown) => StepResult;

/** Distinct address texts remembered per address field before the cache starts over. */
const ADDRESS_CACHE_SIZE = 20_000;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '';
}

function typeIssue(field: string, v: unknown, expected: string): StepResult {
  return { value: v, stop: true, issues: [issue(field, MAPPING_RULES.TYPE, typeof v === 'object' ? JSON.stringify(v) : v, `${field}: expected ${expected}, got ${typeof v}`)] };
}

/** Wraps a string-only step: empty → null, non-string → type issue. */
function onString(field: string, f: (s: string) => StepResult): Step {
  return (v) => {
    if (isEmpty(v)) return { value: null };
    if (typeof v !== 'string') return typeIssue(field, v, 'a string');
    return f(v);
  };
}

function fromValidated<T>(r: Validated<T>, pick: (t: T) => unknown, extra?: (t: T) => Record<string, unknown>): StepResult {
  if (!r.ok) return { value: null, issues: r.issues, stop: true };
  return { value: pick(r.value), issues: r.warnings.length > 0 ? r.warnings : undefined, extra: extra?.(r.value) };
}

export function compileStep(spec: TransformSpec, field: string, tables: CodeTables): Step {
  switch (spec.kind) {
    case 'trim':
      return (v) => ({ value: typeof v === 'string' ? (v.trim() === '' ? null : v.trim()) : v });
    case 'normalizeText':
      return onString(field, (s) => ({ value: normalizeText(s) }));
    case 'personName':
      return onString(field, (s) => ({ value: normalizePersonName(s) }));
    case 'emptyToNull':
      return (v) => ({ value: isEmpty(v) ? null : v });
    case 'codeTable': {
      const table = new Map(Object.entries(typeof spec.table === 'string' ? (tables[spec.table] ?? {}) : spec.table));
      const name = typeof spec.table === 'string' ? spec.table : 'inline';
      const onMissing = spec.onMissing ?? 'issue';
      return (v) => {
        if (isEmpty(v)) return { value: null };
        if (typeof v !== 'string') return typeIssue(field, v, 'a code (string)');
        const hit = table.get(v);
        if (hit !== undefined) return { value: hit };
        if (onMissing === 'keep') return { value: v };
        if (onMissing === 'null') return { value: null };
        return { value: null, stop: true, issues: [issue(field, MAPPING_RULES.CODE_UNKNOWN, v, `${field}: code '${v}' is not in code table ${name}`)] };
      };
    }
    case 'date':
      return onString(field, (s) => fromValidated(parseDate(s, field), (d) => d));
    case 'dateTime': {
      const opts = spec.offsetMinutes === undefined ? undefined : { defaultOffsetMinutes: spec.offsetMinutes };
      const offset = spec.offsetMinutes ?? CHINA_OFFSET_MINUTES;
      return onString(field, (s) => {
        // Fast path for the common machine formats; anything else (and every error) via the domain parser.
        const ms = COMMON_DATE_TIME.test(s) ? parseCursorTime(s, s.length === 14 ? 'compact' : 'dash', offset) : Number.NaN;
        if (!Number.isNaN(ms)) return { value: new Date(ms).toISOString() };
        return fromValidated(parseDateTime(s, field, opts), (d) => d);
      });
    }
    case 'citizenId':
      return onString(field, (s) => fromValidated(parseCitizenId(s, field), (c) => c.id18));
    case 'uscc':
      return onString(field, (s) => fromValidated(parseUscc(s, field), (u) => u.code));
    case 'phone':
      return onString(field, (s) => fromValidated(parsePhone(s, field), (p) => p.national));
    case 'address': {
      // Members of a household, tenants of a building … share address texts: a bounded cache of
      // parse results (frozen, so records sharing one cannot alter each other's) saves most parses.
      const cache = new Map<string, StepResult>();
      return onString(field, (s) => {
        const hit = cache.get(s);
        if (hit !== undefined) return hit;
        const a = parseAddress(s);
        const errors = a.issues.filter((i) => i.severity === 'error');
        const issues = a.issues.map((i) => Object.freeze({ ...i, field }));
        const r: StepResult = errors.length > 0
          ? { value: null, issues, stop: true }
          : { value: a.canonical, issues: issues.length > 0 ? issues : undefined, extra: { [`${field}Components`]: Object.freeze({ ...a.components }) } };
        if (cache.size >= ADDRESS_CACHE_SIZE) cache.clear();
        cache.set(s, r);
        return r;
      });
    }
    case 'split':
      return onString(field, (s) => ({ value: s.split(spec.separator).map((x) => x.trim()).filter((x) => x !== '') }));
    case 'number':
      return (v) => {
        if (isEmpty(v)) return { value: null };
        const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : Number.NaN;
        if (!Number.isFinite(n)) return { value: null, stop: true, issues: [issue(field, MAPPING_RULES.NUMBER, v, `${field}: '${String(v)}' is not a number`)] };
        return { value: n };
      };
    case 'boolean': {
      const yes = new Set((spec.trueValues ?? ['1', 'true', '是', 'Y']).map(String));
      const no = new Set((spec.falseValues ?? ['0', 'false', '否', 'N']).map(String));
      return (v) => {
        if (isEmpty(v)) return { value: null };
        if (typeof v === 'boolean') return { value: v };
        const s = String(v);
        if (yes.has(s)) return { value: true };
        if (no.has(s)) return { value: false };
        return { value: null, stop: true, issues: [issue(field, MAPPING_RULES.BOOLEAN, v, `${field}: '${s}' is not a known true/false value`)] };
      };
    }
  }
}
