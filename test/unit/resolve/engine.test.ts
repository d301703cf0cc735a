/**
 * The matching engine on small hand-made tables: blocking union and report, comparison levels
 * with the implicit null/else levels, EM recovering a clear signal without labels, term-frequency
 * adjustment, constrained clustering (a chain of weak links cannot join two different IDs),
 * pairwise metrics, and model validation naming every problem.
 */
import {
  blockPairs,
  buildFeatureTable,
  clusterRecords,
  compileComparisons,
  comparisonVectors,
  createScorer,
  emTrain,
  estimateU,
  linkRecords,
  pairwiseMetrics,
  validateMatchModel,
  type MatchModel,
} from '../../../src/resolve';

const people = [
  { id: '1', name: '王伟', pinyin: '', id18: '11010519491231002X', dob: '1949-12-31', phone: '13800138000' },
  { id: '2', name: '王玮', pinyin: '', id18: '11010519491231002X', dob: '1949-12-31', phone: '13800138000' },
  { id: '3', name: '王伟', pinyin: '', id18: '', dob: '1949-12-31', phone: '13800138000' },
  { id: '4', name: '王伟', pinyin: '', id18: '440106198503070011', dob: '1949-12-31', phone: '13800138000' },
  { id: '5', name: '李静', pinyin: '', id18: '', dob: '1960-01-01', phone: '' },
];

const model: MatchModel = {
  name: 'test-person',
  fields: {
    name: { prepare: ['personName'] },
    pinyin: { from: 'name', prepare: ['pinyin'] },
    citizenId: { from: 'id18', prepare: ['citizenId'] },
    dob: { prepare: ['date'] },
    phone: { prepare: ['phone'] },
  },
  comparisons: [
    { name: 'name', field: 'name', levels: [{ kind: 'exact', tf: true }, { kind: 'homophone' }, { kind: 'oneCharApart' }] },
    { name: 'citizenId', field: 'citizenId', levels: [{ kind: 'exact' }, { kind: 'oneCharOff' }] },
    { name: 'dob', field: 'dob', levels: [{ kind: 'exact' }, { kind: 'dateDayMonthSwap' }, { kind: 'dateYear' }] },
    { name: 'phone', field: 'phone', levels: [{ kind: 'exact' }] },
  ],
  blocking: [
    { name: 'id', on: ['citizenId'] },
    { name: 'pinyin + dob', on: ['pinyin', 'dob'] },
    { name: 'phone', on: ['phone'] },
  ],
  constraints: [{ kind: 'distinct', field: 'citizenId' }],
  thresholds: { link: 0.95, review: 0.5 },
};

describe('blocking', () => {
  it('produces the union of the rules, each pair once, credited to the first rule that finds it', () => {
    const table = buildFeatureTable(people, model);
    const b = blockPairs(table, model.blocking);
    const pairs = Array.from({ length: b.count }, (_, p) => `${b.pairs[2 * p]}-${b.pairs[2 * p + 1]}:${b.rule[p]}`);
    expect(pairs.sort()).toEqual(['0-1:0', '0-2:1', '0-3:1', '1-2:1', '1-3:1', '2-3:1']);
    expect(b.report.map((r) => [r.name, r.pairs, r.duplicatePairs])).toEqual([['id', 1, 0], ['pinyin + dob', 5, 1], ['phone', 0, 6]]);
  });

  it('skips and reports blocks above maxBlockSize', () => {
    const table = buildFeatureTable(people, model);
    const b = blockPairs(table, [{ name: 'phone', on: ['phone'], maxBlockSize: 3 }]);
    expect(b.count).toBe(0);
    expect(b.report[0]).toMatchObject({ skippedBlocks: 1, skippedPairs: 6, largestBlock: 4 });
  });

  it('with `touching`, keeps only pairs that involve a marked record (incremental runs)', () => {
    const table = buildFeatureTable(people, model);
    const touching = new Uint8Array(people.length);
    touching[3] = 1;
    const b = blockPairs(table, model.blocking, { touching });
    expect(Array.from({ length: b.count }, (_, p) => `${b.pairs[2 * p]}-${b.pairs[2 * p + 1]}`).sort()).toEqual(['0-3', '1-3', '2-3']);
  });
});

