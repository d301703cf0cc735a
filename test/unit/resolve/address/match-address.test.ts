import { parseAddress } from '../../../../src/domain/address';
import { buildAddressIndex, matchAddress, type AddressMatch, type StandardAddressEntry } from '../../../../src/resolve/address';

const GZ = '广东省广州市天河区';
const HS = `${GZ}石牌街道华师社区`;
const TB = `${GZ}林和街道天河北社区`;
const SM = `${GZ}新塘镇石马村`;

/** A small hand-made register: two urban communities (one road name in both), one village. */
const TREE: Array<[id: string, level: number, parentId: string | null, text: string]> = [
  ['HS', 30, null, HS],
  ['HS-R', 40, 'HS', `${HS}中山大道西`],
  ['HS-R55', 40, 'HS-R', `${HS}中山大道西55号`],
  ['HS-R100', 40, 'HS-R', `${HS}中山大道西100号`],
  ['HJ', 42, 'HS-R100', `${HS}中山大道西100号华景新城`],
  ['HJ3', 50, 'HJ', `${HS}中山大道西100号华景新城3栋`],
  ['HJ3-1', 61, 'HJ3', `${HS}中山大道西100号华景新城3栋1单元`],
  ['HJ3-1-101', 62, 'HJ3-1', `${HS}中山大道西100号华景新城3栋1单元101室`],
  ['HJ3-2', 61, 'HJ3', `${HS}中山大道西100号华景新城3栋2单元`],
  ['HJ3-2-501', 62, 'HJ3-2', `${HS}中山大道西100号华景新城3栋2单元501室`],
  ['HJ3-2-502', 62, 'HJ3-2', `${HS}中山大道西100号华景新城3栋2单元502室`],
  ['HJ5', 50, 'HJ', `${HS}中山大道西100号华景新城5栋`],
  ['HJ5-1', 61, 'HJ5', `${HS}中山大道西100号华景新城5栋1单元`],
  ['HJ5-1-501', 62, 'HJ5-1', `${HS}中山大道西100号华景新城5栋1单元501室`],
  ['HS-L', 40, 'HS', `${HS}龙口西路`],
  ['HS-L12', 40, 'HS-L', `${HS}龙口西路12号`],
  ['CH', 42, 'HS-L12', `${HS}龙口西路12号翠湖雅苑`],
  ['CH1', 50, 'CH', `${HS}龙口西路12号翠湖雅苑1栋`],
  ['TB', 30, null, TB],
  ['TB-R', 40, 'TB', `${TB}中山大道西`],
  ['TB-R55', 40, 'TB-R', `${TB}中山大道西55号`],
  ['SM', 30, null, SM],
  ['SM3', 34, 'SM', `${SM}3组`],
  ['SM3-Z', 44, 'SM3', `${SM}3组张家湾自然村`],
  ['SM3-Z5', 40, 'SM3-Z', `${SM}3组张家湾自然村5号`],
  ['SM3-L', 44, 'SM3', `${SM}3组李家屯`],
  ['SM3-L5', 40, 'SM3-L', `${SM}3组李家屯5号`],
  ['SM3-L7', 40, 'SM3-L', `${SM}3组李家屯7号`],
];

function entries(): StandardAddressEntry[] {
  return TREE.map(([id, level, parentId, text]) => ({ id, level, parentId, text }));
}

const index = buildAddressIndex(entries());

type Expect =
  | { kind: 'exact' | 'partial'; id: string; level?: number; matchedLevel?: number }
  | { kind: 'candidate'; reason: RegExp; deepest?: string };

function check(m: AddressMatch, e: Expect): void {
  if (e.kind === 'candidate') {
    expect(m).toMatchObject({ kind: 'candidate' });
    if (m.kind !== 'candidate') return;
    expect(m.reason).toMatch(e.reason);
    expect(m.deepestKnown?.addressId).toBe(e.deepest);
    return;
  }
  expect({ kind: m.kind, id: m.kind === 'candidate' ? m.reason : m.addressId }).toEqual({ kind: e.kind, id: e.id });
  if (m.kind === 'candidate') return;
  if (e.level !== undefined) expect(m.level).toBe(e.level);
  if (e.matchedLevel !== undefined) expect(m.matchedLevel).toBe(e.matchedLevel);
  expect(m.score).toBeGreaterThan(0);
  expect(m.score).toBeLessThanOrEqual(1);
  expect(m.explanation.length).toBeGreaterThan(0);
}

const ROOM = `${HS}中山大道西100号华景新城3栋2单元501室`;

