/**
 * An access refusal with the code clients rely on: UNAUTHENTICATED (no, unknown, expired, revoked
 * or badly signed credentials — `reason` says which) or FORBIDDEN (known principal, not allowed).
 * src/api/errors.ts passes the `code` through as `extensions.code`.
 */
export type AccessErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

export type UnauthenticatedReason =
  | 'missing_credentials'
  | 'malformed_credentials'
  | 'unknown_key'
  | 'revoked'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'unsupported_algorithm'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'bad_claims'
  | 'jwt_not_configured';

export class AccessError extends Error {
  constructor(
    public readonly code: AccessErrorCode,
    message: string,
    public readonly reason?: UnauthenticatedReason,
  ) {
    super(message);
    this.name = 'AccessError';
  }
}

export const unauthenticated = (reason: UnauthenticatedReason, message: string): AccessError => new AccessError('UNAUTHENTICATED', message, reason);
