/**
 * Preparation steps of a match model's fields: one raw value → the value comparisons see.
 * Steps run in the order given; a step returning null ends the chain (the field is missing).
 * Text steps take and return strings; `address` returns parsed AddressComponents (last step).
 *
 * | step | does |
 * |---|---|
 * | `trim`, `lower`, `upper`, `removeSpaces`, `collapseSpaces` | as named |
 * | `text` | normalizeText: zero-width removed, half-width, simplified Chinese, spaces collapsed |
 * | `personName` | normalizePersonName: `text` + no spaces, unified middle dot, Latin upper-case |
 * | `pinyin` | toneless pinyin key of a person name (王伟, 王玮 → wangwei) |
 * | `surname` | first character (or known two-character surname) of a Chinese name |
 * | `digits` | only the digits; null when none |
 * | `date` | a department date in any accepted form → `YYYY-MM-DD`; null when invalid |
 * | `citizenId` | 15/18-digit ID → 18 digits upper-case X; null when invalid |
 * | `phone` | national digits of a phone number; null when invalid |
 * | `address` | parseAddress → components (compare with address levels) |
 * | `soundex` | American Soundex of a Latin-script word |
 * | `orgName` | organisation name key: `text`, no spaces, form notes （个体工商户） dropped, 有限责任公司 → 有限公司, a place in brackets moved to the front, leading province / district dropped |
 * | `first:N` | first N characters |
 * | `nullIf:V1\|V2` | null when the value is one of these |
 */
import { parseAddress, type AddressComponents } from '../../domain/address';
import { parseCitizenId } from '../../domain/citizen-id';
import { parseDate } from '../../domain/date';
import { parsePhone } from '../../domain/phone';
import { normalizePersonName, normalizeText, pinyinKey } from '../../domain/text';

export type Prepared = string | AddressComponents;
export type PrepareStep = (v: string) => Prepared | null;

const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '万俟', '独孤', '南宫', '西门', '轩辕', '呼延', '申屠', '澹台', '太史', '闻人', '东郭', '百里', '钟离', '赫连', '拓跋']);

/** Surname of a normalised Chinese name: a known two-character surname, else the first character. */
export function chineseSurname(name: string): string {
  return name.length > 2 && COMPOUND_SURNAMES.has(name.slice(0, 2)) ? name.slice(0, 2) : name.slice(0, 1);
}

const SOUNDEX_CODES: Record<string, string> = { b: '1', f: '1', p: '1', v: '1', c: '2', g: '2', j: '2', k: '2', q: '2', s: '2', x: '2', z: '2', d: '3', t: '3', l: '4', m: '5', n: '5', r: '6' };

export function soundex(word: string): string | null {
  const w = word.toLowerCase().replace(/[^a-z]/g, '');
  if (w === '') return null;
  let out = w[0]!.toUpperCase();
  let last = SOUNDEX_CODES[w[0]!] ?? '';
  for (let i = 1; i < w.length && out.length < 4; i++) {
    const ch = w[i]!;
    const code = SOUNDEX_CODES[ch] ?? '';
    if (code !== '' && code !== last) out += code;
    if (ch !== 'h' && ch !== 'w') last = code;
  }
  return out.padEnd(4, '0');
}

const HAN_CHAR = '[\\u3400-\\u4DBF\\u4E00-\\u9FFF]';
/** Organisation-form notes written in brackets after a name: they say what the organisation is, not which one. */
const ORG_FORM_NOTE = /\((?:个体工商户|个体户|普通合伙|特殊普通合伙|有限合伙)\)/g;
/** A 2–4 character place in brackets inside a name: 金湾鑫达科技(南溪)有限公司. */
const ORG_BRACKET_PLACE = new RegExp(`^(.+?)\\((${HAN_CHAR}{2,4})\\)(.*)$`);
const ORG_PROVINCE = new RegExp(`^${HAN_CHAR}{2,3}省(?=${HAN_CHAR}{4})`);
const ORG_CITY = new RegExp(`^(${HAN_CHAR}{2})市(?=${HAN_CHAR}{3})`);
const ORG_DISTRICT = new RegExp(`^${HAN_CHAR}{1,2}[区县](?=${HAN_CHAR}{3})`);

