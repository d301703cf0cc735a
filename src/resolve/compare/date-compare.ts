/**
 * Comparators for ISO `YYYY-MM-DD` dates (birth dates mostly), the levels the
 * Fellegi–Sunter model uses for dates: day and month swapped (05-12 written as
 * 12-05), one mistyped digit, same year, same year and month, and distances in
 * days and in completed years.
 *
 * Dates are read from char codes (no `Date`, no regex, no allocation). A date is
 * valid when it is exactly `YYYY-MM-DD` with a real calendar day (Gregorian leap
 * years); functions that need a valid date return false / NaN otherwise.
 */
export { oneDigitOff } from './char-edits';

const CH_0 = 48;
const CH_DASH = 45;

/** The 0–9 value of the digit at `i`, or -1. */
function digitAt(s: string, i: number): number {
  const d = s.charCodeAt(i) - CH_0;
  return d >= 0 && d <= 9 ? d : -1;
}

/** YYYY as a number, or -1 when the first four characters are not digits. */
function yearOf(s: string): number {
  if (s.length < 4) return -1;
  const d0 = digitAt(s, 0);
  const d1 = digitAt(s, 1);
  const d2 = digitAt(s, 2);
  const d3 = digitAt(s, 3);
  if (d0 < 0 || d1 < 0 || d2 < 0 || d3 < 0) return -1;
  return d0 * 1000 + d1 * 100 + d2 * 10 + d3;
}

/** Two digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const d0 = digitAt(s, i);
  const d1 = digitAt(s, i + 1);
  return d0 < 0 || d1 < 0 ? -1 : d0 * 10 + d1;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYYMMDD as one number when `s` is a valid ISO date, else -1. */
function packed(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== CH_DASH || s.charCodeAt(7) !== CH_DASH) return -1;
  const year = yearOf(s);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
  return year * 10000 + month * 100 + day;
}

/** Days since 1970-01-01 of a packed YYYYMMDD (proleptic Gregorian, H. Hinnant's days_from_civil). */
function epochDay(p: number): number {
  const d = p % 100;
  const m = Math.floor(p / 100) % 100;
  const y = Math.floor(p / 10000) - (m <= 2 ? 1 : 0);
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `true` when `s` is a valid `YYYY-MM-DD` calendar date. */
export function isIsoDate(s: string): boolean {
  return packed(s) !== -1;
}

/**
 * Both valid, different, same year, and a's month/day are b's day/month:
 * '1990-05-12' vs '1990-12-05'.
 */
export function dayMonthSwapped(a: string, b: string): boolean {
  if (a === b) return false;
  const pa = packed(a);
  const pb = packed(b);
  if (pa === -1 || pb === -1) return false;
  if (Math.floor(pa / 10000) !== Math.floor(pb / 10000)) return false;
  const ma = Math.floor(pa / 100) % 100;
  const da = pa % 100;
  const mb = Math.floor(pb / 100) % 100;
  const db = pb % 100;
  return ma === db && da === mb;
}

/** Both start with the same four-digit year (partial dates such as '1990' or '1990-05' count). */
export function sameYear(a: string, b: string): boolean {
  const ya = yearOf(a);
  return ya !== -1 && ya === yearOf(b);
}

/** Both start with the same `YYYY-MM` (a month 01–12; partial dates '1990-05' count). */
export function sameYearMonth(a: string, b: string): boolean {
  if (a.length < 7 || b.length < 7 || a.charCodeAt(4) !== CH_DASH || b.charCodeAt(4) !== CH_DASH) return false;
  const ya = yearOf(a);
  if (ya === -1 || ya !== yearOf(b)) return false;
  const ma = twoDigits(a, 5);
  return ma >= 1 && ma <= 12 && ma === twoDigits(b, 5);
}

/** Absolute number of days between two valid dates; NaN when either is not a valid `YYYY-MM-DD`. */
export function daysApart(a: string, b: string): number {
  const pa = packed(a);
  const pb = packed(b);
  if (pa === -1 || pb === -1) return NaN;
  return Math.abs(epochDay(pa) - epochDay(pb));
}

/**
 * Completed years between two valid dates, in either order (like an age, 周岁:
 * '1990-06-15' → '1991-06-14' is 0, → '1991-06-15' is 1; a 29 February completes
 * its year on 1 March in common years, as `ageOn` in src/domain/date.ts). NaN when
 * either is not a valid `YYYY-MM-DD`.
 */
export function yearsApart(a: string, b: string): number {
  let early = packed(a);
  let late = packed(b);
  if (early === -1 || late === -1) return NaN;
  if (early > late) {
    const tmp = early;
    early = late;
    late = tmp;
  }
  const years = Math.floor(late / 10000) - Math.floor(early / 10000);
  return late % 10000 < early % 10000 ? years - 1 : years;
}
