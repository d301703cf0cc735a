/**
 * Calendar dates and timestamps as they arrive from department systems.
 *
 * Output: dates as ISO 8601 calendar dates `YYYY-MM-DD` (proleptic Gregorian calendar,
 * leap year = divisible by 4, except centuries not divisible by 400); timestamps as
 * ISO 8601 UTC instants `YYYY-MM-DDTHH:mm:ss.sssZ`.
 *
 * Accepted date forms: `1985-03-07`, `1985-3-7`, `1985/3/7`, `1985.3.7`, `19850307`,
 * `1985年3月7日` (also 号), Chinese numerals `一九八五年三月七日` / `二〇〇〇年十二月二十七日`
 * (digits 〇零一二三四五六七八九; 十 in month and day), full-width digits and punctuation,
 * and date-times (`1985-03-07T00:00:00Z`, `1985-03-07 12:00:00`) of which the date part
 * is taken as written.
 *
 * Excel serial day numbers (`31113`) are rejected: whether day 1 is 1900-01-01 or
 * 1904-01-01 depends on the workbook, and the 1900 system counts a non-existent
 * 1900-02-29, so the same number means different days.
 *
 * Timestamps without an offset are read in China Standard Time, UTC+08:00 (the zone of
 * Asia/Shanghai). A fixed offset is used on purpose: the daylight saving time China
 * observed in 1986–1991 is ignored, as department systems did.
 */
import { type Validated, fail, issue, ok } from './validation-issue';

/** Rule codes reported by {@link parseDate} and {@link parseDateTime}. Part of the API contract: never rename. */
export const DATE_RULES = {
  /** Not in any accepted form (includes Excel serial numbers and two-digit years). */
  FORMAT: 'DATE_FORMAT',
  /** In an accepted form, but not a real calendar date or time (1985-02-30, 25:00). */
  INVALID: 'DATE_INVALID',
} as const;
export type DateRule = (typeof DATE_RULES)[keyof typeof DATE_RULES];

/** Default offset for timestamps without one: China Standard Time, +08:00, in minutes. */
export const CHINA_STANDARD_OFFSET_MINUTES = 480;

export interface DateTimeOptions {
  /** Offset in minutes east of UTC applied when the input has none; +480 (UTC+08:00) by default. */
  defaultOffsetMinutes?: number;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hasTime: boolean;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC, undefined when the input named no offset. */
  offset: number | undefined;
}

type ParseResult = Parts | { rule: string; message: string };

const WESTERN_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?$/;
const CHINESE_DATE = /^([〇零一二三四五六七八九\d]{4})年([〇零一二三四五六七八九十\d]{1,3})月([〇零一二三四五六七八九十\d]{1,3})(?:[日号]|$)/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const CHINESE_TIME = /^(\d{1,2})[时点](?:(\d{1,2})分(?:(\d{1,2})秒)?)?$/;
/** Five-digit day numbers (1927-05-18 onwards) or any day number with a fraction of a day. */
const EXCEL_SERIAL = /^(?:\d{5}(?:\.\d+)?|\d{1,5}\.\d+)$/;
const WHITESPACE = /\s+/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const CHINESE_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  '0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
};
const DAYS_IN_MONTH: readonly number[] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysIn(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Full-width → half-width, ideographic space → space, trimmed, whitespace runs collapsed. */
function normalise(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000 || c === 0xa0) out += ' ';
    else out += raw[i];
  }
  return out.trim().replace(WHITESPACE, ' ');
}

