/**
 * 公民身份号码 — citizen identity number, GB 11643-1999.
 *
 * 18 characters: 6-digit area code (GB/T 2260, the code at issue time, never updated) +
 * 8-digit birth date YYYYMMDD + 3-digit sequence (odd = male, even = female) + check
 * character. Check (ISO 7064 MOD 11-2): S = Σ digit_i · W_i mod 11 with weights
 * 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2; check = "10X98765432"[S].
 * Legacy 15-digit numbers (6 area + YYMMDD + 3 sequence) convert by inserting "19"
 * after the area code and appending the check character.
 *
 * Normalisation: trim and drop inner whitespace (incl. the ideographic space), full-width
 * digits and Ｘ/ｘ to half-width, lower-case x to X.
 *
 * Area codes are checked against the division-code registry: an unknown province prefix
 * is an error; a full code that no loaded table version knows is only a warning, because
 * our tables may not hold every historical code. 810000/820000/830000 are the area codes
 * of residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证, 2018),
 * which use the same number format.
 *
 * Hot path: runs on millions of records, so it works on char codes and allocates only
 * the result.
 */
import { type DivisionCodeRegistry, PROVINCE_PREFIXES, defaultDivisionRegistry, describeVersions } from './division-code';
import { type ValidationIssue, type Validated, fail, issue, ok } from './validation-issue';

/** Rule codes reported by {@link parseCitizenId}. Part of the API contract: never rename. */
export const CITIZEN_ID_RULES = {
  /** Empty, or neither 15 nor 18 characters after normalisation. */
  LENGTH: 'CITIZEN_ID_LENGTH',
  /** A character other than a digit, or X anywhere but the 18th position. */
  CHARS: 'CITIZEN_ID_CHARS',
  /** Birth date is not a real calendar date, is in the future, or is before 1880. */
  BIRTH_DATE: 'CITIZEN_ID_BIRTH_DATE',
  /** The 18th character does not match the MOD 11-2 check. */
  CHECK_CHAR: 'CITIZEN_ID_CHECK_CHAR',
  /** The area code's 2-digit province prefix does not exist. */
  AREA_PROVINCE: 'CITIZEN_ID_AREA_PROVINCE',
  /** Warning: the 6-digit area code is in none of the loaded code-table versions. */
  AREA_UNKNOWN: 'CITIZEN_ID_AREA_UNKNOWN',
} as const;
export type CitizenIdRule = (typeof CITIZEN_ID_RULES)[keyof typeof CITIZEN_ID_RULES];

export interface CitizenId {
  /** Normalised 18-character number, upper-case X. */
  id18: string;
  /** 6-digit area code at issue time. */
  areaCode: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  /** 3-digit sequence code. */
  sequence: string;
  /** From the sequence's parity: odd = male. */
  gender: 'M' | 'F';
  /** The input was a legacy 15-digit number. */
  wasFifteen: boolean;
}

export interface CitizenIdOptions {
  /** Division code tables for the area check; the default registry otherwise. */
  registry?: DivisionCodeRegistry;
  /** "Today" (YYYY-MM-DD) for the future-birth-date check; today in China (UTC+8) otherwise. */
  today?: string;
}

/** Earliest accepted birth year. */
export const CITIZEN_ID_MIN_BIRTH_YEAR = 1880;

const WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CODES: readonly number[] = Array.from('10X98765432', (ch) => ch.charCodeAt(0));
/** 1 at index p when the 2-digit prefix p is a built-in province. */
const PROVINCE_TABLE: Uint8Array = (() => {
  const table = new Uint8Array(100);
  for (const prefix of PROVINCE_PREFIXES) table[Number(prefix)] = 1;
  return table;
})();
const RESIDENCE_PERMIT_AREAS: ReadonlyMap<string, string> = new Map([
  ['810000', 'Hong Kong residents'],
  ['820000', 'Macao residents'],
  ['830000', 'Taiwan residents'],
]);

const CH_0 = 48;
const CH_9 = 57;
const CH_X = 88;
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

let cachedDay = -1;
let cachedTodayYmd = 0;