const CASES: Array<[name: string, input: string, expected: Expect]> = [
  ['canonical full text', ROOM, { kind: 'exact', id: 'HJ3-2-501', level: 62, matchedLevel: 62 }],
  ['province and city dropped', '天河区石牌街道华师社区中山大道西100号华景新城3栋2单元501室', { kind: 'exact', id: 'HJ3-2-501' }],
  ['街道 and 社区 dropped', `${GZ}中山大道西100号华景新城3栋2单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['no administrative part at all', '中山大道西100号华景新城3栋2单元501室', { kind: 'exact', id: 'HJ3-2-501' }],
  ['幢', `${HS}中山大道西100号华景新城3幢2单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['号楼', `${HS}中山大道西100号华景新城3号楼2单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['座', `${HS}中山大道西100号华景新城3座2单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['三栋', `${HS}中山大道西100号华景新城三栋2单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['Chinese numerals', `${HS}中山大道西一百号华景新城三栋二单元501室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['501房', `${HS}中山大道西100号华景新城3栋2单元501房`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['5楼01', `${HS}中山大道西100号华景新城3栋2单元5楼01`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['dash form 3-2-501', `${HS}中山大道西100号华景新城3-2-501`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['traditional characters', '廣東省廣州市天河區石牌街道華師社區中山大道西100號華景新城3棟2單元501室', { kind: 'exact', id: 'HJ3-2-501' }],
  ['full-width digits and spaces', `${HS} 中山大道西１００号 华景新城３栋２单元５０１室`, { kind: 'exact', id: 'HJ3-2-501' }],
  ['unit left out (one room 501 in the building)', '华景新城3栋501室', { kind: 'exact', id: 'HJ3-2-501' }],
  ['road and door number left out', '华师社区华景新城3栋2单元501室', { kind: 'exact', id: 'HJ3-2-501' }],
  ['door number left out', '龙口西路翠湖雅苑1栋', { kind: 'exact', id: 'CH1' }],
  ['compound left out', '华师社区中山大道西100号5栋1单元501室', { kind: 'exact', id: 'HJ5-1-501' }],
  ['door number of another road before a compound', '龙口西路100号华景新城3栋', { kind: 'partial', id: 'HS-L', matchedLevel: 40 }],
  ['building', `${HS}中山大道西100号华景新城3栋`, { kind: 'exact', id: 'HJ3', level: 50 }],
  ['compound', '华景新城', { kind: 'exact', id: 'HJ', level: 42 }],
  ['door number', '华师社区中山大道西55号', { kind: 'exact', id: 'HS-R55', level: 40 }],
  ['unknown room under a known unit', `${HS}中山大道西100号华景新城3栋2单元508室`, { kind: 'partial', id: 'HJ3-2', level: 62, matchedLevel: 61 }],
  ['unknown building: never a room 501 of another building', `${HS}中山大道西100号华景新城7栋2单元501室`, { kind: 'partial', id: 'HJ', level: 62, matchedLevel: 42 }],
  ['unit 2 missing in building 5: not room 501 of unit 1', '华景新城5栋2单元501室', { kind: 'partial', id: 'HJ5', matchedLevel: 50 }],
  ['door number of another road', '华师社区龙口西路55号', { kind: 'partial', id: 'HS-L', matchedLevel: 40 }],
  ['unknown road in a known community', `${HS}五山路8号`, { kind: 'partial', id: 'HS', level: 40, matchedLevel: 30 }],
  ['one road name in two communities, no community given', '天河区中山大道西55号', { kind: 'candidate', reason: /^ambiguous/ }],
  ['… with the community', '天河北社区中山大道西55号', { kind: 'exact', id: 'TB-R55' }],
  ['… with the town only', '林和街道中山大道西55号', { kind: 'exact', id: 'TB-R55' }],
  ['path of another community (its road exists there)', `${TB}中山大道西100号华景新城3栋2单元501室`, { kind: 'partial', id: 'TB-R', matchedLevel: 40 }],
  ['path of another community', `${TB}龙口西路12号`, { kind: 'partial', id: 'TB', matchedLevel: 30 }],
  ['village: full text', `${SM}3组张家湾自然村5号`, { kind: 'exact', id: 'SM3-Z5', level: 40 }],
  ['village: natural village and group in the other order', `${SM}张家湾自然村3组5号`, { kind: 'exact', id: 'SM3-Z5' }],
  ['village: villager group left out', '石马村张家湾自然村5号', { kind: 'exact', id: 'SM3-Z5' }],
  ['village: natural village left out, door 7 only in one', '石马村3组7号', { kind: 'exact', id: 'SM3-L7' }],
  ['village: natural village left out, door 5 in both', '石马村3组5号', { kind: 'candidate', reason: /^ambiguous/, deepest: 'SM3' }],
  ['village: villager group', '新塘镇石马村3组', { kind: 'exact', id: 'SM3', level: 34 }],
  ['village: 第三村民小组', '新塘镇石马村第三村民小组', { kind: 'exact', id: 'SM3' }],
  ['village: unknown door number', '石马村3组李家屯99号', { kind: 'partial', id: 'SM3-L', level: 40, matchedLevel: 44 }],
  ['community alone', '天河区石牌街道华师社区', { kind: 'exact', id: 'HS', level: 30 }],
  ['居委会 spelling', '天河区石牌街道华师居委会', { kind: 'exact', id: 'HS' }],
  ['county alone is no community', '广东省广州市天河区', { kind: 'candidate', reason: /^not found/ }],
  ['outside the register', '湖南省长沙市望城区白箬铺镇光明村3组', { kind: 'candidate', reason: /^not found/ }],
  ['another province, same local path', '湖南省长沙市望城区中山大道西100号华景新城3栋2单元501室', { kind: 'candidate', reason: /^not found/ }],
  ['nothing recognisable', '', { kind: 'candidate', reason: /^empty/ }],
];

describe('matchAddress', () => {
  test.each(CASES)('%s: %s', (_name, input, expected) => {
    check(matchAddress(index, input), expected);
  });

  test('accepts components and parsed addresses (parse once, match many)', () => {
    const parsed = parseAddress('华景新城3栋2单元501室');
    check(matchAddress(index, parsed), { kind: 'exact', id: 'HJ3-2-501' });
    check(matchAddress(index, parsed.components), { kind: 'exact', id: 'HJ3-2-501' });
    check(matchAddress(index, { community: '石马村', villagerGroup: '3', naturalVillage: '李家屯', roadNumber: '7' }), { kind: 'exact', id: 'SM3-L7' });
  });

  test('score: 1 when everything is confirmed, lower when the administrative part is missing or text is left over', () => {
    const full = matchAddress(index, ROOM);
    const bare = matchAddress(index, '中山大道西100号华景新城3栋2单元501室');
    const rest = matchAddress(index, `${ROOM}东侧`);
    expect(full.kind === 'exact' && full.score).toBe(1);
    expect(bare.kind === 'exact' && bare.score).toBeLessThan(1);
    expect(rest.kind).toBe('exact');
    expect(rest.kind === 'exact' && rest.score).toBeLessThan(1);
  });

  test('explains the steps', () => {
    const m = matchAddress(index, `${HS}中山大道西100号华景新城3栋2单元508室`);
    expect(m.kind === 'partial' && m.explanation.join('\n')).toMatch(/508室 not found/);
  });
});

describe('buildAddressIndex', () => {
  test('accepts precomputed components and entries in any order', () => {
    const reversed = entries().reverse().map((e) => ({ ...e, components: parseAddress(e.text).components }));
    const idx = buildAddressIndex(reversed);
    expect(idx.size).toBe(TREE.length);
    check(matchAddress(idx, ROOM), { kind: 'exact', id: 'HJ3-2-501' });
  });

  test('a text that leaves out town and community inherits them from its parent entry', () => {
    const noisy = [...entries(), { id: 'HJ3-2-503', level: 62, parentId: 'HJ3-2', text: `${GZ}中山大道西100号华景新城3栋2单元503室` }];
    const idx = buildAddressIndex(noisy);
    check(matchAddress(idx, `${HS}中山大道西100号华景新城3栋2单元503室`), { kind: 'exact', id: 'HJ3-2-503' });
    // Without the inheritance the room would be accepted for a community that contradicts it.
    check(matchAddress(idx, `${TB}中山大道西100号华景新城3栋2单元503室`), { kind: 'partial', id: 'TB-R' });
  });

  test('the same id added twice is replaced, not duplicated', () => {
    const idx = buildAddressIndex([...entries(), { id: 'HS-R55', level: 40, parentId: 'HS-R', text: `${HS}中山大道西55号` }]);
    expect(idx.size).toBe(TREE.length);
    check(matchAddress(idx, '华师社区中山大道西55号'), { kind: 'exact', id: 'HS-R55' });
  });

  test('two register entries with one text are ambiguous', () => {
    const idx = buildAddressIndex([...entries(), { id: 'HS-R55-dup', level: 40, parentId: 'HS-R', text: `${HS}中山大道西55号` }]);
    check(matchAddress(idx, `${HS}中山大道西55号`), { kind: 'candidate', reason: /^ambiguous/, deepest: 'HS-R' });
  });

  test('stats', () => {
    const s = index.stats();
    expect(s.entries).toBe(TREE.length);
    expect(s.nodes).toBeGreaterThan(1);
    expect(s.sharedNodes).toBeGreaterThanOrEqual(1);
  });
});
