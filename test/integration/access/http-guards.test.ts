/**
 * The HTTP-side access pieces on a small Express app, with the real database and Redis:
 * authentication of /graphql (401 with a coded GraphQL-shaped error; health stays open) and the
 * per-client rate limit (a burst over the limit is refused with 429 + Retry-After while another
 * client is still served).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApiKey } from '../../../src/access/api-key';
import { Authenticator } from '../../../src/access/authenticate';
import { createAuthMiddleware, principalFor } from '../../../src/main/auth-middleware';
import { createRateLimitMiddleware, RateLimiter } from '../../../src/main/rate-limit-middleware';
import { openTestOrm, randomQueuePrefix } from '../../support/database';
import { readTestState } from '../../support/test-env';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let redis: Redis;
const prefix = `${randomQueuePrefix()}:ratelimit`;
const servers: http.Server[] = [];

async function serve(mode: 'required' | 'off', limit: number): Promise<string> {
  const app = express();
  app.set('trust proxy', false);
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  const errors: string[] = [];
  app.use(
    '/graphql',
    createAuthMiddleware({ mode, authenticator: new Authenticator({ em: () => orm.em.fork() }) }),
    createRateLimitMiddleware({ limiter: new RateLimiter(redis, `${prefix}:${servers.length}`, { limit, periodMs: 60_000 }), onError: (m) => errors.push(m) }),
    (req, res) => void res.json({ data: { viewer: principalFor(req).name } }),
  );
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{"query":"{ viewer }"}' });

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  redis = new Redis(readTestState().redisUrl);
});

afterAll(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await closeDb();
});

describe('authentication', () => {
  it('answers 401 with UNAUTHENTICATED and the reason; health stays open; a key gets through', async () => {
    const url = await serve('required', 1000);
    const res = await post(url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="gridhub"/);
    expect(await res.json()).toEqual({ errors: [{ message: expect.stringMatching(/^No credentials/), extensions: { code: 'UNAUTHENTICATED', reason: 'missing_credentials' } }] });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // A browser's landing-page GET passes (Apollo answers it with HTML, no data); a JSON GET does not.
    const page = await fetch(`${url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.status).toBe(500); // principalFor() refuses in the handler: no principal was attached
    expect((await fetch(`${url}/graphql?query=%7Bviewer%7D`, { headers: { accept: 'application/json' } })).status).toBe(401);

    const { key } = await createApiKey(orm.em.fork(), { name: 'dashboard screen', role: 'dashboard' });
    const ok = await post(url, { authorization: `Bearer ${key}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { viewer: 'dashboard screen' } });
  });

  it('with GRIDHUB_AUTH=off every request acts as the development admin', async () => {
    const url = await serve('off', 1000);
    expect(await (await post(url)).json()).toEqual({ data: { viewer: 'anonymous (GRIDHUB_AUTH=off)' } });
  });
});

describe('rate limit', () => {
  it('refuses a burst over the limit with 429, RATE_LIMITED and Retry-After, while another client is still served', async () => {
    const url = await serve('required', 10);
    const a = (await createApiKey(orm.em.fork(), { name: 'greedy client', role: 'steward' })).key;
    const b = (await createApiKey(orm.em.fork(), { name: 'quiet client', role: 'steward' })).key;
    const burst = await Promise.all(Array.from({ length: 25 }, () => post(url, { 'x-api-key': a })));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const refused = burst.find((r) => r.status === 429)!;
    const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string; retryAfterMs: number } }> };
    expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    // One request is refilled every 60 s / 10 = 6 s.
    expect(body.errors[0]!.extensions.retryAfterMs).toBeGreaterThan(0);
    expect(body.errors[0]!.extensions.retryAfterMs).toBeLessThanOrEqual(6000);
    expect(body.errors[0]!.message).toMatch(/^Rate limit exceeded: at most 10 requests per 60 s for this client \(apikey:\d+\)/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(6);

    const other = await post(url, { 'x-api-key': b });
    expect(other.status).toBe(200);
    expect(other.headers.get('ratelimit-remaining')).toBe('9');
    expect((await post(url, { 'x-api-key': a })).status).toBe(429);
  });

  it('counts unauthenticated (auth off) clients by IP', async () => {
    const url = await serve('off', 3);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(url)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('serves requests when Redis is unavailable (fail open) and reports it', async () => {
    const broken = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: 0, lazyConnect: true, retryStrategy: () => null });
    const errors: string[] = [];
    const app = express();
    app.use(createRateLimitMiddleware({ limiter: new RateLimiter(broken, prefix, { limit: 1, periodMs: 1000 }), clientOf: () => 'x', onError: (m) => errors.push(m) }), (_req, res) => void res.json({ ok: true }));
    const server = http.createServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(url)).status).toBe(200);
    expect(errors[0]).toMatch(/rate limiter unavailable, request served without a limit/);
    broken.disconnect();
  });
});
