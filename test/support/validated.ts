/** Helpers for asserting on Validated<T> results in table-driven tests. */
import type { Validated } from '../../src/domain/validation-issue';

/** The rule codes of a failed result; [] when it is ok. */
export function rulesOf<T>(result: Validated<T>): string[] {
  return result.ok ? [] : result.issues.map((i) => i.rule);
}
