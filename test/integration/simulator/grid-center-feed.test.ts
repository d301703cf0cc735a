/**
 * The grid management centre's feed (/grid): its own auth and error shape, WFS-style GeoJSON
 * feature collections, every world grid with its ring, parent and (police beats) members, every
 * city part as a Point with its owner's USCC; byte-identical across servers with the same seed.
 */
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { walk } from './feed-client';

const world = createWorld({ size: 'S', seed: 5 });
let server: FeedServer;

beforeAll(async () => {
  server = await startFeedServer({ world, port: 0 });
}, 60000);

afterAll(async () => {
  await server.close();
});

it('authenticates with X-Grid-Token and answers errors in its own shape', async () => {
  const denied = await fetch(`${server.url}/grid-center/grids`, { headers: { 'X-Api-Key': server.keys.policeApiKey } });
  expect(denied.status).toBe(401);
  expect(await denied.json()).toEqual({ success: false, errCode: 'AUTH_FAILED', errMsg: expect.stringContaining('X-Grid-Token') });
  const bad = await fetch(`${server.url}/grid-center/grids?startIndex=-1`, { headers: { 'X-Grid-Token': server.keys.gridToken } });
  expect(bad.status).toBe(400);
  expect(((await bad.json()) as { errCode: string }).errCode).toBe('BAD_PARAM');
});

it('serves feature collections with WFS-style totals', async () => {
  const res = await fetch(`${server.url}/grid-center/grids?startIndex=3&count=5`, { headers: { 'X-Grid-Token': server.keys.gridToken } });
  const body = (await res.json()) as { type: string; totalFeatures: number; numberMatched: number; numberReturned: number; startIndex: number; features: unknown[] };
  expect(body).toMatchObject({ type: 'FeatureCollection', totalFeatures: world.grids.length, numberMatched: world.grids.length, numberReturned: 5, startIndex: 3 });
  expect(body.features).toHaveLength(5);
});

it('grids: every world grid once, with its ring, parent, level and a beat\'s members', async () => {
  const { rows } = await walk(server, 'grid-center', 'grids', 7);
  expect(rows).toHaveLength(world.grids.length);
  const byCode = new Map(rows.map((r) => [r.id as string, r as { geometry: { type: string; coordinates: number[][][] }; properties: Record<string, unknown> }]));
  for (const g of world.grids) {
    const f = byCode.get(g.code)!;
    expect(f.geometry).toEqual({ type: 'Polygon', coordinates: [g.polygon] });
    expect(f.properties.WGBM).toBe(g.code);
    expect(f.properties.SJWGBM).toBe(g.parentCode ?? '');
    expect(f.properties.ZWGBM).toEqual(g.memberCodes ?? []);
    expect(f.properties.ZGBM).toBe(g.kind === 'business' ? 'GA' : 'WGZX');
    expect(f.properties.GXSJ).toMatch(/^2026-01-0[12] \d{2}:\d{2}:\d{2}$/);
  }
});

it('parts: every city part as a Point, owners by USCC', async () => {
  const { rows } = await walk(server, 'grid-center', 'parts', 500);
  const things = Array.from({ length: world.communityCount }, (_, c) => world.chunk(c, 0)).flatMap((ch) => ch.things.map((t) => ({ t, orgs: ch.organisations })));
  expect(rows).toHaveLength(things.length);
  const byCode = new Map(rows.map((r) => [r.id as string, r as { geometry: { coordinates: number[] }; properties: Record<string, unknown> }]));
  for (const { t, orgs } of things) {
    const f = byCode.get(t.code)!;
    expect(f.geometry.coordinates).toEqual([t.lng, t.lat]);
    expect(f.properties.BJBM).toMatch(/^\d{16}$/);
    expect(f.properties.ZRDWXYDM).toBe(t.ownerOrgId === undefined ? '' : orgs.find((o) => o.id === t.ownerOrgId)!.uscc);
  }
});

it('is deterministic per seed', async () => {
  const other = await startFeedServer({ world: createWorld({ size: 'S', seed: 5 }), port: 0 });
  try {
    const a = await walk(server, 'grid-center', 'parts', 100);
    const b = await walk(other, 'grid-center', 'parts', 100);
    expect(b.pages).toEqual(a.pages);
  } finally {
    await other.close();
  }
});
