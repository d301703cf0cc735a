/**
 * The text transformations behind feed noise: traditional characters, homophone typos, address
 * variants, phone formats and citizen-ID variants. Pure functions; which record gets which noise
 * is decided by the caller (see noise-context.ts) from deterministic draws.
 */

/** A small simplified → traditional map of characters common in names and addresses. */
const TRADITIONAL: Record<string, string> = {
  华: '華', 国: '國', 东: '東', 丽: '麗', 伟: '偉', 区: '區', 号: '號', 栋: '棟', 门: '門', 广: '廣',
  长: '長', 马: '馬', 陈: '陳', 刘: '劉', 张: '張', 杨: '楊', 赵: '趙', 黄: '黃', 吴: '吳', 郑: '鄭',
  孙: '孫', 钱: '錢', 冯: '馮', 邓: '鄧', 萧: '蕭', 叶: '葉', 罗: '羅', 梁: '樑', 红: '紅', 兰: '蘭',
  凤: '鳳', 龙: '龍', 军: '軍', 杰: '傑', 强: '強', 宝: '寶', 贵: '貴', 荣: '榮', 庆: '慶', 云: '雲',
  凯: '凱', 兴: '興', 发: '發', 乡: '鄉', 县: '縣', 镇: '鎮', 楼: '樓', 单: '單',
  园: '園', 湾: '灣', 场: '場', 厂: '廠', 汇: '匯', 丰: '豐', 桥: '橋', 环: '環',
  业: '業', 苏: '蘇', 卫: '衛', 亚: '亞', 静: '靜', 进: '進', 达: '達', 鸿: '鴻', 风: '風', 开: '開', 关: '關', 阳: '陽', 韩: '韓', 刚: '剛',
};

/** Replaces every mapped character by its traditional form. */
export function toTraditional(text: string): string {
  let out = '';
  for (const ch of text) out += TRADITIONAL[ch] ?? ch;
  return out;
}

export function hasTraditionalCandidate(text: string): boolean {
  for (const ch of text) if (TRADITIONAL[ch] !== undefined && TRADITIONAL[ch] !== ch) return true;
  return false;
}

/** Homophone pairs (both directions) typed in place of each other. */
const HOMOPHONE_PAIRS: Array<[string, string]> = [
  ['伟', '玮'], ['静', '婧'], ['丽', '莉'], ['军', '君'], ['明', '铭'], ['华', '桦'], ['红', '虹'],
  ['芳', '方'], ['勇', '永'], ['杰', '洁'], ['涛', '滔'], ['敏', '民'], ['玲', '琳'], ['斌', '彬'],
  ['刚', '钢'], ['波', '博'], ['辉', '晖'], ['霞', '侠'], ['娟', '鹃'], ['英', '瑛'], ['平', '萍'],
];
const HOMOPHONE: Record<string, string> = {};
for (const [a, b] of HOMOPHONE_PAIRS) {
  HOMOPHONE[a] = b;
  HOMOPHONE[b] = a;
}

/** Replaces the last given-name character that has a homophone; undefined when none has. */
export function homophoneTypo(name: string): string | undefined {
  const chars = [...name];
  for (let i = chars.length - 1; i >= 1; i--) {
    const alt = HOMOPHONE[chars[i]];
    if (alt !== undefined) {
      chars[i] = alt;
      return chars.join('');
    }
  }
  return undefined;
}

