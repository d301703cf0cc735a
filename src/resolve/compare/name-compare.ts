/**
 * Comparators for person names. Chinese names are expected already normalised
 * (`normalizePersonName`: simplified, no spaces, one middle dot); two- and
 * three-character names defeat plain edit distance, so the levels are specific
 * (DOMAIN.md, "Matching people across departments"):
 *
 * - `pinyinEqual`: the toneless pinyin keys are equal (王伟/王玮, 李静/李婧);
 * - `homophone`: same length, different, and every differing character reads
 *   the same as its counterpart (伟/玮, 静/婧) — a typing-by-pinyin typo;
 * - `oneCharApart`: same surname character, exactly one other character differs
 *   (蒋经国/蒋纬国 — brothers! weak evidence; the model learns its weight);
 * - `surnameEqual`, `surname`, `givenName`: compound surnames (欧阳, 司马, 诸葛,
 *   上官 …) from a fixed list, used only when a given name follows;
 * - `transposedGiven`: same surname, given-name characters swapped (王建国/王国建);
 * - `tokensEqualUnordered`: Latin / transliterated names written in another
 *   order ('JOHN SMITH' vs 'SMITH JOHN', 买买提·艾力 vs 艾力·买买提).
 *
 * Pinyin comes from the memoised `namePinyin` of the domain module; everything
 * else works on char codes and module-level buffers, without allocating (except
 * `surname` and `givenName`, which return substrings).
 */
import { namePinyin } from '../../domain/text/pinyin';
import { adjacentTransposition } from './char-edits';

/** 复姓: the common compound surnames. */
const COMPOUND_SURNAMES: readonly string[] = [
  '欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '司空', '夏侯', '轩辕', '令狐', '钟离', '南宫', '独孤', '万俟',
  '闻人', '端木', '西门', '申屠', '公羊', '澹台', '公冶', '太史', '濮阳', '淳于',
  '单于', '赫连', '呼延', '拓跋', '百里', '东郭', '子车', '第五', '左丘', '谷梁',
  '梁丘', '宗政', '羊舌', '微生', '亓官', '司寇', '乐正', '壤驷', '公良', '漆雕',
  '巫马', '段干', '颛孙', '鲜于', '闾丘', '东门', '公西', '南门', '呼衍', '归海',
  '宰父', '仲孙', '叔孙', '季孙', '公户', '公玉', '公仪', '夹谷',
];

/** First character code → the second character codes that make a compound surname with it. */
const COMPOUND_TABLE: ReadonlyMap<number, readonly number[]> = (() => {
  const table = new Map<number, number[]>();
  for (const name of COMPOUND_SURNAMES) {
    const first = name.charCodeAt(0);
    const seconds = table.get(first) ?? [];
    if (!seconds.includes(name.charCodeAt(1))) seconds.push(name.charCodeAt(1));
    table.set(first, seconds);
  }
  return table;
})();

function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff);
}

/**
 * Length of the surname: 2 for a listed compound surname followed by a given
 * name (欧阳修 → 2; 欧阳 alone is 欧 + 阳), 1 otherwise, 0 for the empty string.
 */
export function surnameLength(name: string): number {
  if (name.length === 0) return 0;
  if (name.length >= 3) {
    const seconds = COMPOUND_TABLE.get(name.charCodeAt(0));
    if (seconds !== undefined) {
      const second = name.charCodeAt(1);
      for (let i = 0; i < seconds.length; i++) if (seconds[i] === second) return 2;
    }
  }
  return 1;
}

/** The surname: 王伟 → 王, 欧阳修 → 欧阳. */
export function surname(name: string): string {
  return name.slice(0, surnameLength(name));
}

/** The given name: 王伟 → 伟, 欧阳修 → 修, 诸葛亮 → 亮. */
export function givenName(name: string): string {
  return name.slice(surnameLength(name));
}

/** Both non-empty and the surnames (compound surnames as a whole) are equal. */
export function surnameEqual(a: string, b: string): boolean {
  const n = surnameLength(a);
  if (n === 0 || n !== surnameLength(b)) return false;
  for (let i = 0; i < n; i++) if (a.charCodeAt(i) !== b.charCodeAt(i)) return false;
  return true;
}

/** Two syllable lists spell the same key when joined ('wang'+'wei' = 'wangwei'), compared without joining. */
function sameJoined(x: readonly string[], y: readonly string[]): boolean {
  let xi = 0;
  let xo = 0;
  let yi = 0;
  let yo = 0;
  for (;;) {
    while (xi < x.length && xo >= x[xi].length) {
      xi++;
      xo = 0;
    }
    while (yi < y.length && yo >= y[yi].length) {
      yi++;
      yo = 0;
    }
    const xDone = xi >= x.length;
    const yDone = yi >= y.length;
    if (xDone || yDone) return xDone && yDone;
    if (x[xi].charCodeAt(xo) !== y[yi].charCodeAt(yo)) return false;
    xo++;
    yo++;
  }
}