/** Today's date in China as the number YYYYMMDD, recomputed once a day. */
function todayYmdInChina(): number {
  const day = Math.floor((Date.now() + CHINA_OFFSET_MS) / DAY_MS);
  if (day !== cachedDay) {
    const d = new Date(day * DAY_MS);
    cachedTodayYmd = d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
    cachedDay = day;
  }
  return cachedTodayYmd;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function ymdFromIso(date: string): number {
  if (!ISO_DATE.test(date)) throw new RangeError(`today must be YYYY-MM-DD, got '${date}'`);
  return Number(date.slice(0, 4)) * 10000 + Number(date.slice(5, 7)) * 100 + Number(date.slice(8, 10));
}

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Trim, drop whitespace, full-width → half-width, x → X. Unknown characters are kept for the character check. */
function normalise(raw: string): string {
  const n = raw.length;
  if (n === 18) {
    let clean = true;
    for (let i = 0; i < 17; i++) {
      if (!isDigit(raw.charCodeAt(i))) {
        clean = false;
        break;
      }
    }
    const last = raw.charCodeAt(17);
    if (clean && (isDigit(last) || last === CH_X)) return raw;
  }
  let out = '';
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (isDigit(c) || c === CH_X) out += raw[i];
    else if (c === 0x78 || c === 0xff38 || c === 0xff58) out += 'X';
    else if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || c === 0xfeff) continue;
    else out += raw[i];
  }
  return out;
}

/** Char code of the check character for the first 17 characters, which must be digits. */
function checkCodeOf(id: string): number {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - CH_0) * WEIGHTS[i]!;
  return CHECK_CODES[sum % 11]!;
}

function checkCharOf(id: string): string {
  return String.fromCharCode(checkCodeOf(id));
}

/** The GB 11643 check character for the first 17 digits. Throws RangeError unless given exactly 17 digits. */
export function citizenIdCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`Expected 17 digits, got ${first17.length} characters`);
  for (let i = 0; i < 17; i++) {
    if (!isDigit(first17.charCodeAt(i))) throw new RangeError(`Expected 17 digits, got '${first17}'`);
  }
  return checkCharOf(first17);
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + (s.charCodeAt(i) - CH_0);
  return v;
}

function charsIssue(field: string, raw: string, id: string, at: number): ValidationIssue {
  const ch = id[at]!;
  const message =
    ch === 'X'
      ? `X is only allowed as the 18th (check) character, found at position ${at + 1}`
      : `Character '${ch}' at position ${at + 1} is not allowed: a citizen ID has digits only, with X only as the 18th character`;
  return issue(field, CITIZEN_ID_RULES.CHARS, raw, message);
}

