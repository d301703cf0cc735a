/** Table-driven tests of the identifier comparators. */
import { adjacentTransposition, identifiersConflict, oneCharOff } from '../../../../src/resolve/compare/identifier-compare';

const ID = '11010519491231002X';

describe('identifiersConflict', () => {
  test.each([
    [ID, ID, false],
    [ID, '110105194912310021', true],
    [ID, '', false],
    ['', ID, false],
    ['', '', false],
    [ID, undefined, false],
    [null, ID, false],
    ['91350100M000100Y43', '91350100M000100Y44', true],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(identifiersConflict(a, b)).toBe(expected);
  });
});

describe('oneCharOff', () => {
  test.each([
    [ID, '110105194912310021', true],
    [ID, '11010519491231002Y', true],
    [ID, ID, false],
    [ID, '110105194912310012', false], // two characters (a transposition)
    [ID, '11010519491231002', false], // length
    ['A', 'B', true],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(oneCharOff(a, b)).toBe(expected);
    expect(oneCharOff(b, a)).toBe(expected);
  });
});

describe('adjacentTransposition', () => {
  test.each([
    [ID, '1101051949123100X2', true], // last two swapped
    [ID, '10110519491231002X', true], // second and third swapped
    [ID, '11010519491231020X', true],
    [ID, '11010519491231200X', false], // a swap over a distance
    [ID, ID, false],
    [ID, '110105194912310021', false],
    ['E12345678', 'E12354678', true],
    ['AB', 'BA', true],
    ['AA', 'AA', false],
    ['ABC', 'CBA', false],
    ['', '', false],
  ])('%p / %p → %p', (a, b, expected) => {
    expect(adjacentTransposition(a, b)).toBe(expected);
    expect(adjacentTransposition(b, a)).toBe(expected);
  });
});
