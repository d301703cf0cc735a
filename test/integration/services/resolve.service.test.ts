/**
 * Resolution against PostgreSQL with a small fixed model (parameters shipped in the model file, so
 * no EM on a tiny table): golden records with provenance, stable ids across runs, a re-run with no
 * change writes nothing, incremental runs give the clusters a full rebuild gives, a merge keeps
 * the survivor's id and redirects the absorbed one, two valid citizen IDs never link, steward
 * decisions are kept.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SourceRecordRepository, type IncomingRecord } from '../../../src/db/repositories/source-record.repository';
import type { MatchModel } from '../../../src/resolve';
import { ResolveService } from '../../../src/services/resolve.service';
import { StewardError, StewardService } from '../../../src/services/steward.service';
import { contentHash } from '../../../src/services/sync.service';
import { openTestOrm } from '../../support/database';

const model: MatchModel = {
  name: 'person',
  fields: {
    name: { from: 'name' },
    pinyin: { from: 'name', prepare: ['pinyin'] },
    citizenId: { from: 'citizenId' },
    birthDate: { from: 'birthDate' },
    phone: { from: 'phone' },
  },
  comparisons: [
    { name: 'name', field: 'name', levels: [{ kind: 'exact' }, { kind: 'homophone' }] },
    { name: 'citizenId', field: 'citizenId', levels: [{ kind: 'exact' }, { kind: 'oneCharOff' }] },
    { name: 'birthDate', field: 'birthDate', levels: [{ kind: 'exact' }] },
    { name: 'phone', field: 'phone', levels: [{ kind: 'exact' }] },
  ],
  blocking: [
    { name: 'id', on: ['citizenId'] },
    { name: 'pinyin + birth date', on: ['pinyin', 'birthDate'] },
    { name: 'phone', on: ['phone'] },
  ],
  constraints: [{ kind: 'distinct', field: 'citizenId' }],
  thresholds: { link: 0.95, review: 0.3 },
  parameters: {
    lambda: 0.01,
    comparisons: {
      name: { m: [0.85, 0.1, 0.05], u: [0.001, 0.0005, 0.9985] },
      citizenId: { m: [0.97, 0.02, 0.01], u: [0.00001, 0.0001, 0.99989] },
      birthDate: { m: [0.97, 0.03], u: [0.0005, 0.9995] },
      phone: { m: [0.7, 0.3], u: [0.0001, 0.9999] },
    },
  },
};

const survivorship = {
  attributes: {
    citizenId: { rule: 'sourcePriority', priority: ['police/rk'], then: { rule: 'mostFrequent' } },
    name: { rule: 'sourcePriority', priority: ['police/rk'], then: { rule: 'mostFrequent' } },
    birthDate: { rule: 'sourcePriority', priority: ['police/rk'], then: { rule: 'mostFrequent' } },
    phone: { rule: 'mostRecent' },
    tags: { rule: 'union', from: 'tag' },
  },
};

let orm: MikroORM;
let close: () => Promise<void>;
let modelsDir: string;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
  modelsDir = mkdtempSync(join(tmpdir(), 'gridhub-models-'));
  writeFileSync(join(modelsDir, 'person.json'), JSON.stringify(model));
  writeFileSync(join(modelsDir, 'person.survivorship.json'), JSON.stringify(survivorship));
});
afterAll(async () => close());

interface P {
  key: string;
  name: string;
  citizenId?: string;
  birthDate?: string;
  phone?: string;
  tag?: string;
}

async function store(source: string, stream: string, people: P[], status: IncomingRecord['status'] = 'valid'): Promise<void> {
  const records: IncomingRecord[] = people.map((p) => {
    const { key, ...canonical } = p;
    const raw = status === 'valid' ? p : { ...p, deleted: status }; // a feed signals deletion in the payload
    return { recordKey: key, entityType: p.tag ? 'tag' : 'person', raw, canonical, contentHash: contentHash(raw), status, issues: [], sourceUpdatedAt: null };
  });
  await new SourceRecordRepository(orm.em.fork()).commitPage(source, stream, records, {}, null, new Date());
}

const resolve = (mode: 'incremental' | 'full' = 'incremental') => new ResolveService(orm.em.fork()).resolve('person', { mode, modelsDir });

async function clusters(): Promise<Map<string, number>> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ k: string; g: string }>>(
    `select s.source || '/' || s.record_key as k, m.golden_id as g from match_member m join source_record s on s.id = m.source_record_id`,
  );
  return new Map(rows.map((r) => [r.k, Number(r.g)]));
}

/** The partition as sets of record keys (independent of golden ids). */
async function partition(): Promise<string[]> {
  const byGolden = new Map<number, string[]>();
  for (const [k, g] of await clusters()) byGolden.set(g, [...(byGolden.get(g) ?? []), k].sort());
  return [...byGolden.values()].map((l) => l.join(',')).sort();
}

