/**
 * Name pools for the synthetic world: surnames with real relative frequencies (per mille of the
 * population, rounded from public 2020 household-registration statistics), given-name characters by
 * gender, minority (维吾尔族) names, foreigners' names by nationality, homophone pairs used for name
 * corrections, and syllables for synthetic place names (free of numerals and of address suffix words,
 * so `parseAddress` reads them back unchanged).
 */
import { type Rng, cumulative } from './rng';

/** Top-100 surnames and their relative weights. */
const SURNAME_TABLE: ReadonlyArray<readonly [string, number]> = [
  ['王', 71], ['李', 70], ['张', 66], ['刘', 54], ['陈', 45], ['杨', 31], ['黄', 23], ['赵', 21], ['吴', 20], ['周', 19],
  ['徐', 14], ['孙', 14], ['马', 13], ['朱', 13], ['胡', 12], ['郭', 11], ['何', 11], ['林', 10], ['高', 10], ['罗', 9],
  ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 6], ['唐', 6], ['许', 6], ['韩', 6], ['邓', 6], ['冯', 6], ['曹', 5],
  ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['潘', 4], ['袁', 4], ['蔡', 4], ['蒋', 4], ['余', 4],
  ['于', 4], ['杜', 4], ['叶', 4], ['程', 4], ['魏', 3], ['苏', 3], ['吕', 3], ['丁', 3], ['任', 3], ['卢', 3],
  ['姚', 3], ['沈', 3], ['钟', 3], ['姜', 3], ['崔', 3], ['谭', 3], ['陆', 3], ['范', 2], ['汪', 2], ['廖', 2],
  ['石', 2], ['金', 2], ['韦', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['邹', 2], ['熊', 2], ['白', 2],
  ['孟', 2], ['秦', 2], ['邱', 2], ['侯', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 1.5], ['雷', 1.5],
  ['龙', 1.5], ['黎', 1.5], ['史', 1.5], ['陶', 1.5], ['贺', 1.5], ['毛', 1.5], ['郝', 1.5], ['顾', 1.5], ['龚', 1.5], ['邵', 1.5],
  ['万', 1.2], ['覃', 1.2], ['武', 1.2], ['钱', 1.2], ['戴', 1.2], ['严', 1.2], ['莫', 1.2], ['孔', 1.2], ['向', 1.2], ['常', 1.2],
];
export const SURNAMES: readonly string[] = SURNAME_TABLE.map((s) => s[0]);
const SURNAME_CUM = cumulative(SURNAME_TABLE.map((s) => s[1]));

const MALE_ONE = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳文博晨昊斌亮峰成东海'.split('');
const FEMALE_ONE = '静敏丽艳娟芳娜霞燕玲婷雪慧红萍琳颖倩欣佳梅莉丹晶璐洁琴云凤'.split('');
const MALE_TWO = ['建华', '建国', '志强', '子轩', '浩然', '宇航', '俊杰', '国强', '海涛', '晓东', '志明', '永强', '文博', '明辉', '家豪', '嘉伟', '振华', '立新'];
const FEMALE_TWO = ['秀英', '桂英', '玉兰', '秀兰', '淑珍', '子涵', '欣怡', '雨桐', '梓涵', '诗涵', '丽娟', '晓燕', '春梅', '海燕', '美玲', '雪梅', '丽华', '慧敏'];

/** Homophone / look-alike pairs (both directions) used by name corrections: 伟/玮, 静/婧 … */
export const HOMOPHONES: ReadonlyMap<string, string> = new Map(
  [['伟', '玮'], ['静', '婧'], ['丽', '莉'], ['军', '君'], ['洋', '阳'], ['杰', '洁'], ['明', '铭'], ['涛', '韬'], ['娟', '鹃'],
    ['芳', '方'], ['磊', '垒'], ['超', '潮'], ['勇', '永'], ['艳', '燕'], ['华', '骅'], ['玲', '琳'], ['婷', '亭'], ['敏', '珉']]
    .flatMap(([a, b]) => [[a!, b!], [b!, a!]] as Array<[string, string]>),
);

/** Common full names used for deliberate namesakes (same name + birth date in different communities). */
export const COMMON_NAMES: ReadonlyArray<{ name: string; gender: 'M' | 'F' }> = [
  { name: '王伟', gender: 'M' }, { name: '李静', gender: 'F' }, { name: '张伟', gender: 'M' }, { name: '王芳', gender: 'F' },
  { name: '李娜', gender: 'F' }, { name: '张敏', gender: 'F' }, { name: '刘洋', gender: 'M' }, { name: '王磊', gender: 'M' },
  { name: '李强', gender: 'M' }, { name: '张静', gender: 'F' }, { name: '陈杰', gender: 'M' }, { name: '刘伟', gender: 'M' },
];

export function pickSurname(rng: Rng): string {
  return SURNAMES[rng.weightedIndex(SURNAME_CUM)]!;
}

/** A 1- or 2-character given name for the gender (≈55 % single character). */
export function pickGivenName(rng: Rng, gender: 'M' | 'F'): string {
  const one = gender === 'M' ? MALE_ONE : FEMALE_ONE;
  const x = rng.next();
  if (x < 0.55) return rng.pick(one);
  if (x < 0.75) return rng.pick(gender === 'M' ? MALE_TWO : FEMALE_TWO);
  return rng.pick(one) + rng.pick(one);
}

