/**
 * Parses a free-text Chinese address into GA/T 2000.32 standard-address
 * components (see README.md in this folder for the grammar).
 *
 * Pipeline, all precompiled, single left-to-right pass:
 * 1. normalise: zero-width characters removed, full-width → half-width,
 *    traditional → simplified (the parts of `normalizeText`), white space and
 *    punctuation dropped, dash look-alikes and `/` → `-`, a leading label
 *    (地址:) and postcode dropped, address numerals → digits
 *    (`replaceChineseNumerals`, address context), Latin upper-case;
 * 2. scan: at the current position try the element matchers in reading order
 *    (province … room), each a sticky regex; a matcher that succeeds moves the
 *    position on and only later matchers stay eligible. Missing levels are simply
 *    skipped. A character no matcher accepts goes to `rest` (warning
 *    ADDRESS_UNPARSED_REST) and the scan continues after it — unless a building
 *    follows directly and no compound is known: then that text is the compound
 *    (太古汇1座; warning ADDRESS_COMPOUND_GUESSED);
 * 3. `canonicalAddress` + `leafLevelOf`.
 *
 * No gazetteer is consulted: apart from the fixed table of provinces, elements
 * are recognised by their suffix words, so the parser never invents a level that
 * is not written (no province is inferred from 广州市).
 */
import { issue, type ValidationIssue } from '../validation-issue';
import { removeZeroWidth, toHalfWidth, toSimplified } from '../text/normalize-text';
import { chineseNumeralToDigits, replaceChineseNumerals } from '../text/chinese-numerals';
import type { AddressComponents } from './address-components';
import { leafLevelOf } from './address-components';
import type { AddressLevelCode } from './address-level';
import { canonicalAddress } from './canonical-address';
import { PROVINCE_NAMES } from './province-names';

export interface ParsedAddress {
  /** The raw input, unchanged. */
  input: string;
  /** The text the scanner saw: normalised, no spaces or punctuation, numerals as digits. */
  normalized: string;
  components: AddressComponents;
  /** Canonical full text (see `canonicalAddress`). Empty for an empty address. */
  canonical: string;
  /** Deepest GA/T level present; `undefined` when nothing was recognised. */
  leafLevel: AddressLevelCode | undefined;
  /** ADDRESS_EMPTY (error); ADDRESS_UNPARSED_REST, ADDRESS_COMPOUND_GUESSED (warnings). */
  issues: ValidationIssue[];
}

/** Rule codes raised by `parseAddress` (part of the API contract). */
export const ADDRESS_RULES = {
  /** Error: nothing left after normalisation. */
  empty: 'ADDRESS_EMPTY',
  /** Warning: some text could not be assigned to any element; it is kept in `rest`. */
  unparsedRest: 'ADDRESS_UNPARSED_REST',
  /** Warning: text without a compound suffix word was taken as the compound because a building follows it. */
  compoundGuessed: 'ADDRESS_COMPOUND_GUESSED',
} as const;

// ---------------------------------------------------------------------------
// Pre-processing
// ---------------------------------------------------------------------------