describe('comparison levels', () => {
  it('puts a missing value in the null level (0) and no match in else (last)', () => {
    const table = buildFeatureTable(people, model);
    const [name, id, dob] = compileComparisons(model, table);
    expect(name!.labels).toEqual(['null', 'exact', 'homophone characters', 'one given-name character apart', 'else']);
    expect(name!.levelOf(0, 2)).toBe(1);
    expect(name!.levelOf(0, 1)).toBe(2);
    expect(name!.levelOf(0, 4)).toBe(4);
    expect(id!.levelOf(0, 2)).toBe(0);
    expect(id!.levelOf(0, 3)).toBe(3);
    expect(dob!.levelOf(0, 4)).toBe(4);
  });
});

describe('scoring', () => {
  const table = buildFeatureTable(people, model);
  const comparisons = compileComparisons(model, table);
  const params = {
    lambda: 0.01,
    comparisons: {
      name: { m: [0.8, 0.1, 0.05, 0.05], u: [0.01, 0.001, 0.01, 0.978] },
      citizenId: { m: [0.95, 0.03, 0.02], u: [0.0001, 0.001, 0.9989] },
      dob: { m: [0.9, 0.05, 0.03, 0.02], u: [0.001, 0.0001, 0.02, 0.9789] },
      phone: { m: [0.7, 0.3], u: [0.001, 0.999] },
    },
    termFrequencies: { name: { 王伟: 0.5, 李静: 0.001 } },
  };

  it('adds log2(m/u) per comparison to the prior, and explains it as a waterfall', () => {
    const s = createScorer(comparisons, params);
    const e = s.explain(0, 1);
    expect(e.comparisons.map((c) => [c.comparison, c.level])).toEqual([
      ['name', 'homophone characters'], ['citizenId', 'exact'], ['dob', 'exact'], ['phone', 'exact'],
    ]);
    const expected = Math.log2(0.01 / 0.99) + Math.log2(0.1 / 0.001) + Math.log2(0.95 / 0.0001) + Math.log2(0.9 / 0.001) + Math.log2(0.7 / 0.001);
    expect(e.weight).toBeCloseTo(expected, 10);
    expect(s.weight(0, 1)).toBeCloseTo(expected, 10);
    expect(e.probability).toBeGreaterThan(0.999);
  });

  it('term frequency: agreeing on a common name counts for less than the level average', () => {
    const s = createScorer(comparisons, params);
    const name = s.explain(0, 2).comparisons[0]!;
    expect(name.termFrequency).toEqual({ value: '王伟', frequency: 0.5 });
    expect(name.weight).toBeCloseTo(Math.log2(0.8 / 0.5), 10);
    const vectors = comparisonVectors(comparisons, Int32Array.from([0, 2]));
    expect(s.weightOfVector(vectors, 0, 0)).toBeCloseTo(s.weight(0, 2), 10);
  });
});

describe('clustering with cannot-links', () => {
  it('a chain of links cannot join two different distinct values; strongest edges win', () => {
    // 0 (id A) — 2 (no id) — 3 (id B): 2 joins whichever edge is stronger, never both.
    const distinct = [['A', null, null, 'B', null] as Array<string | null>];
    const r = clusterRecords({
      size: 5,
      pairs: Int32Array.from([0, 2, 2, 3, 3, 4]),
      weights: Float64Array.from([5, 9, 1]),
      count: 3,
      distinct,
    });
    expect(Array.from(r.cluster)).toEqual([0, 1, 2, 2, 2]);
    expect(r.refused).toEqual([0]);
  });

  it('does not depend on the order of the edges', () => {
    const a = clusterRecords({ size: 4, pairs: Int32Array.from([0, 1, 1, 2, 2, 3]), weights: Float64Array.from([3, 3, 3]), count: 3, distinct: [['X', null, null, 'Y']] });
    const b = clusterRecords({ size: 4, pairs: Int32Array.from([2, 3, 1, 2, 0, 1]), weights: Float64Array.from([3, 3, 3]), count: 3, distinct: [['X', null, null, 'Y']] });
    expect(Array.from(a.cluster)).toEqual(Array.from(b.cluster));
  });

  it('honours steward decisions: rejected pairs never join, accepted ones join first', () => {
    const r = clusterRecords({ size: 3, pairs: Int32Array.from([0, 1, 1, 2]), weights: Float64Array.from([9, 9]), count: 2, cannotLink: [[0, 2]], mustLink: [[1, 2]] });
    expect(Array.from(r.cluster)).toEqual([0, 1, 1]);
  });
});

