/**
 * The registry of comparison level kinds. A level compiles to a test over two records (by row
 * index into the feature table) that is only asked when the comparison's field is present on
 * both sides. Add a kind here and it is available to every model.
 *
 * | kind | params | holds when |
 * |---|---|---|
 * | `exact` | | equal values |
 * | `jaroWinkler` | `min` | Jaro–Winkler similarity ≥ min |
 * | `levenshtein` / `damerau` | `max` | edit distance (Damerau: adjacent transpositions cost 1) ≤ max |
 * | `prefix` | `length` | the first `length` characters are equal |
 * | `swapped` | `other` | a.field = b.other and a.other = b.field (given name and surname swapped) |
 * | `crossEqual` | `other` | a.field = b.other or a.other = b.field |
 * | `dateDayMonthSwap` | | dates equal with day and month swapped |
 * | `dateOneDigit` | | dates differ in exactly one digit |
 * | `dateYearMonth` / `dateYear` | | same year and month / same year |
 * | `dateWithinDays` | `days` | at most `days` apart |
 * | `lastDigits` | `n` | the last n characters are equal (phones) |
 * | `oneCharOff` | | same length, exactly one character differs (IDs, phones) |
 * | `transposition` | | equal up to one swap of adjacent characters |
 * | `pinyin` | | toneless pinyin keys equal (Chinese names) |
 * | `homophone` | | same length, every differing character has the same pinyin (伟/玮) |
 * | `oneCharApart` | | same surname, one given-name character differs (蒋经国/蒋纬国: weak evidence) |
 * | `givenSwapped` | | given-name characters swapped |
 * | `tokensUnordered` | | the same space-separated tokens in another order |
 * | `address` | `level`: room, building, roadNumber, community, town | parsed addresses agree at least down to that level |
 * | `numberWithin` | `max` | both numeric and at most `max` apart |
 */
import type { AddressComponents } from '../../domain/address';
import { addressAgreement, type AddressAgreement } from '../compare/address-compare';
import { dayMonthSwapped, daysApart, oneDigitOff as dateOneDigitOff, sameYear, sameYearMonth } from '../compare/date-compare';
import { adjacentTransposition, oneCharOff } from '../compare/identifier-compare';
import { homophone, oneCharApart, pinyinEqual, transposedGiven, tokensEqualUnordered } from '../compare/name-compare';
import { namePinyin } from '../../domain/text';
import { lastDigitsEqual } from '../compare/phone-compare';
import { damerauLevenshtein, jaroWinkler, levenshtein } from '../compare/string-distance';
import { columnCodes, type Column } from '../prepare/feature-table';

export type PairTest = (i: number, j: number) => boolean;

export interface LevelContext {
  col: Column;
  /**
   * The same metric of the last pair asked, shared by the levels of one comparison (two
   * Jaro–Winkler bands compute the similarity once per pair).
   */
  metric(key: string, f: (a: string, b: string) => number): (i: number, j: number) => number;
  /** The largest value of a numeric parameter over this comparison's levels of a kind (edit-distance bounds). */
  largest(kind: string, param: string): number;
  /** Another column of the table (cross-field kinds); throws when the model has no such field. */
  column(name: string): Column;
}

type Params = Record<string, unknown>;
interface LevelKind {
  params: Record<string, 'number' | 'string'>;
  compile(p: Params, ctx: LevelContext): PairTest;
  label(p: Params): string;
}

type Str = (a: string, b: string) => boolean;
const onStrings = (f: Str) => (_p: Params, { col }: LevelContext): PairTest => (i, j) => f(col[i] as string, col[j] as string);

/** A bounded edit distance ≤ max; the bands of one comparison share one computation per pair. */
function editDistance(kind: string, f: (a: string, b: string, max: number) => number, name: string): LevelKind {
  return {
    params: { max: 'number' },
    compile: (p, { metric, largest }) => {
      const max = p.max as number;
      const bound = largest(kind, 'max');
      const dist = metric(kind, (a, b) => f(a, b, bound));
      return (i, j) => dist(i, j) <= max;
    },
    label: (p) => `${name} ≤ ${String(p.max)}`,
  };
}

