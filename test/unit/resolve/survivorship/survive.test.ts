import { compileSurvivorship, memberTime, survive, type AttributeRule, type MemberRecord, type SurvivorshipConfig } from '../../../../src/resolve/survivorship';
import { m, permutations } from './members';

const one = (rule: AttributeRule, attr = 'x'): SurvivorshipConfig => ({ attributes: { [attr]: rule } });

interface Case {
  name: string;
  rule: AttributeRule;
  members: MemberRecord[];
  /** expected value and provenance (record id, rule label); undefined: no value */
  value?: unknown;
  from?: number;
  label?: string;
}

const T1 = '2025-01-01T00:00:00Z';
const T2 = '2025-06-01T00:00:00Z';
const T3 = '2026-01-01T00:00:00+08:00'; // 2025-12-31T16:00Z: later than T2
const T3z = '2025-12-31T16:00:00Z'; // same instant as T3

const cases: Case[] = [
  // sourcePriority
  { name: 'sourcePriority: first listed source wins over newer others', rule: { rule: 'sourcePriority', priority: ['police', 'health'] },
    members: [m(1, 'health/jmjkda', { x: 'h' }, T3), m(2, 'police/rk', { x: 'p' }, T1)], value: 'p', from: 2, label: 'sourcePriority:police' },
  { name: 'sourcePriority: next source when the first has no value', rule: { rule: 'sourcePriority', priority: ['police', 'health'] },
    members: [m(1, 'health/jmjkda', { x: 'h' }, T1), m(2, 'police/rk', { x: '' }, T3), m(3, 'safety/e', { x: 's' }, T3)], value: 'h', from: 1, label: 'sourcePriority:health' },
  { name: 'sourcePriority: source/stream entry matches that stream only', rule: { rule: 'sourcePriority', priority: ['health/gazdx', 'health'] },
    members: [m(1, 'health/jmjkda', { x: 'j' }, T3), m(2, 'health/gazdx', { x: 'g' }, T1)], value: 'g', from: 2, label: 'sourcePriority:health/gazdx' },
  { name: 'sourcePriority: same source twice → most recent', rule: { rule: 'sourcePriority', priority: ['police'] },
    members: [m(1, 'police/rk', { x: 'old' }, T1), m(2, 'police/rk', { x: 'new' }, T2)], value: 'new', from: 2, label: 'sourcePriority:police' },
  { name: 'sourcePriority: same source, same time → smallest id', rule: { rule: 'sourcePriority', priority: ['police'] },
    members: [m(7, 'police/rk', { x: 'b' }, T2), m(3, 'police/rk', { x: 'a' }, T2)], value: 'a', from: 3, label: 'sourcePriority:police' },
  { name: 'sourcePriority: no listed source and no then → no value', rule: { rule: 'sourcePriority', priority: ['police'] },
    members: [m(1, 'health/jmjkda', { x: 'h' }, T1)] },
  { name: 'sourcePriority: then decides when no listed source has a value', rule: { rule: 'sourcePriority', priority: ['police'], then: { rule: 'mostFrequent' } },
    members: [m(1, 'health/a', { x: 'a' }, T3), m(2, 'health/b', { x: 'b' }, T1), m(3, 'civil/c', { x: 'b' }, T1), m(4, 'police/rk', { x: null }, T3)], value: 'b', from: 2, label: 'mostFrequent(2/3)' },
  { name: 'sourcePriority: from reads another field; then inherits it', rule: { rule: 'sourcePriority', from: 'passportNo', priority: ['police'], then: { rule: 'mostRecent' } },
    members: [m(1, 'health/a', { passportNo: 'E1', x: 'no' }, T3), m(2, 'civil/b', { passportNo: 'E2' }, T1)], value: 'E1', from: 1, label: 'mostRecent' },
  // mostRecent
  { name: 'mostRecent: by sourceUpdatedAt across time zones', rule: { rule: 'mostRecent' },
    members: [m(1, 'a/s', { x: 'a' }, T2), m(2, 'b/s', { x: 'b' }, T3)], value: 'b', from: 2, label: 'mostRecent' },
  { name: 'mostRecent: fetchedAt when sourceUpdatedAt is null', rule: { rule: 'mostRecent' },
    members: [m(1, 'a/s', { x: 'a' }, T2), m(2, 'b/s', { x: 'b' }, null, T3)], value: 'b', from: 2, label: 'mostRecent' },
  { name: 'mostRecent: equal instants (different zones) → smallest id', rule: { rule: 'mostRecent' },
    members: [m(9, 'a/s', { x: 'a' }, T3), m(4, 'b/s', { x: 'b' }, T3z)], value: 'b', from: 4, label: 'mostRecent' },
  { name: 'mostRecent: newest empty value never wins', rule: { rule: 'mostRecent' },
    members: [m(1, 'a/s', { x: 'a' }, T1), m(2, 'b/s', { x: '' }, T3), m(3, 'b/s', { x: null }, T3), m(4, 'b/s', {}, T3)], value: 'a', from: 1, label: 'mostRecent' },
  { name: 'mostRecent: numbers, 0 is a value', rule: { rule: 'mostRecent' },
    members: [m(1, 'a/s', { x: 3 }, T1), m(2, 'b/s', { x: 0 }, T2)], value: 0, from: 2, label: 'mostRecent' },
  // mostFrequent
  { name: 'mostFrequent: majority wins over recency', rule: { rule: 'mostFrequent' },
    members: [m(1, 'a/s', { x: '张三' }, T1), m(2, 'b/s', { x: '张三' }, T1), m(3, 'c/s', { x: '张叁' }, T3), m(4, 'd/s', { x: '张三' }, T2)], value: '张三', from: 4, label: 'mostFrequent(3/4)' },
  { name: 'mostFrequent: counts only members with a value', rule: { rule: 'mostFrequent' },
    members: [m(1, 'a/s', { x: 'a' }, T1), m(2, 'b/s', { x: 'a' }, T1), m(3, 'c/s', { x: '' }, T3), m(4, 'd/s', {}, T2), m(5, 'd/s', { x: 'b' }, T2)], value: 'a', from: 1, label: 'mostFrequent(2/3)' },
  { name: 'mostFrequent: tie → value with the most recent carrier (default)', rule: { rule: 'mostFrequent' },
    members: [m(1, 'a/s', { x: 'a' }, T1), m(2, 'b/s', { x: 'b' }, T2), m(3, 'c/s', { x: 'a' }, T1), m(4, 'd/s', { x: 'b' }, T1)], value: 'b', from: 2, label: 'mostFrequent(2/4)' },
  { name: 'mostFrequent: tie, same times → smallest id', rule: { rule: 'mostFrequent', tieBreak: 'mostRecent' },
    members: [m(5, 'a/s', { x: 'a' }, T1), m(2, 'b/s', { x: 'b' }, T1)], value: 'b', from: 2, label: 'mostFrequent(1/2)' },
  { name: 'mostFrequent: tie → source priority when configured', rule: { rule: 'mostFrequent', tieBreak: 'sourcePriority', priority: ['health', 'civil'] },
    members: [m(1, 'civil/s', { x: 'c' }, T3), m(2, 'health/s', { x: 'h' }, T1), m(3, 'x/s', { x: 'c' }, T3), m(4, 'y/s', { x: 'h' }, T3)], value: 'h', from: 2, label: 'mostFrequent(2/4)' },
  { name: 'mostFrequent: compares address components structurally', rule: { rule: 'mostFrequent' },
    members: [m(1, 'a/s', { x: { county: '天元区', road: '人民路' } }, T1), m(2, 'b/s', { x: { road: '人民路', county: '天元区' } }, T1), m(3, 'c/s', { x: { county: '天元区' } }, T3)],
    value: { county: '天元区', road: '人民路' }, from: 1, label: 'mostFrequent(2/3)' },
  // mostComplete
  { name: 'mostComplete: longest string', rule: { rule: 'mostComplete' },
    members: [m(1, 'a/s', { x: '人民路5号' }, T3), m(2, 'b/s', { x: '天元区人民路5号' }, T1)], value: '天元区人民路5号', from: 2, label: 'mostComplete' },
  { name: 'mostComplete: components object with most components', rule: { rule: 'mostComplete' },
    members: [m(1, 'a/s', { x: { county: '天元区', road: '人民路', roadNumber: '5' } }, T1), m(2, 'b/s', { x: { county: '天元区', road: '人民路', room: '', unit: undefined } }, T3)],
    value: { county: '天元区', road: '人民路', roadNumber: '5' }, from: 1, label: 'mostComplete' },
  { name: 'mostComplete: tie → most recent', rule: { rule: 'mostComplete' },
    members: [m(1, 'a/s', { x: 'abc' }, T1), m(2, 'b/s', { x: 'xyz' }, T2)], value: 'xyz', from: 2, label: 'mostComplete' },
  { name: 'mostComplete: empty object never wins', rule: { rule: 'mostComplete' },
    members: [m(1, 'a/s', { x: {} }, T3), m(2, 'b/s', { x: { room: '' } }, T3)] },
  // missing everywhere
  { name: 'field missing in every member → no value', rule: { rule: 'mostRecent' }, members: [m(1, 'a/s', { y: 1 }, T1), m(2, 'b/s', { x: '' }, T2)] },
  { name: 'no members → no value', rule: { rule: 'mostFrequent' }, members: [] },
];

