/**
 * String similarity and edit distances for the comparators (hot path: millions
 * of pairs). All three work on UTF-16 code units (CJK names and addresses are in
 * the BMP) and reuse module-level typed-array buffers that only ever grow, so a
 * call allocates nothing once the buffers are large enough.
 *
 * - `jaroWinkler`: Jaro similarity with Winkler's prefix bonus (scale 0.1, at
 *   most 4 characters, applied when the Jaro score exceeds 0.7 as in Winkler's
 *   original definition). 1 for equal non-empty strings, 0 if either is empty.
 * - `levenshtein`: insert/delete/substitute distance, bounded by `max`: only the
 *   diagonal band |i − j| ≤ max is computed, with a single reused row, and the
 *   scan stops (returning `max + 1`) as soon as a whole row exceeds `max`.
 * - `damerauLevenshtein`: optimal string alignment (Levenshtein plus adjacent
 *   transpositions at cost 1, no substring edited twice), same bounding.
 */

const PREFIX_SCALE = 0.1;
const PREFIX_MAX = 4;
const BOOST_THRESHOLD = 0.7;

/** Match flags of jaroWinkler: a position is flagged when it holds the current call's stamp (no clearing). */
let flagsA = new Int32Array(64);
let flagsB = new Int32Array(64);
let stamp = 0;
let row0 = new Int32Array(64);
let row1 = new Int32Array(64);
let row2 = new Int32Array(64);

function capacity(n: number): number {
  let size = 64;
  while (size < n) size *= 2;
  return size;
}

/** Jaro–Winkler similarity in [0, 1]; see the module comment. */
export function jaroWinkler(a: string, b: string): number {
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  if (a === b) return 1;
  if (flagsA.length < la) flagsA = new Int32Array(capacity(la));
  if (flagsB.length < lb) flagsB = new Int32Array(capacity(lb));
  const fa = flagsA;
  const fb = flagsB;
  if (stamp === 0x7fffffff) {
    fa.fill(0);
    fb.fill(0);
    stamp = 0;
  }
  const mark = ++stamp;

  const window = Math.max((la > lb ? la : lb) >> 1, 1) - 1;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const lo = i > window ? i - window : 0;
    const hi = i + window + 1 < lb ? i + window + 1 : lb;
    for (let j = lo; j < hi; j++) {
      if (fb[j] !== mark && b.charCodeAt(j) === c) {
        fa[i] = mark;
        fb[j] = mark;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  let halfTranspositions = 0;
  for (let i = 0, k = 0; i < la; i++) {
    if (fa[i] !== mark) continue;
    while (fb[k] !== mark) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
  if (jaro <= BOOST_THRESHOLD) return jaro;

  const limit = Math.min(PREFIX_MAX, la, lb);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

/**
 * A common prefix and suffix are skipped before the dynamic programme (they
 * never change either distance); the result goes to these module variables so
 * nothing is allocated.
 */
let trimStart = 0;
let trimEndA = 0;
let trimEndB = 0;
function trimCommon(a: string, b: string): void {
  let start = 0;
  let endA = a.length;
  let endB = b.length;
  while (start < endA && start < endB && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  trimStart = start;
  trimEndA = endA;
  trimEndB = endB;
}

/** Normalises `max`: floored, and never above the largest possible distance. */
function boundOf(max: number, n: number, m: number): number {
  const longest = n > m ? n : m;
  if (!(max < longest)) return longest; // also Infinity and NaN
  return Math.floor(max);
}

/**
 * Levenshtein distance between `a` and `b`, or `max + 1` as soon as it must
 * exceed `max` (`max` is floored; a negative `max` always gives `max + 1`).
 */
export function levenshtein(a: string, b: string, max = Infinity): number {
  if (max < 0) return Math.floor(max) + 1;
  if (a === b) return 0;
  trimCommon(a, b);
  const start = trimStart;
  let n = trimEndA - start; // rows: a
  let m = trimEndB - start; // columns: b
  let s = a;
  let t = b;
  if (m > n) {
    // keep the row (columns) the shorter string
    s = b;
    t = a;
    const tmp = n;
    n = m;
    m = tmp;
  }
  const diff = n - m;
  if (diff > max) return Math.floor(max) + 1;
  if (m === 0) return n;
  const bound = boundOf(max, n, m);
  const over = bound + 1;
  if (row0.length < m + 2) row0 = new Int32Array(capacity(m + 2));
  const row = row0;
  for (let j = 0; j <= m + 1; j++) row[j] = j <= bound ? j : over;

  for (let i = 1; i <= n; i++) {
    const lo = i - bound > 1 ? i - bound : 1;
    const hi = i + bound < m ? i + bound : m;
    if (lo > hi) return over;
    let diag = row[lo - 1];
    let left = lo === 1 ? (i <= bound ? i : over) : over;
    row[lo - 1] = left;
    const c = s.charCodeAt(start + i - 1);
    let rowMin = left;
    for (let j = lo; j <= hi; j++) {
      const above = row[j];
      let v = diag + (t.charCodeAt(start + j - 1) === c ? 0 : 1);
      if (above + 1 < v) v = above + 1;
      if (left + 1 < v) v = left + 1;
      if (v > over) v = over;
      diag = above;
      row[j] = v;
      left = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > bound) return over;
  }
  const d = row[m];
  return d > bound ? over : d;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions
 * at cost 1), or `max + 1` as soon as it must exceed `max`.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (max < 0) return Math.floor(max) + 1;
  if (a === b) return 0;
  trimCommon(a, b);
  const start = trimStart;
  let n = trimEndA - start;
  let m = trimEndB - start;
  let s = a;
  let t = b;
  if (m > n) {
    s = b;
    t = a;
    const tmp = n;
    n = m;
    m = tmp;
  }
  if (n - m > max) return Math.floor(max) + 1;
  if (m === 0) return n;
  const bound = boundOf(max, n, m);
  const over = bound + 1;
  const size = m + 2;
  if (row0.length < size) row0 = new Int32Array(capacity(size));
  if (row1.length < size) row1 = new Int32Array(capacity(size));
  if (row2.length < size) row2 = new Int32Array(capacity(size));
  let prev2 = row2;
  let prev = row0;
  let cur = row1;
  prev2.fill(over, 0, size);
  cur.fill(over, 0, size);
  for (let j = 0; j < size; j++) prev[j] = j <= bound ? j : over;
  let prevMin = 0;

  for (let i = 1; i <= n; i++) {
    const lo = i - bound > 1 ? i - bound : 1;
    const hi = i + bound < m ? i + bound : m;
    if (lo > hi) return over;
    const first = lo === 1 ? (i <= bound ? i : over) : over;
    cur[lo - 1] = first;
    const c = s.charCodeAt(start + i - 1);
    const cPrev = i > 1 ? s.charCodeAt(start + i - 2) : -1;
    let rowMin = first;
    for (let j = lo; j <= hi; j++) {
      const d = t.charCodeAt(start + j - 1);
      let v = prev[j - 1] + (d === c ? 0 : 1);
      const del = prev[j] + 1;
      if (del < v) v = del;
      const ins = cur[j - 1] + 1;
      if (ins < v) v = ins;
      if (j > 1 && i > 1 && c === t.charCodeAt(start + j - 2) && cPrev === d) {
        const tr = prev2[j - 2] + 1;
        if (tr < v) v = tr;
      }
      if (v > over) v = over;
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    // Every later cell is at least min(this row, previous row + 1).
    if (rowMin > bound && prevMin >= bound) return over;
    prevMin = rowMin;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  const dist = prev[m];
  return dist > bound ? over : dist;
}