async function tableStamp(): Promise<string> {
  const rows = await orm.em.fork().getConnection().execute<Array<{ t: string }>>(
    `select string_agg(t, ';' order by t) as t from (
       select 'p' || id || ':' || xmin::text as t from person union all
       select 'm' || source_record_id || ':' || xmin::text from match_member union all
       select 'x' || a || '-' || b || ':' || xmin::text from match_pair union all
       select 'l' || id || ':' || xmin::text from entity_link union all
       select 'g' || id from golden_lineage) x`,
  );
  return rows[0]!.t;
}

describe('resolve', () => {
  it('builds golden records with provenance from police and health records', async () => {
    await store('police', 'rk', [
      { key: 'R1', name: '王伟', citizenId: '11010519491231002X', birthDate: '1949-12-31', phone: '13800138000' },
      { key: 'R2', name: '王伟', citizenId: '440106198503070011', birthDate: '1949-12-31', phone: '13800138000' }, // same name, birth date and phone, another ID
      { key: 'R3', name: '李静', citizenId: '110105196001010028', birthDate: '1960-01-01' },
    ]);
    await store('health', 'jmjkda', [
      { key: 'H1', name: '王玮', citizenId: '11010519491231002X', birthDate: '1949-12-31', phone: '13900000000' },
      { key: 'H3', name: '李婧', birthDate: '1960-01-01' },
    ]);
    const r = await resolve();
    expect(r).toMatchObject({ mode: 'full', modelVersion: 1, touched: 5, clusters: 3, goldensCreated: 3 });
    expect(await partition()).toEqual(['health/H1,police/R1', 'health/H3,police/R3', 'police/R2']);
    const c = await clusters();
    type Provenance = { records: Record<string, { source: string; at: string }> } & Record<string, { sourceRecordId: number; rule: string }>;
    const [person] = await orm.em.fork().getConnection().execute<Array<{ name: string; citizen_id: string; phone: string; provenance: Provenance }>>(
      'select name, citizen_id, phone, provenance from person where id = ?',
      [c.get('police/R1')],
    );
    expect(person).toMatchObject({ name: '王伟', citizen_id: '11010519491231002X' });
    // Compact provenance: { sourceRecordId, rule } per attribute, each record's { source, at } once in `records`.
    const p = person!.provenance;
    expect(p.name).toEqual({ sourceRecordId: expect.any(Number), rule: 'sourcePriority:police/rk' });
    expect(p.records[String(p.name!.sourceRecordId)]).toEqual({ source: 'police', at: expect.any(String) });
    for (const [attr, e] of Object.entries(p)) if (attr !== 'records' && 'sourceRecordId' in e) expect(p.records[String(e.sourceRecordId)]).toBeDefined();
    const links = await orm.em.fork().getConnection().execute<Array<{ rule: string; score: number; weights: Record<string, { level: string }>; decided_by: string }>>(
      `select l.rule, l.score, l.weights, l.decided_by from entity_link l join source_record s on s.id = l.source_record_id where s.record_key = 'H1' and l.unlinked_at is null`,
    );
    expect(links[0]).toMatchObject({ rule: 'person@1', decided_by: 'auto', weights: { name: { level: 'homophone characters' }, citizenId: { level: 'exact' } } });
    expect(links[0]!.score).toBeGreaterThan(10);
  });

  it('a re-run with no change writes nothing', async () => {
    const before = await tableStamp();
    const r = await resolve();
    expect(r).toMatchObject({ touched: 0, runId: null });
    expect(await tableStamp()).toBe(before);
  });

  it('a full rebuild gives the same clusters and ids and rewrites nothing', async () => {
    const before = await tableStamp();
    const ids = await clusters();
    const r = await resolve('full');
    expect(r).toMatchObject({ goldensCreated: 0, goldenRowsWritten: 0, membersWritten: 0, pairsWritten: 0, linksWritten: 0 });
    expect(await clusters()).toEqual(ids);
    expect(await tableStamp()).toBe(before);
  });

  it('a fingerprint from another encoding is refreshed once (values and version kept), then compared again', async () => {
    const conn = orm.em.fork().getConnection();
    const before = await conn.execute<Array<{ id: string; version: number; updated_at: string; provenance: unknown; fingerprint: string }>>(
      `select id, version, updated_at::text, provenance, fingerprint from person order by id`,
    );
    // As an earlier encoding left them: valid at the row's version, another hash.
    await conn.execute(`update person set fingerprint = version::text || ':' || md5('earlier encoding ' || id)`);
    const r = await resolve('full');
    expect(r).toMatchObject({ goldensCreated: 0, goldenRowsWritten: before.length, membersWritten: 0, linksWritten: 0 });
    expect(await conn.execute(`select id, version, updated_at::text, provenance, fingerprint from person order by id`)).toEqual(before);
    const stamp = await tableStamp();
    expect(await resolve('full')).toMatchObject({ goldenRowsWritten: 0 });
    expect(await tableStamp()).toBe(stamp);
  });

  it('a new record bridging two clusters merges them: the survivor keeps its id, the other redirects', async () => {
    const ids = await clusters();
    // A care roster record with the ID of R3 and the phone of … nothing else: joins R3/H3 only.
    await store('civil-affairs', 'care', [{ key: 'C3', name: '李静', citizenId: '110105196001010028', birthDate: '1960-01-01', tag: 'elderly_alone' }]);
    const r = await resolve();
    expect(r).toMatchObject({ mode: 'incremental', touched: 1, goldensCreated: 0, goldensMerged: 0 });
    expect((await clusters()).get('civil-affairs/C3')).toBe(ids.get('police/R3'));
    const [p] = await orm.em.fork().getConnection().execute<Array<{ attributes: { tags: string[] } }>>('select attributes from person where id = ?', [ids.get('police/R3')]);
    expect(p!.attributes.tags).toEqual(['elderly_alone']);

    // Two clusters of the same person that nothing linked: 赵明 without ID (health) and with ID (police).
    await store('health', 'jmjkda', [{ key: 'H9', name: '赵明', birthDate: '1985-03-07', phone: '13600000000' }]);
    await store('police', 'rk', [{ key: 'R9', name: '赵敏', citizenId: '440106198503070038', birthDate: '1985-03-07' }]);
    await resolve();
    const apart = await clusters();
    expect(apart.get('health/H9')).not.toBe(apart.get('police/R9'));
    // A later police record with the same ID and H9's phone links both.
    await store('police', 'rk', [{ key: 'R9b', name: '赵明', citizenId: '440106198503070038', birthDate: '1985-03-07', phone: '13600000000' }]);
    const m = await resolve();
    expect(m.goldensMerged).toBe(1);
    const merged = await clusters();
    expect(merged.get('health/H9')).toBe(merged.get('police/R9'));
    const survivor = merged.get('police/R9')!;
    const absorbed = [apart.get('health/H9')!, apart.get('police/R9')!].find((g) => g !== survivor)!;
    expect([apart.get('health/H9'), apart.get('police/R9')]).toContain(survivor);
    const [row] = await orm.em.fork().getConnection().execute<Array<{ merged_into_id: string }>>('select merged_into_id from person where id = ?', [absorbed]);
    expect(Number(row!.merged_into_id)).toBe(survivor);
    const lineage = await orm.em.fork().getConnection().execute<Array<{ kind: string; from_id: string; to_id: string }>>(`select kind, from_id, to_id from golden_lineage where kind = 'merge'`);
    expect(lineage.map((l) => [l.kind, Number(l.from_id), Number(l.to_id)])).toEqual([['merge', absorbed, survivor]]);
  });

  it('incremental runs end with the clusters of a full rebuild', async () => {
    const incremental = await partition();
    const ids = await clusters();
    await resolve('full');
    expect(await partition()).toEqual(incremental);
    expect(await clusters()).toEqual(ids);
  });

  it('a record that becomes invalid leaves its cluster; a cluster left empty is retired', async () => {
    const ids = await clusters();
    await store('police', 'rk', [{ key: 'R2', name: '王伟', citizenId: '440106198503070011', birthDate: '1949-12-31', phone: '13800138000' }], 'tombstoned');
    const r = await resolve();
    expect(r).toMatchObject({ removed: 1, goldensRetired: 1 });
    expect((await clusters()).has('police/R2')).toBe(false);
    const lineage = await orm.em.fork().getConnection().execute<Array<{ from_id: string }>>(`select from_id from golden_lineage where kind = 'retire'`);
    expect(lineage.map((l) => Number(l.from_id))).toEqual([ids.get('police/R2')]);
  });
});