describe('linkRecords', () => {
  it('never links two different valid citizen IDs, whatever the other evidence', () => {
    const r = linkRecords(people, {
      ...model,
      parameters: {
        lambda: 0.5,
        comparisons: {
          name: { m: [0.8, 0.1, 0.05, 0.05], u: [0.01, 0.001, 0.01, 0.978] },
          citizenId: { m: [0.95, 0.03, 0.02], u: [0.0001, 0.001, 0.9989] },
          dob: { m: [0.9, 0.05, 0.03, 0.02], u: [0.001, 0.0001, 0.02, 0.9789] },
          phone: { m: [0.7, 0.3], u: [0.001, 0.999] },
        },
      },
    });
    const c = Array.from(r.cluster);
    expect(c[0]).toBe(c[1]);
    expect(c[0]).not.toBe(c[3]);
    expect(c[4]).toBe(4);
    expect(r.refused).toBeGreaterThan(0);
  });

  it('EM finds the signal without labels on a synthetic population', () => {
    // 300 people, each twice (a homophone or dropped ID in the copy), plus 300 singletons.
    const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
    const given = ['伟', '静', '丽', '军', '明', '华', '红', '芳', '强', '磊', '洋', '勇', '艳', '杰', '娟'];
    const rows: Array<Record<string, string>> = [];
    const labels: string[] = [];
    let seq = 0;
    const idOf = (n: number): string => `11010519${String(50 + (n % 40)).padStart(2, '0')}0${(n % 9) + 1}${String((n % 27) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    for (let p = 0; p < 600; p++) {
      const name = surnames[p % 20]! + given[Math.floor(p / 20) % 15]! + given[(p * 7) % 15]!;
      const raw = idOf(p);
      const base = { name, id18: raw.slice(0, 17) + checkChar(raw.slice(0, 17)), dob: `19${raw.slice(8, 10)}-${raw.slice(10, 12)}-${raw.slice(12, 14)}`, phone: `139${String(10000000 + p * 7919).slice(0, 8)}` };
      rows.push({ id: String(seq++), ...base });
      labels.push(String(p));
      if (p < 300) {
        rows.push({ id: String(seq++), ...base, id18: p % 3 === 0 ? '' : base.id18, name: p % 4 === 0 ? base.name.replace('伟', '玮') : base.name, phone: p % 5 === 0 ? '' : base.phone });
        labels.push(String(p));
      }
    }
    const r = linkRecords(rows, { ...model, training: { randomPairs: 20000 } });
    const m = pairwiseMetrics(r.cluster, labels);
    expect(r.parameters.trainedOn?.method).toBe('em');
    expect(m.recall).toBeGreaterThan(0.98);
    expect(m.precision).toBeGreaterThan(0.98);
  });
});

describe('EM training sessions and the prior of random pairs', () => {
  // Households of 4 share a phone (and a surname); 150 of the 800 people have a second record
  // (its ID dropped for one in three). The blocked pairs are mostly household members: different
  // people who agree on the blocking field phone, far more often than random pairs do.
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟静丽军明华红芳强磊洋勇艳杰娟敏';
  const rows: Array<Record<string, string>> = [];
  const labels: string[] = [];
  const idOf = (n: number): string => {
    const raw = `11010519${String(40 + (n % 50)).padStart(2, '0')}${String((n % 12) + 1).padStart(2, '0')}${String((Math.floor(n / 12) % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    return raw.slice(0, 17) + checkChar(raw.slice(0, 17));
  };
  for (let p = 0; p < 800; p++) {
    const h = Math.floor(p / 4);
    const id18 = idOf(p);
    const base = { name: surnames[h % 20]! + given[p % 16]! + given[(p * 5) % 16]!, id18, dob: `19${id18.slice(8, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`, phone: `139${String(10000000 + h * 7919).slice(0, 8)}` };
    rows.push(base);
    labels.push(String(p));
    if (p % 16 < 3) {
      rows.push({ ...base, id18: p % 3 === 0 ? '' : base.id18 });
      labels.push(String(p));
    }
  }
  const households: MatchModel = { ...model, blocking: [{ name: 'phone', on: ['phone'] }, { name: 'pinyin + dob', on: ['pinyin', 'dob'] }], training: { randomPairs: 20000 } };

  it('the old training (EM for m and the blocked share together, every comparison) collapses', () => {
    const table = buildFeatureTable(rows, households);
    const comparisons = compileComparisons(households, table);
    const blocked = blockPairs(table, households.blocking);
    const u = estimateU(comparisons, table.size, 20000, 1);
    const em = emTrain(comparisonVectors(comparisons, blocked.pairs, blocked.count), comparisons, u);
    const trueShare = 150 / blocked.count;
    expect(trueShare).toBeLessThan(0.2);
    expect(em.lambda).toBeGreaterThan(0.9);
  });

  it('sessions hold out the blocking columns; λ is the probability that two random records match', () => {
    const r = linkRecords(rows, households);
    const t = r.parameters.trainedOn!;
    expect(t.method).toBe('em');
    expect(t.sessions!.map((s) => [s.name, s.heldOut, s.estimated])).toEqual([
      ['phone', ['phone'], ['name', 'citizenId', 'dob']],
      ['pinyin + dob', ['name', 'dob'], ['citizenId', 'phone']],
    ]);
    // λ ≈ 150 matches / (950 · 949 / 2) pairs, far below 0.5.
    expect(r.parameters.lambda).toBeLessThan(0.01);
    expect(r.parameters.lambda).toBeGreaterThan(1e-4);
    expect(t.prior!.lambdaBlocked).toBeLessThan(0.5);
    const m = pairwiseMetrics(r.cluster, labels);
    expect(m.recall).toBeGreaterThan(0.98);
    expect(m.precision).toBeGreaterThan(0.98);
    expect(r.linkPairs).toBeLessThan(160); // 150 true pairs; the 1800 household pairs stay apart
  });

  it('a comparison no session estimates keeps the default m and is reported', () => {
    const r = linkRecords(rows, { ...households, training: { randomPairs: 20000, sessions: [{ name: 'phone + dob', on: ['phone', 'dob'] }, { name: 'dob', on: ['dob'] }] } });
    expect(r.parameters.trainedOn!.defaultM).toEqual(['dob']);
    expect(r.parameters.comparisons.dob!.m).toEqual([0.7, 0.21, 0.063, 1 - 0.7 - 0.21 - 0.063].map((x) => expect.closeTo(x, 10)));
  });

  it('validates training sessions', () => {
    const r = validateMatchModel({ ...households, training: { sessions: [{ name: 's', on: ['nope'] }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(['training.sessions[0].on']);
  });
});

function checkChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(first17[i]) * w[i]!;
  return '10X98765432'[s % 11]!;
}

describe('pairwise metrics', () => {
  it('counts pairs per cluster × label cell', () => {
    expect(pairwiseMetrics([0, 0, 0, 3], ['a', 'a', 'b', 'b'])).toEqual({ truePairs: 2, predictedPairs: 3, truePositives: 1, precision: 1 / 3, recall: 0.5, f1: 0.4 });
    expect(pairwiseMetrics([0, 1], ['a', null])).toMatchObject({ truePairs: 0, predictedPairs: 0, precision: 1, recall: 1 });
  });
});

describe('model validation', () => {
  it('names every problem with its path', () => {
    const r = validateMatchModel({
      name: 'x',
      fields: { a: { prepare: ['nope'] } },
      comparisons: [{ name: 'a', field: 'b', levels: [{ kind: 'jaroWinkler' }, { kind: 'exact', tf: true }, { kind: 'what' }] }],
      blocking: [{ name: 'r', on: ['zz'] }],
      thresholds: { link: 0.5, review: 0.9 },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => p.path)).toEqual([
      'fields.a.prepare[0]', 'comparisons[0].field', 'comparisons[0].levels[0]', 'comparisons[0].levels[2]', 'blocking[0].on', 'thresholds.review',
    ]);
    expect(r.problems[2]!.message).toBe('level kind jaroWinkler needs min (number)');
    expect(r.problems[3]!.message).toMatch(/^unknown level kind "what" \(known: exact, jaroWinkler/);
  });

  it('accepts the shipped models', () => {
    for (const f of ['febrl3']) {
      const json = JSON.parse(require('node:fs').readFileSync(`${__dirname}/../../../src/resolve/models/${f}.json`, 'utf8')) as unknown;
      expect(validateMatchModel(json)).toMatchObject({ ok: true });
    }
  });
});
