/** The text transformations behind feed noise and invalid records (table-driven). */
import { isValidCitizenId, makeCitizenId } from '../../../src/domain/citizen-id';
import { isValidUscc, makeUscc } from '../../../src/domain/uscc';
import { addressVariant, homophoneTypo, legacyId15, numberToChinese, phoneVariant, toTraditional } from '../../../src/simulator/feeds/text-noise';
import { applicableKinds, makeInvalid, type InvalidSpec } from '../../../src/simulator/feeds/invalid-record';
import { parseSince } from '../../../src/simulator/feeds/feed-time';
import { hash32, unitDraw } from '../../../src/simulator/feeds/seeded-hash';

describe('feed noise', () => {
  it.each([
    ['王国华', '王國華'],
    ['广州市天河区东风路3号栋门', '廣州市天河區東風路3號棟門'],
    ['李丽伟', '李麗偉'],
  ])('traditional %s → %s', (a, b) => expect(toTraditional(a)).toBe(b));

  it.each([
    ['张伟', '张玮'],
    ['李静', '李婧'],
    ['王丽华', '王丽桦'],
    ['赵一', undefined],
  ])('homophone %s → %s', (a, b) => expect(homophoneTypo(a)).toBe(b));

  it.each([
    [3, '三'], [10, '十'], [12, '十二'], [88, '八十八'], [105, '一百零五'], [2000, '二千'],
  ])('numberToChinese %d', (n, t) => expect(numberToChinese(n)).toBe(t));

  const addr = '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3栋1单元501室';
  it.each([
    ['drop_prefix', 0, '天河区富腾街道秋德社区金馨大道200号康汇小区3栋1单元501室'],
    ['drop_subdistrict', 0, '广东省广州市天河区金馨大道200号康汇小区3栋1单元501室'],
    ['building_word', 0, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3幢1单元501室'],
    ['building_word', 0.3, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3号楼1单元501室'],
    ['building_word', 0.6, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3座1单元501室'],
    ['building_word', 0.9, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区三栋1单元501室'],
    ['chinese_numerals', 0, '广东省广州市天河区富腾街道秋德社区金馨大道二百号康汇小区三栋一单元501室'],
    ['room_variant', 0, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3栋1单元501房'],
    ['room_variant', 0.7, '广东省广州市天河区富腾街道秋德社区金馨大道200号康汇小区3栋1单元5楼01'],
  ] as const)('address %s (%d)', (variant, pick, expected) => expect(addressVariant(addr, variant, pick)).toBe(expected));

  it('phones and legacy IDs', () => {
    expect(phoneVariant('13800138000', 0)).toBe('+86 138 0013 8000');
    expect(phoneVariant('13800138000', 0.3)).toBe('138-0013-8000');
    expect(phoneVariant('13800138000', 0.5)).toBe('008613800138000');
    const id = makeCitizenId('440106', '19850307', 123);
    expect(legacyId15(id)).toBe('440106850307123');
  });

  it('invalid records are invalid the way the truth says', () => {
    const spec: InvalidSpec = { idField: 'id', dateField: { name: 'born', style: 'chinese' }, wrongTypeField: 'phone', requiredFields: ['name'] };
    const base = (): Record<string, unknown> => ({ id: makeCitizenId('440106', '19850307', 123), born: '1985年3月7日', phone: '13800138000', name: '张三' });
    expect(applicableKinds(base(), spec)).toEqual(['bad_check_char', 'impossible_date', 'wrong_type', 'missing_required']);
    for (let k = 0; k < 10; k++) {
      const r = base();
      expect(makeInvalid(r, spec, 'bad_check_char', k / 10)).toBe('bad_check_char:id');
      expect(isValidCitizenId(r.id as string)).toBe(false);
    }
    const d = base();
    makeInvalid(d, spec, 'impossible_date', 0);
    expect(d.born).toBe('1985年02月30日'.replace('02', '2'));
    const w = base();
    makeInvalid(w, spec, 'wrong_type', 0);
    expect(w.phone).toBe(13800138000);
    const m = base();
    expect(makeInvalid(m, spec, 'missing_required', 0)).toBe('missing_required:name');
    expect(m).not.toHaveProperty('name');
    const u = { code: makeUscc('9', '1', '440106', '12345678') };
    expect(isValidUscc(u.code)).toBe(true);
    makeInvalid(u, { idField: 'code', requiredFields: [] }, 'bad_check_char', 0.5);
    expect(isValidUscc(u.code)).toBe(false);
  });

  it('since bounds: ISO with or without zone, and yyyyMMddHHmmss as China time', () => {
    expect(parseSince('20260102080000')).toBe(Date.UTC(2026, 0, 2));
    expect(parseSince('2026-01-02T00:00:00Z')).toBe(Date.UTC(2026, 0, 2));
    expect(parseSince('2026-01-02T08:00:00')).toBe(Date.UTC(2026, 0, 2));
    expect(parseSince('2026-01-02 08:00:00')).toBe(Date.UTC(2026, 0, 2));
    expect(parseSince('2026-01-02')).toBe(Date.UTC(2026, 0, 1, 16));
    expect(Number.isNaN(parseSince('yesterday'))).toBe(true);
  });

  it('draws are deterministic and roughly uniform', () => {
    expect(hash32(1, 'abc')).toBe(hash32(1, 'abc'));
    expect(hash32(1, 'abc')).not.toBe(hash32(2, 'abc'));
    let below = 0;
    for (let i = 0; i < 20000; i++) if (unitDraw(5, `x|${i}`) < 0.1) below++;
    expect(below / 20000).toBeGreaterThan(0.09);
    expect(below / 20000).toBeLessThan(0.11);
  });
});
