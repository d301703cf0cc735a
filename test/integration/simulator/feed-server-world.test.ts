/**
 * The feed servers over the real synthetic district (createWorld, size S): coverage, noise rates
 * near their defaults, determinism, and incremental reads after the clock advances matching the
 * world's own updatedTick.
 */
import { createWorld } from '../../../src/simulator/world/create-world';
import type { World } from '../../../src/simulator/world/world-types';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { STREAMS } from '../../../src/simulator/feeds/feed-catalog';
import { DEFAULT_NOISE, FEED_NAMES, type FeedName } from '../../../src/simulator/feeds/feed-config';
import { personTick } from '../../../src/simulator/feeds/person-view';
import { authHeaders, keysOf, walk } from './feed-client';

const ALL: Array<[FeedName, string]> = FEED_NAMES.flatMap((f) => STREAMS[f].map((s): [FeedName, string] => [f, s]));

describe('feed server over the real world (size S)', () => {
  let world: World;
  let server: FeedServer;

  beforeAll(async () => {
    world = createWorld({ size: 'S', seed: 1 });
    server = await startFeedServer({ world });
  });
  afterAll(async () => server.close());

  it.each(ALL)('%s/%s: pagination covers the truth exactly once', async (feed, stream) => {
    const { rows } = await walk(server, feed, stream, 1000);
    const keys = keysOf(feed, stream, rows);
    expect(new Set(keys).size).toBe(keys.length);
    const truth = server.truth().filter((t) => t.feed === feed && t.stream === stream).map((t) => t.recordKey);
    expect([...keys].sort()).toEqual([...truth].sort());
  });

  it('each department sees its own subset of the world', () => {
    const persons = new Set<string>();
    const orgs = new Set<string>();
    for (let i = 0; i < world.communityCount; i++) {
      const c = world.chunk(i, 0);
      for (const p of c.persons) persons.add(p.id);
      for (const o of c.organisations) orgs.add(o.id);
    }
    const truth = server.truth();
    const ids = (feed: string, stream: string): Set<string> => new Set(truth.filter((t) => t.feed === feed && t.stream === stream).map((t) => t.trueEntityId));
    expect(ids('police', 'rk')).toEqual(persons);
    const health = ids('health', 'jmjkda');
    expect(health.size / persons.size).toBeGreaterThan(0.7);
    expect(health.size / persons.size).toBeLessThan(0.8);
    expect(ids('safety', 'enterprises')).toEqual(orgs);
    expect(truth.some((t) => t.feed === 'safety' && t.entityType === 'person')).toBe(false);
  });

  it('noise and invalid records near the default rates', () => {
    const s = server.stats();
    const rk = s.feeds.police.rk;
    expect(rk.invalid / rk.records).toBeGreaterThan(DEFAULT_NOISE.police.invalid * 0.5);
    expect(rk.invalid / rk.records).toBeLessThan(DEFAULT_NOISE.police.invalid * 1.8);
    expect(rk.noise.duplicate / rk.records).toBeGreaterThan(0.002);
    expect(rk.noise.duplicate / rk.records).toBeLessThan(0.01);
    expect(rk.noise.legacy_id15).toBeGreaterThan(0);
    // Safety serves some organisations twice: stats count them, the truth has two keys per such organisation.
    const ent = s.feeds.safety.enterprises;
    expect(ent.noise.duplicate).toBeGreaterThan(0);
    expect(ent.noise.duplicate / ent.records).toBeLessThan(0.05);
    const entTruth = server.truth().filter((t) => t.feed === 'safety' && t.stream === 'enterprises');
    expect(entTruth.length - new Set(entTruth.map((t) => t.trueEntityId)).size).toBe(ent.noise.duplicate);
    const jm = s.feeds.health.jmjkda;
    expect(jm.noise.missing_id / jm.records).toBeGreaterThan(0.025);
    expect(jm.noise.missing_id / jm.records).toBeLessThan(0.055);
    expect(jm.noise.traditional / jm.records).toBeGreaterThan(0.03);
    expect(jm.noise.traditional / jm.records).toBeLessThan(0.1);
    expect(jm.noise.homophone / jm.records).toBeLessThan(0.03);
    expect(s.totals.invalid / s.totals.records).toBeGreaterThan(0.005);
    expect(s.totals.invalid / s.totals.records).toBeLessThan(0.02);
  });

  it('a second server with the same seed serves identical pages', async () => {
    const other = await startFeedServer({ world: createWorld({ size: 'S', seed: 1 }) });
    try {
      for (const [feed, stream] of [['police', 'rk'], ['health', 'jmjkda'], ['safety', 'enterprises']] as Array<[FeedName, string]>) {
        const q = feed === 'police' ? 'page=3&pageSize=500' : feed === 'health' ? 'limit=500' : 'offset=1000&limit=500';
        const a = await (await fetch(`${server.url}/${feed}/${stream}?${q}`, { headers: await authHeaders(server, feed) })).text();
        const b = await (await fetch(`${other.url}/${feed}/${stream}?${q}`, { headers: await authHeaders(other, feed) })).text();
        expect(b).toBe(a);
      }
    } finally {
      await other.close();
    }
  });

  it('after advancing the clock, since-requests return exactly the records of the new tick', async () => {
    const res = await fetch(`${server.url}/admin/clock`, { method: 'POST', body: '{"advance":1}' });
    expect(((await res.json()) as { tick: number }).tick).toBe(1);
    const changed = new Set<string>();
    for (let i = 0; i < world.communityCount; i++) for (const p of world.chunk(i, 1).persons) if (personTick(p) === 1) changed.add(p.id);
    expect(changed.size).toBeGreaterThan(0);
    // Tick 1 starts at 2026-01-02T00:00Z = 08:00 China time.
    const since = { police: '20260102080000', health: '2026-01-02T00:00:00Z', safety: '2026-01-02T08:00:00+08:00', 'grid-center': '2026-01-02 08:00:00' } as const;
    const truth = server.truth();
    for (const [feed, stream] of ALL) {
      const { rows } = await walk(server, feed, stream, 200, since[feed]);
      const expected = truth.filter((t) => t.feed === feed && t.stream === stream && t.updatedTick === 1).map((t) => t.recordKey);
      expect(keysOf(feed, stream, rows).sort()).toEqual(expected.sort());
    }
    const rk = await walk(server, 'police', 'rk', 200, since.police);
    const entity = new Map(truth.map((t) => [`${t.stream}/${t.recordKey}`, t.trueEntityId]));
    expect(new Set(keysOf('police', 'rk', rk.rows).map((k) => entity.get(`rk/${k}`)))).toEqual(changed);
  });

  it('movers keep their tick-0 residence in health, police follows the move', async () => {
    server.setTick(30);
    const moved = new Map<string, [string, string]>();
    const res0 = new Map<string, string>();
    for (let i = 0; i < world.communityCount; i++) {
      for (const p of world.chunk(i, 0).persons) res0.set(p.id, p.addresses.find((a) => a.role === 'residence')?.text ?? '');
    }
    for (let i = 0; i < world.communityCount; i++) {
      for (const p of world.chunk(i, 30).persons) {
        const now = p.addresses.find((a) => a.role === 'residence')?.text ?? '';
        const then = res0.get(p.id);
        if (then !== undefined && then !== now && p.status === 'active') moved.set(p.id, [then, now]);
      }
    }
    expect(moved.size).toBeGreaterThan(0);
    expect(server.stats().feeds.health.jmjkda.noise.stale_address).toBeGreaterThan(0);
    const truth = server.truth();
    const jm = (await walk(server, 'health', 'jmjkda', 1000)).rows;
    const rk = (await walk(server, 'police', 'rk', 1000)).rows;
    const healthKey = new Map(truth.filter((t) => t.stream === 'jmjkda').map((t) => [t.trueEntityId, t.recordKey]));
    const policeKey = new Map(truth.filter((t) => t.stream === 'rk').map((t) => [t.trueEntityId, t.recordKey]));
    let checked = 0;
    for (const [id, [then, now]] of moved) {
      const h = jm.find((r) => r.档案编号 === healthKey.get(id));
      const p = rk.find((r) => r.RYBH === policeKey.get(id));
      // Noise may rewrite the text; the room number at the end survives most variants.
      if (h !== undefined && /\d+室$/.test(then) && String(h.现住址).endsWith(then.slice(-5))) checked++;
      if (p !== undefined && /\d+室$/.test(now) && String(p.XZZXZ).endsWith('室')) expect(String(p.XZZXZ).slice(-5)).toBe(now.slice(-5));
    }
    expect(checked).toBeGreaterThan(0);
  });
});
