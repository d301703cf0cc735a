/**
 * The code lists of the 一标三实 master data, with the Chinese terms users know them by.
 * Stored values are the English codes (stable, ASCII); labels are for APIs and reports.
 * Where a code list is defined by a standard, the standard's numeric code is kept alongside.
 */
function codeList<const T extends Record<string, string>>(labels: T) {
  const values = Object.keys(labels) as (keyof T & string)[];
  return { values, labels, is: (v: unknown): v is keyof T & string => typeof v === 'string' && v in labels };
}

/** Grid kinds: administrative levels, the base grid, business grids of departments, household groups. */
export const GridKind = codeList({ admin: '行政区划', base: '基础网格', business: '专业网格', household_group: '住户小组' });
export type GridKind = (typeof GridKind.values)[number];

/** 实有人口 kinds. */
export const PersonKind = codeList({ hukou: '户籍人口', floating: '流动人口', foreign: '境外人员' });
export type PersonKind = (typeof PersonKind.values)[number];

export const Gender = codeList({ M: '男', F: '女', U: '未知' });
export type Gender = (typeof Gender.values)[number];

export const PersonStatus = codeList({ active: '在册', moved_out: '迁出', deceased: '死亡' });
export type PersonStatus = (typeof PersonStatus.values)[number];

/** Role of an address in a person's life: 人户分离 means hukou and residence differ. */
export const AddressRole = codeList({ hukou: '户籍地址', residence: '居住地址', work: '工作地址' });
export type AddressRole = (typeof AddressRole.values)[number];

/** GA/T 2000.32 address element levels. */
export const AddressLevel = codeList({
  '10': '省/市/县',
  '20': '乡镇/街道',
  '30': '社区/村',
  '34': '村民小组',
  '40': '街路巷',
  '41': '巷/弄',
  '42': '小区',
  '43': '单位院落',
  '44': '自然村',
  '50': '楼栋',
  '61': '单元',
  '62': '户室',
});
export type AddressLevel = (typeof AddressLevel.values)[number];

export const HouseKind = codeList({ building: '楼栋', dwelling: '房屋' });
export type HouseKind = (typeof HouseKind.values)[number];

export const HouseUse = codeList({
  residential: '住宅',
  commercial: '商业',
  office: '办公',
  industrial: '工业',
  warehouse: '仓储',
  mixed: '商住混合',
  other: '其他',
});
export type HouseUse = (typeof HouseUse.values)[number];

export const OccupantRelation = codeList({ owner: '产权人', family: '家庭成员', tenant: '承租人', other: '其他' });
export type OccupantRelation = (typeof OccupantRelation.values)[number];

/** 实有单位 kinds; the three small_* kinds are the 三小场所. */
export const OrganisationKind = codeList({
  enterprise: '企业',
  individual_business: '个体工商户',
  government: '机关',
  institution: '事业单位',
  social_organisation: '社会组织',
  community_organisation: '社区组织',
  small_shop: '小商店',
  small_restaurant: '小餐饮',
  small_entertainment: '小娱乐场所',
  other: '其他',
});
export type OrganisationKind = (typeof OrganisationKind.values)[number];
export const THREE_SMALL_KINDS: readonly OrganisationKind[] = ['small_shop', 'small_restaurant', 'small_entertainment'];

export const OrganisationStatus = codeList({ active: '存续', closed: '注销/关闭', suspended: '停业' });
export type OrganisationStatus = (typeof OrganisationStatus.values)[number];

export const ThingKind = codeList({ city_part: '城市部件', hazard_source: '危险源', safety_equipment: '安全设施' });
export type ThingKind = (typeof ThingKind.values)[number];

/** How an event entered the hub. */
export const EventOrigin = codeList({ patrol: '网格员巡查', resident: '群众上报', department: '部门推送' });
export type EventOrigin = (typeof EventOrigin.values)[number];

