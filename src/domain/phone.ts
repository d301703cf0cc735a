/**
 * Chinese telephone numbers (mainland, country code +86).
 *
 * - Mobile: 11 digits, `1[3-9]x xxxx xxxx` (numbering plan of the Ministry of Industry and
 *   Information Technology). E.164: `+86` + the 11 digits.
 * - Landline: trunk prefix 0 + area code + 7–8 digit subscriber number (first digit 2–9).
 *   Area codes are 010 and 020–029 (three digits with the 0), every other one four
 *   digits (0xxx). E.164 drops the trunk 0: `+86 755 8888 1234`.
 *
 * Accepted noise: `+86` / `0086` prefixes (and a bare `86` before an 11-digit mobile),
 * spaces, dashes, dots, parentheses, full-width characters, and an extension after
 * 转 / 分机 / ext / x / # or as a trailing dash group (`0755-88881234-801`).
 * Everything else (service numbers 400/800, short numbers, foreign numbers, numbers
 * without area code) is a PHONE_FORMAT error naming what is wrong.
 *
 * Hot path: a plain 11-digit mobile is recognised without any allocation but the result.
 */
import { type Validated, fail, issue, ok } from './validation-issue';

/** Rule codes reported by {@link parsePhone}. Part of the API contract: never rename. */
export const PHONE_RULES = {
  /** Not a recognisable mainland mobile or landline number. */
  FORMAT: 'PHONE_FORMAT',
} as const;
export type PhoneRule = (typeof PHONE_RULES)[keyof typeof PHONE_RULES];

export interface Phone {
  /** International form `+86…` (set for every number accepted today). */
  e164?: string;
  /** Digits as dialled inside China: 11-digit mobile or 0 + area code + subscriber. */
  national: string;
  kind: 'mobile' | 'landline';
  /** Landline area code including the trunk 0, e.g. `0755`. */
  areaCode?: string;
  /** Landline extension (分机), digits only. */
  extension?: string;
}

const CH_0 = 48;
const CH_9 = 57;
const MAX_EXTENSION_DIGITS = 6;

function isDigit(c: number): boolean {
  return c >= CH_0 && c <= CH_9;
}

function isMobile(d: string): boolean {
  if (d.length !== 11 || d.charCodeAt(0) !== CH_0 + 1) return false;
  const second = d.charCodeAt(1);
  if (second < CH_0 + 3 || second > CH_9) return false;
  for (let i = 2; i < 11; i++) if (!isDigit(d.charCodeAt(i))) return false;
  return true;
}

/** Map full-width and typographic variants to ASCII; returns the code unchanged otherwise. */
function foldChar(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (c === 0x3000 || c === 0xa0 || c === 0x09) return 0x20;
  if (c === 0x2010 || c === 0x2011 || c === 0x2012 || c === 0x2013 || c === 0x2014 || c === 0x2212) return 0x2d;
  return c;
}

type LandlineResult = { areaCode: string; subscriber: string } | string;

/** Splits a 0-prefixed digit string into area code and subscriber, or returns why not. */
function splitLandline(d: string): LandlineResult {
  if (d.charCodeAt(0) !== CH_0) return 'a landline number needs its area code (starting with 0)';
  const second = d.charCodeAt(1);
  if (second === CH_0 || Number.isNaN(second)) return `'${d}' has no valid area code`;
  const areaLength = second === CH_0 + 1 || second === CH_0 + 2 ? 3 : 4;
  if (second === CH_0 + 1 && d.charCodeAt(2) !== CH_0) return `area code ${d.slice(0, 3)} does not exist (01x is only 010)`;
  const subscriber = d.slice(areaLength);
  if (subscriber.length < 7 || subscriber.length > 8) {
    return `subscriber number after area code ${d.slice(0, areaLength)} must have 7 or 8 digits, got ${subscriber.length}`;
  }
  const first = subscriber.charCodeAt(0);
  if (first === CH_0 || first === CH_0 + 1) return `subscriber number ${subscriber} cannot start with ${subscriber[0]}`;
  return { areaCode: d.slice(0, areaLength), subscriber };
}