describe('stewardship', () => {
  const steward = (user = 'steward-li', reason = 'checked with the community office') => ({ user, reason });
  const recordId = async (key: string): Promise<number> => {
    const [r] = await orm.em.fork().getConnection().execute<Array<{ id: string }>>('select id from source_record where record_key = ?', [key]);
    return Number(r!.id);
  };

  it('puts pairs between the thresholds in the review queue with their explanation', async () => {
    // Same phone, different names, no birth date or ID: p ≈ 0.78, between review (0.3) and link (0.95).
    await store('health', 'jmjkda', [{ key: 'X1', name: '周杰', phone: '13700000001' }, { key: 'X2', name: '吴宇', phone: '13700000001' }]);
    const r = await resolve();
    expect(r.review).toBe(1);
    const queue = await new StewardService(orm.em.fork(), modelsDir).reviewQueue('person');
    expect(queue).toHaveLength(1);
    expect(queue[0]!.probability).toBeGreaterThan(0.3);
    expect(queue[0]!.probability).toBeLessThan(0.95);
    expect(queue[0]!.explanation).toEqual([
      { comparison: 'name', level: 'else', weight: expect.any(Number) },
      { comparison: 'citizenId', level: 'null', weight: 0 },
      { comparison: 'birthDate', level: 'null', weight: 0 },
      { comparison: 'phone', level: 'exact', weight: expect.any(Number) },
    ]);
    expect(queue[0]!.records.map((x) => x.recordKey).sort()).toEqual(['X1', 'X2']);
  });

  it('accept links the pair (audited, lineage by the steward); reject and unmerge split it again, and later runs respect it', async () => {
    const [x1, x2] = [await recordId('X1'), await recordId('X2')];
    const service = () => new StewardService(orm.em.fork(), modelsDir);
    await service().decide(x1, x2, 'accepted', steward());
    let c = await clusters();
    expect(c.get('health/X1')).toBe(c.get('health/X2'));
    expect(await service().reviewQueue('person')).toEqual([]);
    const [merge] = await orm.em.fork().getConnection().execute<Array<{ kind: string; decided_by: string; decided_by_user: string; reason: string }>>(
      `select kind, decided_by, decided_by_user, reason from golden_lineage where decided_by = 'steward' order by id desc limit 1`,
    );
    expect(merge).toMatchObject({ kind: 'merge', decided_by: 'steward', decided_by_user: 'steward-li' });
    const [audit] = await orm.em.fork().getConnection().execute<Array<{ actor: string; action: string; detail: { reason: string } }>>(`select actor, action, detail from audit_log where action like 'steward.%' order by id`);
    expect(audit).toMatchObject({ actor: 'steward-li', action: 'steward.accept', detail: { reason: 'checked with the community office' } });

    // Unmerge X2 out of the golden record: X2 gets a new id, the survivor keeps its own.
    const golden = c.get('health/X1')!;
    await service().unmerge('person', golden, [x2], steward('steward-wang', 'different people sharing a phone'));
    c = await clusters();
    expect(c.get('health/X1')).toBe(golden);
    expect(c.get('health/X2')).not.toBe(golden);
    const [unmerge] = await orm.em.fork().getConnection().execute<Array<{ kind: string; from_id: string; to_id: string; decided_by_user: string }>>(
      `select kind, from_id, to_id, decided_by_user from golden_lineage where kind = 'unmerge'`,
    );
    expect(unmerge).toMatchObject({ from_id: String(golden), to_id: String(c.get('health/X2')), decided_by_user: 'steward-wang' });

    // A full rebuild (and any later run) keeps them apart: the pair is rejected now.
    await resolve('full');
    c = await clusters();
    expect(c.get('health/X1')).not.toBe(c.get('health/X2'));
  });

  it('refuses to link two different citizen IDs, naming them', async () => {
    const c = await clusters();
    await expect(new StewardService(orm.em.fork(), modelsDir).merge('person', c.get('police/R1')!, c.get('police/R9')!, steward())).rejects.toThrow(
      new StewardError('cannot link: different citizenId (11010519491231002X vs 440106198503070038); two different citizenId values never link — unmerge or correct the source records instead'),
    );
    await expect(new StewardService(orm.em.fork(), modelsDir).decide(1, 1, 'accepted', steward())).rejects.toThrow('a pair needs two different source records');
    await expect(new StewardService(orm.em.fork(), modelsDir).decide(await recordId('X1'), await recordId('X2'), 'rejected', steward('', 'x'))).rejects.toThrow('needs the steward user name');
  });
});

