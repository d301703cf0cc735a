/**
 * Toneless pinyin of person names, used to block and break ties when matching
 * people (DOMAIN.md: "pinyin and address or phone break ties"; homophone typos
 * such as 伟/玮, 静/婧 share a key).
 *
 * - Names are first put through `normalizePersonName` (simplified, half-width,
 *   no spaces, unified middle dot, Latin upper-case).
 * - Chinese runs go through pinyin-pro with `surname: 'head'`, so the leading
 *   surname uses its surname reading (单 shan, 曾 zeng, 解 xie, 仇 qiu, 区 ou,
 *   朴 piao, 查 zha, 尉迟 yu chi, 万俟 mo qi) while given names keep the normal
 *   reading. Tones are dropped and ü is written `v` (吕 → lv), so keys are ASCII.
 * - Latin runs (foreign names) become one lower-case syllable each; digits are
 *   kept; the middle dot and any other punctuation are dropped.
 *
 * Results are memoised in a small LRU (bounded, see `CACHE_LIMIT`); the arrays
 * handed out are frozen so callers cannot corrupt the cache.
 */
import { pinyin } from 'pinyin-pro';
import { normalizePersonName } from './normalize-text';

export interface NamePinyinOptions {
  /** Read the leading surname with its surname pronunciation (default `true`). */
  surname?: boolean;
}

const CACHE_LIMIT = 10_000;
const cache = new Map<string, readonly string[]>();

const SEGMENT = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+|[A-Z0-9]+/g;
const HAN_START = /^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const ASCII_SYLLABLE = /^[a-z0-9]+$/;

function compute(name: string, surname: boolean): readonly string[] {
  const normalized = normalizePersonName(name);
  const out: string[] = [];
  let first = true;
  for (const match of normalized.matchAll(SEGMENT)) {
    const segment = match[0];
    if (HAN_START.test(segment)) {
      const syllables = pinyin(segment, {
        toneType: 'none',
        type: 'array',
        v: true,
        surname: surname && first && match.index === 0 ? 'head' : 'off',
      });
      for (const syllable of syllables) {
        const lower = syllable.toLowerCase();
        if (ASCII_SYLLABLE.test(lower)) out.push(lower);
      }
    } else {
      out.push(segment.toLowerCase());
    }
    first = false;
  }
  return Object.freeze(out);
}

/**
 * Toneless pinyin syllables of a person name, e.g. 单雄信 → ['shan', 'xiong', 'xin'],
 * 买买提·艾力 → ['mai', 'mai', 'ti', 'ai', 'li'], 'John Smith' → ['johnsmith'].
 */
export function namePinyin(name: string, options: NamePinyinOptions = {}): readonly string[] {
  const surname = options.surname ?? true;
  const key = (surname ? '1' : '0') + name;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const value = compute(name, surname);
  cache.set(key, value);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
  return value;
}

/** The pinyin syllables joined without separator, lower case: 王伟 → 'wangwei', 王玮 → 'wangwei'. */
export function pinyinKey(name: string, options: NamePinyinOptions = {}): string {
  return namePinyin(name, options).join('');
}
