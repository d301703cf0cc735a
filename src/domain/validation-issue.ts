/**
 * A structured reason why a value is invalid (or only suspicious).
 * The same shape is stored with quarantined source records, so a steward sees
 * which field broke which rule with which value.
 */
export type IssueSeverity = 'error' | 'warning';

export interface ValidationIssue {
  /** Canonical field name, e.g. `citizenId`, `birthDate`, `address`. Empty when the check is not bound to a field. */
  field: string;
  /** Stable rule code, e.g. `CITIZEN_ID_CHECK_CHAR`. Codes are part of the API contract: never rename one. */
  rule: string;
  /** The offending input, as received (stringified). */
  value: string;
  /** Human readable explanation naming what was wrong. */
  message: string;
  severity: IssueSeverity;
}

/** A validated, normalised value or the list of reasons why not. */
export type Validated<T> = { ok: true; value: T; warnings: ValidationIssue[] } | { ok: false; issues: ValidationIssue[] };

export function issue(
  field: string,
  rule: string,
  value: unknown,
  message: string,
  severity: IssueSeverity = 'error',
): ValidationIssue {
  return { field, rule, value: value === undefined || value === null ? '' : String(value), message, severity };
}

export function ok<T>(value: T, warnings: ValidationIssue[] = []): Validated<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(...issues: ValidationIssue[]): Validated<T> {
  return { ok: false, issues };
}
