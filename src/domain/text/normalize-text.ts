/**
 * Text normalisation shared by every matcher in the hub (DOMAIN.md, "Matching
 * people": normalise first).
 *
 * - `toHalfWidth`: full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space → space.
 * - `toSimplified`: traditional → simplified Chinese with OpenCC (`t` → `cn`).
 * - `collapseSpaces`: any run of white space → one ASCII space.
 * - `removeZeroWidth`: drops zero-width / BOM / soft-hyphen characters.
 * - `normalizeText`: all of the above plus trim.
 * - `normalizePersonName`: `normalizeText`, no spaces at all, one middle dot `·`
 *   between the parts of minority/foreign names, Latin upper-cased.
 *
 * OpenCC is loaded from the small `opencc-js/t2cn` bundle and its converter is
 * built lazily, once, on the first string that needs it. Two fast paths keep the
 * hot path cheap: pure-ASCII strings never reach OpenCC, and strings without any
 * "witness" character of a non-identity OpenCC dictionary entry (the common case
 * for already-simplified data) skip the conversion too (see `needsConversion`).
 * Pure functions; the only state is the lazily built, immutable converter.
 */
import { Converter, Locale, type ConverterFunction } from 'opencc-js/t2cn';

const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/g;
const ANY_ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]/;
const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/g;
const ANY_FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const SPACES = /[\s\u00A0\u3000]+/g;
const ALL_SPACES = /[\s\u00A0\u3000]+/g;
const NON_ASCII = /[^\x00-\x7F]/;

interface OpenCcState {
  convert: ConverterFunction;
  /** Code points that occur in some non-identity dictionary key; `undefined` = always convert. */
  witnesses: ReadonlySet<number> | undefined;
}

let openCc: OpenCcState | undefined;

/** Collects `[key, value]` pairs from OpenCC dictionaries (`"k v|k v"` strings or pair arrays, nested). */
function collectPairs(node: unknown, out: Array<[string, string]>, depth = 0): void {
  if (depth > 6) return;
  if (typeof node === 'string') {
    for (const entry of node.split('|')) {
      const space = entry.indexOf(' ');
      if (space > 0) out.push([entry.slice(0, space), entry.slice(space + 1)]);
    }
    return;
  }
  if (!Array.isArray(node)) return;
  if (node.length === 2 && typeof node[0] === 'string' && typeof node[1] === 'string' && !node[0].includes('|') && !node[0].includes(' ')) {
    out.push([node[0], node[1]]);
    return;
  }
  for (const child of node) collectPairs(child, out, depth + 1);
}

/**
 * For every dictionary entry that changes text, one character of its key that
 * must be present for the entry to match (preferably the character that changes).
 * If a string contains none of them, no entry can change it and OpenCC is the
 * identity on it. Returns `undefined` when the dictionaries cannot be read, in
 * which case every non-ASCII string is converted (always correct, just slower).
 */
function buildWitnesses(): ReadonlySet<number> | undefined {
  const config: unknown = Locale.configs?.['t2s'];
  if (config === null || typeof config !== 'object') return undefined;
  const pairs: Array<[string, string]> = [];
  for (const chain of Object.values(config as Record<string, unknown>)) collectPairs(chain, pairs);
  if (pairs.length < 1000) return undefined;
  const changingSingles = new Set<string>();
  for (const [key, value] of pairs) if (key !== value && [...key].length === 1) changingSingles.add(key);
  const witnesses = new Set<number>();
  for (const [key, value] of pairs) {
    if (key === value) continue;
    const k = [...key];
    const v = [...value];
    let witness: string | undefined;
    if (k.length === v.length) witness = k.find((ch, i) => ch !== v[i]);
    witness ??= k.find((ch) => changingSingles.has(ch)) ?? k[0];
    if (witness !== undefined) witnesses.add(witness.codePointAt(0) as number);
  }
  return witnesses;
}

function getOpenCc(): OpenCcState {
  if (openCc === undefined) {
    const convert = Converter({ from: 't', to: 'cn' });
    let witnesses: ReadonlySet<number> | undefined;
    try {
      witnesses = buildWitnesses();
    } catch {
      witnesses = undefined;
    }
    openCc = { convert, witnesses };
  }
  return openCc;
}

function needsConversion(s: string, witnesses: ReadonlySet<number> | undefined): boolean {
  if (witnesses === undefined) return true;
  for (let i = 0; i < s.length; i++) {
    const code = s.codePointAt(i) as number;
    if (code > 0xffff) i++;
    if (code >= 0x80 && witnesses.has(code)) return true;
  }
  return false;
}

/** Traditional → simplified Chinese (OpenCC `t` → `cn`, phrase-aware: 乾隆 stays, 乾燥 → 干燥). */
export function toSimplified(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  const state = getOpenCc();
  return needsConversion(s, state.witnesses) ? state.convert(s) : s;
}

/** Full-width ASCII variants (U+FF01–U+FF5E) → ASCII (U+0021–U+007E); ideographic space U+3000 → space. */
export function toHalfWidth(s: string): string {
  if (!ANY_FULL_WIDTH.test(s)) return s;
  return s.replace(FULL_WIDTH, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}

/** Every run of white space (incl. NBSP, ideographic space, tabs, newlines) → one ASCII space. No trimming. */
export function collapseSpaces(s: string): string {
  return s.replace(SPACES, ' ');
}

/** Removes zero-width space/joiners, word joiner, BOM, soft hyphen and Mongolian vowel separator. */
export function removeZeroWidth(s: string): string {
  return ANY_ZERO_WIDTH.test(s) ? s.replace(ZERO_WIDTH, '') : s;
}

/**
 * The normal form used before any comparison: zero-width characters removed,
 * half-width, simplified, white space collapsed, trimmed. Idempotent.
 */
export function normalizeText(s: string): string {
  if (!NON_ASCII.test(s)) return collapseSpaces(s).trim();
  return collapseSpaces(toSimplified(toHalfWidth(removeZeroWidth(s)))).trim();
}

const HAN = '\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFAFF';
/** Middle-dot look-alikes seen in names: · (U+00B7) ・ ･ • ‧ ﾟ . ∙ ⋅ · (Greek) and the Chinese full stop look-alike ．. */
const NAME_DOTS = new RegExp(`(?<=[${HAN}])[\\u00B7\\u30FB\\uFF65\\u2022\\u2027\\uFF9F.\\u2219\\u22C5\\u0387\\uFF0E]+(?=[${HAN}])`, 'g');

/**
 * Person-name normal form for matching: `normalizeText`, all spaces removed,
 * any middle-dot variant between two Chinese characters unified to `·` (U+00B7,
 * as in 买买提·艾力), Latin letters upper-cased. Dots between Latin letters
 * (J.K.) are left alone.
 */
export function normalizePersonName(s: string): string {
  const text = normalizeText(s).replace(ALL_SPACES, '');
  return text.replace(NAME_DOTS, '\u00B7').toUpperCase();
}
