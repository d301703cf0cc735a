/**
 * The GraphQL request pipeline over HTTP, against the real server, database and Redis: depth and
 * cost limits (400 with QUERY_TOO_DEEP / QUERY_TOO_COSTLY), introspection under the limits,
 * persisted documents by `documentId` and APQ hash (POST and GET), `only` mode, and error codes
 * (including an unexpected error hidden in production).
 */
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import { Redis } from 'ioredis';
import { Grid, GridLevel } from '../../src/db/entities';
import { GENERIC_INTERNAL_MESSAGE } from '../../src/api/errors';
import { documentIdOf, loadPersistedDocuments } from '../../src/api/persisted-documents';
import { startHttpServer, type GraphQLGuards, type RunningHttpServer } from '../../src/main/http-server';
import { createMetrics } from '../../src/main/metrics';
import { HubStatusService } from '../../src/services/hub-status.service';
import { openTestOrm } from '../support/database';
import { readTestState } from '../support/test-env';

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: Array<{ message: string; path?: string[]; extensions: Record<string, unknown> }> };
}

const DOCUMENTS = loadPersistedDocuments(join(__dirname, '../../schema/persisted-documents.json'));
const idOf = (operation: string) => [...DOCUMENTS.entries()].find(([, text]) => text.startsWith(`query ${operation}`))![0];

let orm: MikroORM;
let closeDb: () => Promise<void>;
let redis: Redis;
let status: HubStatusService;
const servers: RunningHttpServer[] = [];
let allow: RunningHttpServer;
let only: RunningHttpServer;

async function start(guards: Partial<GraphQLGuards>, production = true, statusService: HubStatusService = status, logged: string[] = []): Promise<RunningHttpServer> {
  const server = await startHttpServer(
    {
      orm,
      status: statusService,
      metrics: createMetrics(),
      version: 'test',
      production,
      auth: 'off',
      graphql: { limits: { maxDepth: 5, maxCost: 300, assumedListSize: 10 }, trustedDocuments: 'allow', documents: DOCUMENTS, ...guards },
      log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m) => logged.push(m) },
    },
    '127.0.0.1',
    0,
  );
  servers.push(server);
  return server;
}

async function post(server: RunningHttpServer, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  redis = new Redis(readTestState().redisUrl);
  status = new HubStatusService(orm, () => redis.ping());
  const em = orm.em.fork();
  const town = await em.findOneOrFail(GridLevel, { key: 'town' });
  const community = await em.findOneOrFail(GridLevel, { key: 'community' });
  const t = em.create(Grid, { code: '440106001000', name: '石牌街道', kind: 'admin', level: town, path: '/1/' });
  await em.flush();
  em.create(Grid, { code: '440106001001', name: '华师社区', kind: 'admin', level: community, parent: t, path: '/1/2/' });
  await em.flush();
  allow = await start({});
  only = await start({ trustedDocuments: 'only' });
});

afterAll(async () => {
  for (const s of servers) await s.close();
  redis.disconnect();
  await closeDb();
});

describe('limits', () => {
  it('refuses a query nested deeper than the limit with 400 QUERY_TOO_DEEP', async () => {
    const r = await post(allow, { query: 'query Deep { grids { children { children { children { children { children { code } } } } } } }' });
    expect(r.status).toBe(400);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([
      {
        message: 'Operation Deep is nested 7 levels deep; the limit is 5 (查询深度超限). Ask for fewer nested levels, or split it into several queries.',
        extensions: { code: 'QUERY_TOO_DEEP', depth: 7, maxDepth: 5 },
      },
    ]);
  });

  it('refuses a query over the cost budget with 400 QUERY_TOO_COSTLY, naming cost and limit', async () => {
    // grids 1 + 10 × (children 1 + 10 × (children 1 + 10 × code 1)) = 1111
    const r = await post(allow, { query: '{ grids { children { children { code } } } }' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^The operation has an estimated cost of 1111; the limit is 300/), extensions: { code: 'QUERY_TOO_COSTLY', cost: 1111, maxCost: 300 } });
  });

  it('runs queries within both limits', async () => {
    const r = await post(allow, { query: '{ grids { code children { code } } }' });
    expect(r).toEqual({ status: 200, body: { data: { grids: [{ code: '440106001000', children: [{ code: '440106001001' }] }] } } });
  });

  it('lets the full introspection query through (Apollo Sandbox keeps working)', async () => {
    const r = await post(allow, { query: getIntrospectionQuery() });
    expect(r.status).toBe(200);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data?.__schema.queryType.name).toBe('Query');
  });
});