/** A given name different from `other` (for twins). */
export function pickOtherGivenName(rng: Rng, gender: 'M' | 'F', other: string): string {
  for (let i = 0; i < 20; i++) {
    const name = pickGivenName(rng, gender);
    if (name !== other) return name;
  }
  return other === '明' ? '亮' : '明';
}

const UYGHUR_MALE = ['买买提', '艾力', '阿卜杜拉', '努尔', '艾克拜尔', '亚森', '伊力哈木'];
const UYGHUR_FEMALE = ['古丽', '阿依古丽', '热依拉', '帕提古丽', '迪丽娜尔', '米热古丽'];
const UYGHUR_FATHER = ['吐尔逊', '艾山', '买买提', '阿不都', '热合曼', '卡德尔'];

/** A 维吾尔族 name: given name · father's name. */
export function pickUyghurName(rng: Rng, gender: 'M' | 'F'): string {
  return `${rng.pick(gender === 'M' ? UYGHUR_MALE : UYGHUR_FEMALE)}·${rng.pick(UYGHUR_FATHER)}`;
}

/** Ethnic groups other than 汉族 with relative weights (汉族 is the rest). */
const ETHNIC_TABLE: ReadonlyArray<readonly [string, number]> = [
  ['汉族', 930], ['壮族', 20], ['土家族', 10], ['苗族', 10], ['回族', 8], ['满族', 6], ['瑶族', 6], ['侗族', 5], ['维吾尔族', 3], ['蒙古族', 2],
];
const ETHNIC_CUM = cumulative(ETHNIC_TABLE.map((e) => e[1]));
export function pickEthnicity(rng: Rng): string {
  return ETHNIC_TABLE[rng.weightedIndex(ETHNIC_CUM)]![0];
}

/** Foreign residents: nationality with male and female names (Chinese transliterations). */
export const FOREIGN_POOLS: ReadonlyArray<{ nationality: string; male: readonly string[]; female: readonly string[] }> = [
  { nationality: '越南', male: ['阮文雄', '陈文明', '黎文山'], female: ['阮氏兰', '陈氏梅', '范氏秋'] },
  { nationality: '韩国', male: ['金敏俊', '朴志勋', '李成浩'], female: ['朴智妍', '金秀彬', '崔允熙'] },
  { nationality: '日本', male: ['佐藤健', '铃木一郎', '田中翔'], female: ['铃木美咲', '高桥爱', '山本由美'] },
  { nationality: '美国', male: ['约翰·史密斯', '迈克尔·布朗'], female: ['艾米丽·约翰逊', '莎拉·戴维斯'] },
  { nationality: '俄罗斯', male: ['伊万·彼得罗夫', '阿列克谢·伊万诺夫'], female: ['安娜·伊万诺娃', '奥尔加·彼得罗娃'] },
  { nationality: '尼日利亚', male: ['奥卢·阿德巴约', '丘库·奥卡福'], female: ['阿玛卡·恩瓦迪', '芬米·阿德耶米'] },
  { nationality: '泰国', male: ['颂猜·汶纳', '巴颂·西里'], female: ['素帕·通猜', '玛丽·占拉'] },
];

/** Place-name syllables: two disjoint pools (first and second character). */
const PLACE_A = '云青禾丰瑞安和泰宁康嘉福华兴明清平永富金玉桂兰竹梅松柏凤鹤翠碧锦祥盛晨曦春秋枫桃柳荷溪泉峰'.split('');
const PLACE_B = '源景茂苍德昌荣乐馨怡逸悦宏达信诚恒通鸿雅静韵翔腾辉耀芳馥秀蔚沁润霖澜涛汇聚隆旺嵘骏禄'.split('');

/** The k-th synthetic two-character place name for a purpose (bijective in k for k < 48 · 48). */
export function placeName(purpose: number, k: number): string {
  const n = PLACE_A.length * PLACE_B.length;
  const idx = (k * 7919 + purpose * 104729) % n;
  return PLACE_A[Math.floor(idx / PLACE_B.length)]! + PLACE_B[idx % PLACE_B.length]!;
}

/** Synthetic district names for county codes (440106 → 天元区). */
const DISTRICT_NAMES = ['天元区', '云岭区', '青禾区', '瑞安区', '嘉和区', '永泰区', '锦华区', '翠峰区'];
export function districtNameOf(countyCode: string): string {
  if (countyCode === '440106') return '天元区';
  let h = 0;
  for (let i = 0; i < countyCode.length; i++) h = (h * 31 + countyCode.charCodeAt(i)) >>> 0;
  return DISTRICT_NAMES[h % DISTRICT_NAMES.length]!;
}

/** Enterprise name parts. */
export const FIRM_WORDS = ['鑫达', '华瑞', '恒通', '博远', '锦程', '宏业', '盛世', '佳美', '创新', '联合', '天成', '金桥', '新锐', '远航', '汇丰', '德信', '正大', '长盛', '安捷', '优选'];
export const FIRM_TRADES = ['科技', '贸易', '物流', '建筑工程', '餐饮管理', '电子商务', '装饰工程', '文化传播', '信息技术', '物业管理', '医疗器械', '服装'];
