/**
 * The department feed servers against the hand-written fixture world: auth, pagination coverage,
 * determinism, ground truth, incremental reads after the clock moves, field formats.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { STREAMS } from '../../../src/simulator/feeds/feed-catalog';
import { FEED_NAMES, type FeedName } from '../../../src/simulator/feeds/feed-config';
import { isValidCitizenId } from '../../../src/domain/citizen-id';
import { createFixtureWorld } from '../../support/simulator-fixture-world';
import { authHeaders, healthToken, keysOf, walk, type Row } from './feed-client';

const ALL: Array<[FeedName, string]> = FEED_NAMES.flatMap((f) => STREAMS[f].map((s): [FeedName, string] => [f, s]));

describe('feed server (fixture world)', () => {
  let server: FeedServer;
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-feeds-'));
  const truthCsv = join(dir, 'truth.csv');

  beforeAll(async () => {
    server = await startFeedServer({
      world: createFixtureWorld({ communities: 3, personsPerCommunity: 40 }),
      port: 0,
      truthFile: truthCsv,
      keys: { healthTokenTtlMs: 1000 },
      // Higher rates so the small fixture shows every kind of noise.
      noise: { police: { invalid: 0.1, duplicate: 0.05 }, health: { invalid: 0.1, traditional: 0.3 }, safety: { invalid: 0.1 } },
    });
  });
  afterAll(async () => server.close());

  describe('auth', () => {
    it('police: X-Api-Key', async () => {
      expect((await fetch(`${server.url}/police/rk`, { headers: { 'X-Api-Key': server.keys.policeApiKey } })).status).toBe(200);
      expect((await fetch(`${server.url}/police/rk`, { headers: { 'X-Api-Key': 'wrong' } })).status).toBe(401);
      expect((await fetch(`${server.url}/police/rk`)).status).toBe(401);
    });

    it('safety: Authorization: ApiKey', async () => {
      expect((await fetch(`${server.url}/safety/enterprises`, { headers: { Authorization: `ApiKey ${server.keys.safetyApiKey}` } })).status).toBe(200);
      expect((await fetch(`${server.url}/safety/enterprises`, { headers: { Authorization: 'ApiKey nope' } })).status).toBe(401);
      expect((await fetch(`${server.url}/safety/enterprises`, { headers: { Authorization: `Bearer ${server.keys.safetyApiKey}` } })).status).toBe(401);
      expect((await fetch(`${server.url}/safety/enterprises`)).status).toBe(401);
    });

    it('health: OAuth2 client credentials (form, JSON, Basic), bearer required, tokens expire', async () => {
      expect((await fetch(`${server.url}/health/jmjkda`)).status).toBe(401);
      expect((await fetch(`${server.url}/health/jmjkda`, { headers: { Authorization: 'Bearer made-up' } })).status).toBe(401);
      const bad = await fetch(`${server.url}/health/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: server.keys.healthClientId, client_secret: 'wrong' }),
      });
      expect(bad.status).toBe(401);
      const json = await fetch(`${server.url}/health/oauth/token`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ grant_type: 'client_credentials', client_id: server.keys.healthClientId, client_secret: server.keys.healthClientSecret }),
      });
      const tok = (await json.json()) as { access_token: string; token_type: string; expires_in: number };
      expect(tok.token_type).toBe('Bearer');
      expect(tok.expires_in).toBe(1);
      const basic = await fetch(`${server.url}/health/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${server.keys.healthClientId}:${server.keys.healthClientSecret}`).toString('base64')}` },
        body: 'grant_type=client_credentials',
      });
      expect(basic.status).toBe(200);
      const token = await healthToken(server);
      expect((await fetch(`${server.url}/health/jmjkda`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1100));
      const expired = await fetch(`${server.url}/health/jmjkda`, { headers: { Authorization: `Bearer ${token}` } });
      expect(expired.status).toBe(401);
      expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    });

    it('admin needs no key and rejects unknown paths', async () => {
      expect((await fetch(`${server.url}/admin/clock`)).status).toBe(200);
      expect((await fetch(`${server.url}/nowhere`)).status).toBe(404);
      expect((await fetch(`${server.url}/police/nope`, { headers: { 'X-Api-Key': server.keys.policeApiKey } })).status).toBe(404);
    });
  });

  describe('pagination', () => {
    it.each(ALL)('%s/%s: every record exactly once, matching the truth', async (feed, stream) => {
      const { rows } = await walk(server, feed, stream, 7);
      const keys = keysOf(feed, stream, rows);
      expect(new Set(keys).size).toBe(keys.length);
      const truthKeys = server.truth().filter((t) => t.feed === feed && t.stream === stream).map((t) => t.recordKey);
      expect([...keys].sort()).toEqual([...truthKeys].sort());
      expect(keys.length).toBeGreaterThan(0);
    });

    it('police caps pageSize at 1000 and answers the documented envelope', async () => {
      const res = await fetch(`${server.url}/police/rk?page=1&pageSize=5000`, { headers: await authHeaders(server, 'police') });
      const body = (await res.json()) as { total: number; page: number; pageSize: number; rows: Row[] };
      expect(Object.keys(body).sort()).toEqual(['page', 'pageSize', 'rows', 'total']);
      expect(body.pageSize).toBe(1000);
      expect(body.rows.length).toBe(body.total);
    });

    it('bad parameters answer 400 in the department style', async () => {
      expect((await fetch(`${server.url}/police/rk?page=x`, { headers: await authHeaders(server, 'police') })).status).toBe(400);
      expect((await fetch(`${server.url}/health/jmjkda?cursor=garbage`, { headers: await authHeaders(server, 'health') })).status).toBe(400);
      expect((await fetch(`${server.url}/safety/hazards?updatedSince=yesterday`, { headers: await authHeaders(server, 'safety') })).status).toBe(400);
    });
  });

  it('two servers with the same seed serve identical pages', async () => {
    const other = await startFeedServer({
      world: createFixtureWorld({ communities: 3, personsPerCommunity: 40 }),
      noise: { police: { invalid: 0.1, duplicate: 0.05 }, health: { invalid: 0.1, traditional: 0.3 }, safety: { invalid: 0.1 } },
    });
    try {
      for (const [feed, stream] of ALL) {
        const a = await walk(server, feed, stream, 11);
        const b = await walk(other, feed, stream, 11);
        const strip = (pages: string[]): string[] => pages.map((p) => p.replace(/"next_cursor":"[^"]*"/, ''));
        expect(strip(b.pages)).toEqual(strip(a.pages));
      }
      const differentSeed = await startFeedServer({ world: createFixtureWorld({ communities: 3, personsPerCommunity: 40 }), seed: 99 });
      try {
        const a = await walk(server, 'police', 'rk', 500);
        const c = await walk(differentSeed, 'police', 'rk', 500);
        expect(keysOf('police', 'rk', c.rows)).not.toEqual(keysOf('police', 'rk', a.rows));
      } finally {
        await differentSeed.close();
      }
    } finally {
      await other.close();
    }
  });

  it('the truth covers every served record (and only those), invalid ones flagged; file and endpoint agree', async () => {
    const truth = server.truth();
    const invalid = truth.filter((t) => t.invalid);
    expect(invalid.length).toBeGreaterThan(0);
    for (const t of invalid) expect(t.invalidReason).toMatch(/^(bad_check_char|impossible_date|wrong_type|missing_required):/);
    expect(truth.filter((t) => !t.invalid).every((t) => t.invalidReason === '')).toBe(true);
    // Every served record key is in the truth, every truth key is served (checked per stream in pagination);
    // here: the endpoint streams the same set as server.truth(), and the CSV file too.
    const res = await fetch(`${server.url}/admin/truth?format=jsonl`);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { feed: string; stream: string; recordKey: string; invalid: boolean });
    expect(lines.map((l) => `${l.feed}/${l.stream}/${l.recordKey}`).sort()).toEqual(truth.map((t) => `${t.feed}/${t.stream}/${t.recordKey}`).sort());
    const csvEndpoint = (await (await fetch(`${server.url}/admin/truth?format=csv`)).text()).trim().split('\n');
    expect(csvEndpoint.length).toBe(truth.length + 1);
    const csv = readFileSync(truthCsv, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('feed,stream,recordKey,entityType,trueEntityId,invalid,invalidReason,updatedTick');
    const fileKeys = new Set(csv.slice(1).map((l) => l.split(',').slice(0, 3).join('/')));
    for (const t of truth) expect(fileKeys.has(`${t.feed}/${t.stream}/${t.recordKey}`)).toBe(true);
    // Police duplicates: two record keys, one truth entity.
    const rk = truth.filter((t) => t.stream === 'rk');
    expect(new Set(rk.map((t) => t.trueEntityId)).size).toBeLessThan(rk.length);
    // Record keys are the department's own ids, never truth ids.
    for (const t of truth) expect(t.recordKey).not.toBe(t.trueEntityId);
    // Invalid records really are invalid as served.
    const { rows } = await walk(server, 'police', 'rk', 1000);
    const byKey = new Map(rows.map((r) => [String(r.RYBH), r]));
    for (const t of rk.filter((x) => x.invalidReason.startsWith('bad_check_char'))) {
      expect(isValidCitizenId(String(byKey.get(t.recordKey)?.GMSFHM))).toBe(false);
    }
    for (const t of rk.filter((x) => x.invalidReason.startsWith('wrong_type'))) expect(typeof byKey.get(t.recordKey)?.GMSFHM).toBe('number');
    for (const t of rk.filter((x) => x.invalidReason.startsWith('missing_required'))) {
      const field = t.invalidReason.split(':')[1];
      expect(byKey.get(t.recordKey)).not.toHaveProperty(field);
    }
  });

  it('field names and formats', async () => {
    const rk = (await walk(server, 'police', 'rk', 1000)).rows;
    for (const k of ['RYBH', 'GMSFHM', 'CSRQ', 'MZ', 'HJDZXZ', 'XZZXZ', 'LXDH', 'RYLB', 'HH', 'YHZGX', 'GXSJ']) expect(rk[0]).toHaveProperty(k);
    expect(rk.every((r) => r.XB === undefined || r.XB === '1' || r.XB === '2')).toBe(true);
    expect(rk.filter((r) => typeof r.GXSJ === 'string').every((r) => /^\d{14}$/.test(r.GXSJ as string))).toBe(true);
    expect(rk.some((r) => r.MZ === '01') && rk.some((r) => r.MZ === '03')).toBe(true);
    expect(rk.filter((r) => typeof r.CSRQ === 'string').every((r) => /^\d{8}$/.test(r.CSRQ as string))).toBe(true);
    expect(new Set(rk.map((r) => r.RYLB))).toEqual(new Set(['1', '2', '3']));
    const bzdz = (await walk(server, 'police', 'bzdz', 1000)).rows;
    for (const k of ['DZBM', 'DZQC', 'DZJB', 'SJDZBM', 'X', 'Y', 'JWWGBM']) expect(bzdz[0]).toHaveProperty(k);
    expect(bzdz.every((r) => typeof r.JWWGBM === 'string' && (r.JWWGBM as string).startsWith('JW'))).toBe(true);
    const fw = (await walk(server, 'police', 'fw', 1000)).rows;
    expect(fw.some((r) => r.SFCZ === '1' && typeof r.FZXM === 'string' && (r.FZXM as string).length > 0 && r.CZRS === 1)).toBe(true);
    const jq = (await walk(server, 'police', 'jq', 1000)).rows;
    expect(jq.filter((r) => typeof r.BJSJ === 'string').every((r) => /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(r.BJSJ as string))).toBe(true);
    expect(jq.some((r) => Array.isArray(r.SJRYSFZH) && (r.SJRYSFZH as unknown[]).length === 2)).toBe(true);

    const jm = (await walk(server, 'health', 'jmjkda', 1000)).rows;
    for (const k of ['档案编号', '身份证号', '出生日期', '现住址', '联系电话', '建档日期', '更新时间']) expect(jm[0]).toHaveProperty(k);
    expect(jm.filter((r) => typeof r.出生日期 === 'string').every((r) => /^\d{4}年\d{1,2}月\d{1,2}日$/.test(r.出生日期 as string))).toBe(true);
    expect(jm.every((r) => r.性别 === undefined || r.性别 === '男' || r.性别 === '女')).toBe(true);
    expect(jm.every((r) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(r.更新时间 as string))).toBe(true);
    const persons = server.truth().filter((t) => t.stream === 'rk');
    const personIds = new Set(persons.map((t) => t.trueEntityId));
    expect(jm.length / personIds.size).toBeGreaterThan(0.6);
    expect(jm.length / personIds.size).toBeLessThan(0.9);
    const yz = (await walk(server, 'health', 'yzjsza', 1000)).rows;
    expect(yz.every((r) => r.风险等级 === undefined || (typeof r.风险等级 === 'number' && r.风险等级 >= 0 && r.风险等级 <= 5))).toBe(true);
    const ga = (await walk(server, 'health', 'gazdx', 1000)).rows;
    expect(ga.some((r) => String(r.关爱类别).includes('65岁及以上老年人'))).toBe(true);

    const ent = (await walk(server, 'safety', 'enterprises', 1000)).rows;
    for (const k of ['entId', 'entName', 'creditCode', 'legalPerson', 'legalPersonIdNo', 'regAddr', 'entType', 'industry', 'estDate', 'status', 'updatedAt']) expect(ent[0]).toHaveProperty(k);
    expect(ent.filter((r) => typeof r.estDate === 'string').every((r) => /^\d{4}\/\d{2}\/\d{2}$/.test(r.estDate as string))).toBe(true);
    expect(ent.every((r) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/.test(r.updatedAt as string))).toBe(true);
    const hz = (await walk(server, 'safety', 'hazards', 1000)).rows;
    expect(hz.some((r) => r.level === 'MAJOR' || r.level === 'GENERAL')).toBe(true);
    expect(hz.every((r) => typeof r.rectified === 'boolean')).toBe(true);

    const stats = (await (await fetch(`${server.url}/admin/stats`)).json()) as { feeds: Record<string, Record<string, { records: number; invalid: number; noise: Record<string, number> }>> };
    expect(stats.feeds.police.rk.noise.duplicate).toBeGreaterThan(0);
    expect(stats.feeds.health.jmjkda.noise.stale_address).toBeGreaterThan(0);
    expect(stats.feeds.health.jmjkda.noise.traditional).toBeGreaterThan(0);
  });

  it('movers: health keeps the previous residence, police the current one', async () => {
    const world = createFixtureWorld({ communities: 3, personsPerCommunity: 40 });
    const mover = world.chunk(0, 0).persons.find((p) => p.addresses.filter((a) => a.role === 'residence').length === 2 && p.citizenId !== undefined);
    expect(mover).toBeDefined();
    const truth = server.truth();
    const hk = truth.find((t) => t.stream === 'jmjkda' && t.trueEntityId === mover?.id);
    const pk = truth.find((t) => t.stream === 'rk' && t.trueEntityId === mover?.id);
    const jm = (await walk(server, 'health', 'jmjkda', 1000)).rows.find((r) => r.档案编号 === hk?.recordKey);
    const rk = (await walk(server, 'police', 'rk', 1000)).rows.find((r) => r.RYBH === pk?.recordKey);
    const [oldRes, newRes] = (mover?.addresses ?? []).filter((a) => a.role === 'residence').map((a) => a.text);
    if (jm !== undefined) expect(String(jm.现住址).slice(-4)).toBe(oldRes.slice(-4));
    expect(String(rk?.XZZXZ).slice(-4)).toBe(newRes.slice(-4));
  });
});

describe('feed server clock and incremental reads', () => {
  const world = createFixtureWorld({ communities: 2, personsPerCommunity: 30 });
  let server: FeedServer;
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-feeds-clock-'));
  const truthJsonl = join(dir, 'truth.jsonl');

  beforeAll(async () => {
    server = await startFeedServer({ world, truthFile: truthJsonl });
  });
  afterAll(async () => server.close());

  it('moves only forward, via POST /admin/clock', async () => {
    expect(await (await fetch(`${server.url}/admin/clock`)).json()).toEqual({ tick: 0, time: '2026-01-01T00:00:00.000Z' });
    const back = await fetch(`${server.url}/admin/clock`, { method: 'POST', body: JSON.stringify({ tick: -1 }), headers: { 'content-type': 'application/json' } });
    expect(back.status).toBe(400);
    const res = await fetch(`${server.url}/admin/clock`, { method: 'POST', body: JSON.stringify({ advance: 1 }), headers: { 'content-type': 'application/json' } });
    const body = (await res.json()) as { tick: number; previousTick: number; changedRecords: number };
    expect(body.tick).toBe(1);
    expect(body.previousTick).toBe(0);
    expect(body.changedRecords).toBeGreaterThan(0);
  });

  const sinceFormats: Record<FeedName, (ms: number) => string> = {
    police: (ms) => new Date(ms + 8 * 3600_000).toISOString().replace(/\D/g, '').slice(0, 14),
    health: (ms) => new Date(ms).toISOString(),
    safety: (ms) => new Date(ms).toISOString().replace('Z', '+00:00'),
    'grid-center': (ms) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
  };

  it.each(ALL)('%s/%s: since the start of tick 1 returns exactly the records of tick 1', async (feed, stream) => {
    expect(server.getTick()).toBe(1);
    const since = sinceFormats[feed](Date.UTC(2026, 0, 2));
    const { rows } = await walk(server, feed, stream, 3, since);
    const expected = server.truth().filter((t) => t.feed === feed && t.stream === stream && t.updatedTick === 1).map((t) => t.recordKey);
    expect(keysOf(feed, stream, rows).sort()).toEqual(expected.sort());
  });

  it('the records of tick 1 are exactly the world entities that changed at tick 1', async () => {
    const changedPersons = new Set<string>();
    const changedOrgs = new Set<string>();
    for (let i = 0; i < world.communityCount; i++) {
      const c = world.chunk(i, 1);
      for (const p of c.persons) if (p.updatedTick === 1) changedPersons.add(p.id);
      for (const o of c.organisations) if (o.updatedTick === 1) changedOrgs.add(o.id);
    }
    expect(changedPersons.size).toBeGreaterThan(2);
    const rk = await walk(server, 'police', 'rk', 50, sinceFormats.police(Date.UTC(2026, 0, 2)));
    const byKey = new Map(server.truth().map((t) => [t.recordKey, t.trueEntityId]));
    expect(new Set(keysOf('police', 'rk', rk.rows).map((k) => byKey.get(k)))).toEqual(changedPersons);
    // New persons (created at tick 1) are among them; unchanged ones are not served again.
    const before = await walk(server, 'safety', 'enterprises', 50, sinceFormats.safety(Date.UTC(2026, 0, 2)));
    expect(before.rows.length).toBe(changedOrgs.size);
  });

  it('a client checkpointing on the last update time it saw gets each change once', async () => {
    const first = await walk(server, 'police', 'rk', 100);
    const last = first.rows.map((r) => String(r.GXSJ)).sort().pop() as string;
    server.advance(1);
    const next = await walk(server, 'police', 'rk', 100, last);
    const expected = server.truth().filter((t) => t.stream === 'rk' && t.updatedTick === 2).map((t) => t.recordKey);
    expect(keysOf('police', 'rk', next.rows).sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThan(0);
  });

  it('health cursors stay valid across pages and never repeat a record', async () => {
    const headers = await authHeaders(server, 'health');
    const first = (await (await fetch(`${server.url}/health/jmjkda?limit=5`, { headers })).json()) as { data: Row[]; next_cursor: string | null };
    expect(typeof first.next_cursor).toBe('string');
    expect(first.next_cursor).not.toMatch(/P:/);
    const second = (await (await fetch(`${server.url}/health/jmjkda?limit=5&cursor=${first.next_cursor}`, { headers })).json()) as { data: Row[] };
    const k1 = first.data.map((r) => r.档案编号);
    expect(second.data.some((r) => k1.includes(r.档案编号))).toBe(false);
  });

  it('the truth file is appended with the changed records, new addresses included', async () => {
    server.setTick(3);
    const lines = readFileSync(truthJsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { stream: string; recordKey: string; updatedTick: number; trueEntityId: string });
    const initial = lines.filter((l) => l.updatedTick === 0).length;
    expect(initial).toBeGreaterThan(0);
    const latest = new Map(lines.map((l) => [`${l.stream}/${l.recordKey}`, l]));
    const current = server.truth();
    expect(latest.size).toBe(current.length);
    for (const t of current) expect(latest.get(`${t.stream}/${t.recordKey}`)?.updatedTick).toBe(t.updatedTick);
    const newAddress = current.find((t) => t.stream === 'bzdz' && t.updatedTick === 3);
    expect(newAddress).toBeDefined();
    expect(() => server.setTick(2)).toThrow(RangeError);
  });
});
