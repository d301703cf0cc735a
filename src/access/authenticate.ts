/**
 * Authentication (身份认证): request headers → a Principal, or an AccessError UNAUTHENTICATED whose
 * message names what was wrong (missing credentials, malformed, unknown key, revoked, expired, bad
 * signature, wrong issuer or audience, unusable claims).
 *
 * Credentials: `Authorization: Bearer <jwt | ghk_ key>` or `X-Api-Key: <ghk_ key>`.
 * - API keys are found by prefix and checked by hash in constant time; expiry and revocation are
 *   enforced (a key row is cached for `keyCacheMs`, default 5 s: a revocation takes effect within
 *   that time in every process); `last_used_at` is written at most once a minute per key.
 * - JWTs are verified (HS256 secret or RS256 public key, issuer, audience, exp/nbf/iat); claims:
 *   `sub` → name, `role`, `department`, `grid` (or `grid_code`).
 * A grid code (key or claim) is resolved to the grid's subtree path (cached for a minute); a grid
 * that is not current is refused (FORBIDDEN): the principal would see nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeyRepository, type ApiKeyRow } from '../db/repositories/api-key.repository';
import { GridRepository } from '../db/repositories/grid.repository';
import { Department } from '../domain/vocabulary';
import { AccessError, unauthenticated } from './access-error';
import { apiKeyMatches, apiKeyPrefix, looksLikeApiKey } from './api-key';
import { JwtVerifier, type JwtClaims, type JwtVerifierOptions } from './jwt';
import { isRole, principalProblem, type GridScopeOfPrincipal, type Principal } from './principal';

/** Header values as Node gives them (lower-case names). */
export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface AuthenticatorOptions {
  /** Opens an EntityManager for lookups (e.g. `() => orm.em.fork()`). */
  em: () => EntityManager;
  /** JWT verification; undefined = JWTs are refused. */
  jwt?: JwtVerifierOptions;
  /** How long a key row is reused before it is read again (default 5000; 0 = every request). */
  keyCacheMs?: number;
  /** How long a grid code's subtree is reused (default 60000). */
  gridCacheMs?: number;
  /** Where failed background writes (last_used_at) are reported. */
  onError?: (message: string) => void;
}

const TOUCH_EVERY_MS = 60_000;

function header(headers: RequestHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The credential a request presents (undefined: none), or an AccessError for a malformed one. */
export function credentialOf(headers: RequestHeaders): string | undefined {
  const authorization = header(headers, 'authorization')?.trim();
  const apiKey = header(headers, 'x-api-key')?.trim();
  let bearer: string | undefined;
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) throw unauthenticated('malformed_credentials', `The Authorization header must be "Bearer <token>"; got the scheme ${JSON.stringify(authorization.split(/\s+/)[0])}.`);
    bearer = m[1];
  }
  if (bearer && apiKey && bearer !== apiKey) throw unauthenticated('malformed_credentials', 'Both Authorization and X-Api-Key are set, to different credentials; send one.');
  return bearer ?? (apiKey || undefined);
}

const shortKey = (prefix: string) => `ghk_${prefix}_…`;

export class Authenticator {
  private readonly verifier?: JwtVerifier;
  private readonly keys = new Map<string, { row: ApiKeyRow | null; at: number }>();
  private readonly grids = new Map<string, { scope: GridScopeOfPrincipal | null; at: number }>();
  private readonly touched = new Map<number, number>();

  constructor(private readonly options: AuthenticatorOptions) {
    if (options.jwt && (options.jwt.secret || options.jwt.publicKey)) this.verifier = new JwtVerifier(options.jwt);
  }

  /** The principal of a request's headers; throws AccessError (UNAUTHENTICATED or FORBIDDEN). */
  async authenticate(headers: RequestHeaders): Promise<Principal> {
    const credential = credentialOf(headers);
    if (credential === undefined) {
      throw unauthenticated('missing_credentials', 'No credentials: send "Authorization: Bearer <API key or JWT>" or "X-Api-Key: <API key>".');
    }
    const principal = looksLikeApiKey(credential) ? await this.fromApiKey(credential) : this.fromJwt(credential);
    if (principal.gridCode !== undefined) principal.scope = await this.scopeOf(principal.gridCode);
    return principal;
  }

  private async keyRow(prefix: string): Promise<ApiKeyRow | null> {
    const ttl = this.options.keyCacheMs ?? 5000;
    const cached = this.keys.get(prefix);
    if (cached && Date.now() - cached.at < ttl) return cached.row;
    const row = await new ApiKeyRepository(this.options.em()).findByPrefix(prefix);
    if (ttl > 0) {
      if (this.keys.size > 10_000) this.keys.clear();
      this.keys.set(prefix, { row, at: Date.now() });
    }
    return row;
  }