describe('single-valued rules', () => {
  it.each(cases)('$name', ({ rule, members, value, from, label }) => {
    const fn = compileSurvivorship(one(rule));
    for (const order of permutations(members)) {
      const g = fn(order);
      if (value === undefined) {
        expect(g.values).toEqual({});
        expect(g.provenance).toEqual({});
        continue;
      }
      expect(g.values.x).toEqual(value);
      const src = members.find((r) => r.id === from)!;
      expect(g.provenance.x).toEqual({ sourceRecordId: from, source: src.source, rule: label, at: src.sourceUpdatedAt ?? src.fetchedAt });
    }
  });
});

describe('union', () => {
  const rule: AttributeRule = { rule: 'union', from: ['careCategories', 'tagCode', 'tag'], split: ';' };
  const members = [
    m(3, 'health/gazdx', { careCategories: ['elderly_alone', 'disabled'] }, T2),
    m(1, 'civil-affairs/care_objects', { tagCode: 'disabled' }, T1),
    m(2, 'roster/csv', { tag: 'veteran; elderly_alone;;' }, null, T3),
    m(4, 'health/yzjsza', { tagCode: 'severe_mental_disorder', careCategories: [] }, T1),
    m(5, 'police/rk', { name: '张三' }, T1),
  ];
  it('collects distinct values (sorted) with every record they came from, in any member order', () => {
    const fn = compileSurvivorship(one(rule, 'tags'));
    const expected = fn(members);
    expect(expected.values.tags).toEqual(['disabled', 'elderly_alone', 'severe_mental_disorder', 'veteran']);
    expect(expected.provenance.tags).toEqual([
      { value: 'disabled', sourceRecordId: 1, source: 'civil-affairs', rule: 'union', at: T1 },
      { value: 'disabled', sourceRecordId: 3, source: 'health', rule: 'union', at: T2 },
      { value: 'elderly_alone', sourceRecordId: 2, source: 'roster', rule: 'union', at: T3 },
      { value: 'elderly_alone', sourceRecordId: 3, source: 'health', rule: 'union', at: T2 },
      { value: 'severe_mental_disorder', sourceRecordId: 4, source: 'health', rule: 'union', at: T1 },
      { value: 'veteran', sourceRecordId: 2, source: 'roster', rule: 'union', at: T3 },
    ]);
    for (const order of permutations(members)) expect(fn(order)).toEqual(expected);
  });
  it.each<[string, AttributeRule, MemberRecord[], unknown[] | undefined]>([
    ['single field, no split: string kept whole', { rule: 'union', from: 'tag' }, [m(1, 'a/s', { tag: 'a;b' })], ['a;b']],
    ['split on another separator', { rule: 'union', from: 'tag', split: ',' }, [m(1, 'a/s', { tag: 'b,a' }), m(2, 'a/s', { tag: 'a' })], ['a', 'b']],
    ['same value twice in one record counts once', { rule: 'union', from: ['t1', 't2'] }, [m(1, 'a/s', { t1: 'a', t2: ['a', 'a'] })], ['a']],
    ['no values anywhere → no value', { rule: 'union', from: ['t1', 't2'], split: ';' }, [m(1, 'a/s', { t1: '', t2: [] }), m(2, 'a/s', { t1: ' ; ' })], undefined],
    ['numbers kept as numbers', { rule: 'union', from: 'g' }, [m(1, 'a/s', { g: 3 }), m(2, 'a/s', { g: 0 }), m(3, 'a/s', { g: 3 })], [0, 3]],
  ])('%s', (_name, r, ms, expected) => {
    const g = survive(ms, one(r));
    if (expected === undefined) {
      expect(g.values).toEqual({});
      expect(g.provenance).toEqual({});
    } else {
      expect(g.values.x).toEqual(expected);
      expect(new Set((g.provenance.x as Array<{ value: unknown }>).map((p) => p.value))).toEqual(new Set(expected));
    }
  });
  it('a union provenance entry per (value, record)', () => {
    const g = survive([m(1, 'a/s', { t: 'a;b' }), m(2, 'b/s', { t: 'b' })], one({ rule: 'union', from: 't', split: ';' }));
    expect((g.provenance.x as Array<{ value: unknown; sourceRecordId: number }>).map((p) => [p.value, p.sourceRecordId])).toEqual([['a', 1], ['b', 1], ['b', 2]]);
  });
});

