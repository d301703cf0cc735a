/**
 * Chinese numerals → numbers, and the address-safe rewrite of numerals to
 * Arabic digits (DOMAIN.md: "Chinese numerals in addresses → digits").
 *
 * `chineseToNumber` reads both notations:
 * - with units: 三百零五 = 305, 十二 = 12, 两千 = 2000, 一万零三百 = 10300,
 *   colloquial 三百五 = 350, 一万五 = 15000; financial forms 壹贰叁…拾佰仟;
 * - digit by digit (no unit character): 一〇一 = 101, 二〇二四 = 2024, 五零一 = 501.
 *
 * `replaceChineseNumerals(text, { context: 'address' })` is deliberately
 * conservative, because numeral characters are everywhere in place names
 * (三元里, 五一路, 七里河区, 九龙坡区, 十堰市, 六盘水市, 三门峡市, 八一大道,
 * 万科城, 二七区, 三坊七巷, 西江千户苗寨, 一中). A run of numeral characters is
 * rewritten only when
 * 1. it is immediately followed by an address unit word: 号 栋 幢 座 楼 单元 室
 *    房 户 层 组 小组 村民小组 队 期 段 街坊, or
 *    - 区 only when preceded by 第 (第三区 → 3区; 二七区 stays),
 *    - 巷/弄 only when preceded by 第, by the start of the text, or by 路 街 道
 *      里 巷 弄 村 (中山路三巷 → 中山路3巷, but 三坊七巷 stays);
 * 2. or it follows 之/附 after a door number (12号之三 → 12号之3);
 * 3. or it follows a unit word (栋 幢 座 单元 层 楼 室 号 #) and ends the text or
 *    is followed by a non-Chinese character (3栋五零一 → 3栋501).
 * Additionally a run must start with a digit or 十/拾 (百/千/万 alone are not
 * numbers in place names: 千户苗寨). 第 + numeral + unit drops the 第
 * (第三单元 → 3单元); 第 + numeral + anything else is left alone (市第一中学).
 * Road ordinals are never rewritten: 中山一路, 中山二路, 五一路 keep their
 * characters because the ordinal is part of the road's proper name.
 * Known limit: a name ending in a numeral directly before a unit (华一二栋) is
 * read as one number; such names must be written with Arabic digits.
 */

const DIGIT: Readonly<Record<string, number>> = {
  〇: 0, 零: 0,
  一: 1, 壹: 1, 幺: 1,
  二: 2, 两: 2, 贰: 2, 貳: 2, 兩: 2,
  三: 3, 叁: 3, 參: 3,
  四: 4, 肆: 4,
  五: 5, 伍: 5,
  六: 6, 陆: 6, 陸: 6,
  七: 7, 柒: 7,
  八: 8, 捌: 8,
  九: 9, 玖: 9,
};

const UNIT: Readonly<Record<string, number>> = {
  十: 10, 拾: 10,
  百: 100, 佰: 100,
  千: 1000, 仟: 1000,
  万: 10000, 萬: 10000,
  亿: 100000000, 億: 100000000,
};

/**
 * Reads a Chinese numeral (whole string, surrounding white space ignored).
 * Returns `undefined` when the text is not a well-formed numeral (e.g. 百百, 千户, 三五百).
 */
export function chineseToNumber(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  let hasUnit = false;
  for (const ch of s) {
    if (UNIT[ch] !== undefined) hasUnit = true;
    else if (DIGIT[ch] === undefined) return undefined;
  }
  if (!hasUnit) {
    let n = 0;
    for (const ch of s) n = n * 10 + (DIGIT[ch] as number);
    return n;
  }
  let total = 0;
  let section = 0;
  let pending = -1;
  let lastSmallUnit = 0;
  let lastUnit = 0;
  let sawZero = false;
  let wanUsed = false;
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (d === 0) {
        if (pending >= 0) return undefined;
        sawZero = true;
        continue;
      }
      if (pending >= 0) return undefined;
      pending = d;
      continue;
    }
    const u = UNIT[ch] as number;
    if (u < 10000) {
      if (lastSmallUnit !== 0 && u >= lastSmallUnit) return undefined;
      if (pending < 0) {
        if (u !== 10) return undefined;
        pending = 1;
      }
      section += pending * u;
      lastSmallUnit = u;
    } else {
      if (pending >= 0) section += pending;
      if (section === 0 && total === 0) return undefined;
      if (u === 10000) {
        if (wanUsed) return undefined;
        total += section * 10000;
        wanUsed = true;
      } else {
        total = (total + section) * u;
        wanUsed = false;
      }
      section = 0;
      lastSmallUnit = 0;
    }
    pending = -1;
    lastUnit = u;
    sawZero = false;
  }
  if (pending >= 0) section += !sawZero && lastUnit >= 100 ? (pending * lastUnit) / 10 : pending;
  return total + section;
}

