/**
 * API keys and authentication against a real database: keys are stored hashed and shown once;
 * expiry and revocation are enforced; last_used_at is written at most once a minute; grid-scoped
 * credentials resolve to their subtree; JWTs map to principals; demo keys (one per role) work.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { AccessError } from '../../../src/access/access-error';
import { apiKeyState, createApiKey, hashApiKey, parseExpiry } from '../../../src/access/api-key';
import { Authenticator } from '../../../src/access/authenticate';
import { createDemoKeys } from '../../../src/access/demo-keys';
import { signHs256 } from '../../../src/access/jwt';
import { ApiKeyRepository } from '../../../src/db/repositories/api-key.repository';
import { openTestOrm } from '../../support/database';

let orm: MikroORM;
let close: () => Promise<void>;
const grids: Record<string, { gridId: number; path: string }> = {};
const SECRET = 'integration-test-secret-32-characters-long';

async function sql<T = Record<string, unknown>>(q: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(q, params as never[]);
}

const auth = (options: Partial<ConstructorParameters<typeof Authenticator>[0]> = {}) =>
  new Authenticator({ em: () => orm.em.fork(), keyCacheMs: 0, jwt: { secret: SECRET, issuer: 'idp', audience: 'gridhub' }, ...options });

async function refusal(p: Promise<unknown>): Promise<{ code: string; reason?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AccessError);
    const a = e as AccessError;
    return { code: a.code, reason: a.reason, message: a.message };
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
  const level = (await sql<{ id: string }>(`select id from grid_level where key = 'base'`))[0]!.id;
  for (const [code, parent] of [['A0', null], ['A1', 'A0'], ['A2', 'A0']] as const) {
    const [g] = await sql<{ id: string }>(`insert into grid (code, name, kind, level_id, parent_id, path) values (?, ?, 'base', ?, ?, '') returning id`, [code, code, level, parent ? grids[parent]!.gridId : null]);
    const path = `${parent ? grids[parent]!.path : '/'}${g!.id}/`;
    await sql('update grid set path = ? where id = ?', [path, g!.id]);
    grids[code] = { gridId: Number(g!.id), path };
  }
});

afterAll(async () => {
  await close();
});

describe('API keys', () => {
  it('stores only the hash and prefix; the key authenticates as its principal by either header', async () => {
    const { key, row } = await createApiKey(orm.em.fork(), { name: 'police-system', role: 'department', department: 'police' });
    expect(key).toMatch(/^ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    const stored = await sql<Record<string, unknown>>('select * from api_key where id = ?', [row.id]);
    expect(JSON.stringify(stored)).not.toContain(key.slice(13));
    expect(stored[0]).toMatchObject({ prefix: key.slice(4, 12), secret_hash: hashApiKey(key) });

    const a = auth();
    const expected = { id: `apikey:${row.id}`, kind: 'apikey', name: 'police-system', role: 'department', department: 'police' };
    expect(await a.authenticate({ authorization: `Bearer ${key}` })).toEqual(expected);
    expect(await a.authenticate({ 'x-api-key': key })).toEqual(expected);
  });

  it('refuses missing, malformed, unknown and wrong-secret keys, naming what was wrong', async () => {
    const { key } = await createApiKey(orm.em.fork(), { name: 'k', role: 'steward' });
    const a = auth();
    expect(await refusal(a.authenticate({}))).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'missing_credentials' });
    expect(await refusal(a.authenticate({ authorization: `Basic abc` }))).toMatchObject({ reason: 'malformed_credentials' });
    expect(await refusal(a.authenticate({ 'x-api-key': 'ghk_short' }))).toMatchObject({ reason: 'malformed_credentials' });
    expect(await refusal(a.authenticate({ 'x-api-key': `ghk_00000000_${'a'.repeat(43)}` }))).toMatchObject({ reason: 'unknown_key', message: expect.stringMatching(/Unknown API key ghk_00000000_…/) });
    const wrongSecret = key.slice(0, 13) + (key[13] === 'a' ? 'b' : 'a') + key.slice(14);
    expect(await refusal(a.authenticate({ 'x-api-key': wrongSecret }))).toMatchObject({ reason: 'unknown_key' });
    expect(await refusal(a.authenticate({ authorization: `Bearer ${key}`, 'x-api-key': wrongSecret }))).toMatchObject({ reason: 'malformed_credentials' });
  });

  it('enforces revocation (by id or prefix) and expiry', async () => {
    const repo = new ApiKeyRepository(orm.em.fork());
    const a = auth();
    const one = await createApiKey(orm.em.fork(), { name: 'to revoke by id', role: 'dashboard' });
    const two = await createApiKey(orm.em.fork(), { name: 'to revoke by prefix', role: 'dashboard' });
    await a.authenticate({ 'x-api-key': one.key });
    expect((await repo.revoke(String(one.row.id)))!.revokedAt).toBeInstanceOf(Date);
    expect((await repo.revoke(two.row.prefix))!.name).toBe('to revoke by prefix');
    expect(await repo.revoke('ffffffff')).toBeNull();
    expect(await refusal(a.authenticate({ 'x-api-key': one.key }))).toMatchObject({ reason: 'revoked', message: expect.stringMatching(/\(to revoke by id\) was revoked at \d{4}-/) });
    expect(await refusal(a.authenticate({ 'x-api-key': two.key }))).toMatchObject({ reason: 'revoked' });

    const soon = await createApiKey(orm.em.fork(), { name: 'short-lived', role: 'steward', expiresAt: new Date(Date.now() + 60_000) });
    await a.authenticate({ 'x-api-key': soon.key });
    await sql(`update api_key set expires_at = now() - interval '1 second' where id = ?`, [soon.row.id]);
    expect(await refusal(a.authenticate({ 'x-api-key': soon.key }))).toMatchObject({ reason: 'expired' });
    const rows = await repo.list();
    expect(rows.map((r) => [r.name, apiKeyState(r)])).toEqual(expect.arrayContaining([['short-lived', 'expired'], ['to revoke by id', 'revoked']]));
  });

  it('refuses keys whose role, department and grid do not fit together, and past expiries', async () => {
    await expect(createApiKey(orm.em.fork(), { name: 'x', role: 'department' })).rejects.toThrow(/needs a department/);
    await expect(createApiKey(orm.em.fork(), { name: 'x', role: 'grid_worker' })).rejects.toThrow(/needs a grid code/);
    await expect(createApiKey(orm.em.fork(), { name: 'x', role: 'admin', expiresAt: new Date(Date.now() - 1000) })).rejects.toThrow(/expire in the past/);
    expect(() => parseExpiry('soon')).toThrow(/neither a duration/);
    expect(parseExpiry('90d', new Date(0)).toISOString()).toBe('1970-04-01T00:00:00.000Z');
  });

  it('writes last_used_at at most once a minute', async () => {
    const { key, row } = await createApiKey(orm.em.fork(), { name: 'busy client', role: 'steward' });
    const a = auth();
    const lastUsed = async () => (await sql<{ last_used_at: Date | null }>('select last_used_at from api_key where id = ?', [row.id]))[0]!.last_used_at;
    await a.authenticate({ 'x-api-key': key });
    await new Promise((r) => setTimeout(r, 100)); // the touch runs in the background
    const first = await lastUsed();
    expect(first).not.toBeNull();
    for (let i = 0; i < 5; i++) await a.authenticate({ 'x-api-key': key });
    await new Promise((r) => setTimeout(r, 100));
    expect(await lastUsed()).toEqual(first);
    // Another process (no in-memory throttle) is held back by the SQL guard.
    expect(await new ApiKeyRepository(orm.em.fork()).touch(row.id)).toBe(false);
  });
});

describe('grid scope', () => {
  it('resolves the grid code to its subtree; a grid that is not current is refused', async () => {
    const { key } = await createApiKey(orm.em.fork(), { name: 'grid worker A1', role: 'grid_worker', gridCode: 'A1' });
    expect(await auth().authenticate({ 'x-api-key': key })).toMatchObject({ role: 'grid_worker', gridCode: 'A1', scope: grids.A1 });
    const { key: gone } = await createApiKey(orm.em.fork(), { name: 'grid worker of a retired grid', role: 'grid_worker', gridCode: 'NOPE' });
    expect(await refusal(auth().authenticate({ 'x-api-key': gone }))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/grid NOPE, which is not a current grid/) });
  });
});

describe('JWT', () => {
  const exp = () => Math.floor(Date.now() / 1000) + 300;

  it('maps verified claims to a principal, with grid scope', async () => {
    const token = signHs256({ sub: 'wang.wei', iss: 'idp', aud: 'gridhub', exp: exp(), role: 'grid_worker', grid: 'A2' }, SECRET);
    expect(await auth().authenticate({ authorization: `Bearer ${token}` })).toEqual({ id: 'jwt:wang.wei', kind: 'jwt', name: 'wang.wei', role: 'grid_worker', gridCode: 'A2', scope: grids.A2 });
  });

  it('refuses tokens with a wrong audience, and JWTs when none are configured', async () => {
    const token = signHs256({ sub: 's', iss: 'idp', aud: 'other', exp: exp(), role: 'steward' }, SECRET);
    expect(await refusal(auth().authenticate({ authorization: `Bearer ${token}` }))).toMatchObject({ reason: 'wrong_audience' });
    expect(await refusal(auth({ jwt: undefined }).authenticate({ authorization: `Bearer ${token}` }))).toMatchObject({ reason: 'jwt_not_configured' });
  });
});

describe('demo keys', () => {
  it('creates one working key per role (the grid worker on the first base grid by code); a second run revokes the first', async () => {
    const first = await createDemoKeys(orm.em.fork());
    expect(first.map((k) => [k.name, k.role, k.department ?? null, k.gridCode ?? null])).toEqual([
      ['demo-admin', 'admin', null, null],
      ['demo-steward', 'steward', null, null],
      ['demo-police', 'department', 'police', null],
      ['demo-health', 'department', 'health', null],
      ['demo-grid-worker', 'grid_worker', null, 'A0'],
      ['demo-dashboard', 'dashboard', null, null],
    ]);
    const a = auth();
    for (const k of first) expect(await a.authenticate({ 'x-api-key': k.key })).toMatchObject({ role: k.role, name: k.name });
    const second = await createDemoKeys(orm.em.fork());
    expect(await refusal(a.authenticate({ 'x-api-key': first[0]!.key }))).toMatchObject({ reason: 'revoked' });
    expect(await a.authenticate({ 'x-api-key': second[0]!.key })).toMatchObject({ role: 'admin' });
  });
});

describe('cost', () => {
  it('authenticating a key costs microseconds when cached and one indexed lookup when not', async () => {
    const { key } = await createApiKey(orm.em.fork(), { name: 'timed', role: 'steward' });
    const time = async (a: Authenticator, n: number) => {
      await a.authenticate({ 'x-api-key': key });
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < n; i++) await a.authenticate({ 'x-api-key': key });
      return Number(process.hrtime.bigint() - t0) / 1e3 / n;
    };
    const cached = await time(auth({ keyCacheMs: 60_000 }), 5000);
    const uncached = await time(auth({ keyCacheMs: 0 }), 500);
    process.stdout.write(`authenticate: ${cached.toFixed(1)} µs per request with the key cached, ${uncached.toFixed(0)} µs reading the key each time\n`);
    expect(cached).toBeLessThan(uncached);
  });
});
