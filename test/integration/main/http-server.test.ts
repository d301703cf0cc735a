/**
 * The HTTP face against a real database and Redis: GraphQL answers, /healthz, /readyz (and its 503
 * when a store is down), /metrics, the Sandbox landing page, and grid queries over the real schema.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { Grid, GridLevel } from '../../../src/db/entities';
import { startHttpServer, type RunningHttpServer } from '../../../src/main/http-server';
import { createMetrics } from '../../../src/main/metrics';
import { HubStatusService } from '../../../src/services/hub-status.service';
import { openTestOrm } from '../../support/database';
import { readTestState } from '../../support/test-env';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let server: RunningHttpServer;
let redis: Redis;
let base: string;

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as { data?: Record<string, any>; errors?: Array<{ message: string }> } };
}

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  redis = new Redis(readTestState().redisUrl);
  server = await startHttpServer(
    { orm, status: new HubStatusService(orm, () => redis.ping()), metrics: createMetrics(), version: 'test', production: false, auth: 'off' },
    '127.0.0.1',
    0,
  );
  base = server.url.replace(/\/graphql$/, '');
  const em = orm.em.fork();
  const town = await em.findOneOrFail(GridLevel, { key: 'town' });
  const community = await em.findOneOrFail(GridLevel, { key: 'community' });
  const t = em.create(Grid, { code: '440106001000', name: '石牌街道', kind: 'admin', level: town, path: '/1/' });
  await em.flush();
  em.create(Grid, { code: '440106001001', name: '华师社区', kind: 'admin', level: community, parent: t, path: '/1/2/' });
  em.create(Grid, { code: '440106001201', name: '石牌村', kind: 'admin', level: community, parent: t, path: '/1/3/' });
  await em.flush();
});

afterAll(async () => {
  await server.close();
  redis.disconnect();
  await closeDb();
});

it('answers { __typename } over HTTP', async () => {
  expect(await gql('{ __typename }')).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
});

it('navigates the grid tree', async () => {
  const { body } = await gql(`query($code: String!) { grid(code: $code) { id code name kind level { key name rank } children { code name } } }`, { code: '440106001000' });
  expect(body.errors).toBeUndefined();
  expect(body.data?.grid).toMatchObject({ code: '440106001000', name: '石牌街道', kind: 'admin', level: { key: 'town', rank: 2 } });
  expect(body.data?.grid.children.map((c: { code: string }) => c.code)).toEqual(['440106001001', '440106001201']);
  expect(typeof body.data?.grid.id).toBe('string');
  const missing = await gql('{ grid(code: "nope") { code } }');
  expect(missing.body.data?.grid).toBeNull();
  const top = await gql('{ grids { code } }');
  expect(top.body.data?.grids).toEqual([{ code: '440106001000' }]);
});

it('rejects an invalid query with a GraphQL validation error and code', async () => {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ nosuchfield }' }) });
  expect(res.status).toBe(400);
  const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
  expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('reports the hub status with both stores reachable and no pending migrations', async () => {
  const { body } = await gql('{ hub { version pendingMigrations checks { name ok } } }');
  expect(body.data?.hub).toEqual({ version: 'test', pendingMigrations: [], checks: [{ name: 'postgresql', ok: true }, { name: 'redis', ok: true }] });
});

it('serves /healthz, /readyz and /metrics', async () => {
  const health = await fetch(`${base}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const ready = await fetch(`${base}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({ status: 'ready' });
  const metrics = await (await fetch(`${base}/metrics`)).text();
  expect(metrics).toMatch(/gridhub_graphql_operations_total\{.*operation="anonymous".*\} \d+/);
  expect(metrics).toMatch(/gridhub_http_request_duration_seconds_bucket/);
  expect(metrics).toMatch(/gridhub_process_cpu_user_seconds_total/);
});

it('serves the Apollo Sandbox landing page to browsers outside production', async () => {
  const res = await fetch(server.url, { headers: { accept: 'text/html' } });
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/sandbox/i);
});

it('answers 404 with directions for unknown paths', async () => {
  const res = await fetch(`${base}/nope`);
  expect(res.status).toBe(404);
  expect(await res.json()).toMatchObject({ error: 'NOT_FOUND' });
});

it('reports not ready (503) when Redis is unreachable, and says which store failed', async () => {
  const dead = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  dead.on('error', () => undefined);
  const other = await startHttpServer(
    { orm, status: new HubStatusService(orm, () => dead.ping()), metrics: createMetrics(), version: 'test', production: true, auth: 'off' },
    '127.0.0.1',
    0,
  );
  try {
    const res = await fetch(other.url.replace(/\/graphql$/, '/readyz'));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { checks: Array<{ name: string; ok: boolean; error?: string }> };
    expect(body.checks.find((c) => c.name === 'redis')).toMatchObject({ ok: false });
    expect(body.checks.find((c) => c.name === 'postgresql')).toMatchObject({ ok: true });
    expect((await fetch(`${other.url.replace(/\/graphql$/, '')}/healthz`)).status).toBe(200);
  } finally {
    await other.close();
    dead.disconnect();
  }
});

it('refuses a body over the 1 MB limit and a body that is not JSON with coded GraphQL errors', async () => {
  const big = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(1_100_000) }) });
  expect(big.status).toBe(413);
  expect(((await big.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  const bad = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_REQUEST');
});
