/**
 * Error mapping (错误码): every GraphQL error leaves the server with an `extensions.code`.
 *
 * - Errors that already carry a code pass unchanged: `codedError(...)` and any GraphQLError with
 *   `extensions.code` (pagination, global ids, the event state machine's ILLEGAL_TRANSITION …),
 *   Apollo's own (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_REQUEST, BAD_USER_INPUT for
 *   variables), and the query limits (QUERY_TOO_DEEP is reported through validation and keeps its
 *   own code here).
 * - Known error classes are mapped: a steward's refused decision (StewardError) and an error
 *   carrying validation issues (`issues: ValidationIssue[]`, listed in `extensions.issues`) →
 *   BAD_USER_INPUT; MikroORM's NotFoundError → NOT_FOUND; unique/foreign-key/not-null/check
 *   violations and optimistic-lock failures → CONFLICT (the database's detail is not shown in
 *   production: it may quote values); any error with a `code` property naming one of ERROR_CODES
 *   → that code.
 * - Anything else is INTERNAL_SERVER_ERROR: logged with its stack, and in production answered with
 *   a generic message only; in development the message is kept to ease debugging.
 */
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ConstraintViolationException, NotFoundError, OptimisticLockError } from '@mikro-orm/core';
import type { ValidationIssue } from '../domain/validation-issue';
import { StewardError } from '../services/steward.service';

/** The codes clients can rely on (`extensions.code`). */
export const ERROR_CODES = [
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'ILLEGAL_TRANSITION',
  'QUERY_TOO_DEEP',
  'QUERY_TOO_COSTLY',
  'PERSISTED_DOCUMENT_NOT_FOUND',
  'PERSISTED_DOCUMENT_REQUIRED',
  'PERSISTED_DOCUMENTS_DISABLED',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'BAD_REQUEST',
  'INTERNAL_SERVER_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const KNOWN_CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export const GENERIC_INTERNAL_MESSAGE = 'Internal server error. It has been logged; quote the time of the request when reporting it.';

/** A GraphQL error with `extensions.code` and any further extensions (e.g. the argument at fault). */
export function codedError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

export interface ErrorLog {
  error(msg: string): void;
}

export interface FormatErrorOptions {
  /** Hide the messages of unexpected errors. */
  production: boolean;
  log: ErrorLog;
}

interface Mapped {
  code: ErrorCode;
  message: string;
  extensions?: Record<string, unknown>;
}

function hasIssues(e: unknown): e is Error & { issues: ValidationIssue[] } {
  return e instanceof Error && Array.isArray((e as { issues?: unknown }).issues);
}

/** The code of a known error class (undefined for an unexpected error). */
export function mapKnownError(e: unknown, production: boolean): Mapped | undefined {
  if (e instanceof StewardError) return { code: 'BAD_USER_INPUT', message: e.message };
  if (hasIssues(e)) {
    const issues = e.issues.map(({ field, rule, message }) => ({ field, rule, message }));
    return { code: 'BAD_USER_INPUT', message: e.message, extensions: { issues } };
  }
  if (e instanceof NotFoundError) return { code: 'NOT_FOUND', message: e.message };
  if (e instanceof OptimisticLockError) return { code: 'CONFLICT', message: 'The record was changed by someone else meanwhile; load it again and retry.' };
  if (e instanceof ConstraintViolationException) {
    const generic = 'The change conflicts with existing data (a duplicate, a missing or still referenced record, or a required value).';
    return { code: 'CONFLICT', message: production ? generic : `${generic} ${e.message}` };
  }
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && KNOWN_CODES.has(code)) return { code: code as ErrorCode, message: e.message };
  }
  return undefined;
}

/** Apollo Server's `formatError`: see the header for the rules. */
export function createFormatError(options: FormatErrorOptions): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    // A validation rule's own code (QUERY_TOO_DEEP …) survives Apollo's GRAPHQL_VALIDATION_FAILED wrapper.
    if (code === 'GRAPHQL_VALIDATION_FAILED' && error instanceof GraphQLError && error.originalError instanceof GraphQLError) {
      const own = error.originalError.extensions.code;
      if (typeof own === 'string' && own !== code) return { ...formatted, extensions: { ...formatted.extensions, code: own } };
    }
    if (code !== undefined && code !== 'INTERNAL_SERVER_ERROR') return formatted;

    let original = unwrapResolverError(error);
    // A wrapper without a path (e.g. "Context creation failed: …") around a plain error: judge the plain error.
    if (original instanceof GraphQLError && original.originalError && !(original.originalError instanceof GraphQLError)) original = original.originalError;
    const mapped = mapKnownError(original, options.production);
    if (mapped) {
      const { stacktrace: _stack, ...rest } = formatted.extensions ?? {};
      return { ...formatted, message: mapped.message, extensions: { ...(options.production ? {} : rest), ...mapped.extensions, code: mapped.code } };
    }
    // A GraphQLError without a code was written for clients (or is graphql-js's own, e.g. a null in a
    // non-null field): its message stays. Anything else is unexpected: logged, and hidden in production.
    if (original instanceof GraphQLError) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    const where = formatted.path ? ` at ${formatted.path.join('.')}` : '';
    options.log.error(`GraphQL error${where}: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`);
    if (!options.production) return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL_SERVER_ERROR' } };
    return { message: GENERIC_INTERNAL_MESSAGE, ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}), extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
