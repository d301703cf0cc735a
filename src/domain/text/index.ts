/** Text normalisation for matching: half-width, simplified, numerals, person names, pinyin. */
export { toSimplified, toHalfWidth, collapseSpaces, removeZeroWidth, normalizeText, normalizePersonName } from './normalize-text';
export { chineseToNumber, chineseNumeralToDigits, replaceChineseNumerals } from './chinese-numerals';
export type { NumeralContext, ReplaceNumeralsOptions } from './chinese-numerals';
export { namePinyin, pinyinKey } from './pinyin';
export type { NamePinyinOptions } from './pinyin';
