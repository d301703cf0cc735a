/**
 * Standard-address element levels of GA/T 2000.32 (一标三实 标准地址), as used by
 * the address parser (DOMAIN.md, "一标三实").
 *
 * Level 10 covers the whole administrative division part; it is split into the
 * sub-kinds province / city / county (`DIVISION_KIND`) rather than into extra
 * codes, so stored level codes stay those of the standard. Floor (楼层) is an
 * attribute of a room, not a level.
 */
export const ADDRESS_LEVEL = {
  /** 10 省/市/县: administrative division (sub-kinds: province, city, county). */
  division: 10,
  /** 20 乡镇/街道: town, township or sub-district. */
  town: 20,
  /** 30 村/社区: administrative village or community (居委会/村委会). */
  community: 30,
  /** 34 村民小组: villager group (组, 队). */
  villagerGroup: 34,
  /** 40 街路巷: street or road (路, 大道, 街) with its door number (门牌号). */
  road: 40,
  /** 41 巷/弄/胡同: lane off a street. */
  lane: 41,
  /** 42 小区: residential compound (小区/花园/苑/家园/新村/新城…). */
  compound: 42,
  /** 43 单位大院: unit yard (大院, 院, 家属院, N号院). */
  yard: 43,
  /** 44 自然村: natural village (自然村, and in rural context 屯/庄/寨/湾…). */
  naturalVillage: 44,
  /** 50 楼栋: building (栋/幢/号楼/座). */
  building: 50,
  /** 61 单元: entrance unit (单元/梯/门). */
  unit: 61,
  /** 62 户室: room (室/房/户) — the leaf where people live. */
  room: 62,
} as const;

export type AddressLevelName = keyof typeof ADDRESS_LEVEL;
export type AddressLevelCode = (typeof ADDRESS_LEVEL)[AddressLevelName];

/** Sub-kinds of level 10, outermost first. */
export const DIVISION_KINDS = ['province', 'city', 'county'] as const;
export type DivisionKind = (typeof DIVISION_KINDS)[number];
