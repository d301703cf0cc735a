import { PHONE_RULES, maskPhone, parsePhone, type Phone } from '../../../src/domain/phone';

// All numbers are synthetic (13800138000 is the carrier's own service-style example number).

describe('parsePhone: mobiles', () => {
  it.each([
    '13800138000',
    ' 13800138000 ',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '+8613800138000',
    '(+86) 138 0013 8000',
    '+86 (138) 0013-8000',
    '0086-13800138000',
    '0086 138 0013 8000',
    '008613800138000',
    '8613800138000',
    '86 138 0013 8000',
    '138-0013-8000',
    '138 0013 8000',
    '138.0013.8000',
    '(138)00138000',
    '１３８００１３８０００',
    '１３８－００１３－８０００',
    '＋８６\u3000１３８\u3000００１３\u3000８０００',
    '138—0013—8000',
    '138\u00a00013\u00a08000',
  ])('%p → 13800138000', (raw) => {
    expect(parsePhone(raw)).toEqual({
      ok: true,
      value: { e164: '+8613800138000', national: '13800138000', kind: 'mobile' },
      warnings: [],
    });
  });

  it.each(['13012345678', '14512345678', '15912345678', '16612345678', '17712345678', '18812345678', '19912345678'])(
    'accepts prefix %s',
    (raw) => {
      const result = parsePhone(raw);
      expect(result.ok && result.value).toEqual({ e164: `+86${raw}`, national: raw, kind: 'mobile' });
    },
  );
});

describe('parsePhone: landlines', () => {
  it.each<[string, Omit<Phone, 'kind'>]>([
    ['(0755)8888-1234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['（0755）8888-1234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['0755-88881234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['0755 8888 1234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['075588881234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['０７５５－８８８８１２３４', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['+86 755 8888 1234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['+86 (0)755 8888 1234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['0086 755 88881234', { national: '075588881234', e164: '+8675588881234', areaCode: '0755' }],
    ['010-62345678', { national: '01062345678', e164: '+861062345678', areaCode: '010' }],
    ['(010)62345678', { national: '01062345678', e164: '+861062345678', areaCode: '010' }],
    ['+86 10 6234 5678', { national: '01062345678', e164: '+861062345678', areaCode: '010' }],
    ['021 6234 5678', { national: '02162345678', e164: '+862162345678', areaCode: '021' }],
    ['0086-21-62345678', { national: '02162345678', e164: '+862162345678', areaCode: '021' }],
    ['029-87654321', { national: '02987654321', e164: '+862987654321', areaCode: '029' }],
    ['0571-8765432', { national: '05718765432', e164: '+865718765432', areaCode: '0571' }],
    ['0931-8123456', { national: '09318123456', e164: '+869318123456', areaCode: '0931' }],
    ['0898-66123456', { national: '089866123456', e164: '+8689866123456', areaCode: '0898' }],
  ])('%p', (raw, expected) => {
    expect(parsePhone(raw)).toEqual({ ok: true, value: { ...expected, kind: 'landline' }, warnings: [] });
  });

  it.each([
    '0755-88881234-801',
    '0755-8888-1234-801',
    '(0755)8888-1234-801',
    '0755-88881234转801',
    '0755-88881234 转 801',
    '0755-88881234 分机 801',
    '0755-88881234分机801',
    '0755-88881234 ext. 801',
    '0755-88881234 ext 801',
    '0755-88881234 EXT801',
    '0755-88881234 x801',
    '0755-88881234 X 801',
    '0755-88881234#801',
    '0755-88881234＃801',
    '0755-88881234,801',
    '+86 755 8888 1234 ext 801',
  ])('extension in %p', (raw) => {
    expect(parsePhone(raw)).toEqual({
      ok: true,
      value: { national: '075588881234', e164: '+8675588881234', areaCode: '0755', kind: 'landline', extension: '801' },
      warnings: [],
    });
  });

  it('keeps a 3-digit area code with a trailing extension group', () => {
    const result = parsePhone('010-62345678-12');
    expect(result.ok && result.value).toEqual({
      national: '01062345678',
      e164: '+861062345678',
      areaCode: '010',
      kind: 'landline',
      extension: '12',
    });
  });
});

describe('parsePhone: errors', () => {
  it.each<[string, string]>([
    ['empty', ''],
    ['blank', '   '],
    ['letters', 'abc'],
    ['no digits', '---'],
    ['short number', '12345'],
    ['emergency number', '110'],
    ['government hotline', '12345'],
    ['bank service number', '95555'],
    ['10 digits starting with 1', '1380013800'],
    ['12 digits starting with 1', '138001380001'],
    ['mobile prefix 12', '12800138000'],
    ['mobile prefix 11', '11800138000'],
    ['mobile prefix 10', '10800138000'],
    ['400 service number', '400-800-8888'],
    ['800 toll-free number', '800-810-8888'],
    ['landline without area code', '88881234'],
    ['landline without area code, 7 digits', '8765432'],
    ['foreign number', '+1 415 555 0100'],
    ['foreign number 0044', '+44 20 7946 0000'],
    ['Hong Kong number', '+852 2123 4567'],
    ['letter inside', '138-0013-800a'],
    ['two numbers', '13800138000/13900139000'],
    ['two numbers with comma-extension look-alike', '13800138000,13900139000'],
    ['mobile with extension', '13800138000转1'],
    ['subscriber too short', '0755-12345'],
    ['subscriber too long', '0755-123456789'],
    ['subscriber starts with 0', '0755-08881234'],
    ['subscriber starts with 1', '0755-18881234'],
    ['area code 011', '011-62345678'],
    ['double zero area code', '00755-88881234'],
    ['plus in the middle', '138+00138000'],
    ['extension marker without digits', '0755-88881234 转'],
    ['extension too long', '0755-88881234 转 1234567'],
    ['extension with letters', '0755-88881234 转 80a'],
    ['Chinese text', '电话13800138000'],
  ])('%s (%p) → PHONE_FORMAT', (_name, raw) => {
    const result = parsePhone(raw, 'contactPhone');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toHaveLength(1);
      expect(result.issues[0]).toMatchObject({ field: 'contactPhone', rule: PHONE_RULES.FORMAT, value: raw, severity: 'error' });
      expect(result.issues[0]!.message).toMatch(/^Not a valid phone number: .+/);
    }
  });

  it.each<[string, string]>([
    ['12800138000', 'not a mobile number'],
    ['88881234', 'area code'],
    ['+1 415 555 0100', '+86'],
    ['0755-12345', '7 or 8 digits'],
    ['', 'empty'],
    ['13800138000转1', 'no extension'],
  ])('explains what is wrong with %p', (raw, fragment) => {
    const result = parsePhone(raw);
    expect(!result.ok && result.issues[0]!.message).toContain(fragment);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['0755-88881234', '0755****1234'],
    ['010-62345678', '010****5678'],
    ['0571-8765432', '0571***5432'],
    ['0755-88881234-801', '0755****1234'],
    ['12345', '*2345'],
    ['110', '***'],
    ['', ''],
  ])('%p → %p', (raw, masked) => {
    expect(maskPhone(raw)).toBe(masked);
  });
});