/**
 * The Arabic digit string for a numeral run. Digit-by-digit runs keep their
 * leading zeros (〇一 → "01", as in 5楼〇一); runs with units go through
 * `chineseToNumber`.
 */
export function chineseNumeralToDigits(run: string): string | undefined {
  let hasUnit = false;
  let digits = '';
  for (const ch of run) {
    const d = DIGIT[ch];
    if (d !== undefined) digits += String(d);
    else if (UNIT[ch] !== undefined) hasUnit = true;
    else return undefined;
  }
  if (!hasUnit) return digits === '' ? undefined : digits;
  const n = chineseToNumber(run);
  return n === undefined ? undefined : String(n);
}

/** Where the text comes from: `address` = conservative rules above; `all` = every well-formed run (dates, counts). */
export type NumeralContext = 'address' | 'all';

export interface ReplaceNumeralsOptions {
  context: NumeralContext;
}

const NUMERAL_CHARS = '〇零一壹幺二两贰貳兩三叁參四肆五伍六陆陸七柒八捌九玖十拾百佰千仟万萬亿億';
const RUN = new RegExp(`(第?)([${NUMERAL_CHARS}]+)`, 'g');
const RUN_ALL = new RegExp(`[${NUMERAL_CHARS}]+`, 'g');
/** Address unit words, longest first. */
const UNIT_AFTER = /(村民小组|小组|单元|街坊|号|栋|幢|座|楼|室|房|户|层|组|队|期|段|区|巷|弄)/y;
const LANE_PREV = /[路街道里巷弄村\d]/;
const UNIT_PREV = /[栋幢座元层楼室号#]/;
const HAN_CHAR = /[\u3400-\u4DBF\u4E00-\u9FFF]/;
const STARTS_LIKE_NUMBER = /^[〇零一壹幺二两贰貳兩三叁參四肆五伍六陆陸七柒八捌九玖十拾]/;

const ANY_NUMERAL = new RegExp(`[${NUMERAL_CHARS}]`);

function replaceInAddress(text: string): string {
  if (!ANY_NUMERAL.test(text)) return text;
  return text.replace(RUN, (match: string, di: string, run: string, offset: number): string => {
    if (!STARTS_LIKE_NUMBER.test(run)) return match;
    const end = offset + match.length;
    const prev = offset > 0 ? text[offset - 1] : '';
    UNIT_AFTER.lastIndex = end;
    const unit = UNIT_AFTER.exec(text)?.[1];
    let convert = false;
    if (unit !== undefined) {
      if (unit === '区') convert = di !== '';
      else if (unit === '巷' || unit === '弄') convert = di !== '' || prev === '' || LANE_PREV.test(prev);
      else convert = true;
    }
    if (!convert && di === '') {
      const next = end < text.length ? text[end] : '';
      if (prev === '之' || prev === '附') {
        const before = offset > 1 ? text[offset - 2] : '';
        convert = before === '号' || /\d/.test(before);
      } else if (prev !== '' && UNIT_PREV.test(prev) && (prev !== '元' || text[offset - 2] === '单')) {
        convert = next === '' || !HAN_CHAR.test(next);
      }
    }
    if (!convert) return match;
    const digits = chineseNumeralToDigits(run);
    if (digits === undefined) return match;
    // 第 is dropped only when a unit word follows (第三单元 → 3单元).
    return unit !== undefined ? digits : di + digits;
  });
}

/**
 * Rewrites Chinese numerals as Arabic digits. In `address` context only the
 * numerals that are address numbers are touched (see file comment); in `all`
 * context every well-formed run is converted (二〇二四年 → 2024年).
 */
export function replaceChineseNumerals(text: string, options: ReplaceNumeralsOptions = { context: 'address' }): string {
  if (options.context === 'all') {
    return text.replace(RUN_ALL, (run: string) => chineseNumeralToDigits(run) ?? run);
  }
  return replaceInAddress(text);
}