describe('roles', () => {
  const config: SurvivorshipConfig = {
    attributes: {
      addresses: {
        rule: 'roles',
        roles: {
          hukou: { from: 'hukouAddress', rule: { rule: 'sourcePriority', priority: ['police'], then: { rule: 'mostRecent' } } },
          residence: { from: 'residenceAddress', rule: { rule: 'sourcePriority', priority: ['police'], then: { rule: 'mostRecent' } } },
          work: { from: 'workAddress', rule: { rule: 'mostRecent' } },
        },
      },
    },
  };
  it('keeps each role, with provenance per role (人户分离)', () => {
    const members = [
      m(1, 'police/rk', { hukouAddress: '湖南省长沙市岳麓区X路1号', residenceAddress: '广东省南溪市天元区人民路5号' }, T1),
      m(2, 'health/jmjkda', { residenceAddress: '广东省南溪市天元区旧街1号' }, T3),
    ];
    for (const order of permutations(members)) {
      const g = survive(order, config);
      expect(g.values.addresses).toEqual({ hukou: '湖南省长沙市岳麓区X路1号', residence: '广东省南溪市天元区人民路5号' });
      expect(g.provenance.addresses).toEqual({
        hukou: { sourceRecordId: 1, source: 'police', rule: 'sourcePriority:police', at: T1 },
        residence: { sourceRecordId: 1, source: 'police', rule: 'sourcePriority:police', at: T1 },
      });
    }
  });
  it('a role falls back on its own; roles without values are left out', () => {
    const g = survive([m(1, 'police/rk', { hukouAddress: 'H' }, T1), m(2, 'health/jmjkda', { residenceAddress: 'R' }, T2)], config);
    expect(g.values.addresses).toEqual({ hukou: 'H', residence: 'R' });
    expect(g.provenance.addresses).toEqual({
      hukou: { sourceRecordId: 1, source: 'police', rule: 'sourcePriority:police', at: T1 },
      residence: { sourceRecordId: 2, source: 'health', rule: 'mostRecent', at: T2 },
    });
  });
  it('no role with a value → no attribute', () => {
    const g = survive([m(1, 'police/rk', { name: 'x' })], config);
    expect(g).toEqual({ values: {}, provenance: {} });
  });
});

