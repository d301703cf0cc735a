/** JWT verification with node:crypto: HS256 and RS256, expiry, issuer, audience, algorithm pinning. */
import { generateKeyPairSync, createSign } from 'node:crypto';
import { AccessError } from '../../../src/access/access-error';
import { base64UrlEncode, JwtVerifier, signHs256 } from '../../../src/access/jwt';
import { principalFromClaims } from '../../../src/access/authenticate';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const NOW = Date.UTC(2026, 10, 22, 2, 0, 0);
const nowS = NOW / 1000;
const base = { sub: 'police-system', iss: 'https://idp.example', aud: 'gridhub', exp: nowS + 600, iat: nowS - 5, role: 'department', department: 'police' };

function reason(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AccessError);
    expect((e as AccessError).code).toBe('UNAUTHENTICATED');
    return (e as AccessError).reason;
  }
  throw new Error('expected a refusal');
}

function signRs256(claims: object, privateKey: string): string {
  const h = base64UrlEncode(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const p = base64UrlEncode(JSON.stringify(claims));
  return `${h}.${p}.${base64UrlEncode(createSign('RSA-SHA256').update(`${h}.${p}`).sign(privateKey))}`;
}

describe('HS256', () => {
  const v = new JwtVerifier({ secret: SECRET, issuer: 'https://idp.example', audience: 'gridhub' });

  it('accepts a valid token and returns its claims', () => {
    expect(v.verify(signHs256(base, SECRET), NOW)).toMatchObject({ sub: 'police-system', role: 'department' });
  });

  it('accepts an audience array containing ours', () => {
    expect(v.verify(signHs256({ ...base, aud: ['other', 'gridhub'] }, SECRET), NOW).sub).toBe('police-system');
  });

  it.each([
    ['bad_signature', () => signHs256(base, 'another-secret-of-at-least-32-characters')],
    ['expired', () => signHs256({ ...base, exp: nowS - 61 }, SECRET)],
    ['not_yet_valid', () => signHs256({ ...base, nbf: nowS + 120 }, SECRET)],
    ['wrong_issuer', () => signHs256({ ...base, iss: 'https://evil.example' }, SECRET)],
    ['wrong_audience', () => signHs256({ ...base, aud: 'someone-else' }, SECRET)],
    ['bad_claims', () => signHs256({ ...base, exp: undefined }, SECRET)],
    ['bad_claims', () => signHs256({ ...base, sub: undefined }, SECRET)],
    ['unsupported_algorithm', () => signHs256(base, SECRET, { alg: 'none' })],
    ['malformed_credentials', () => 'not-a-jwt'],
    ['malformed_credentials', () => 'a.b'],
  ])('refuses with %s', (expected, make) => {
    expect(reason(() => v.verify(make(), NOW))).toBe(expected);
  });

  it('tolerates a clock skew of 60 s', () => {
    expect(v.verify(signHs256({ ...base, exp: nowS - 30 }, SECRET), NOW).sub).toBe('police-system');
  });

  it('names what was wrong', () => {
    expect(() => v.verify(signHs256({ ...base, aud: 'x' }, SECRET), NOW)).toThrow(/audience "x" does not include "gridhub"/);
    expect(() => v.verify(signHs256({ ...base, exp: nowS - 3600 }, SECRET), NOW)).toThrow(/expired at 2026-11-22T01:00:00.000Z/);
  });
});

describe('RS256', () => {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const v = new JwtVerifier({ publicKey });

  it('accepts a token signed with the private key', () => {
    expect(v.verify(signRs256(base, privateKey), NOW).sub).toBe('police-system');
  });

  it('refuses another key pair and an HS256 token signed with the public key (algorithm confusion)', () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect(reason(() => v.verify(signRs256(base, other.privateKey), NOW))).toBe('bad_signature');
    expect(reason(() => v.verify(signHs256(base, publicKey), NOW))).toBe('unsupported_algorithm');
  });
});

describe('claims → principal', () => {
  it('maps sub, role, department and grid', () => {
    expect(principalFromClaims({ sub: 'w1', role: 'grid_worker', grid: '440606001001001' })).toEqual({ id: 'jwt:w1', kind: 'jwt', name: 'w1', role: 'grid_worker', gridCode: '440606001001001' });
    expect(principalFromClaims({ sub: 'p', role: 'department', department: 'police' })).toMatchObject({ role: 'department', department: 'police' });
  });

  it.each([
    [{ sub: 'x', role: 'root' }, /"role" claim "root" is not one of/],
    [{ sub: 'x', role: 'department' }, /needs a department/],
    [{ sub: 'x', role: 'department', department: 'army' }, /"department" claim "army"/],
    [{ sub: 'x', role: 'grid_worker' }, /needs a grid code/],
    [{ sub: 'x', role: 'admin', grid: 'G1' }, /never grid-scoped/],
  ])('refuses %j', (claims, message) => {
    expect(() => principalFromClaims(claims)).toThrow(message);
  });
});
