/**
 * Provincial-level divisions (GB/T 2260, level 10 sub-kind "province"): the short
 * name people write (广东, 内蒙古) → the full name used in the canonical form.
 * A fixed, small table: provinces do not change in practice; prefectures and
 * counties are recognised by their suffix instead (see README.md).
 */
export interface ProvinceName {
  /** Full official name: 广东省, 北京市, 广西壮族自治区. */
  full: string;
  /** Suffixes accepted after the short name (省, 市, 自治区, 壮族自治区…). */
  suffixes: readonly string[];
  /** Municipality directly under the central government (直辖市): province and city at once. */
  municipality: boolean;
}

function province(full: string, short: string): [string, ProvinceName] {
  const suffix = full.slice(short.length);
  const suffixes = suffix.endsWith('自治区') && suffix !== '自治区' ? [suffix, '自治区'] : [suffix];
  return [short, { full, suffixes, municipality: false }];
}

function municipality(short: string): [string, ProvinceName] {
  return [short, { full: `${short}市`, suffixes: ['市'], municipality: true }];
}

/** Keyed by short name. */
export const PROVINCE_NAMES: ReadonlyMap<string, ProvinceName> = new Map<string, ProvinceName>([
  municipality('北京'),
  municipality('天津'),
  municipality('上海'),
  municipality('重庆'),
  province('河北省', '河北'),
  province('山西省', '山西'),
  province('辽宁省', '辽宁'),
  province('吉林省', '吉林'),
  province('黑龙江省', '黑龙江'),
  province('江苏省', '江苏'),
  province('浙江省', '浙江'),
  province('安徽省', '安徽'),
  province('福建省', '福建'),
  province('江西省', '江西'),
  province('山东省', '山东'),
  province('河南省', '河南'),
  province('湖北省', '湖北'),
  province('湖南省', '湖南'),
  province('广东省', '广东'),
  province('海南省', '海南'),
  province('四川省', '四川'),
  province('贵州省', '贵州'),
  province('云南省', '云南'),
  province('陕西省', '陕西'),
  province('甘肃省', '甘肃'),
  province('青海省', '青海'),
  province('台湾省', '台湾'),
  province('内蒙古自治区', '内蒙古'),
  province('广西壮族自治区', '广西'),
  province('西藏自治区', '西藏'),
  province('宁夏回族自治区', '宁夏'),
  province('新疆维吾尔自治区', '新疆'),
  province('香港特别行政区', '香港'),
  province('澳门特别行政区', '澳门'),
]);