/**
 * namePinyin of every distinct value of a column (by the column's codes), computed once on first
 * use and shared by the `pinyin` and `homophone` levels of every comparison on that column
 * (random-pair u estimation asks about a million pairs: without it each test would recompute or
 * LRU-look-up two names; per value rather than per record, as a name recurs across sources).
 */
const pinyinColumns = new WeakMap<Column, Array<readonly string[] | undefined>>();

function pinyinOfRow(col: Column): (i: number) => readonly string[] {
  const { codes, distinct } = columnCodes(col);
  let values = pinyinColumns.get(col);
  if (values === undefined) {
    values = new Array<readonly string[] | undefined>(distinct);
    pinyinColumns.set(col, values);
  }
  const v = values;
  return (i) => {
    const k = codes[i]!;
    if (k < 0) return namePinyin(col[i] as string);
    let p = v[k];
    if (p === undefined) {
      p = namePinyin(col[i] as string);
      v[k] = p;
    }
    return p;
  };
}

/**
 * Every string value of a column replaced by a small integer (equal strings, equal codes; shared
 * with blocking, see `columnCodes`): `exact` then compares two integers of one typed array instead
 * of two strings scattered over the heap (random-pair u estimation is bound by those memory
 * reads). Null when the column holds non-string values (objects compare by identity, as before).
 */
function valueCodes(col: Column): Int32Array | null {
  const c = columnCodes(col);
  return c.allStrings ? c.codes : null;
}

const ADDRESS_RANK: Record<AddressAgreement, number> = { conflict: -1, none: 0, town: 1, community: 2, roadNumber: 3, building: 4, room: 5 };
export const ADDRESS_LEVELS = ['room', 'building', 'roadNumber', 'community', 'town'] as const;

