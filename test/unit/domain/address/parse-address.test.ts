/** Table-driven tests of `parseAddress` (cases in address-cases.ts) plus its contract: issues, canonical form, levels. */
import { parseAddress, ADDRESS_RULES } from '../../../../src/domain/address/parse-address';
import { ADDRESS_LEVEL } from '../../../../src/domain/address/address-level';
import type { AddressComponents } from '../../../../src/domain/address/address-components';
import { ADDRESS_CASES, type AddressCase } from './address-cases';

describe('parseAddress: case table', () => {
  test('has at least 170 distinct inputs', () => {
    expect(new Set(ADDRESS_CASES.map((c) => c.input)).size).toBe(ADDRESS_CASES.length);
    expect(ADDRESS_CASES.length).toBeGreaterThanOrEqual(170);
  });

  test.each(ADDRESS_CASES)('$input', (c: AddressCase) => {
    const parsed = parseAddress(c.input);
    // Only the listed components are compared; a component listed as undefined must be absent.
    const keys = Object.keys(c.expect) as Array<keyof AddressComponents>;
    expect(Object.fromEntries(keys.map((k) => [k, parsed.components[k]]))).toEqual(c.expect);
    if (c.canonical !== undefined) expect(parsed.canonical).toBe(c.canonical);
    if (c.leafLevel !== undefined) expect(parsed.leafLevel).toBe(c.leafLevel);
    expect(parsed.input).toBe(c.input);
  });

  test.each(ADDRESS_CASES.filter((c) => c.expect.rest === undefined))('canonical form is a fixed point: $input', (c: AddressCase) => {
    const first = parseAddress(c.input);
    if (first.components.rest !== undefined) return;
    const second = parseAddress(first.canonical);
    expect(second.canonical).toBe(first.canonical);
    expect(second.components).toEqual(first.components.floor === undefined ? first.components : { ...first.components, floor: second.components.floor });
  });
});

describe('parseAddress: issues', () => {
  test.each(['', '   ', '\u3000\u200b', '，。、', '()'])('empty input %p → ADDRESS_EMPTY error', (input) => {
    const parsed = parseAddress(input);
    expect(parsed.issues).toEqual([expect.objectContaining({ field: 'address', rule: ADDRESS_RULES.empty, severity: 'error' })]);
    expect(parsed.components).toEqual({});
    expect(parsed.canonical).toBe('');
    expect(parsed.leafLevel).toBeUndefined();
  });

  test.each([null, undefined])('%p is treated as empty', (input) => {
    expect(parseAddress(input).issues[0]?.rule).toBe(ADDRESS_RULES.empty);
  });

  test('unparsed text is kept in rest with a warning naming it', () => {
    const parsed = parseAddress('翠湖雅苑3栋501对面小卖部');
    expect(parsed.components.rest).toBe('对面小卖部');
    expect(parsed.issues).toEqual([
      expect.objectContaining({ rule: ADDRESS_RULES.unparsedRest, severity: 'warning', value: '翠湖雅苑3栋501对面小卖部' }),
    ]);
    expect(parsed.issues[0]?.message).toContain('对面小卖部');
    expect(parsed.canonical).toBe('翠湖雅苑3栋501室对面小卖部');
  });

  test('text without suffix before a building becomes the compound, with a warning', () => {
    const parsed = parseAddress('天河路385号太古汇1座2001');
    expect(parsed.components).toEqual({ road: '天河路', roadNumber: '385', compound: '太古汇', building: '1', room: '2001' });
    expect(parsed.issues).toEqual([expect.objectContaining({ rule: ADDRESS_RULES.compoundGuessed, severity: 'warning' })]);
  });

  test('a fully parsed address has no issues', () => {
    expect(parseAddress('广东省广州市天河区中山大道西55号翠湖雅苑3栋2单元501室').issues).toEqual([]);
  });

  test('nothing recognised: no leaf level, everything in rest', () => {
    const parsed = parseAddress('随便写的一些字');
    expect(parsed.leafLevel).toBeUndefined();
    expect(parsed.canonical).toBe('随便写的一些字');
  });
});

describe('parseAddress: normalisation and levels', () => {
  test('normalized text is simplified, half-width, without spaces and with digits', () => {
    expect(parseAddress(' 廣州市 天河區 翠湖雅苑 三棟 五〇一室 ').normalized).toBe('广州市天河区翠湖雅苑3栋501室');
  });

  test.each([
    ['广东省', ADDRESS_LEVEL.division],
    ['石牌街道', ADDRESS_LEVEL.town],
    ['华师社区', ADDRESS_LEVEL.community],
    ['石马村3组', ADDRESS_LEVEL.villagerGroup],
    ['中山路55号', ADDRESS_LEVEL.road],
    ['长乐路128弄', ADDRESS_LEVEL.lane],
    ['翠湖雅苑', ADDRESS_LEVEL.compound],
    ['机关大院', ADDRESS_LEVEL.yard],
    ['石马村张家湾自然村', ADDRESS_LEVEL.naturalVillage],
    ['翠湖雅苑3栋', ADDRESS_LEVEL.building],
    ['翠湖雅苑3栋2单元', ADDRESS_LEVEL.unit],
    ['翠湖雅苑3栋2单元501', ADDRESS_LEVEL.room],
  ])('leaf level of %p is %p', (input, level) => {
    expect(parseAddress(input).leafLevel).toBe(level);
  });

  test('every spelling of one dwelling gives one canonical string', () => {
    const spellings = ['翠湖雅苑3栋2单元501室', '翠湖雅苑三号楼二单元五零一', '翠湖雅苑3-2-501', '翠湖雅苑３幢２单元５楼０１', '翠湖雅苑3#2梯501房', '翠湖雅苑第三座第二单元501号房'];
    expect(new Set(spellings.map((s) => parseAddress(s).canonical))).toEqual(new Set(['翠湖雅苑3栋2单元501室']));
  });
});