/** Both non-empty and their toneless pinyin keys are equal (王伟/王玮 → 'wangwei'). */
export function pinyinEqual(a: string, b: string, pa?: readonly string[], pb?: readonly string[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a === b) return true;
  // pa / pb: namePinyin(a) / namePinyin(b) when the caller already has them (the engine keeps one per record).
  const x = pa ?? namePinyin(a);
  const y = pb ?? namePinyin(b);
  return x.length !== 0 && sameJoined(x, y);
}

/**
 * Same length, different, and every differing character is a Chinese character
 * with the same toneless pinyin as its counterpart in this name (张伟/张玮,
 * 李静/李婧, 章伟/张伟). Characters other than Chinese ones must be equal; names
 * whose pinyin does not have one syllable per Chinese character give false.
 */
export function homophone(a: string, b: string, pa?: readonly string[], pb?: readonly string[]): boolean {
  const n = a.length;
  if (n === 0 || n !== b.length || a === b) return false;
  // Cheap pass first: every differing position must hold two Chinese characters.
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb && (!isHan(ca) || !isHan(cb))) return false;
  }
  const x = pa ?? namePinyin(a);
  const y = pb ?? namePinyin(b);
  let han = 0;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    if (ca !== b.charCodeAt(i)) {
      if (han >= x.length || han >= y.length || x[han] !== y[han]) return false;
    } else if (!isHan(ca)) {
      continue;
    }
    han++;
  }
  return x.length === han && y.length === han;
}

/**
 * Same length ≥ 2, same first character (the surname), and exactly one other
 * character differs: 蒋经国/蒋纬国, 张伟/张玮.
 */
export function oneCharApart(a: string, b: string): boolean {
  const n = a.length;
  if (n < 2 || n !== b.length || a.charCodeAt(0) !== b.charCodeAt(0)) return false;
  let diffs = 0;
  for (let i = 1; i < n; i++) {
    if (a.charCodeAt(i) !== b.charCodeAt(i) && ++diffs > 1) return false;
  }
  return diffs === 1;
}

/**
 * Same surname, same length, and the given names differ by one swap of two
 * adjacent characters (for the usual two-character given name: the two are
 * swapped): 王建国/王国建, 欧阳明华/欧阳华明.
 */
export function transposedGiven(a: string, b: string): boolean {
  if (a.length !== b.length || !surnameEqual(a, b)) return false;
  const s = surnameLength(a);
  if (a.length - s < 2) return false;
  // The surnames are equal, so an adjacent transposition of the whole names lies in the given names
  // unless it straddles the surname boundary, which surnameEqual already rules out.
  return adjacentTransposition(a, b);
}

// ---------------------------------------------------------------------------
// Unordered tokens (Latin and transliterated names)
// ---------------------------------------------------------------------------

let tokensA = new Int32Array(32);
let tokensB = new Int32Array(32);
let used = new Uint8Array(16);

function isSeparator(code: number): boolean {
  // white space and control characters, ',', '.', middle dot, katakana middle dot, ideographic space
  return code <= 32 || code === 44 || code === 46 || code === 0xb7 || code === 0x30fb || code === 0x3000;
}

function foldCase(code: number): number {
  return code >= 97 && code <= 122 ? code - 32 : code;
}

/** Writes [start, end) pairs of the tokens of `s` into `out`; returns the token count (the buffer may be replaced). */
function tokenize(s: string, which: 0 | 1): number {
  let out = which === 0 ? tokensA : tokensB;
  let count = 0;
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSeparator(s.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSeparator(s.charCodeAt(i))) i++;
    if (2 * count + 2 > out.length) {
      const bigger = new Int32Array(out.length * 2);
      bigger.set(out);
      out = bigger;
      if (which === 0) tokensA = out;
      else tokensB = out;
    }
    out[2 * count] = start;
    out[2 * count + 1] = i;
    count++;
  }
  return count;
}

function tokenEqual(a: string, aStart: number, aEnd: number, b: string, bStart: number, bEnd: number): boolean {
  const len = aEnd - aStart;
  if (len !== bEnd - bStart) return false;
  for (let k = 0; k < len; k++) {
    if (foldCase(a.charCodeAt(aStart + k)) !== foldCase(b.charCodeAt(bStart + k))) return false;
  }
  return true;
}

/**
 * The same multiset of tokens in any order, ASCII case-insensitive; tokens are
 * separated by white space, ',', '.' or a middle dot: 'JOHN SMITH' vs
 * 'SMITH, JOHN', 买买提·艾力 vs 艾力·买买提. False when either has no token.
 */
export function tokensEqualUnordered(a: string, b: string): boolean {
  const na = tokenize(a, 0);
  const nb = tokenize(b, 1);
  if (na === 0 || na !== nb) return false;
  const ta = tokensA;
  const tb = tokensB;
  if (used.length < nb) used = new Uint8Array(nb * 2);
  const taken = used;
  taken.fill(0, 0, nb);
  for (let i = 0; i < na; i++) {
    const as = ta[2 * i];
    const ae = ta[2 * i + 1];
    let found = false;
    for (let j = 0; j < nb; j++) {
      if (taken[j] === 0 && tokenEqual(a, as, ae, b, tb[2 * j], tb[2 * j + 1])) {
        taken[j] = 1;
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}
