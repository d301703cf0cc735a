import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileSurvivorship, parseSurvivorship, SurvivorshipConfigError, validateSurvivorship, type SurvivorshipConfig } from '../../../../src/resolve/survivorship';
import { m } from './members';

const problemsOf = (json: unknown): string[] => {
  const r = validateSurvivorship(json);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
};

describe('validateSurvivorship', () => {
  it.each<[string, unknown, string[]]>([
    ['not an object', [], [': expected a JSON object { attributes }']],
    ['no attributes', {}, ['attributes: expected an object attribute name → rule']],
    ['empty attributes', { attributes: {} }, ['attributes: expected an object attribute name → rule']],
    ['unknown top-level key', { attributes: { x: { rule: 'mostRecent' } }, attribs: 1 }, ['attribs: unknown key (expected attributes, description)']],
    ['rule not an object', { attributes: { x: 'mostRecent' } }, ['attributes.x: expected an object { rule, … }']],
    ['reserved attribute name', { attributes: { records: { rule: 'mostRecent' } } }, ['attributes.records: records is reserved (the provenance keeps its records under that key)']],
    ['unknown rule', { attributes: { x: { rule: 'longest' } } }, ['attributes.x.rule: expected one of sourcePriority, mostRecent, mostFrequent, mostComplete, union, roles, got "longest"']],
    ['empty priority', { attributes: { name: { rule: 'sourcePriority', priority: [] } } }, ['attributes.name.priority: expected a non-empty array of source names']],
    ['missing priority', { attributes: { name: { rule: 'sourcePriority' } } }, ['attributes.name.priority: expected a non-empty array of source names']],
    ['bad and duplicate priority entries', { attributes: { name: { rule: 'sourcePriority', priority: ['police', 'a/b/c', 3, 'police', ''] } } }, [
      'attributes.name.priority[1]: expected a source name (\'police\') or source/stream (\'police/rk\'), got "a/b/c"',
      'attributes.name.priority[2]: expected a source name (\'police\') or source/stream (\'police/rk\'), got 3',
      'attributes.name.priority[3]: duplicate source police',
      'attributes.name.priority[4]: expected a source name (\'police\') or source/stream (\'police/rk\'), got ""',
    ]],
    ['typo in a key and bad from', { attributes: { x: { rule: 'mostRecent', form: 'a', from: '' } } }, ['attributes.x.form: unknown key for mostRecent (expected rule, from)', 'attributes.x.from: expected a canonical field name']],
    ['then must be single-valued', { attributes: { x: { rule: 'sourcePriority', priority: ['p'], then: { rule: 'union', from: 'a' } } } }, ['attributes.x.then.rule: union gives several values; a fallback needs one of sourcePriority, mostRecent, mostFrequent, mostComplete']],
    ['nested then problems are reported with their path', { attributes: { x: { rule: 'sourcePriority', priority: ['p'], then: { rule: 'mostFrequent', tieBreak: 'sourcePriority' } } } }, ['attributes.x.then.priority: expected a non-empty array of source names']],
    ['bad tieBreak', { attributes: { x: { rule: 'mostFrequent', tieBreak: 'oldest' } } }, ['attributes.x.tieBreak: expected mostRecent or sourcePriority, got "oldest"']],
    ['priority without sourcePriority tieBreak', { attributes: { x: { rule: 'mostFrequent', priority: ['police'] } } }, ["attributes.x.priority: priority applies only with tieBreak 'sourcePriority'"]],
    ['union without from', { attributes: { tags: { rule: 'union' } } }, ['attributes.tags.from: expected a canonical field name or a non-empty array of them']],
    ['union bad fields and split', { attributes: { tags: { rule: 'union', from: ['a', 'a', 1], split: '' } } }, ['attributes.tags.from[1]: duplicate field a', 'attributes.tags.from[2]: expected a canonical field name', 'attributes.tags.split: expected a non-empty separator string']],
    ['roles empty', { attributes: { addresses: { rule: 'roles', roles: {} } } }, ['attributes.addresses.roles: expected an object role name → { from, rule }']],
    ['role problems', { attributes: { addresses: { rule: 'roles', roles: {
      hukou: { rule: { rule: 'mostRecent', from: 'x' } },
      residence: { from: 'residenceAddress', rule: { rule: 'union', from: 'a' }, extra: 1 },
      work: 'mostRecent',
      other: { from: 'o', rule: { rule: 'sourcePriority', priority: ['p'], then: { rule: 'roles', roles: {} } } },
    } } } }, [
      'attributes.addresses.roles.hukou.from: expected a canonical field name',
      "attributes.addresses.roles.hukou.rule.from: a role's rule reads the role's from; set from on the role",
      'attributes.addresses.roles.residence.extra: unknown key for a role (expected from, rule)',
      'attributes.addresses.roles.residence.rule.rule: union gives several values; a role needs one of sourcePriority, mostRecent, mostFrequent, mostComplete',
      'attributes.addresses.roles.work: expected an object { from, rule }',
      'attributes.addresses.roles.other.rule.then.rule: roles gives several values; a role needs one of sourcePriority, mostRecent, mostFrequent, mostComplete',
    ]],
    ['every attribute is checked', { attributes: { a: { rule: 'x' }, b: { rule: 'mostComplete', from: 5 } } }, ['attributes.a.rule: expected one of sourcePriority, mostRecent, mostFrequent, mostComplete, union, roles, got "x"', 'attributes.b.from: expected a canonical field name']],
  ])('%s', (_name, json, expected) => {
    expect(problemsOf(json)).toEqual(expected);
  });

  it('accepts every rule form', () => {
    expect(problemsOf({
      description: 'all rules',
      attributes: {
        a: { rule: 'sourcePriority', from: 'f', priority: ['police', 'health/jmjkda'], then: { rule: 'sourcePriority', priority: ['x'], then: { rule: 'mostComplete' } } },
        b: { rule: 'mostRecent' },
        c: { rule: 'mostFrequent', tieBreak: 'sourcePriority', priority: ['health'] },
        d: { rule: 'mostFrequent', tieBreak: 'mostRecent' },
        e: { rule: 'union', from: 'tag', split: ';' },
        f: { rule: 'roles', roles: { hukou: { from: 'hukouAddress', rule: { rule: 'mostFrequent' } } } },
      },
    })).toEqual([]);
  });

  it('parseSurvivorship throws every problem with its source', () => {
    let err: unknown;
    try {
      parseSurvivorship({ attributes: { name: { rule: 'sourcePriority', priority: [] }, x: { rule: 'mostRecent', extra: 1 } } }, 'person.survivorship.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SurvivorshipConfigError);
    expect((err as SurvivorshipConfigError).problems).toHaveLength(2);
    expect((err as Error).message).toBe(
      'invalid survivorship config person.survivorship.json:\n  - attributes.name.priority: expected a non-empty array of source names\n  - attributes.x.extra: unknown key for mostRecent (expected rule, from)',
    );
  });
});

describe('shipped configs', () => {
  const dir = join(__dirname, '../../../../src/resolve/models');
  const load = (f: string): SurvivorshipConfig => parseSurvivorship(JSON.parse(readFileSync(join(dir, f), 'utf8')), f);

  it.each(['person.survivorship.json', 'organisation.survivorship.json'])('%s validates and compiles', (f) => {
    expect(validateSurvivorship(JSON.parse(readFileSync(join(dir, f), 'utf8')))).toMatchObject({ ok: true });
    expect(typeof compileSurvivorship(load(f), f)).toBe('function');
  });

  it('person: register identity, recent phone, addresses by role (police residence beats a newer health record), union of tags', () => {
    const survive = compileSurvivorship(load('person.survivorship.json'));
    const police = m(10, 'police/rk', {
      name: '王五', citizenId: '110101199001011234', gender: 'M', birthDate: '1990-01-01', personKind: 'floating', status: 'active',
      hukouAddress: '湖南省长沙市岳麓区麓山路1号', hukouAddressComponents: { province: '湖南省', city: '长沙市', county: '岳麓区', road: '麓山路', roadNumber: '1' },
      residenceAddress: '广东省南溪市天元区人民路5号', residenceAddressComponents: { province: '广东省', county: '天元区', road: '人民路', roadNumber: '5' },
      phone: '13800000001',
    }, '2025-03-01T00:00:00+08:00');
    const health = m(20, 'health/jmjkda', { name: '王伍', citizenId: '110101199001011234', gender: 'M', birthDate: '1990-01-01', residenceAddress: '广东省南溪市天元区旧街1号', phone: '13800000002', status: 'active' }, '2025-09-01T00:00:00+08:00');
    const gazdx = m(30, 'health/gazdx', { name: '王伍', citizenId: '110101199001011234', careCategories: ['elderly_alone', 'disabled'] }, '2025-01-01T00:00:00+08:00');
    const civil = m(40, 'civil-affairs/care_objects', { name: '王五', citizenId: '110101199001011234', tagCode: 'disabled', phone: '13800000003' }, '2024-01-01 10:00:00');
    const g = survive([health, civil, gazdx, police]);
    expect(g.values).toMatchObject({
      name: '王五', citizenId: '110101199001011234', gender: 'M', birthDate: '1990-01-01', kind: 'floating', status: 'active',
      phone: '13800000002',
      addresses: { hukou: '湖南省长沙市岳麓区麓山路1号', residence: '广东省南溪市天元区人民路5号' },
      tags: ['disabled', 'elderly_alone'],
    });
    expect(g.provenance.name).toEqual({ sourceRecordId: 10, source: 'police', rule: 'sourcePriority:police/rk', at: '2025-03-01T00:00:00+08:00' });
    expect(g.provenance.phone).toMatchObject({ sourceRecordId: 20, rule: 'mostRecent' });
    expect(g.provenance.addresses).toMatchObject({ hukou: { sourceRecordId: 10 }, residence: { sourceRecordId: 10 } });
    expect(g.provenance.addressComponents).toMatchObject({ hukou: { sourceRecordId: 10 }, residence: { sourceRecordId: 10 } });
    // Without a police record: most frequent name, most recent residence.
    const h = survive([health, civil, gazdx]);
    expect(h.values).toMatchObject({ name: '王伍', addresses: { residence: '广东省南溪市天元区旧街1号' } });
    expect(h.provenance.name).toMatchObject({ rule: 'mostFrequent(2/3)', sourceRecordId: 20 });
    expect(h.values.householdNo).toBeUndefined();
  });

  it('organisation: safety first for identity, most recent status', () => {
    const survive = compileSurvivorship(load('organisation.survivorship.json'));
    const safety = m(1, 'safety/enterprises', { name: '南溪市天元区好味小吃店', uscc: '92440106MA5XXXXX1X', kind: 'small_restaurant', status: 'active', legalRepName: '赵六', legalRepPhone: '13800000009' }, '2025-01-01T00:00:00+08:00');
    const other = m(2, 'market/reg', { name: '好味小吃店', uscc: '92440106MA5XXXXX1X', status: 'closed' }, '2025-06-01T00:00:00+08:00');
    const g = survive([other, safety]);
    expect(g.values).toMatchObject({ name: '南溪市天元区好味小吃店', kind: 'small_restaurant', status: 'closed', legalRepresentativeName: '赵六', phone: '13800000009' });
    expect(g.provenance.status).toMatchObject({ sourceRecordId: 2, rule: 'mostRecent' });
    expect(g.provenance.uscc).toMatchObject({ sourceRecordId: 1, rule: 'sourcePriority:safety/enterprises' });
  });
});