function validate(
  raw: string,
  field: string,
  options: CitizenIdOptions | undefined,
  withWarnings: boolean,
): Validated<CitizenId> {
  const id = normalise(raw);
  const n = id.length;
  for (let i = 0; i < n; i++) {
    const c = id.charCodeAt(i);
    if (!isDigit(c) && c !== CH_X) return fail(charsIssue(field, raw, id, i));
  }
  if (n !== 18 && n !== 15) {
    const message =
      n === 0 ? 'Citizen ID is empty' : `Citizen ID must have 18 characters (or 15 for a legacy number), got ${n}`;
    return fail(issue(field, CITIZEN_ID_RULES.LENGTH, raw, message));
  }
  const digitCount = n === 18 ? 17 : 15;
  for (let i = 0; i < digitCount; i++) {
    if (id.charCodeAt(i) === CH_X) return fail(charsIssue(field, raw, id, i));
  }

  const wasFifteen = n === 15;
  let id18: string;
  if (wasFifteen) {
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id18 = first17 + checkCharOf(first17);
  } else {
    id18 = id;
  }

  let issues: ValidationIssue[] | undefined;

  // Birth date.
  const year = digits(id18, 6, 10);
  const month = digits(id18, 10, 12);
  const day = digits(id18, 12, 14);
  const birthDate = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  if (month < 1 || month > 12 || day < 1 || day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) {
    (issues ??= []).push(issue(field, CITIZEN_ID_RULES.BIRTH_DATE, raw, `Birth date ${birthDate} is not a real calendar date`));
  } else if (year < CITIZEN_ID_MIN_BIRTH_YEAR) {
    (issues ??= []).push(
      issue(field, CITIZEN_ID_RULES.BIRTH_DATE, raw, `Birth date ${birthDate} is before ${CITIZEN_ID_MIN_BIRTH_YEAR}`),
    );
  } else {
    const ymd = year * 10000 + month * 100 + day;
    // Without an explicit "today", a date not after the last computed today is never in the
    // future (the clock only moves forward), so the clock is read only for recent dates.
    const future =
      options?.today !== undefined
        ? ymd > ymdFromIso(options.today)
        : ymd > cachedTodayYmd && ymd > todayYmdInChina();
    if (future) {
      (issues ??= []).push(issue(field, CITIZEN_ID_RULES.BIRTH_DATE, raw, `Birth date ${birthDate} is in the future`));
    }
  }

  // Check character (a converted 15-digit number has a computed one).
  if (!wasFifteen) {
    const expected = checkCodeOf(id18);
    const given = id18.charCodeAt(17);
    if (expected !== given) {
      (issues ??= []).push(
        issue(
          field,
          CITIZEN_ID_RULES.CHECK_CHAR,
          raw,
          `Check character should be '${String.fromCharCode(expected)}' but is '${id18[17]}' (GB 11643-1999 MOD 11-2)`,
        ),
      );
    }
  }

  // Area code: built-in province table first, the registry only for anything else.
  const areaCode = id18.slice(0, 6);
  const registry = options?.registry ?? defaultDivisionRegistry();
  const prefix = (id18.charCodeAt(0) - CH_0) * 10 + (id18.charCodeAt(1) - CH_0);
  const residencePermit = prefix >= 81 && prefix <= 83 && RESIDENCE_PERMIT_AREAS.has(areaCode);
  if (PROVINCE_TABLE[prefix] !== 1 && !residencePermit && !registry.hasProvince(areaCode.slice(0, 2))) {
    const hint =
      id18.charCodeAt(0) === CH_0 + 9
        ? " (numbers starting with 9 are foreigners' permanent residence IDs, not citizen IDs)"
        : '';
    (issues ??= []).push(
      issue(
        field,
        CITIZEN_ID_RULES.AREA_PROVINCE,
        raw,
        `Area code ${areaCode} starts with '${areaCode.slice(0, 2)}', which is not a province code${hint}`,
      ),
    );
  }

  if (issues !== undefined) return fail(...issues);

  const warnings: ValidationIssue[] = [];
  if (withWarnings && !residencePermit && registry.lookup(areaCode) === undefined) {
    warnings.push(
      issue(
        field,
        CITIZEN_ID_RULES.AREA_UNKNOWN,
        raw,
        `Area code ${areaCode} is not in any loaded division code table (${describeVersions(registry)}); it may be a historical code`,
        'warning',
      ),
    );
  }
  return ok(
    {
      id18,
      areaCode,
      birthDate,
      sequence: id18.slice(14, 17),
      gender: (id18.charCodeAt(16) - CH_0) % 2 === 1 ? 'M' : 'F',
      wasFifteen,
    },
    warnings,
  );
}

/** Validates and normalises a citizen ID (18 or legacy 15 characters). */
export function parseCitizenId(raw: string, field = 'citizenId', options?: CitizenIdOptions): Validated<CitizenId> {
  return validate(raw, field, options, true);
}

/** True when {@link parseCitizenId} would accept the number (warnings ignored). */
export function isValidCitizenId(raw: string, options?: CitizenIdOptions): boolean {
  return validate(raw, 'citizenId', options, false).ok;
}

/** Masks all but the first 6 and last 4 characters: `440606********123X`. Short input is masked entirely. */
export function maskCitizenId(id18: string): string {
  const n = id18.length;
  if (n <= 10) return '*'.repeat(n);
  return id18.slice(0, 6) + '*'.repeat(n - 10) + id18.slice(n - 4);
}

/**
 * Builds a valid 18-character number from parts, for generators and tests.
 * `area` 6 digits, `birth` YYYYMMDD, `sequence` 3 digits (or a number 0–999; odd = male).
 * Throws RangeError on malformed parts; does not check the calendar or the area code.
 */
export function makeCitizenId(area: string, birth: string, sequence: string | number): string {
  const seq = typeof sequence === 'number' ? String(sequence).padStart(3, '0') : sequence;
  const first17 = area + birth + seq;
  if (area.length !== 6 || birth.length !== 8 || seq.length !== 3) {
    throw new RangeError(`makeCitizenId needs a 6-digit area, an 8-digit birth date and a 3-digit sequence`);
  }
  return first17 + citizenIdCheckChar(first17);
}
