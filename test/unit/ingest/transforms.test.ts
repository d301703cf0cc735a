/**
 * Every transform, table-driven: a good value and its canonical form, a bad value and the rule
 * of the structured issue it raises (the record is then quarantined, never dropped).
 */
import type { FieldMapping, TransformSpec } from '../../../src/ingest/manifest/manifest-types';
import { compileStream, mapRecord } from '../../../src/ingest/mapping/map-record';

function run(value: unknown, transforms: TransformSpec[], extra: Partial<FieldMapping> = {}) {
  const s = compileStream({ primaryKey: ['id'], mapping: { fields: { f: { from: 'v', transforms, ...extra } } } }, { sex: { '1': 'M', '2': 'F' } });
  return mapRecord({ id: 'k1', v: value }, s);
}

const GOOD_ID = '11010519491231002X';

describe('transforms: good values', () => {
  it.each<[string, unknown, TransformSpec[], unknown]>([
    ['trim', '  a b  ', [{ kind: 'trim' }], 'a b'],
    ['trim of blanks is null', '   ', [{ kind: 'trim' }], null],
    ['normalizeText (full-width, traditional)', ' ＡＢ１ 華 ', [{ kind: 'normalizeText' }], 'AB1 华'],
    ['personName', '陈 秀英', [{ kind: 'personName' }], '陈秀英'],
    ['codeTable by name', '2', [{ kind: 'codeTable', table: 'sex' }], 'F'],
    ['codeTable inline', '10', [{ kind: 'codeTable', table: { '10': 'residential' } }], 'residential'],
    ['codeTable keep', '99', [{ kind: 'codeTable', table: 'sex', onMissing: 'keep' }], '99'],
    ['codeTable null', '99', [{ kind: 'codeTable', table: 'sex', onMissing: 'null' }], null],
    ['date compact', '19850307', [{ kind: 'date' }], '1985-03-07'],
    ['date chinese', '1985年3月7日', [{ kind: 'date' }], '1985-03-07'],
    ['date slash', '2008/01/14', [{ kind: 'date' }], '2008-01-14'],
    ['dateTime compact (+08:00)', '20260101080024', [{ kind: 'dateTime' }], '2026-01-01T00:00:24.000Z'],
    ['dateTime iso', '2026-01-01T08:16:54+08:00', [{ kind: 'dateTime' }], '2026-01-01T00:16:54.000Z'],
    ['citizenId lower x', '11010519491231002x', [{ kind: 'citizenId' }], GOOD_ID],
    ['citizenId 15 digits', '110105491231002', [{ kind: 'citizenId' }], GOOD_ID],
    ['uscc', '91350100M000100Y43', [{ kind: 'uscc' }], '91350100M000100Y43'],
    ['phone +86', '+86 138 0013 8000', [{ kind: 'phone' }], '13800138000'],
    ['phone dashes', '138-0013-8000', [{ kind: 'phone' }], '13800138000'],
    ['split then codeTable per element', '1;2', [{ kind: 'split', separator: ';' }, { kind: 'codeTable', table: 'sex' }], ['M', 'F']],
    ['number from string', ' 42.5 ', [{ kind: 'number' }], 42.5],
    ['boolean', '1', [{ kind: 'boolean' }], true],
    ['boolean native', false, [{ kind: 'boolean' }], false],
    ['emptyToNull', '', [{ kind: 'emptyToNull' }], null],
    ['empty input skips parsers', '', [{ kind: 'citizenId' }], null],
    ['citizenId on an array', [GOOD_ID, '11010519491231002x'], [{ kind: 'citizenId' }], [GOOD_ID, GOOD_ID]],
  ])('%s', (_name, value, transforms, expected) => {
    const r = run(value, transforms);
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.canonical.f).toEqual(expected);
    expect(r.quarantined).toBe(false);
  });

  it('address → canonical text plus components', () => {
    const r = run('广东省广州市天河区石牌街道华师社区中山大道西55号华景新城3幢2单元501房', [{ kind: 'address' }]);
    expect(r.quarantined).toBe(false);
    expect(typeof r.canonical.f).toBe('string');
    expect(r.canonical.fComponents).toMatchObject({ province: '广东省', county: '天河区', building: '3', unit: '2', room: '501' });
  });
});

describe('transforms: bad values become structured issues', () => {
  it.each<[string, unknown, TransformSpec[], string]>([
    ['codeTable unknown code', '7', [{ kind: 'codeTable', table: 'sex' }], 'MAPPING_CODE_UNKNOWN'],
    ['codeTable wrong type', 10, [{ kind: 'codeTable', table: 'sex' }], 'MAPPING_TYPE'],
    ['date impossible', '19850230', [{ kind: 'date' }], 'DATE_INVALID'],
    ['date chinese impossible', '1985年4月31日', [{ kind: 'date' }], 'DATE_INVALID'],
    ['date unreadable', 'yesterday', [{ kind: 'date' }], 'DATE_FORMAT'],
    ['dateTime bad', '2026-13-01 00:00:00', [{ kind: 'dateTime' }], 'DATE_INVALID'],
    ['citizenId check char', '110105194912310021', [{ kind: 'citizenId' }], 'CITIZEN_ID_CHECK_CHAR'],
    ['citizenId as number', 110105194912310020, [{ kind: 'citizenId' }], 'MAPPING_TYPE'],
    ['uscc check char', '91350100M000100Y44', [{ kind: 'uscc' }], 'USCC_CHECK_CHAR'],
    ['phone', '12345', [{ kind: 'phone' }], 'PHONE_FORMAT'],
    ['number', 'abc', [{ kind: 'number' }], 'MAPPING_NUMBER'],
    ['boolean', 'maybe', [{ kind: 'boolean' }], 'MAPPING_BOOLEAN'],
  ])('%s', (_name, value, transforms, rule) => {
    const r = run(value, transforms);
    expect(r.quarantined).toBe(true);
    expect(r.canonical.f).toBeNull();
    const i = r.issues.find((x) => x.severity === 'error')!;
    expect(i).toMatchObject({ field: 'f', rule, value: String(value) });
    expect(i.message.length).toBeGreaterThan(5);
  });

  it.each<[string, unknown, Partial<FieldMapping>, string]>([
    ['required', '', { required: true }, 'MAPPING_REQUIRED'],
    ['required on absent', undefined, { required: true }, 'MAPPING_REQUIRED'],
    ['pattern', 'abc', { validate: { pattern: '^[0-9]+$' } }, 'MAPPING_PATTERN'],
    ['pattern on a number', 12, { validate: { pattern: '^[0-9]+$' } }, 'MAPPING_TYPE'],
    ['maxLength', 'abcdef', { validate: { maxLength: 3 } }, 'MAPPING_LENGTH'],
    ['range', 9, { validate: { min: 0, max: 5 } }, 'MAPPING_RANGE'],
    ['oneOf', 'D', { validate: { oneOf: ['A', 'B'] } }, 'MAPPING_ONE_OF'],
  ])('validation: %s', (_name, value, extra, rule) => {
    const r = run(value, [], extra);
    expect(r.quarantined).toBe(true);
    expect(r.issues[0]).toMatchObject({ field: 'f', rule, severity: 'error' });
  });
});
