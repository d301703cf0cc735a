/**
 * JWT verification (RFC 7519) with node:crypto: HS256 with a shared secret or RS256 with a public
 * key (PEM). The algorithm is the configured one, never the token's choice (no `none`, no RS/HS
 * confusion). Checks exp/nbf/iat with a clock skew, the issuer and the audience when configured.
 * Every refusal is an AccessError UNAUTHENTICATED whose message names what was wrong.
 */
import { createHmac, createPublicKey, createVerify, timingSafeEqual, type KeyObject } from 'node:crypto';
import { unauthenticated } from './access-error';

export interface JwtVerifierOptions {
  /** HS256 shared secret. */
  secret?: string;
  /** RS256 public key (PEM). */
  publicKey?: string;
  /** Expected `iss` (checked when set). */
  issuer?: string;
  /** Expected `aud` (checked when set: the token's aud, a string or an array, must contain it). */
  audience?: string;
  /** Allowed clock difference in seconds (default 60). */
  clockSkewSeconds?: number;
}

export type JwtClaims = Record<string, unknown> & { sub?: string; iss?: string; aud?: string | string[]; exp?: number; nbf?: number; iat?: number };

export function base64UrlDecode(part: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw unauthenticated('malformed_credentials', 'The JWT is malformed: a part is not base64url.');
  return Buffer.from(part, 'base64url');
}

export function base64UrlEncode(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function json(part: string, what: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(base64UrlDecode(part).toString('utf8'));
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    /* reported below */
  }
  throw unauthenticated('malformed_credentials', `The JWT is malformed: its ${what} is not a JSON object.`);
}

export class JwtVerifier {
  private readonly publicKey?: KeyObject;
  private readonly skew: number;

  constructor(private readonly options: JwtVerifierOptions) {
    if (!options.secret && !options.publicKey) throw new Error('JWT verification needs GRIDHUB_JWT_SECRET (HS256) or GRIDHUB_JWT_PUBLIC_KEY (RS256).');
    if (options.publicKey) this.publicKey = createPublicKey(options.publicKey);
    this.skew = options.clockSkewSeconds ?? 60;
  }

  /** Algorithms this verifier accepts. */
  get algorithms(): string[] {
    return [...(this.options.secret ? ['HS256'] : []), ...(this.publicKey ? ['RS256'] : [])];
  }

  /** Verified claims of the token, or an AccessError UNAUTHENTICATED. */
  verify(token: string, nowMs = Date.now()): JwtClaims {
    const parts = token.split('.');
    if (parts.length !== 3) throw unauthenticated('malformed_credentials', `The JWT is malformed: expected 3 dot-separated parts, got ${parts.length}.`);
    const [h, p, s] = parts as [string, string, string];
    const header = json(h, 'header');
    const alg = header.alg;
    if (typeof alg !== 'string' || !this.algorithms.includes(alg)) {
      throw unauthenticated('unsupported_algorithm', `The JWT's algorithm ${JSON.stringify(alg)} is not accepted; this server accepts ${this.algorithms.join(', ')}.`);
    }
    const signed = Buffer.from(`${h}.${p}`);
    const signature = base64UrlDecode(s);
    let ok: boolean;
    if (alg === 'HS256') {
      const expected = createHmac('sha256', this.options.secret!).update(signed).digest();
      ok = expected.length === signature.length && timingSafeEqual(expected, signature);
    } else {
      ok = createVerify('RSA-SHA256').update(signed).verify(this.publicKey!, signature);
    }
    if (!ok) throw unauthenticated('bad_signature', `The JWT's ${alg} signature does not verify.`);

    const claims = json(p, 'payload') as JwtClaims;
    const now = Math.floor(nowMs / 1000);
    for (const c of ['exp', 'nbf', 'iat'] as const) {
      if (claims[c] !== undefined && typeof claims[c] !== 'number') throw unauthenticated('bad_claims', `The JWT's "${c}" claim is not a number of seconds.`);
    }
    if (claims.exp === undefined) throw unauthenticated('bad_claims', 'The JWT has no "exp" claim; tokens must expire.');
    if (now > claims.exp + this.skew) throw unauthenticated('expired', `The JWT expired at ${new Date(claims.exp * 1000).toISOString()}.`);
    if (claims.nbf !== undefined && now + this.skew < claims.nbf) throw unauthenticated('not_yet_valid', `The JWT is not valid before ${new Date(claims.nbf * 1000).toISOString()}.`);
    if (claims.iat !== undefined && now + this.skew < claims.iat) throw unauthenticated('not_yet_valid', `The JWT was issued in the future (${new Date(claims.iat * 1000).toISOString()}).`);
    if (this.options.issuer !== undefined && claims.iss !== this.options.issuer) {
      throw unauthenticated('wrong_issuer', `The JWT's issuer ${JSON.stringify(claims.iss ?? null)} is not the expected ${JSON.stringify(this.options.issuer)}.`);
    }
    if (this.options.audience !== undefined) {
      const aud = Array.isArray(claims.aud) ? claims.aud : claims.aud === undefined ? [] : [claims.aud];
      if (!aud.includes(this.options.audience)) {
        throw unauthenticated('wrong_audience', `The JWT's audience ${JSON.stringify(claims.aud ?? null)} does not include ${JSON.stringify(this.options.audience)}.`);
      }
    }
    if (typeof claims.sub !== 'string' || claims.sub === '') throw unauthenticated('bad_claims', 'The JWT has no "sub" claim naming the client.');
    return claims;
  }
}

/** Signs an HS256 token (tests, demos and tools; production tokens come from the identity provider). */
export function signHs256(claims: Record<string, unknown>, secret: string, header: Record<string, unknown> = {}): string {
  const h = base64UrlEncode(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...header }));
  const p = base64UrlEncode(JSON.stringify(claims));
  return `${h}.${p}.${base64UrlEncode(createHmac('sha256', secret).update(`${h}.${p}`).digest())}`;
}