/** Validates and normalises a mainland mobile or landline number. */
export function parsePhone(raw: string, field = 'phone'): Validated<Phone> {
  // Fast path: the overwhelmingly common clean mobile.
  if (isMobile(raw)) return ok({ e164: `+86${raw}`, national: raw, kind: 'mobile' });

  const bad = (why: string): Validated<Phone> => fail(issue(field, PHONE_RULES.FORMAT, raw, `Not a valid phone number: ${why}`));

  let digits = '';
  let extension = '';
  let inExtension = false;
  let plus = false;
  let lastGroupStart = -1; // index in `digits` where the last separator-delimited group starts
  let afterSeparator = false;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const c = foldChar(raw.charCodeAt(i));
    if (isDigit(c)) {
      if (inExtension) extension += String.fromCharCode(c);
      else {
        if (afterSeparator && digits.length > 0) lastGroupStart = digits.length;
        afterSeparator = false;
        digits += String.fromCharCode(c);
      }
      continue;
    }
    if (c === 0x20 || c === 0x2d || c === 0x2e || c === 0x28 || c === 0x29) {
      // space - . ( )
      afterSeparator = true;
      continue;
    }
    if (c === 0x2b) {
      // +
      if (digits.length > 0 || plus || inExtension) return bad("'+' is only allowed at the start");
      plus = true;
      continue;
    }
    if (inExtension) return bad(`unexpected character '${raw[i]}' in the extension`);
    // Extension markers: 转, 分机, ext / ext., x, #, ',' or ';'.
    if (c === 0x8f6c /* 转 */ || c === 0x23 /* # */ || c === 0x78 || c === 0x58 /* x X */ || c === 0x2c || c === 0x3b) {
      inExtension = true;
      continue;
    }
    if (c === 0x5206 /* 分 */ && raw.charCodeAt(i + 1) === 0x673a /* 机 */) {
      inExtension = true;
      i++;
      continue;
    }
    if ((c === 0x65 || c === 0x45) && raw.slice(i, i + 3).toLowerCase() === 'ext') {
      inExtension = true;
      i += 2;
      if (raw.charCodeAt(i + 1) === 0x2e) i++;
      continue;
    }
    return bad(`unexpected character '${raw[i]}'`);
  }
  if (digits.length === 0) return bad(n === 0 || raw.trim() === '' ? 'empty' : 'no digits');
  if (inExtension && extension.length === 0) return bad('extension marker without digits');
  if (extension.length > MAX_EXTENSION_DIGITS) return bad(`extension ${extension} is longer than ${MAX_EXTENSION_DIGITS} digits`);

  // Country prefix.
  let stripped = 0;
  let international = false;
  if (plus) {
    if (!digits.startsWith('86')) return bad('only mainland China numbers (+86) are supported');
    stripped = 2;
    international = true;
  } else if (digits.startsWith('0086')) {
    stripped = 4;
    international = true;
  } else if (digits.length === 13 && digits.startsWith('86') && isMobile(digits.slice(2))) {
    stripped = 2;
    international = true;
  }
  let d = stripped > 0 ? digits.slice(stripped) : digits;
  let shift = -stripped;

  if (isMobile(d)) {
    if (extension.length > 0) return bad('a mobile number has no extension');
    return ok({ e164: `+86${d}`, national: d, kind: 'mobile' });
  }
  const first = d.charCodeAt(0);
  if (international && first !== CH_0 && !(first === CH_0 + 1 && d.charCodeAt(1) !== CH_0)) {
    d = `0${d}`; // +86 755 … / +86 10 … drop the trunk 0
    shift += 1;
  } else if (first === CH_0 + 1) {
    return bad(d.length === 11 ? `${d} is not a mobile number (mobiles start with 13–19)` : `a mobile number has 11 digits, got ${d.length}`);
  }

  let split = splitLandline(d);
  if (typeof split === 'string' && extension.length === 0 && lastGroupStart >= 0) {
    // 0755-88881234-801: the last dash/space group may be an extension.
    const cut = lastGroupStart + shift;
    const tail = d.slice(cut);
    if (cut > 0 && tail.length <= MAX_EXTENSION_DIGITS) {
      const head = splitLandline(d.slice(0, cut));
      if (typeof head !== 'string') {
        split = head;
        extension = tail;
        d = d.slice(0, cut);
      }
    }
  }
  if (typeof split === 'string') return bad(split);

  const phone: Phone = { e164: `+86${d.slice(1)}`, national: d, kind: 'landline', areaCode: split.areaCode };
  if (extension.length > 0) phone.extension = extension;
  return ok(phone);
}

/**
 * Masks a phone number for display: mobiles keep the first 3 and last 4 digits
 * (`138****5678`), landlines keep the area code and the last 4 digits (`0755****1234`).
 * Unparseable input keeps only its last 4 characters.
 */
export function maskPhone(phone: string): string {
  const parsed = parsePhone(phone);
  if (parsed.ok) {
    const { national, kind, areaCode } = parsed.value;
    if (kind === 'mobile') return `${national.slice(0, 3)}****${national.slice(7)}`;
    const area = areaCode ?? '';
    return area + '*'.repeat(national.length - area.length - 4) + national.slice(-4);
  }
  const trimmed = phone.trim();
  return trimmed.length <= 4 ? '*'.repeat(trimmed.length) : '*'.repeat(trimmed.length - 4) + trimmed.slice(-4);
}