const DIGIT_CN = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 0–9999 as Chinese numerals: 88 → 八十八, 3 → 三, 105 → 一百零五. */
export function numberToChinese(n: number): string {
  if (n < 10) return DIGIT_CN[n];
  if (n < 20) return `十${n % 10 === 0 ? '' : DIGIT_CN[n % 10]}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i];
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += DIGIT_CN[d] + unit;
  });
  return out;
}

export const ADDRESS_VARIANTS = ['drop_prefix', 'drop_subdistrict', 'building_word', 'chinese_numerals', 'room_variant'] as const;
export type AddressVariant = (typeof ADDRESS_VARIANTS)[number];

const BUILDING_WORDS = ['幢', '号楼', '座', 'cn栋'] as const;

/**
 * One address variant, or undefined when the text has nothing the variant could change.
 * `pick` is a deterministic number in [0, 1) used for sub-choices.
 */
export function addressVariant(text: string, variant: AddressVariant, pick: number): string | undefined {
  let out = text;
  switch (variant) {
    case 'drop_prefix':
      out = text.replace(/^.{2,8}?省/, '').replace(/^.{2,8}?市/, '');
      break;
    case 'drop_subdistrict':
      out = text.replace(/([区县市])[^区县市省]{1,8}?(街道|镇)(?=.)/, '$1').replace(/([区县市])[^区县市省]{1,8}?(社区|村委会)(?=.)/, '$1');
      break;
    case 'building_word': {
      const word = BUILDING_WORDS[Math.floor(pick * BUILDING_WORDS.length)];
      out = text.replace(/(\d+)栋/, (_m, d: string) => (word === 'cn栋' ? `${numberToChinese(Number(d))}栋` : `${d}${word}`));
      break;
    }
    case 'chinese_numerals':
      out = text.replace(/(\d{1,4})(号|栋|单元)/g, (_m, d: string, w: string) => `${numberToChinese(Number(d))}${w}`);
      break;
    case 'room_variant':
      out = text.replace(/(\d{1,2})(\d{2})室$/, (_m, f: string, r: string) => (pick < 0.5 ? `${f}${r}房` : `${f}楼${r}`));
      break;
  }
  return out === text ? undefined : out;
}

/** An 11-digit mobile written the way some clerk typed it. */
export function phoneVariant(phone: string, pick: number): string {
  const a = phone.slice(0, 3);
  const b = phone.slice(3, 7);
  const c = phone.slice(7);
  const forms = [`+86 ${a} ${b} ${c}`, `${a}-${b}-${c}`, `0086${phone}`, `${a} ${b} ${c}`, `+86-${phone}`];
  return forms[Math.floor(pick * forms.length)];
}

/** The legacy 15-digit form of an 18-digit citizen ID (drops the century and the check character). */
export function legacyId15(id18: string): string {
  return id18.slice(0, 6) + id18.slice(8, 17);
}

/** Ways another registry wrote the same organisation's name (see `orgNameVariant`). */
export const ORG_NAME_VARIANTS = ['company_form', 'region_brackets', 'business_note', 'drop_district', 'traditional'] as const;
export type OrgNameVariant = (typeof ORG_NAME_VARIANTS)[number];

/** Organisation-form notes written in brackets after the name (since 2022 个体工商户 names carry one). */
export const ORG_FORM_NOTES = ['个体工商户', '普通合伙', '有限合伙', '特殊普通合伙'] as const;

/**
 * One variant of an organisation name, or undefined when the name has nothing the variant could change:
 * `company_form` 有限公司 → 有限责任公司; `region_brackets` the leading 2-character place moved into
 * full-width brackets before the company form (南溪金湾鑫达科技有限公司 → 金湾鑫达科技（南溪）有限公司);
 * `business_note` （个体工商户） appended; `drop_district` the leading district name dropped
 * (天元区王记便利店 → 王记便利店); `traditional` simplified → traditional characters.
 */
export function orgNameVariant(name: string, variant: OrgNameVariant, district: string): string | undefined {
  let out: string = name;
  switch (variant) {
    case 'company_form':
      if (name.endsWith('有限公司') && !name.endsWith('有限责任公司') && !name.endsWith('股份有限公司')) out = `${name.slice(0, -4)}有限责任公司`;
      break;
    case 'region_brackets': {
      const m = /^([\u4e00-\u9fff]{2})([\u4e00-\u9fff]{4,})(有限(?:责任)?公司)$/.exec(name);
      if (m !== null && !name.startsWith(district)) out = `${m[2]}（${m[1]}）${m[3]}`;
      break;
    }
    case 'business_note':
      if (!name.includes('（')) out = `${name}（个体工商户）`;
      break;
    case 'drop_district':
      if (name.startsWith(district) && name.length - district.length >= 3) out = name.slice(district.length);
      break;
    case 'traditional':
      out = toTraditional(name);
      break;
  }
  return out === name ? undefined : out;
}

/** A USCC as a clerk typed it: lower-case, in groups of four, or in full-width characters (same code once normalised). */
export function usccWritten(uscc: string, pick: number): string {
  const forms = [
    uscc.toLowerCase(),
    uscc.replace(/(.{4})(?=.)/g, '$1 '),
    [...uscc].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join(''),
  ];
  return forms[Math.floor(pick * forms.length)]!;
}