/** The closed loop: 上报 → 受理 → 分拨 → 处置 → 反馈 → 核查 → 结案 (核查 may return to 处置). */
export const EventStatus = codeList({
  reported: '已上报',
  accepted: '已受理',
  dispatched: '已分拨',
  handling: '处置中',
  fed_back: '已反馈',
  verified: '已核查',
  closed: '已结案',
  rejected: '不予受理',
});
export type EventStatus = (typeof EventStatus.values)[number];

/** 三色预警 */
export const EventColour = codeList({ green: '绿色', yellow: '黄色', red: '红色' });
export type EventColour = (typeof EventColour.values)[number];

export const EventScale = codeList({ individual: '个体', group: '群体', major_group: '重大群体' });
export type EventScale = (typeof EventScale.values)[number];

export const EventGrade = codeList({ especially_major: '特别重大', major: '重大', larger: '较大', general: '一般' });
export type EventGrade = (typeof EventGrade.values)[number];

/** Category schemes an event category code belongs to. */
export const EventCategoryScheme = codeList({
  dispute: '矛盾纠纷 GB/T 31000-2015',
  public_order: '治安问题',
  safety_hazard: '安全隐患',
  city_management: '城市管理 GB/T 30428',
  other: '其他',
});
export type EventCategoryScheme = (typeof EventCategoryScheme.values)[number];

export const EventPartyRole = codeList({ reporter: '报告人', involved: '当事人', responsible: '责任单位', witness: '证人' });
export type EventPartyRole = (typeof EventPartyRole.values)[number];

/** Tag groups: key groups are sensitive and police/综治 only; health tags belong to health. */
export const TagGroup = codeList({ key_group: '重点人群', care_group: '关爱对象', health: '健康', other: '其他' });
export type TagGroup = (typeof TagGroup.values)[number];

export const Sensitivity = codeList({ public: '公开', internal: '内部', sensitive: '敏感', secret: '高度敏感' });
export type Sensitivity = (typeof Sensitivity.values)[number];

export const Department = codeList({ police: '公安', health: '卫健', safety: '应急管理', civil_affairs: '民政', grid_office: '网格中心' });
export type Department = (typeof Department.values)[number];

/** Entity types a source record can describe and a golden record can be. */
export const EntityType = codeList({
  person: '人',
  address: '地址',
  grid: '网格',
  house: '房屋',
  organisation: '单位',
  thing: '物',
  event: '事',
  tag: '标签',
  other: '其他',
});
export type EntityType = (typeof EntityType.values)[number];

export const SourceRecordStatus = codeList({ valid: '有效', quarantined: '隔离', tombstoned: '已删除' });
export type SourceRecordStatus = (typeof SourceRecordStatus.values)[number];

export const LinkDecider = codeList({ auto: '自动', steward: '人工', rule: '规则' });
export type LinkDecider = (typeof LinkDecider.values)[number];

export const JobStatus = codeList({ queued: '排队', running: '运行中', succeeded: '成功', failed: '失败', cancelled: '取消' });
export type JobStatus = (typeof JobStatus.values)[number];

export const GridChangeKind = codeList({ merge: '合并', split: '拆分', rename: '更名', recode: '改码', boundary: '边界调整' });
export type GridChangeKind = (typeof GridChangeKind.values)[number];

/** Where a scored pair of records stands: linked automatically, waiting for a steward, or decided by one. */
export const MatchBand = codeList({ link: '自动关联', review: '待审核', decided: '已裁定' });
export type MatchBand = (typeof MatchBand.values)[number];

export const StewardDecision = codeList({ accepted: '确认同一', rejected: '确认不同' });
export type StewardDecision = (typeof StewardDecision.values)[number];

/** What happened to a golden identity. */
export const GoldenChangeKind = codeList({ create: '新建', merge: '合并', split: '拆分', unmerge: '撤销合并', retire: '注销' });
export type GoldenChangeKind = (typeof GoldenChangeKind.values)[number];
