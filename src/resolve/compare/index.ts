/** Comparators of the Fellegi–Sunter entity resolution: pure, allocation-free where possible, hot-path safe. */
export { jaroWinkler, levenshtein, damerauLevenshtein } from './string-distance';
export { oneCharOff, oneDigitOff, adjacentTransposition, adjacentDigitTransposition } from './char-edits';
export { isIsoDate, dayMonthSwapped, sameYear, sameYearMonth, daysApart, yearsApart } from './date-compare';
export { lastDigitsEqual, transposedDigits } from './phone-compare';
export {
  pinyinEqual,
  homophone,
  oneCharApart,
  surnameEqual,
  surnameLength,
  surname,
  givenName,
  transposedGiven,
  tokensEqualUnordered,
} from './name-compare';
export { addressAgreement } from './address-compare';
export type { AddressAgreement } from './address-compare';
export { identifiersConflict } from './identifier-compare';