/**
 * Key of an organisation name for matching: the same organisation written by two registries
 * (天元区王记便利店 / 王记便利店（个体工商户）, 南溪金湾鑫达科技有限公司 / 金湾鑫达科技（南溪）有限责任公司,
 * traditional characters, full-width brackets) gets one key. `normalizeText` (simplified, half-width),
 * spaces removed, organisation-form notes in brackets dropped, 有限责任公司 → 有限公司, a place in
 * brackets moved to the front (dropped when the name already starts with it), then a leading
 * province, city suffix 市 and district / county name dropped. Other brackets (branch names:
 * (南溪分公司)) are kept: a branch is another organisation.
 */
export function organisationNameKey(name: string): string {
  let t = normalizeText(name).replace(/\s+/g, '').replace(ORG_FORM_NOTE, '').replace(/有限责任公司$/, '有限公司');
  const m = ORG_BRACKET_PLACE.exec(t);
  if (m !== null && !/(?:分公司|分店|店|部|厂|处|所)$/.test(m[2]!)) t = t.startsWith(m[2]!) ? m[1]! + m[3]! : m[2]! + m[1]! + m[3]!;
  return t.replace(ORG_PROVINCE, '').replace(ORG_CITY, '$1').replace(ORG_DISTRICT, '');
}

const SIMPLE: Record<string, PrepareStep> = {
  trim: (v) => v.trim(),
  lower: (v) => v.toLowerCase(),
  upper: (v) => v.toUpperCase(),
  removeSpaces: (v) => v.replace(/\s+/g, ''),
  collapseSpaces: (v) => v.replace(/\s+/g, ' '),
  text: (v) => normalizeText(v),
  personName: (v) => normalizePersonName(v),
  pinyin: (v) => pinyinKey(v) || null,
  surname: (v) => chineseSurname(normalizePersonName(v)) || null,
  digits: (v) => v.replace(/\D+/g, '') || null,
  date: (v) => {
    const r = parseDate(v);
    return r.ok ? r.value : null;
  },
  citizenId: (v) => {
    const r = parseCitizenId(v);
    return r.ok ? r.value.id18 : null;
  },
  phone: (v) => {
    const r = parsePhone(v);
    return r.ok ? r.value.national : null;
  },
  address: (v) => {
    const a = parseAddress(v);
    return a.leafLevel === undefined ? null : a.components;
  },
  soundex: (v) => soundex(v),
  orgName: (v) => organisationNameKey(v) || null,
};

export const PREPARE_STEP_NAMES = [...Object.keys(SIMPLE), 'first:N', 'nullIf:A|B'];

/** Compiles a step name; throws a message naming the problem for unknown steps. */
export function compileStep(name: string): PrepareStep {
  const simple = Object.hasOwn(SIMPLE, name) ? SIMPLE[name] : undefined;
  if (simple !== undefined) return simple;
  const first = /^first:(\d+)$/.exec(name);
  if (first !== null) {
    const n = Number(first[1]);
    return (v) => v.slice(0, n);
  }
  if (name.startsWith('nullIf:')) {
    const values = new Set(name.slice('nullIf:'.length).split('|'));
    return (v) => (values.has(v) ? null : v);
  }
  throw new Error(`unknown prepare step "${name}" (known: ${PREPARE_STEP_NAMES.join(', ')})`);
}

/**
 * The chain of steps as one function over raw values, memoised per distinct input (names,
 * dates and addresses repeat a lot: each distinct value is prepared once per run).
 */
export function compilePreparation(steps: readonly string[]): (raw: unknown) => Prepared | null {
  const compiled = steps.map(compileStep);
  const memo = new Map<string, Prepared | null>();
  return (raw) => {
    if (raw === null || raw === undefined) return null;
    if (typeof raw === 'object') return raw as AddressComponents; // already parsed components (canonical `<field>Components`)
    const s = typeof raw === 'string' ? raw : String(raw);
    const hit = memo.get(s);
    if (hit !== undefined || memo.has(s)) return hit ?? null;
    let v: Prepared | null = s;
    for (const step of compiled) {
      if (typeof v !== 'string') break;
      v = step(v);
      if (v === null) break;
    }
    if (v === '') v = null;
    if (memo.size < 2_000_000) memo.set(s, v);
    return v;
  };
}
