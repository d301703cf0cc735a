/** Access configuration: GRIDHUB_AUTH, the JWT variables and GRIDHUB_RATE_LIMIT, with clear messages. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../../src/main/config';

it('defaults: authentication required, no JWT, 600 requests per minute', () => {
  const c = loadConfig({});
  expect(c.auth).toBe('required');
  expect(c.jwt).toBeUndefined();
  expect(c.rateLimit).toEqual({ limit: 600, periodMs: 60_000 });
});

it('reads the JWT settings (public key as PEM text or file) and never prints the secret', () => {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const file = join(mkdtempSync(join(tmpdir(), 'gridhub-jwt-')), 'key.pem');
  writeFileSync(file, publicKey);
  const secret = 'x'.repeat(40);
  const c = loadConfig({ GRIDHUB_JWT_SECRET: secret, GRIDHUB_JWT_PUBLIC_KEY: file, GRIDHUB_JWT_ISSUER: 'idp', GRIDHUB_JWT_AUDIENCE: 'gridhub', GRIDHUB_AUTH: 'off', GRIDHUB_RATE_LIMIT: '5/sec' });
  expect(c).toMatchObject({ auth: 'off', rateLimit: { limit: 5, periodMs: 1000 }, jwt: { issuer: 'idp', audience: 'gridhub', secret, publicKey } });
  expect(JSON.stringify(c)).not.toContain(secret);
  expect(JSON.stringify(c)).toContain('"secret":"***"');
  expect(loadConfig({ GRIDHUB_RATE_LIMIT: 'off' }).rateLimit).toBeUndefined();
  expect(loadConfig({ GRIDHUB_RATE_LIMIT: '1000/hour' }).rateLimit).toEqual({ limit: 1000, periodMs: 3_600_000 });
});

it.each([
  [{ GRIDHUB_AUTH: 'maybe' }, /GRIDHUB_AUTH="maybe" is not allowed; expected one of required, off/],
  [{ GRIDHUB_JWT_SECRET: 'short' }, /GRIDHUB_JWT_SECRET is 5 characters long; an HS256 secret needs at least 32/],
  [{ GRIDHUB_JWT_PUBLIC_KEY: '/nonexistent/key.pem' }, /GRIDHUB_JWT_PUBLIC_KEY is neither PEM text .* nor an existing file/],
  [{ GRIDHUB_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----' }, /GRIDHUB_JWT_PUBLIC_KEY is not a usable public key/],
  [{ GRIDHUB_RATE_LIMIT: 'lots' }, /GRIDHUB_RATE_LIMIT="lots" is not a rate like 600\/min/],
  [{ GRIDHUB_RATE_LIMIT: '0/min' }, /GRIDHUB_RATE_LIMIT="0\/min"/],
  [{ GRIDHUB_RATE_LIMIT: '10/fortnight' }, /GRIDHUB_RATE_LIMIT="10\/fortnight"/],
])('%j is rejected with a message naming it', (env, message) => {
  expect(() => loadConfig(env)).toThrow(message);
});
