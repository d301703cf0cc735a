/**
 * Comparators for identifiers (citizen ID, USCC, passport, licence numbers),
 * already normalised by their domain parsers: a conflict (both known, not
 * equal) and the two typo levels, one substituted character and one adjacent
 * transposition. Missing identifiers (empty) are never a conflict.
 */
export { oneCharOff, adjacentTransposition } from './char-edits';

/** Both identifiers are known (non-empty) and they differ. */
export function identifiersConflict(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return a.length !== 0 && b.length !== 0 && a !== b;
}