describe('whole configs', () => {
  const config: SurvivorshipConfig = {
    attributes: {
      name: { rule: 'sourcePriority', priority: ['police'], then: { rule: 'mostFrequent' } },
      phone: { rule: 'mostRecent' },
      docNo: { rule: 'mostComplete', from: 'passportNo' },
      tags: { rule: 'union', from: 'tagCode' },
    },
  };
  it('sets value and provenance together, attribute by attribute', () => {
    const g = survive([m(1, 'police/rk', { name: '李四', phone: '13800000000' }, T1), m(2, 'health/a', { name: '李肆', phone: '13900000000', tagCode: 'disabled' }, T2)], config);
    expect(g.values).toEqual({ name: '李四', phone: '13900000000', tags: ['disabled'] });
    expect(Object.keys(g.provenance).sort()).toEqual(['name', 'phone', 'tags']);
    expect(g.provenance.name).toMatchObject({ sourceRecordId: 1, rule: 'sourcePriority:police' });
    expect(g.provenance.phone).toMatchObject({ sourceRecordId: 2, rule: 'mostRecent' });
  });
  it('is order independent on a random cluster of 9 (50 shuffles) and large clusters (Map counting)', () => {
    const srcs = ['police/rk', 'health/jmjkda', 'health/gazdx', 'civil/c'];
    const times = [T1, T2, T3, T3z, null];
    const mk = (n: number): MemberRecord[] =>
      Array.from({ length: n }, (_, i) =>
        m(1000 - i * 7, srcs[i % 4]!, { name: ['a', 'b', 'c', ''][(i * 5) % 4], phone: i % 3 === 0 ? null : `1380000000${i % 5}`, passportNo: ['E1', 'E12', 'E21'][i % 3], tagCode: `t${i % 6};t${i % 2}` }, times[i % 5]!),
      );
    for (const n of [9, 130]) {
      const members = mk(n);
      const expected = survive(members, config);
      for (const order of permutations(members)) expect(survive(order, config)).toEqual(expected);
    }
  });
  it('pairwise and Map counting agree on the mostFrequent winner (objects compared structurally)', () => {
    const rule = one({ rule: 'mostFrequent' });
    // i % 5: 0 → 'p' (1/5), 1–2 → {r,s} in either key order (2/5), 3–4 → 'z' (2/5); even i newer (T2).
    // Tie {r,s} vs 'z' → the value with the newest carrier, then smallest id: {r,s} via i = 2 (id 3).
    const x = (i: number): unknown => (i % 5 === 0 ? 'p' : i % 5 < 3 ? (i % 2 ? { r: 'q', s: 't' } : { s: 't', r: 'q' }) : 'z');
    const mk = (n: number): MemberRecord[] => Array.from({ length: n }, (_, i) => m(i + 1, 'a/s', { x: x(i) }, i % 2 ? T1 : T2));
    for (const n of [60, 120]) {
      const g = survive(mk(n), rule);
      expect(g.values.x).toEqual({ r: 'q', s: 't' });
      expect(g.provenance.x).toMatchObject({ sourceRecordId: 3, rule: `mostFrequent(${(2 * n) / 5}/${n})` });
    }
  });
  it('caches the compiled config and throws on an invalid one', () => {
    expect(() => survive([], { attributes: { x: { rule: 'nope' } } } as unknown as SurvivorshipConfig)).toThrow(/attributes\.x\.rule: expected one of/);
    expect(() => compileSurvivorship({ attributes: {} }, 'p.json')).toThrow(/invalid survivorship config p\.json/);
  });
  it('returns the member values without copying', () => {
    const c = { county: '天元区' };
    expect(survive([m(1, 'a/s', { x: c })], one({ rule: 'mostRecent' })).values.x).toBe(c);
  });
  it('gives the same result with precomputed member times (atMs) as without', () => {
    const config: SurvivorshipConfig = {
      attributes: {
        name: { rule: 'mostFrequent' },
        phone: { rule: 'mostRecent' },
        addresses: { rule: 'roles', roles: { hukou: { from: 'hukou', rule: { rule: 'mostRecent' } }, residence: { from: 'residence', rule: { rule: 'mostRecent' } } } },
      },
    };
    const ms = [
      m(1, 'police/rk', { name: '李四', phone: '1', hukou: 'a', residence: 'b' }, T1),
      m(2, 'health/a', { name: '李肆', phone: '2', hukou: 'c' }, T3),
      m(3, 'health/b', { name: '李四', phone: '3', residence: 'd' }, T3z),
      m(4, 'civil/c', { phone: '4' }, 'not a date', 'bad'),
    ];
    const survivor = compileSurvivorship(config);
    const plain = survivor(ms);
    const timed = survivor(ms.map((r) => ({ ...r, atMs: memberTime(r) })));
    expect(JSON.stringify(timed)).toBe(JSON.stringify(plain));
    expect(memberTime(ms[3]!)).toBe(-Infinity);
    expect(memberTime(ms[1]!)).toBe(memberTime(ms[2]!));
    // one provenance object per (record, rule) within a call
    expect(plain.provenance.phone).toEqual({ sourceRecordId: 2, source: 'health', rule: 'mostRecent', at: T3 });
    expect((plain.provenance.addresses as Record<string, unknown>).hukou).toBe(plain.provenance.phone);
  });
  it('compact provenance keeps every fact: { sourceRecordId, rule } per attribute, { source, at } once per record', () => {
    const config: SurvivorshipConfig = {
      attributes: {
        name: { rule: 'sourcePriority', priority: ['police'], then: { rule: 'mostFrequent' } },
        phone: { rule: 'mostRecent' },
        tags: { rule: 'union', from: 'tagCode', split: ';' },
        addresses: { rule: 'roles', roles: { hukou: { from: 'hukou', rule: { rule: 'mostRecent' } } } },
      },
    };
    const ms = [
      m(1, 'police/rk', { name: '李四', phone: '1', tagCode: 'a;b', hukou: 'h1' }, T1),
      m(2, 'health/a', { name: '李肆', phone: '2', tagCode: 'b', hukou: 'h2' }, T2),
      m(3, 'civil/c', {}, T3),
    ];
    const full = compileSurvivorship(config)(ms);
    const compact = compileSurvivorship(config, 'test', { compact: true })(ms);
    expect(compact.values).toEqual(full.values);
    expect(compact.provenance).toEqual({
      name: { sourceRecordId: 1, rule: 'sourcePriority:police' },
      phone: { sourceRecordId: 2, rule: 'mostRecent' },
      tags: [
        { sourceRecordId: 1, rule: 'union', value: 'a' },
        { sourceRecordId: 1, rule: 'union', value: 'b' },
        { sourceRecordId: 2, rule: 'union', value: 'b' },
      ],
      addresses: { hukou: { sourceRecordId: 2, rule: 'mostRecent' } },
      records: { '1': { source: 'police', at: T1 }, '2': { source: 'health', at: T2 } },
    });
    // expanding the compact form gives the full form back
    const records = compact.provenance.records!;
    const expand = (e: { sourceRecordId: number }): unknown => ({ ...e, ...records[String(e.sourceRecordId)] });
    for (const [attr, e] of Object.entries(full.provenance)) {
      const c = compact.provenance[attr] as never;
      if (Array.isArray(e)) expect((c as Array<{ sourceRecordId: number }>).map(expand)).toEqual(e);
      else if ('sourceRecordId' in e) expect(expand(c)).toEqual(e);
      else for (const role of Object.keys(e)) expect(expand((c as Record<string, { sourceRecordId: number }>)[role]!)).toEqual(e[role]);
    }
    expect(compileSurvivorship(config, 'test', { compact: true })([m(4, 'a/s', {})])).toEqual({ values: {}, provenance: {} });
  });
});