const LABEL = /^(?:现居住地址|现住址|居住地址|户籍地址|家庭住址|家庭地址|通讯地址|联系地址|详细地址|地址|住址)[:：]?/;
/** White space and punctuation that never carries address meaning. */
const NOISE = /[\s\u00A0,，、。.．;；:："'“”‘’`!！?？()（）[\]【】<>《》{}|]+/g;
/** Dash look-alikes and slashes used between building, unit and room (3/2/501). */
const DASHES = /[‐‑‒–—―−~～_﹣/\\]+/g;
const ANY_NOISE_OR_DASH = /[\s\u00A0,，、。.．;；:："'“”‘’`!！?？()（）[\]【】<>《》{}|‐‑‒–—―−~～_﹣/\\]/;
const LOWER = /[a-z]/;
/** A leading six-digit postcode (510630广东省…). */
const POSTCODE = /^\d{6}(?!\d)(?=\D)/;

function preprocess(raw: string): string {
  // normalizeText without its space collapsing: all white space goes below anyway.
  let s = toSimplified(toHalfWidth(removeZeroWidth(raw)));
  if (ANY_NOISE_OR_DASH.test(s)) s = s.replace(NOISE, '').replace(DASHES, '-');
  s = s.replace(LABEL, '').replace(POSTCODE, '');
  s = replaceChineseNumerals(s, { context: 'address' });
  if (LOWER.test(s)) s = s.toUpperCase();
  return s;
}

// ---------------------------------------------------------------------------
// Element patterns (all sticky: they match exactly at the scan position)
// ---------------------------------------------------------------------------

/** Non-ASCII characters except the given level words. */
const notAscii = (except: string): string => `[^\\x00-\\x7F${except}]`;
const HAN = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF]';

const PROVINCE_RE = new RegExp(
  `(${[...PROVINCE_NAMES.keys()].sort((a, b) => b.length - a.length).join('|')})` +
    '(维吾尔自治区|壮族自治区|回族自治区|特别行政区|自治区|省|市)?(市辖区|市辖县)?',
  'y',
);
/** After a short province name without suffix these mean the name belongs to a city/prefecture (吉林市, 海南藏族自治州). */
const NOT_A_PROVINCE_NEXT = /^(?:[市州县区盟]|地区|藏族)/;

const CITY_RE = new RegExp(`(${notAscii('省市区县旗镇乡街路道村组号栋幢楼室')}{2,9}?)(市(?!场|民|政|辖)|自治州|地区|盟)`, 'y');
const COUNTY_NAME = notAscii('省区县旗镇乡街路道村组号栋幢室');
const COUNTY_RE = new RegExp(
  `((?:[镇乡])?${COUNTY_NAME}{1,10}?)(?<!社|小|园|校|片|厂|景|住|商业|工业|生活|宿舍|家属)(区|县区?|市区?(?!场)|旗)`,
  'y',
);
const TOWN_RE = new RegExp(
  `(${notAscii('省市区县旗镇乡村组号栋幢楼室')}{1,8}?)(街道办事处|街道办|街道|民族乡|苏木|办事处|镇(?![路街])|乡(?![村路街]))`,
  'y',
);
const COMMUNITY_RE = new RegExp(
  `(${notAscii('省市区县旗镇乡村组号栋幢楼室')}{1,10}?)` +
    '(社区居民委员会|社区居委会|社区|居民委员会|居委会|村民委员会|村委会|嘎查|(?<!新|自然)村(?:村民委员会|村委会)?(?!民小组|委|民委员会))',
  'y',
);
const NATURAL_VILLAGE_RE = new RegExp(`(${HAN}{1,8}?)自然村`, 'y');
const RURAL_SETTLEMENT_RE = new RegExp(`(${HAN}{1,4}?(?:屯|庄|寨|湾|塆|坝|岗|坪|冲|沟|洼|营|铺|坡|垭|咀|嘴))(?=$|\\d|第)`, 'y');
const GROUP_NUMBER_RE = /第?(\d+)(?:村民小组|小组|组|队|社)(?!团|区)/y;
const GROUP_NAME_RE = new RegExp(`(${HAN}{1,4}?)(?:村民小组|组)(?!团)`, 'y');

const ROAD_RE = new RegExp(
  `((?:[A-Z]?\\d+(?=国道|省道|县道))?${notAscii('省组号栋幢楼室')}{1,14}?)` +
    '(大道|大街|公路|国道|省道|县道|乡道|路(?!口)|街(?!道|坊)|道(?!路|口|办))' +
    '([东南西北中]?段|\\d+段|[东南西北中](?=\\d|$))?' +
    '(?!小区|新村|花园|社区|大院|家属院|公寓)',
  'y',
);
const LANE_NUMBER_RE = /第?(\d+)(巷|弄)/y;
const LANE_NAME_RE = new RegExp(`(${notAscii('省市区县旗镇乡村组号栋幢楼室')}{1,10}?(?:巷|弄|胡同|里弄|条))`, 'y');
/** 门牌号: 55号, 12号之3, 12号附3(号), 12-3号, 12之3号. */
const ROAD_NUMBER_RE = /第?(\d+)(?:号(?:之|附|-)(\d+)号?|(?:之|-)(\d+)号|号(?!楼|院|房|室|栋|幢|座|单元))/y;
/** A bare door number ending the address right after a road (中山路55, 中山路12-3). */
const ROAD_NUMBER_END_RE = /(\d+)(?:-(\d+))?$/y;

const COMPOUND_NAME = `(?:城市|都市|[A-Z]|(?!街道)${notAscii('省市区县镇乡村组号栋幢楼室')})`;
const COMPOUND_SUFFIX =
  '小区|花园|家园|新村|新城|公寓|大厦|大楼|广场|山庄|庄园|别墅|公馆|华庭|华府|商城|中心|国际|时代|天地|苑|园|城|(?<!政)府|邸|居|湾|阁|庭|轩|坊|墅';
/** Sub-areas written after a compound name: 北区, C区, 2区, 三区 (区 numerals are not rewritten, see chinese-numerals), 2期, 东苑. */
const COMPOUND_ZONE = '(?:[东南西北中][区苑]|[A-Z]区|\\d+区|[一二三四五六七八九十]{1,3}区|\\d+期){0,2}';
/** A compound followed by something numbered (building, room) or the end. */
const COMPOUND_STRICT_RE = new RegExp(`(${COMPOUND_NAME}{1,14}?(?:${COMPOUND_SUFFIX})${COMPOUND_ZONE})(?=$|[\\dA-Z#-]|第)`, 'y');
/** First plausible compound name when nothing numbered follows (华景新城对面). */
const COMPOUND_LOOSE_RE = new RegExp(`(${COMPOUND_NAME}{1,14}?(?:${COMPOUND_SUFFIX})(?!市)${COMPOUND_ZONE})`, 'y');

const YARD_NUMBER_RE = /(\d+)号院/y;
const YARD_NAME = `${notAscii('县镇乡村组号栋幢楼室')}{1,12}?(?:大院|家属院|家属区|宿舍区|宿舍|院(?![子落墙线]))`;
/** A yard followed by something numbered or the end (农科院大院3号楼 → 农科院大院, not 农科院). */
const YARD_STRICT_RE = new RegExp(`(${YARD_NAME})(?=$|[\\dA-Z#-]|第)`, 'y');
const YARD_LOOSE_RE = new RegExp(`(${YARD_NAME})`, 'y');

const BUILDING_ID = '[A-Z]?\\d+[A-Z]?|[A-Z]';
const BUILDING_RE = new RegExp(
  `第?(${BUILDING_ID})(?:栋|幢|号楼|座|#楼|#|楼(?=\\d+(?:单元|梯|门))|号(?=\\d|[A-Z]|第|单元|楼|层|-))`,
  'y',
);
/** "N号" ending the address: a building when N has at most two digits, otherwise a room. */
const BUILDING_END_RE = /第?(\d{1,2}[A-Z]?)号$/y;
const DASH3_RE = new RegExp(`(${BUILDING_ID})-(\\d+)-(\\d+[A-Z]?)(?:室|号房|房|号|户)?`, 'y');
const DASH2_RE = new RegExp(`(${BUILDING_ID})-(\\d+[A-Z]?)(?:室|号房|房|号|户)?`, 'y');
const UNIT_RE = /第?(\d+|[A-Z])(?:单元|梯)/y;
const UNIT_DOOR_RE = /(\d+)门/y;
const UNIT_DASH_RE = /(\d+)-(\d+[A-Z]?)(?:室|号房|房|号|户)?/y;
/** Floors; basements as 地下1层, 负1层, B1层 → '-1' (a bare '-' is a separator, not a sign). */
const FLOOR_RE = /(?:(地下|负|B)(\d+)|(\d+))(?:层|楼|F)/y;
const ROOM_RE = /([A-Z]?\d+[A-Z]?)(?:室|号房|房|号|户)|([A-Z]?\d+[A-Z]?)(?!\d)/y;
/** A bare number is a room only inside a dwelling context (after compound, yard, building, unit, floor) or at the very end. */
const ROOM_CONTEXT: ReadonlySet<Key | undefined> = new Set<Key | undefined>(['compound', 'yard', 'building', 'unit', 'floor']);

// ---------------------------------------------------------------------------
// Scanner
// ---------------------------------------------------------------------------

type Key = keyof AddressComponents;

interface ScanState {
  readonly s: string;
  pos: number;
  readonly c: AddressComponents;
  /** The component set by the previous successful matcher. */
  last: Key | undefined;
  /** Keyword presence, computed once per address so hopeless matchers are skipped without running a regex. */
  readonly has: Readonly<Record<Keyword, boolean>>;
}

/** Words whose absence rules a matcher out for the whole address. */
const KEYWORDS = {
  town: /街道|[镇乡]|苏木|办事处/,
  community: /社区|村|居委会|居民委员会|嘎查/,
  naturalVillage: /自然村/,
  road: /[路街道]/,
  lane: /[巷弄条]|胡同/,
  yard: /院|宿舍|家属区/,
} as const;
type Keyword = keyof typeof KEYWORDS;

function keywordFlags(s: string): Record<Keyword, boolean> {
  return {
    town: KEYWORDS.town.test(s),
    community: KEYWORDS.community.test(s),
    naturalVillage: KEYWORDS.naturalVillage.test(s),
    road: KEYWORDS.road.test(s),
    lane: KEYWORDS.lane.test(s),
    yard: KEYWORDS.yard.test(s),
  };
}

function execAt(re: RegExp, st: ScanState): RegExpExecArray | null {
  re.lastIndex = st.pos;
  return re.exec(st.s);
}

/**
 * Could a compound name run over this division name? Compound names contain no
 * 区/县/市/镇/乡/街道, so only a zone (北区, A区, 2区) or 城市/都市 can be read
 * both ways; everything else skips the extra regex.
 */
const AMBIGUOUS_DIVISION_END = /(?:[东南西北中A-Z\d一二三四五六七八九十]区|[城都]市)$/;

/** Admin levels lose against a residential compound that reaches at least as far (华景新城北区3栋 is not a district). */
function compoundWins(st: ScanState, adminEnd: number): boolean {
  if (!AMBIGUOUS_DIVISION_END.test(st.s.slice(st.pos, adminEnd))) return false;
  COMPOUND_STRICT_RE.lastIndex = st.pos;
  return COMPOUND_STRICT_RE.exec(st.s) !== null && COMPOUND_STRICT_RE.lastIndex >= adminEnd;
}

function take(st: ScanState, key: Key, value: string, end: number): true {
  st.c[key] = value;
  st.pos = end;
  st.last = key;
  return true;
}

function isVillage(c: AddressComponents): boolean {
  return c.community !== undefined && (c.community.endsWith('村') || c.community.endsWith('嘎查'));
}

function matchProvince(st: ScanState): boolean {
  if (st.pos !== 0) return false;
  const m = execAt(PROVINCE_RE, st);
  if (m === null) return false;
  const entry = PROVINCE_NAMES.get(m[1] as string);
  if (entry === undefined) return false;
  const suffix = m[2];
  let end = PROVINCE_RE.lastIndex;
  if (suffix !== undefined && !entry.suffixes.includes(suffix)) return false;
  if (suffix === undefined) {
    if (NOT_A_PROVINCE_NEXT.test(st.s.slice(end, end + 2))) return false;
  }
  if (m[3] !== undefined && !entry.municipality) end -= m[3].length;
  take(st, 'province', entry.full, end);
  if (entry.municipality) st.c.city = entry.full;
  return true;
}

function matchCity(st: ScanState): boolean {
  if (st.c.city !== undefined) return false;
  const m = execAt(CITY_RE, st);
  if (m === null) return false;
  const end = CITY_RE.lastIndex;
  if (st.c.province === undefined && compoundWins(st, end)) return false;
  return take(st, 'city', m[0], end);
}

function matchCounty(st: ScanState): boolean {
  const m = execAt(COUNTY_RE, st);
  if (m === null) return false;
  const end = COUNTY_RE.lastIndex;
  if (compoundWins(st, end)) return false;
  return take(st, 'county', m[0], end);
}

function matchTown(st: ScanState): boolean {
  if (!st.has.town) return false;
  const m = execAt(TOWN_RE, st);
  if (m === null) return false;
  const end = TOWN_RE.lastIndex;
  if (compoundWins(st, end)) return false;
  const suffix = m[2] as string;
  const town = suffix.startsWith('街道') || suffix === '办事处' ? `${m[1] as string}街道` : m[0];
  return take(st, 'town', town, end);
}

function matchCommunity(st: ScanState): boolean {
  if (!st.has.community) return false;
  const m = execAt(COMMUNITY_RE, st);
  if (m === null) return false;
  const end = COMMUNITY_RE.lastIndex;
  if (compoundWins(st, end)) return false;
  const name = m[1] as string;
  const suffix = m[2] as string;
  let community: string;
  if (suffix === '嘎查') community = m[0];
  else if (suffix.startsWith('村')) community = `${name}村`;
  else community = `${name}社区`;
  return take(st, 'community', community, end);
}

function matchNaturalVillage(st: ScanState): boolean {
  if (st.c.naturalVillage !== undefined) return false;
  if (st.has.naturalVillage) {
    const m = execAt(NATURAL_VILLAGE_RE, st);
    if (m !== null) return take(st, 'naturalVillage', m[0], NATURAL_VILLAGE_RE.lastIndex);
  }
  if (!isVillage(st.c) && st.c.villagerGroup === undefined) return false;
  const r = execAt(RURAL_SETTLEMENT_RE, st);
  return r !== null && take(st, 'naturalVillage', r[1] as string, RURAL_SETTLEMENT_RE.lastIndex);
}

function matchVillagerGroup(st: ScanState): boolean {
  const m = execAt(GROUP_NUMBER_RE, st);
  if (m !== null) return take(st, 'villagerGroup', m[1] as string, GROUP_NUMBER_RE.lastIndex);
  if (!isVillage(st.c)) return false;
  const n = execAt(GROUP_NAME_RE, st);
  return n !== null && take(st, 'villagerGroup', n[1] as string, GROUP_NAME_RE.lastIndex);
}

function matchRoad(st: ScanState): boolean {
  if (!st.has.road) return false;
  const m = execAt(ROAD_RE, st);
  return m !== null && take(st, 'road', m[0], ROAD_RE.lastIndex);
}

function matchLane(st: ScanState): boolean {
  if (!st.has.lane) return false;
  const m = execAt(LANE_NUMBER_RE, st);
  if (m !== null) return take(st, 'lane', `${m[1] as string}${m[2] as string}`, LANE_NUMBER_RE.lastIndex);
  const n = execAt(LANE_NAME_RE, st);
  return n !== null && take(st, 'lane', n[1] as string, LANE_NAME_RE.lastIndex);
}

const DOOR_NUMBER_AFTER: ReadonlySet<Key | undefined> = new Set<Key | undefined>(['road', 'lane', 'community', 'villagerGroup', 'naturalVillage']);

function matchRoadNumber(st: ScanState): boolean {
  if (!DOOR_NUMBER_AFTER.has(st.last)) return false;
  const m = execAt(ROAD_NUMBER_RE, st);
  if (m !== null) {
    const sub = m[2] ?? m[3];
    return take(st, 'roadNumber', sub === undefined ? (m[1] as string) : `${m[1] as string}-${sub}`, ROAD_NUMBER_RE.lastIndex);
  }
  if (st.last !== 'road' && st.last !== 'lane') return false;
  const e = execAt(ROAD_NUMBER_END_RE, st);
  if (e === null) return false;
  return take(st, 'roadNumber', e[2] === undefined ? (e[1] as string) : `${e[1] as string}-${e[2]}`, ROAD_NUMBER_END_RE.lastIndex);
}

const CHINESE_ZONE = /[一二三四五六七八九十]{1,3}(?=区)/g;

/** 望京西园三区 and 望京西园3区 are one compound zone: numerals before 区 become digits here. */
function compoundName(raw: string): string {
  return raw.includes('区') ? raw.replace(CHINESE_ZONE, (n) => chineseNumeralToDigits(n) ?? n) : raw;
}

function matchCompound(st: ScanState): boolean {
  const m = execAt(COMPOUND_STRICT_RE, st);
  if (m !== null) return take(st, 'compound', compoundName(m[1] as string), COMPOUND_STRICT_RE.lastIndex);
  const l = execAt(COMPOUND_LOOSE_RE, st);
  return l !== null && take(st, 'compound', compoundName(l[1] as string), COMPOUND_LOOSE_RE.lastIndex);
}

function matchYard(st: ScanState): boolean {
  if (!st.has.yard) return false;
  const m = execAt(YARD_NUMBER_RE, st);
  if (m !== null) {
    const n = m[1] as string;
    if ((st.last === 'road' || st.last === 'lane') && st.c.roadNumber === undefined) st.c.roadNumber = n;
    return take(st, 'yard', `${n}号院`, YARD_NUMBER_RE.lastIndex);
  }
  const y = execAt(YARD_STRICT_RE, st);
  if (y !== null) return take(st, 'yard', y[1] as string, YARD_STRICT_RE.lastIndex);
  const l = execAt(YARD_LOOSE_RE, st);
  return l !== null && take(st, 'yard', l[1] as string, YARD_LOOSE_RE.lastIndex);
}

function matchBuilding(st: ScanState): boolean {
  const d3 = execAt(DASH3_RE, st);
  if (d3 !== null) {
    st.c.building = d3[1] as string;
    st.c.unit = d3[2] as string;
    return take(st, 'room', d3[3] as string, DASH3_RE.lastIndex);
  }
  const m = execAt(BUILDING_RE, st);
  if (m !== null) return take(st, 'building', m[1] as string, BUILDING_RE.lastIndex);
  const d2 = execAt(DASH2_RE, st);
  if (d2 !== null) {
    st.c.building = d2[1] as string;
    return take(st, 'room', d2[2] as string, DASH2_RE.lastIndex);
  }
  const e = execAt(BUILDING_END_RE, st);
  return e !== null && take(st, 'building', e[1] as string, BUILDING_END_RE.lastIndex);
}

function matchUnit(st: ScanState): boolean {
  const m = execAt(UNIT_RE, st);
  if (m !== null) return take(st, 'unit', m[1] as string, UNIT_RE.lastIndex);
  if (st.c.building === undefined) return false;
  const door = execAt(UNIT_DOOR_RE, st);
  if (door !== null) return take(st, 'unit', door[1] as string, UNIT_DOOR_RE.lastIndex);
  const d = execAt(UNIT_DASH_RE, st);
  if (d === null) return false;
  st.c.unit = d[1] as string;
  return take(st, 'room', d[2] as string, UNIT_DASH_RE.lastIndex);
}

function matchFloor(st: ScanState): boolean {
  const m = execAt(FLOOR_RE, st);
  if (m === null) return false;
  return take(st, 'floor', m[2] !== undefined ? `-${m[2]}` : (m[3] as string), FLOOR_RE.lastIndex);
}

const ROOM_WITHIN_FLOOR = /^\d{1,2}$/;

function matchRoom(st: ScanState): boolean {
  const m = execAt(ROOM_RE, st);
  if (m === null) return false;
  if (m[1] === undefined && !ROOM_CONTEXT.has(st.last) && ROOM_RE.lastIndex !== st.s.length) return false;
  let room = (m[1] ?? m[2]) as string;
  const floor = st.c.floor;
  if (floor !== undefined && !floor.startsWith('-') && ROOM_WITHIN_FLOOR.test(room)) room = floor + room.padStart(2, '0');
  return take(st, 'room', room, ROOM_RE.lastIndex);
}

/**
 * What the first character of a match can be: `han` = non-ASCII only, `num` =
 * ASCII (digit, letter, dash) or 第/地(下)/负, `any` = either. Checked before the
 * regex runs, which skips most hopeless attempts.
 */
type Start = 'han' | 'num' | 'any';

interface Matcher {
  readonly start: Start;
  readonly run: (st: ScanState) => boolean;
}

/** Matchers in reading order; the natural village may come before or after the villager group. */
const MATCHERS: readonly Matcher[] = [
  { start: 'han', run: matchProvince },
  { start: 'han', run: matchCity },
  { start: 'han', run: matchCounty },
  { start: 'han', run: matchTown },
  { start: 'han', run: matchCommunity },
  { start: 'han', run: matchNaturalVillage },
  { start: 'any', run: matchVillagerGroup },
  { start: 'han', run: matchNaturalVillage },
  { start: 'any', run: matchRoad },
  { start: 'any', run: matchLane },
  { start: 'num', run: matchRoadNumber },
  { start: 'any', run: matchCompound },
  { start: 'any', run: matchYard },
  { start: 'num', run: matchBuilding },
  { start: 'num', run: matchUnit },
  { start: 'num', run: matchFloor },
  { start: 'num', run: matchRoom },
];

const BUILDING_MATCHER = MATCHERS.findIndex((m) => m.run === matchBuilding);
/**
 * Unrecognised text directly before a building is taken as a compound whose name
 * has no suffix word (天河路385号太古汇1座 → compound 太古汇), if short and plain.
 */
const UNSUFFIXED_COMPOUND = new RegExp(`^(?:${HAN}|[A-Z]){2,12}$`);

const CODE_DI = 0x7b2c; // 第
const CODE_DE = 0x5730; // 地 (地下1层)
const CODE_FU = 0x8d1f; // 负 (负1层)

function emptyResult(input: string, normalized: string): ParsedAddress {
  return {
    input,
    normalized,
    components: {},
    canonical: '',
    leafLevel: undefined,
    issues: [issue('address', ADDRESS_RULES.empty, input, 'address is empty after normalisation')],
  };
}

/**
 * Parses one address. Never throws; problems are reported in `issues`.
 * `null`/`undefined` are accepted as empty input (source data is untidy).
 */
export function parseAddress(raw: string | null | undefined): ParsedAddress {
  const input = raw ?? '';
  const s = preprocess(input);
  if (s === '') return emptyResult(input, s);

  const components: AddressComponents = {};
  const st: ScanState = { s, pos: 0, c: components, last: undefined, has: keywordFlags(s) };
  let rest = '';
  /** Unclaimed text since the last match; becomes the compound name if a building follows it. */
  let pending = '';
  let guessedCompound = false;
  let next = 0;
  while (st.pos < s.length) {
    if (next >= MATCHERS.length) {
      pending += s.slice(st.pos);
      break;
    }
    const code = s.charCodeAt(st.pos);
    const ascii = code < 0x80;
    const numeric = ascii || code === CODE_DI || code === CODE_DE || code === CODE_FU;
    let matched = false;
    for (let i = next; i < MATCHERS.length; i++) {
      const matcher = MATCHERS[i] as Matcher;
      if (matcher.start === 'han' ? ascii : matcher.start === 'num' && !numeric) continue;
      if (matcher.run(st)) {
        if (pending !== '') {
          if (i === BUILDING_MATCHER && components.compound === undefined && components.yard === undefined && UNSUFFIXED_COMPOUND.test(pending)) {
            components.compound = pending;
            guessedCompound = true;
          } else {
            rest += pending;
          }
          pending = '';
        }
        next = st.last === 'room' ? MATCHERS.length : i + 1;
        matched = true;
        break;
      }
    }
    if (!matched) {
      // A dash nobody claimed is a separator (华景新城-3栋-501), not text.
      if (s.charCodeAt(st.pos) !== 0x2d) pending += s[st.pos];
      st.pos++;
    }
  }
  rest += pending;

  const issues: ValidationIssue[] = [];
  if (guessedCompound) {
    issues.push(
      issue('address', ADDRESS_RULES.compoundGuessed, input, `"${components.compound as string}" has no compound suffix word; taken as the compound because a building follows`, 'warning'),
    );
  }
  if (rest !== '') {
    components.rest = rest;
    issues.push(issue('address', ADDRESS_RULES.unparsedRest, input, `address text not recognised as any element: "${rest}"`, 'warning'));
  }
  return {
    input,
    normalized: s,
    components,
    canonical: canonicalAddress(components),
    leafLevel: leafLevelOf(components),
    issues,
  };
}
