/** Table-driven tests of the ISO date comparators. */
import {
  dayMonthSwapped,
  daysApart,
  isIsoDate,
  oneDigitOff,
  sameYear,
  sameYearMonth,
  yearsApart,
} from '../../../../src/resolve/compare/date-compare';

describe('isIsoDate', () => {
  test.each([
    ['1990-05-12', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1990-04-31', false],
    ['1990-13-01', false],
    ['1990-00-10', false],
    ['1990-01-00', false],
    ['1990-1-12', false],
    ['1990/05/12', false],
    ['19900512', false],
    ['', false],
  ])('%p → %p', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe('dayMonthSwapped', () => {
  test.each([
    ['1990-05-12', '1990-12-05', true],
    ['1990-12-05', '1990-05-12', true],
    ['1990-05-05', '1990-05-05', false], // equal
    ['1990-05-12', '1991-12-05', false], // different year
    ['1990-05-12', '1990-12-06', false],
    ['1990-05-31', '1990-31-05', false], // b invalid
    ['1990-01-02', '1990-02-01', true],
    ['', '1990-02-01', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(dayMonthSwapped(a, b)).toBe(expected);
  });
});

describe('oneDigitOff', () => {
  test.each([
    ['1990-05-12', '1990-05-13', true],
    ['1990-05-12', '1980-05-12', true],
    ['1990-05-12', '1990-05-12', false],
    ['1990-05-12', '1990-05-21', false], // two positions
    ['1990-05-12', '1990/05-12', false], // not a digit
    ['1990-05-12', '1990-05-1', false], // length
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(oneDigitOff(a, b)).toBe(expected);
  });
});

describe('sameYear / sameYearMonth', () => {
  test.each([
    ['1990-05-12', '1990-12-05', true, false],
    ['1990-05-12', '1990-05-30', true, true],
    ['1990-05-12', '1991-05-12', false, false],
    ['1990-05', '1990-05-30', true, true],
    ['1990', '1990-05-30', true, false],
    ['199', '1990', false, false],
    ['abcd-05-12', 'abcd-05-12', false, false],
    ['1990-13-01', '1990-13-02', true, false],
    ['', '', false, false],
  ])('%p / %p → year %p, year+month %p', (a, b, year, yearMonth) => {
    expect(sameYear(a, b)).toBe(year);
    expect(sameYear(b, a)).toBe(year);
    expect(sameYearMonth(a, b)).toBe(yearMonth);
    expect(sameYearMonth(b, a)).toBe(yearMonth);
  });
});

describe('daysApart', () => {
  test.each([
    ['1990-05-12', '1990-05-12', 0],
    ['1990-05-12', '1990-05-13', 1],
    ['1990-05-13', '1990-05-12', 1],
    ['1990-12-31', '1991-01-01', 1],
    ['2000-02-28', '2000-03-01', 2],
    ['1900-02-28', '1900-03-01', 1],
    ['1970-01-01', '2000-01-01', 10957],
    ['1880-01-01', '2024-12-31', 52960],
    ['1990-05-12', '1990-02-30', NaN],
    ['1990-05-12', '', NaN],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(daysApart(a, b)).toBe(expected);
  });

  test('agrees with Date.UTC on a sweep of dates', () => {
    const base = Date.UTC(1950, 0, 1);
    for (let k = 0; k < 40000; k += 37) {
      const iso = new Date(base + k * 86_400_000).toISOString().slice(0, 10);
      expect(daysApart('1950-01-01', iso)).toBe(k);
    }
  });
});

describe('yearsApart', () => {
  test.each([
    ['1990-06-15', '1990-06-15', 0],
    ['1990-06-15', '1991-06-14', 0],
    ['1990-06-15', '1991-06-15', 1],
    ['1991-06-15', '1990-06-15', 1],
    ['1990-12-31', '1991-01-01', 0],
    ['2000-02-29', '2001-02-28', 0],
    ['2000-02-29', '2001-03-01', 1],
    ['2000-02-29', '2004-02-29', 4],
    ['1950-01-01', '2024-06-30', 74],
    ['1990-06-15', '1990-6-15', NaN],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(yearsApart(a, b)).toBe(expected);
  });
});