describe('first build in a worker thread', () => {
  it('writes the golden rows, members, pairs and links a first build in the main thread writes', async () => {
    const people: P[] = [
      { key: 'R1', name: '王伟', citizenId: '11010519491231002X', birthDate: '1949-12-31', phone: '13800138000' },
      { key: 'R2', name: '王伟', citizenId: '440106198503070011', birthDate: '1949-12-31', phone: '13800138000' },
      { key: 'R3', name: '李静', citizenId: '110105196001010028', birthDate: '1960-01-01' },
      ...Array.from({ length: 60 }, (_, k) => ({ key: `R${10 + k}`, name: `张${'伟静丽军明华'[k % 6]}${k}`, birthDate: `19${50 + (k % 40)}-0${1 + (k % 9)}-1${k % 10}`, phone: `139${String(10000000 + (k % 45))}` })),
    ];
    const health: P[] = [
      { key: 'H1', name: '王玮', citizenId: '11010519491231002X', birthDate: '1949-12-31', phone: '13900000000' },
      { key: 'H3', name: '李婧', birthDate: '1960-01-01' },
      ...Array.from({ length: 40 }, (_, k) => ({ key: `H${10 + k}`, name: `张${'伟静丽军明华'[k % 6]}${k}`, birthDate: `19${50 + (k % 40)}-0${1 + (k % 9)}-1${k % 10}` })),
      { key: 'T1', name: '王伟', citizenId: '11010519491231002X', tag: 'elderly' },
    ];
    const build = async (worker: 'off' | 'always') => {
      const { orm: o, close: c } = await openTestOrm();
      const previous = process.env.GRIDHUB_RESOLVE_WORKER;
      process.env.GRIDHUB_RESOLVE_WORKER = worker;
      try {
        const put = (source: string, stream: string, ps: P[]) => new SourceRecordRepository(o.em.fork()).commitPage(source, stream, ps.map((p) => {
          const { key, ...canonical } = p;
          return { recordKey: key, entityType: p.tag ? 'tag' : 'person', raw: p, canonical, contentHash: contentHash(p), status: 'valid' as const, issues: [], sourceUpdatedAt: null };
        }), {}, null, new Date('2026-01-01T00:00:00Z'));
        await put('police', 'rk', people);
        await put('health', 'jmjkda', health);
        const summary = await new ResolveService(o.em.fork()).resolve('person', { mode: 'full', modelsDir });
        const q = (sql: string) => o.em.fork().getConnection().execute<Array<Record<string, unknown>>>(sql);
        return {
          summary,
          persons: await q(`select id, name, citizen_id, phone, birth_date::text, attributes, provenance #- '{records}' as provenance, provenance -> 'records' as records, version, fingerprint from person order by id`),
          members: await q('select source_record_id, golden_id, revision, tokens from match_member order by source_record_id'),
          pairs: await q('select a, b, weight, levels, weights, band from match_pair order by a, b'),
          links: await q('select source_record_id, entity_id, score, weights, decided_by from entity_link order by source_record_id'),
          stages: await q(`select count(*)::int as n from pg_tables where tablename like '_resolve_stage_%'`),
        };
      } finally {
        if (previous === undefined) delete process.env.GRIDHUB_RESOLVE_WORKER;
        else process.env.GRIDHUB_RESOLVE_WORKER = previous;
        await c();
      }
    };
    const main = await build('off');
    const worker = await build('always');
    expect(main.persons.length).toBeGreaterThan(60);
    expect(worker.summary.timings.workerSurvive).toEqual(expect.any(Number));
    expect(main.summary.timings.workerSurvive).toBeUndefined();
    expect(worker.persons).toEqual(main.persons);
    expect(worker.members).toEqual(main.members);
    expect(worker.pairs).toEqual(main.pairs);
    expect(worker.links).toEqual(main.links);
    expect(worker.stages).toEqual([{ n: 0 }]);
  }, 60000);
});