describe('persisted documents', () => {
  it('runs a document by documentId, with variables', async () => {
    const r = await post(allow, { documentId: idOf('GridTree'), variables: { code: '440106001000' } });
    expect(r.status).toBe(200);
    expect(r.body.data?.grid).toMatchObject({ code: '440106001000', name: '石牌街道', level: { key: 'town' }, children: [{ code: '440106001001', name: '华师社区', children: [] }] });
  });

  it('runs a document by APQ hash and by GET', async () => {
    const hash = idOf('HubStatus').slice('sha256:'.length);
    const r = await post(allow, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(r.body.data?.hub).toMatchObject({ version: 'test', pendingMigrations: [] });
    const get = await fetch(`${only.url}?documentId=${encodeURIComponent(idOf('TopGrids'))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as Answer['body']).data?.grids).toEqual([{ code: '440106001000', name: '石牌街道', kind: 'admin', level: { key: 'town' } }]);
  });

  it('answers an unknown documentId with PERSISTED_DOCUMENT_NOT_FOUND', async () => {
    const r = await post(allow, { documentId: documentIdOf('query Unknown { __typename }') });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]).toMatchObject({ message: expect.stringMatching(/^No persisted document has the id sha256:/), extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' } });
  });

  it('in `only` mode refuses a free-form query (POST and GET) but runs registered documents', async () => {
    const r = await post(only, { query: '{ __typename }' });
    expect(r.status).toBe(400);
    expect(r.body.errors![0]!.extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const get = await fetch(`${only.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(400);
    expect(((await get.json()) as Answer['body']).errors![0]!.extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const batch = await fetch(only.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ documentId: idOf('HubStatus') }, { query: '{ __typename }' }]) });
    expect(batch.status).toBe(400);
    expect(((await batch.json()) as Answer['body']).errors![0]!.extensions.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    const ok = await post(only, { documentId: idOf('HubStatus') });
    expect(ok.body.data?.hub.version).toBe('test');
    // Apollo's APQ registration is off: an unknown hash with its query is still refused.
    const apq = await post(only, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: documentIdOf('{ __typename }').slice(7) } } });
    expect(apq.body.errors![0]!.extensions.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  it('in `allow` mode Apollo APQ still registers unknown hashes', async () => {
    const q = '{ gridLevels { key } }';
    const hash = documentIdOf(q).slice(7);
    const miss = await post(allow, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
    expect(miss.body.errors![0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post(allow, { query: q, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body.errors).toBeUndefined();
    expect((await post(allow, { extensions: { persistedQuery: { version: 1, sha256Hash: hash } } })).body.data?.gridLevels.length).toBeGreaterThan(0);
  });
});

describe('error codes', () => {
  it('parse, validation and variable errors carry codes', async () => {
    expect((await post(allow, { query: '{ grids { ' })).body.errors![0]!.extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect((await post(allow, { query: '{ nosuch }' })).body.errors![0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const missingVar = await post(allow, { query: 'query($code: String!) { grid(code: $code) { code } }' });
    expect(missingVar.body.errors![0]!.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('an unexpected error is INTERNAL_SERVER_ERROR with a generic message in production, logged in full', async () => {
    const logged: string[] = [];
    const broken = Object.assign(Object.create(HubStatusService.prototype) as HubStatusService, {
      checks: async () => {
        throw new Error('password=hunter2 leaked from a driver');
      },
      pendingMigrations: async () => [],
    });
    const prod = await start({}, true, broken, logged);
    const r = await post(prod, { query: '{ hub { version } }' });
    expect(r.status).toBe(200);
    expect(r.body.errors).toEqual([{ message: GENERIC_INTERNAL_MESSAGE, locations: [{ line: 1, column: 3 }], path: ['hub'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(JSON.stringify(r.body)).not.toMatch(/hunter2/);
    expect(logged.join('\n')).toMatch(/GraphQL error at hub: Error: password=hunter2 leaked/);
    const dev = await start({}, false, broken, []);
    const d = await post(dev, { query: '{ hub { version } }' });
    expect(d.body.errors![0]).toMatchObject({ message: 'password=hunter2 leaked from a driver', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
