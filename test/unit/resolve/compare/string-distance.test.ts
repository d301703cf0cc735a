/** Table-driven tests of jaroWinkler, levenshtein and damerauLevenshtein (OSA), plus a seeded cross-check against naive full-matrix versions. */
import { damerauLevenshtein, jaroWinkler, levenshtein } from '../../../../src/resolve/compare/string-distance';
import { mulberry32 } from '../../../../src/lib/mulberry32';

function naiveLevenshtein(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length][b.length];
}

function naiveOsa(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push(Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

describe('jaroWinkler', () => {
  test.each([
    ['MARTHA', 'MARHTA', 0.961],
    ['DIXON', 'DICKSONX', 0.813],
    ['DWAYNE', 'DUANE', 0.84],
    ['JELLYFISH', 'SMELLYFISH', 0.896],
    ['CRATE', 'TRACE', 0.733],
    // Short Chinese names: the match window is 0, so no Winkler boost for 张伟/张玮 (Jaro 0.667 ≤ 0.7).
    ['张伟', '张玮', 0.667],
    ['蒋经国', '蒋纬国', 0.8],
  ])('%s / %s ≈ %p', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBeCloseTo(expected, 3);
    expect(jaroWinkler(b, a)).toBeCloseTo(expected, 3);
  });

  test.each([
    ['', '', 0],
    ['', 'A', 0],
    ['A', '', 0],
    ['A', 'A', 1],
    ['MARTHA', 'MARTHA', 1],
    ['ABC', 'XYZ', 0],
    ['A', 'B', 0],
  ])('%p / %p = %p', (a, b, expected) => {
    expect(jaroWinkler(a, b)).toBe(expected);
  });

  test('stays in [0, 1] and is symmetric on random strings', () => {
    const rnd = mulberry32(7);
    for (let k = 0; k < 2000; k++) {
      const a = randomString(rnd, 'ABCD', 12);
      const b = randomString(rnd, 'ABCD', 12);
      const v = jaroWinkler(a, b);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(jaroWinkler(b, a)).toBeCloseTo(v, 12);
    }
  });
});

function randomString(rnd: () => number, alphabet: string, maxLength: number): string {
  const n = Math.floor(rnd() * (maxLength + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(rnd() * alphabet.length)];
  return s;
}

describe('levenshtein', () => {
  test.each([
    ['', '', Infinity, 0],
    ['', 'abc', Infinity, 3],
    ['abc', '', Infinity, 3],
    ['kitten', 'sitting', Infinity, 3],
    ['sitting', 'kitten', Infinity, 3],
    ['flaw', 'lawn', Infinity, 2],
    ['ab', 'ba', Infinity, 2],
    ['蒋经国', '蒋纬国', Infinity, 1],
    ['华景新城3栋501', '华景新城3栋502', Infinity, 1],
    ['kitten', 'sitting', 3, 3],
    ['kitten', 'sitting', 2, 3],
    ['kitten', 'sitting', 1, 2],
    ['kitten', 'sitting', 0, 1],
    ['abc', 'abc', 0, 0],
    ['a', 'abcdef', 2, 3],
    ['abcdefgh', 'hgfedcba', 3, 4],
    ['abc', 'abd', 2.7, 1],
    ['abc', 'xyz', 2.7, 3],
  ])('%p / %p (max %p) = %p', (a, b, max, expected) => {
    expect(levenshtein(a, b, max)).toBe(expected);
    expect(levenshtein(b, a, max)).toBe(expected);
  });

  test('a negative bound gives max + 1', () => {
    expect(levenshtein('a', 'a', -1)).toBe(0);
  });

  test('matches a naive full matrix for every bound (seeded random strings)', () => {
    const rnd = mulberry32(42);
    for (let k = 0; k < 3000; k++) {
      const a = randomString(rnd, 'abc', 10);
      const b = randomString(rnd, 'abc', 10);
      const d = naiveLevenshtein(a, b);
      expect(levenshtein(a, b)).toBe(d);
      const max = Math.floor(rnd() * 8);
      expect(levenshtein(a, b, max)).toBe(d <= max ? d : max + 1);
    }
  });

  test('long strings reuse grown buffers', () => {
    const a = 'x'.repeat(300) + 'abc';
    const b = 'y'.repeat(300) + 'abd';
    expect(levenshtein(a, b)).toBe(301);
    expect(levenshtein(a, b, 10)).toBe(11);
  });
});

describe('damerauLevenshtein (optimal string alignment)', () => {
  test.each([
    ['', '', Infinity, 0],
    ['', 'ab', Infinity, 2],
    ['ab', 'ba', Infinity, 1],
    ['abc', 'acb', Infinity, 1],
    ['ca', 'abc', Infinity, 3],
    ['13812345678', '13812354678', Infinity, 1],
    ['1990-05-12', '1990-05-21', Infinity, 1],
    ['王建国', '王国建', Infinity, 1],
    ['kitten', 'sitting', Infinity, 3],
    ['kitten', 'sitting', 2, 3],
    ['abcdef', 'badcfe', 3, 3],
    ['abcdef', 'badcfe', 2, 3],
  ])('%p / %p (max %p) = %p', (a, b, max, expected) => {
    expect(damerauLevenshtein(a, b, max)).toBe(expected);
    expect(damerauLevenshtein(b, a, max)).toBe(expected);
  });

  test('matches a naive full matrix for every bound (seeded random strings)', () => {
    const rnd = mulberry32(4242);
    for (let k = 0; k < 3000; k++) {
      const a = randomString(rnd, 'abc', 10);
      const b = randomString(rnd, 'abc', 10);
      const d = naiveOsa(a, b);
      expect(damerauLevenshtein(a, b)).toBe(d);
      const max = Math.floor(rnd() * 8);
      expect(damerauLevenshtein(a, b, max)).toBe(d <= max ? d : max + 1);
    }
  });
});
