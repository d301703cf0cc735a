/** Table-driven tests of the phone comparators (phones are normalised digit strings). */
import { lastDigitsEqual, oneDigitOff, transposedDigits } from '../../../../src/resolve/compare/phone-compare';

describe('lastDigitsEqual', () => {
  test.each([
    ['02087654321', '87654321', 8, true],
    ['8613812345678', '13812345678', 11, true],
    ['13812345678', '13912345678', 4, true],
    ['13812345678', '13812345679', 4, false],
    ['13812345678', '13812345678', 11, true],
    ['1234', '1234', 5, false], // shorter than n
    ['1234', '1234', 0, false],
    ['1234', '1234', NaN, false],
    ['', '', 1, false],
  ])('%p / %p last %p → %p', (a, b, n, expected) => {
    expect(lastDigitsEqual(a, b, n)).toBe(expected);
    expect(lastDigitsEqual(b, a, n)).toBe(expected);
  });
});

describe('oneDigitOff', () => {
  test.each([
    ['13812345678', '13812345679', true],
    ['13812345678', '13812345678', false],
    ['13812345678', '13812345687', false],
    ['13812345678', '1381234567', false],
    ['13812345678', '1381234567X', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(oneDigitOff(a, b)).toBe(expected);
  });
});

describe('transposedDigits', () => {
  test.each([
    ['13812345678', '13812354678', true],
    ['13812345678', '31812345678', true],
    ['13812345678', '13812345687', true],
    ['13812345678', '13812345678', false], // equal
    ['13812345678', '13812345679', false], // substitution
    ['13812345678', '13812354687', false], // two swaps
    ['13812345678', '13812346578', true],
    ['13812345678', '13812365478', false], // swap over a distance
    ['11', '11', false],
    ['12', '21', true],
    ['1', '1', false],
    ['1A', 'A1', false], // not digits
    ['123', '1234', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(transposedDigits(a, b)).toBe(expected);
    expect(transposedDigits(b, a)).toBe(expected);
  });
});
