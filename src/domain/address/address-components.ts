/**
 * The components of a parsed standard address, one optional field per GA/T
 * 2000.32 element, and the level each one sits on.
 *
 * Values are normalised text: full names with their suffix for named elements
 * (广东省, 天河区, 石牌街道, 华师社区, 中山大道西, 东风二巷, 华景新城, 机关大院,
 * 张家湾自然村) and bare numbers/letters for numbered ones (roadNumber '55' or
 * '12-3', villagerGroup '3', building '3' or 'B', unit '2', floor '5', room '501').
 */
import { ADDRESS_LEVEL, type AddressLevelCode } from './address-level';

export interface AddressComponents {
  /** 省级: 广东省, 北京市, 广西壮族自治区. */
  province?: string;
  /** 地级: 广州市, 凉山彝族自治州, 阿克苏地区; for a 直辖市 the same as `province`. */
  city?: string;
  /** 县级: 天河区, 昆山市, 巫山县, 峨边彝族自治县. */
  county?: string;
  /** 乡镇/街道: 石牌街道, 黄兴镇. */
  town?: string;
  /** 社区/村: 华师社区 (居委会 → 社区), 石马村 (村委会 → 村). */
  community?: string;
  /** 村民小组: number ('3') or name without 组 ('张家'). */
  villagerGroup?: string;
  /** 街路: 中山大道西, 人民路北段. Road ordinals stay as written (中山一路). */
  road?: string;
  /** 门牌号: '55'; 附/之/dash numbers as '12-3'. */
  roadNumber?: string;
  /** 巷/弄/胡同: '123弄', '3巷', 东风二巷, 南锣鼓巷. */
  lane?: string;
  /** 小区: 华景新城, 华景新城2期. */
  compound?: string;
  /** 单位大院: 机关大院, '88号院'. */
  yard?: string;
  /** 自然村: 张家湾自然村, 李家屯. */
  naturalVillage?: string;
  /** 楼栋: '3', 'B', 'A3'. */
  building?: string;
  /** 单元: '2'. */
  unit?: string;
  /** 楼层 (attribute): '5', '-1'. */
  floor?: string;
  /** 户室: '501'. */
  room?: string;
  /** Whatever could not be assigned to a component, in reading order. */
  rest?: string;
}

export type AddressComponentKey = keyof AddressComponents;

/** The GA/T level of each component that has one (`floor` and `rest` do not). */
export const COMPONENT_LEVEL: Readonly<Partial<Record<AddressComponentKey, AddressLevelCode>>> = {
  province: ADDRESS_LEVEL.division,
  city: ADDRESS_LEVEL.division,
  county: ADDRESS_LEVEL.division,
  town: ADDRESS_LEVEL.town,
  community: ADDRESS_LEVEL.community,
  villagerGroup: ADDRESS_LEVEL.villagerGroup,
  road: ADDRESS_LEVEL.road,
  roadNumber: ADDRESS_LEVEL.road,
  lane: ADDRESS_LEVEL.lane,
  compound: ADDRESS_LEVEL.compound,
  yard: ADDRESS_LEVEL.yard,
  naturalVillage: ADDRESS_LEVEL.naturalVillage,
  building: ADDRESS_LEVEL.building,
  unit: ADDRESS_LEVEL.unit,
  room: ADDRESS_LEVEL.room,
};

const LEVELS_DEEPEST_FIRST: ReadonlyArray<readonly [AddressComponentKey, AddressLevelCode]> = (
  Object.entries(COMPONENT_LEVEL) as Array<[AddressComponentKey, AddressLevelCode]>
).sort((a, b) => b[1] - a[1]);

/** The deepest GA/T level present, or `undefined` when no component is set. */
export function leafLevelOf(components: AddressComponents): AddressLevelCode | undefined {
  for (const [key, level] of LEVELS_DEEPEST_FIRST) if (components[key] !== undefined) return level;
  return undefined;
}