/** Chinese or Arabic numeral as used in dates: digit by digit, or with 十 (十二 = 12, 二十七 = 27). NaN if malformed. */
function chineseNumber(text: string): number {
  const ten = text.indexOf('十');
  if (ten >= 0) {
    const before = text.slice(0, ten);
    const after = text.slice(ten + 1);
    if (before.length > 1 || after.length > 1) return Number.NaN;
    const tens = before === '' ? 1 : CHINESE_DIGITS[before];
    const units = after === '' ? 0 : CHINESE_DIGITS[after];
    if (tens === undefined || units === undefined || tens === 0) return Number.NaN;
    return tens * 10 + units;
  }
  let value = 0;
  for (const ch of text) {
    const digit = CHINESE_DIGITS[ch];
    if (digit === undefined) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

function parseOffset(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const hours = Number(zone.slice(1, 3));
  const minutes = zone.length > 3 ? Number(zone.slice(zone.length - 2)) : 0;
  if (hours > 14 || minutes > 59) return undefined;
  return sign * (hours * 60 + minutes);
}

function formatError(text: string): { rule: string; message: string } {
  if (EXCEL_SERIAL.test(text)) {
    return {
      rule: DATE_RULES.FORMAT,
      message: `'${text}' looks like an Excel serial day number, which is not accepted (the 1900/1904 date systems make it ambiguous); export the column as text dates`,
    };
  }
  return {
    rule: DATE_RULES.FORMAT,
    message: `'${text}' is not a recognised date (expected e.g. 1985-03-07, 1985/3/7, 19850307 or 1985年3月7日)`,
  };
}

function parseParts(raw: string): ParseResult {
  const text = normalise(raw);
  if (text === '') return { rule: DATE_RULES.FORMAT, message: 'Date is empty' };

  let year: number;
  let month: number;
  let day: number;
  let rest: string;
  let chinese = false;

  const compact = COMPACT.exec(text);
  const western = compact === null ? WESTERN_DATE.exec(text) : null;
  const cn = compact === null && western === null ? CHINESE_DATE.exec(text.replace(WHITESPACE, '')) : null;
  if (compact !== null) {
    year = Number(compact[1]);
    month = Number(compact[2]);
    day = Number(compact[3]);
    rest = compact[4] !== undefined ? `${compact[4]}:${compact[5]}${compact[6] !== undefined ? `:${compact[6]}` : ''}` : '';
  } else if (western !== null) {
    year = Number(western[1]);
    month = Number(western[3]);
    day = Number(western[4]);
    rest = text.slice(western[0].length);
    if (rest !== '') {
      if (rest[0] !== 'T' && rest[0] !== 't' && rest[0] !== ' ') return formatError(text);
      rest = rest.slice(1).trimStart();
      if (rest === '') return formatError(text);
    }
  } else if (cn !== null) {
    chinese = true;
    year = chineseNumber(cn[1]!);
    month = chineseNumber(cn[2]!);
    day = chineseNumber(cn[3]!);
    if (Number.isNaN(year) || Number.isNaN(month) || Number.isNaN(day)) return formatError(text);
    rest = text.replace(WHITESPACE, '').slice(cn[0].length);
  } else {
    return formatError(text);
  }

  const parts: Parts = {
    year,
    month,
    day,
    hasTime: false,
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
    offset: undefined,
  };
  if (rest !== '') {
    const time = TIME.exec(rest);
    const cnTime = time === null && chinese ? CHINESE_TIME.exec(rest) : null;
    if (time !== null) {
      parts.hour = Number(time[1]);
      parts.minute = Number(time[2]);
      parts.second = time[3] !== undefined ? Number(time[3]) : 0;
      parts.millisecond = time[4] !== undefined ? Number(time[4].slice(0, 3).padEnd(3, '0')) : 0;
      if (time[5] !== undefined) {
        const offset = parseOffset(time[5]);
        if (offset === undefined) return { rule: DATE_RULES.INVALID, message: `'${time[5]}' is not a valid UTC offset` };
        parts.offset = offset;
      }
    } else if (cnTime !== null) {
      parts.hour = Number(cnTime[1]);
      parts.minute = cnTime[2] !== undefined ? Number(cnTime[2]) : 0;
      parts.second = cnTime[3] !== undefined ? Number(cnTime[3]) : 0;
    } else {
      return formatError(text);
    }
    parts.hasTime = true;
  }

  const iso = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
  if (year < 1 || month < 1 || month > 12) {
    return { rule: DATE_RULES.INVALID, message: `${iso} is not a real date: month must be 1–12` };
  }
  if (day < 1 || day > daysIn(year, month)) {
    return {
      rule: DATE_RULES.INVALID,
      message: `${iso} is not a real date: ${year}-${pad(month, 2)} has ${daysIn(year, month)} days`,
    };
  }
  if (parts.hour > 23 || parts.minute > 59 || parts.second > 59) {
    return {
      rule: DATE_RULES.INVALID,
      message: `${pad(parts.hour, 2)}:${pad(parts.minute, 2)}:${pad(parts.second, 2)} is not a valid time of day`,
    };
  }
  return parts;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Parses a calendar date in any accepted form into `YYYY-MM-DD`. A time part is validated, then ignored. */
export function parseDate(raw: string, field = 'date'): Validated<string> {
  const parts = parseParts(raw);
  if ('rule' in parts) return fail(issue(field, parts.rule, raw, parts.message));
  return ok(`${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`);
}

const EPOCH_MILLIS = /^\d{13}$/;
const EPOCH_SECONDS = /^\d{10}$/;

/**
 * Parses a timestamp into a UTC ISO string. Accepts every date form of {@link parseDate}
 * with an optional time (`08:30`, `8:30:00`, `08:30:00.123`, `8时30分`, `8点`), an optional
 * offset (`Z`, `+08:00`, `+0800`, `+08`), a compact `YYYYMMDDHHmm[ss]`, and epoch
 * milliseconds (13 digits) or seconds (10 digits). Without an offset the default
 * (UTC+08:00) applies; a date alone means midnight.
 */
export function parseDateTime(raw: string, field = 'dateTime', options?: DateTimeOptions): Validated<string> {
  const text = normalise(raw);
  if (EPOCH_MILLIS.test(text)) return ok(new Date(Number(text)).toISOString());
  if (EPOCH_SECONDS.test(text)) return ok(new Date(Number(text) * 1000).toISOString());
  const parts = parseParts(raw);
  if ('rule' in parts) return fail(issue(field, parts.rule, raw, parts.message));
  const offset = parts.offset ?? options?.defaultOffsetMinutes ?? CHINA_STANDARD_OFFSET_MINUTES;
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  date.setUTCHours(parts.hour, parts.minute - offset, parts.second, parts.millisecond);
  return ok(date.toISOString());
}

function strictIso(date: string, name: string): [number, number, number] {
  const m = ISO_DATE.exec(date);
  if (m === null) throw new RangeError(`${name} must be YYYY-MM-DD, got '${date}'`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) {
    throw new RangeError(`${name} ${date} is not a real date`);
  }
  return [year, month, day];
}

/**
 * Age in completed years (周岁) on `onDate`; both `YYYY-MM-DD`. Someone born on 29 February
 * completes a year on 1 March in common years. Throws RangeError on malformed dates or
 * when `onDate` is before `birthDate`.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = strictIso(birthDate, 'birthDate');
  const [oy, om, od] = strictIso(onDate, 'onDate');
  if (oy * 10000 + om * 100 + od < by * 10000 + bm * 100 + bd) {
    throw new RangeError(`onDate ${onDate} is before birthDate ${birthDate}`);
  }
  return oy - by - (om * 100 + od < bm * 100 + bd ? 1 : 0);
}