  private async fromApiKey(key: string): Promise<Principal> {
    const prefix = apiKeyPrefix(key);
    if (prefix === undefined) throw unauthenticated('malformed_credentials', 'The API key is malformed: expected ghk_<8 hex characters>_<43 characters>.');
    const row = await this.keyRow(prefix);
    if (row === null || !apiKeyMatches(key, row.secretHash)) throw unauthenticated('unknown_key', `Unknown API key ${shortKey(prefix)}: no key with this prefix and secret exists.`);
    const now = Date.now();
    if (row.revokedAt) throw unauthenticated('revoked', `The API key ${shortKey(prefix)} (${row.name}) was revoked at ${new Date(row.revokedAt).toISOString()}.`);
    if (row.expiresAt && new Date(row.expiresAt).getTime() <= now) throw unauthenticated('expired', `The API key ${shortKey(prefix)} (${row.name}) expired at ${new Date(row.expiresAt).toISOString()}.`);
    this.touch(row.id, now);
    return {
      id: `apikey:${row.id}`,
      kind: 'apikey',
      name: row.name,
      role: row.role,
      ...(row.department ? { department: row.department } : {}),
      ...(row.gridCode ? { gridCode: row.gridCode } : {}),
    };
  }

  /** last_used_at, at most once a minute per key and process (the SQL guards across processes); never awaited. */
  private touch(id: number, now: number): void {
    const last = this.touched.get(id);
    if (last !== undefined && now - last < TOUCH_EVERY_MS) return;
    this.touched.set(id, now);
    new ApiKeyRepository(this.options.em()).touch(id).catch((e: unknown) => this.options.onError?.(`api key ${id}: last_used_at not updated: ${e instanceof Error ? e.message : String(e)}`));
  }

  private fromJwt(token: string): Principal {
    if (this.verifier === undefined) {
      throw unauthenticated('jwt_not_configured', 'The credential is not an API key (ghk_…), and JWTs are not accepted: GRIDHUB_JWT_SECRET or GRIDHUB_JWT_PUBLIC_KEY is not set.');
    }
    return principalFromClaims(this.verifier.verify(token));
  }

  private async scopeOf(gridCode: string): Promise<GridScopeOfPrincipal> {
    const ttl = this.options.gridCacheMs ?? 60_000;
    const cached = this.grids.get(gridCode);
    let scope: GridScopeOfPrincipal | null;
    if (cached && Date.now() - cached.at < ttl) scope = cached.scope;
    else {
      const grid = await new GridRepository(this.options.em()).findCurrentByCode(gridCode);
      scope = grid ? { gridId: grid.id, path: grid.path } : null;
      if (ttl > 0) this.grids.set(gridCode, { scope, at: Date.now() });
    }
    if (scope === null) throw new AccessError('FORBIDDEN', `The credential is scoped to grid ${gridCode}, which is not a current grid (retired by a reorganisation, or never existed): re-issue it for a current grid.`);
    return scope;
  }
}

/** JWT claims → Principal: `sub` (name), `role`, `department`, `grid` or `grid_code`. */
export function principalFromClaims(claims: JwtClaims): Principal {
  const role = claims.role;
  if (!isRole(role)) throw unauthenticated('bad_claims', `The JWT's "role" claim ${JSON.stringify(role ?? null)} is not one of admin, steward, department, grid_worker, dashboard.`);
  const department = claims.department;
  if (department !== undefined && !Department.is(department)) {
    throw unauthenticated('bad_claims', `The JWT's "department" claim ${JSON.stringify(department)} is not one of ${Department.values.join(', ')}.`);
  }
  const grid = claims.grid ?? claims.grid_code;
  if (grid !== undefined && (typeof grid !== 'string' || grid === '')) throw unauthenticated('bad_claims', `The JWT's "grid" claim must be a grid code (a string).`);
  const p: Principal = {
    id: `jwt:${claims.sub!}`,
    kind: 'jwt',
    name: typeof claims.name === 'string' ? claims.name : claims.sub!,
    role,
    ...(department !== undefined ? { department } : {}),
    ...(typeof grid === 'string' ? { gridCode: grid } : {}),
  };
  const problem = principalProblem(p);
  if (problem) throw unauthenticated('bad_claims', `The JWT's claims do not fit together: ${problem}.`);
  return p;
}

/** The principal of requests when authentication is off (GRIDHUB_AUTH=off): an unscoped admin. Development only. */
export const AUTH_OFF_PRINCIPAL: Principal = Object.freeze({ id: 'anonymous:auth-off', kind: 'anonymous', name: 'anonymous (GRIDHUB_AUTH=off)', role: 'admin' }) as Principal;