describe('training', () => {
  it('re-estimates parameters trained on little data once the data has doubled (then rebuilds)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridhub-models-'));
    const { parameters: _shipped, ...untrained } = model;
    writeFileSync(join(dir, 'person.json'), JSON.stringify({ ...untrained, training: { randomPairs: 2000 } }));
    writeFileSync(join(dir, 'person.survivorship.json'), JSON.stringify(survivorship));
    const { orm: o2, close: c2 } = await openTestOrm();
    try {
      const put = async (from: number, n: number) => {
        const people = Array.from({ length: n }, (_, k) => ({ key: `P${from + k}`, name: `张${'伟静丽军明华红芳强磊'[(from + k) % 10]}${'一二三四五六七八九十'[Math.floor((from + k) / 10) % 10]}`, phone: `139${String(10000000 + from + k)}` }));
        const records = people.map((p) => ({ recordKey: p.key, entityType: 'person', raw: p, canonical: { name: p.name, phone: p.phone }, contentHash: contentHash(p), status: 'valid' as const, issues: [], sourceUpdatedAt: null }));
        await new SourceRecordRepository(o2.em.fork()).commitPage('police', 'rk', records, {}, null, new Date());
      };
      const run = () => new ResolveService(o2.em.fork()).resolve('person', { modelsDir: dir });
      await put(0, 300);
      expect(await run()).toMatchObject({ mode: 'full', modelVersion: 1, trained: 300 });
      await put(300, 200);
      expect(await run()).toMatchObject({ mode: 'incremental', modelVersion: 1, trained: 0, touched: 200 });
      await put(500, 600);
      expect(await run()).toMatchObject({ mode: 'full', modelVersion: 2, trained: 1100 });
    } finally {
      await c2();
    }
  }, 60000);
});