export const LEVEL_KINDS: Record<string, LevelKind> = {
  exact: {
    params: {},
    compile: (_p, { col }) => {
      const codes = valueCodes(col);
      if (codes === null) return (i, j) => col[i] === col[j];
      return (i, j) => codes[i] === codes[j];
    },
    label: () => 'exact',
  },
  jaroWinkler: {
    params: { min: 'number' },
    compile: (p, { metric }) => {
      const min = p.min as number;
      const sim = metric('jaroWinkler', jaroWinkler);
      return (i, j) => sim(i, j) >= min;
    },
    label: (p) => `Jaro-Winkler ≥ ${String(p.min)}`,
  },
  levenshtein: editDistance('levenshtein', levenshtein, 'edit distance'),
  damerau: editDistance('damerau', damerauLevenshtein, 'Damerau distance'),
  prefix: {
    params: { length: 'number' },
    compile: (p, { col }) => {
      const n = p.length as number;
      return (i, j) => {
        const a = col[i] as string;
        const b = col[j] as string;
        return a.length >= n && b.length >= n && a.startsWith(b.slice(0, n));
      };
    },
    label: (p) => `first ${String(p.length)} equal`,
  },
  swapped: {
    params: { other: 'string' },
    compile: (p, { col, column }) => {
      const o = column(p.other as string);
      return (i, j) => col[i] === o[j] && o[i] === col[j] && o[i] !== null;
    },
    label: (p) => `swapped with ${String(p.other)}`,
  },
  crossEqual: {
    params: { other: 'string' },
    compile: (p, { col, column }) => {
      const o = column(p.other as string);
      return (i, j) => col[i] === o[j] || (o[i] !== null && o[i] === col[j]);
    },
    label: (p) => `equals ${String(p.other)} of the other`,
  },
  dateDayMonthSwap: { params: {}, compile: onStrings(dayMonthSwapped), label: () => 'day and month swapped' },
  dateOneDigit: { params: {}, compile: onStrings(dateOneDigitOff), label: () => 'one digit off' },
  dateYearMonth: { params: {}, compile: onStrings(sameYearMonth), label: () => 'same year and month' },
  dateYear: { params: {}, compile: onStrings(sameYear), label: () => 'same year' },
  dateWithinDays: {
    params: { days: 'number' },
    compile: (p, { col }) => {
      const d = p.days as number;
      return (i, j) => daysApart(col[i] as string, col[j] as string) <= d;
    },
    label: (p) => `within ${String(p.days)} days`,
  },
  lastDigits: {
    params: { n: 'number' },
    compile: (p, { col }) => {
      const n = p.n as number;
      return (i, j) => lastDigitsEqual(col[i] as string, col[j] as string, n);
    },
    label: (p) => `last ${String(p.n)} equal`,
  },
  oneCharOff: { params: {}, compile: onStrings(oneCharOff), label: () => 'one character off' },
  transposition: { params: {}, compile: onStrings(adjacentTransposition), label: () => 'adjacent characters swapped' },
  pinyin: {
    params: {},
    compile: (_p, { col }) => {
      const py = pinyinOfRow(col);
      return (i, j) => {
        const a = col[i] as string;
        const b = col[j] as string;
        return a === b ? a.length > 0 : pinyinEqual(a, b, py(i), py(j));
      };
    },
    label: () => 'same pinyin',
  },
  homophone: {
    params: {},
    compile: (_p, { col }) => {
      const py = pinyinOfRow(col);
      return (i, j) => {
        const a = col[i] as string;
        const b = col[j] as string;
        // Cheap rejections first (as homophone itself does) before any pinyin is looked up.
        return a.length === b.length && a !== b && a.length > 0 && homophone(a, b, py(i), py(j));
      };
    },
    label: () => 'homophone characters',
  },
  oneCharApart: { params: {}, compile: onStrings(oneCharApart), label: () => 'one given-name character apart' },
  givenSwapped: { params: {}, compile: onStrings(transposedGiven), label: () => 'given-name characters swapped' },
  tokensUnordered: { params: {}, compile: onStrings(tokensEqualUnordered), label: () => 'same tokens, other order' },
  address: {
    params: { level: 'string' },
    compile: (p, { metric }) => {
      const min = ADDRESS_RANK[p.level as AddressAgreement];
      // The address levels of one comparison share one agreement computation per pair.
      const rank = metric('address', (a, b) => ADDRESS_RANK[addressAgreement(a as unknown as AddressComponents, b as unknown as AddressComponents)]);
      return (i, j) => rank(i, j) >= min;
    },
    label: (p) => `same ${String(p.level)}`,
  },
  numberWithin: {
    params: { max: 'number' },
    compile: (p, { col }) => {
      const max = p.max as number;
      return (i, j) => {
        const d = Math.abs(Number(col[i]) - Number(col[j]));
        return d <= max;
      };
    },
    label: (p) => `within ${String(p.max)}`,
  },
};

/** Problems with a level spec (unknown kind, missing or mistyped parameter), as messages. */
export function checkLevel(spec: Params & { kind: string }, fields: readonly string[]): string[] {
  const kind = Object.hasOwn(LEVEL_KINDS, spec.kind) ? LEVEL_KINDS[spec.kind] : undefined;
  if (kind === undefined) return [`unknown level kind "${spec.kind}" (known: ${Object.keys(LEVEL_KINDS).join(', ')})`];
  const problems: string[] = [];
  for (const [name, type] of Object.entries(kind.params)) {
    if (typeof spec[name] !== type) problems.push(`level kind ${spec.kind} needs ${name} (${type})`);
  }
  if ((spec.kind === 'swapped' || spec.kind === 'crossEqual') && typeof spec.other === 'string' && !fields.includes(spec.other)) {
    problems.push(`other: no field "${spec.other}" in fields`);
  }
  if (spec.kind === 'address' && !(ADDRESS_LEVELS as readonly string[]).includes(spec.level as string)) {
    problems.push(`level: expected one of ${ADDRESS_LEVELS.join(', ')}`);
  }
  return problems;
}

export function compileLevel(spec: Params & { kind: string }, ctx: LevelContext): PairTest {
  return LEVEL_KINDS[spec.kind]!.compile(spec, ctx);
}

export function levelLabel(spec: Params & { kind: string; label?: string }): string {
  return spec.label ?? LEVEL_KINDS[spec.kind]?.label(spec) ?? spec.kind;
}
