/**
 * Comparators for phone numbers that are already normalised digit strings
 * (see `src/domain/phone.ts`): equal tails (a landline with and without area
 * code, a mobile number with a leading country code), one mistyped digit, one
 * pair of adjacent digits swapped.
 */
import { adjacentDigitTransposition } from './char-edits';

export { oneDigitOff } from './char-edits';

/**
 * The last `n` characters are equal; false when `n` < 1 or either number is
 * shorter than `n`: lastDigitsEqual('02087654321', '87654321', 8) → true.
 */
export function lastDigitsEqual(a: string, b: string, n: number): boolean {
  if (!(n >= 1)) return false;
  const la = a.length;
  const lb = b.length;
  if (la < n || lb < n) return false;
  for (let k = 1; k <= n; k++) if (a.charCodeAt(la - k) !== b.charCodeAt(lb - k)) return false;
  return true;
}

/** Same length, and one pair of adjacent digits swapped: '13812345678' vs '13812354678'. */
export function transposedDigits(a: string, b: string): boolean {
  return adjacentDigitTransposition(a, b);
}
