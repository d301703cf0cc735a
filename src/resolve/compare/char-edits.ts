/**
 * Single-edit predicates on equal-length strings, shared by the identifier,
 * phone and date comparators: one substituted character, one substituted digit,
 * one swap of two adjacent characters. Char-code loops, early exits, no
 * allocation.
 */

const CH_0 = 48;
const CH_9 = 57;

function isDigit(code: number): boolean {
  return code >= CH_0 && code <= CH_9;
}

/** Index of the only differing position of two equal-length strings; -1 if none or more than one (or lengths differ). */
function singleDifference(a: string, b: string): number {
  const n = a.length;
  if (n !== b.length) return -1;
  let at = -1;
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i)) {
      if (at !== -1) return -1;
      at = i;
    }
  }
  return at;
}

/** Same length and exactly one differing character: '440106199001011234' vs '440106199001011284'. */
export function oneCharOff(a: string, b: string): boolean {
  return singleDifference(a, b) !== -1;
}

/** Same length and exactly one differing character, and both differing characters are digits: '1990-05-12' vs '1990-05-13'. */
export function oneDigitOff(a: string, b: string): boolean {
  const at = singleDifference(a, b);
  return at !== -1 && isDigit(a.charCodeAt(at)) && isDigit(b.charCodeAt(at));
}

/** Index of the swapped pair when `b` is `a` with exactly one adjacent transposition (`ab` → `ba`, a≠b), else -1. */
export function adjacentTranspositionAt(a: string, b: string): number {
  const n = a.length;
  if (n !== b.length || n < 2) return -1;
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i >= n - 1) return -1; // equal, or only the last character differs
  if (a.charCodeAt(i) !== b.charCodeAt(i + 1) || a.charCodeAt(i + 1) !== b.charCodeAt(i)) return -1;
  for (let k = i + 2; k < n; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return -1;
  return i;
}

/** `b` is `a` with exactly one pair of adjacent (different) characters swapped: '13812345678' vs '13812354678'. */
export function adjacentTransposition(a: string, b: string): boolean {
  return adjacentTranspositionAt(a, b) !== -1;
}

/** Like {@link adjacentTransposition}, and the two swapped characters are digits. */
export function adjacentDigitTransposition(a: string, b: string): boolean {
  const at = adjacentTranspositionAt(a, b);
  return at !== -1 && isDigit(a.charCodeAt(at)) && isDigit(a.charCodeAt(at + 1));
}
