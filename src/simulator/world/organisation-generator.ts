/**
 * 实有单位 of one community: ≈ 1 organisation per 35 residents at shop-front addresses (some shop
 * fronts stay empty for businesses opened later), ≈ 40 % 三小场所, with valid USCCs (registering
 * authority + type by kind, the district's county code, a bijective organisation code body),
 * synthetic names, a legal representative from the community, employees from its working-age
 * residents (employerId ↔ employeeIds), and inspections with hazards for a share of them.
 */
import { USCC_ALPHABET, makeUscc } from '../../domain/uscc';
import type { OrganisationKind } from '../../domain/vocabulary';
import type { SimAddress, SimInspection, SimOrganisation, SimPerson } from './world-types';
import { FIRM_TRADES, FIRM_WORDS, districtNameOf, placeName } from './names';
import { type Rng, cumulative } from './rng';
import { EPOCH_DAY, isoDay } from './sim-date';

interface KindSpec {
  kind: OrganisationKind;
  weight: number;
  /** Registering authority + organisation type (GB 32100). */
  usccType: string;
  employees: [number, number];
  industries: readonly string[];
  names: readonly string[];
  inspectionRate: number;
}

const KINDS: readonly KindSpec[] = [
  { kind: 'small_shop', weight: 18, usccType: '92', employees: [1, 3], industries: ['F5212', 'F5223', 'F5251'], names: ['便利店', '杂货店', '烟酒店', '五金店', '水果店', '日用品店'], inspectionRate: 0.15 },
  { kind: 'small_restaurant', weight: 15, usccType: '92', employees: [1, 5], industries: ['H6210', 'H6291', 'H6299'], names: ['小吃店', '快餐店', '面馆', '烧烤店', '粥粉面店', '麻辣烫店'], inspectionRate: 0.35 },
  { kind: 'small_entertainment', weight: 7, usccType: '91', employees: [2, 6], industries: ['R9011', 'I6422', 'R9019'], names: ['网吧', 'KTV', '棋牌室', '桌球室', '游戏厅'], inspectionRate: 0.4 },
  { kind: 'individual_business', weight: 24, usccType: '92', employees: [1, 3], industries: ['O8060', 'O8070', 'O8111', 'F5232'], names: ['理发店', '洗衣店', '家电维修部', '服装店', '手机店', '快递驿站'], inspectionRate: 0.05 },
  { kind: 'enterprise', weight: 28, usccType: '91', employees: [3, 40], industries: ['I6513', 'F5191', 'G5990', 'E4899', 'L7211', 'C1810'], names: [], inspectionRate: 0.3 },
  { kind: 'social_organisation', weight: 4, usccType: '52', employees: [2, 8], industries: ['S9521', 'S9522'], names: ['志愿者协会', '社会工作服务中心', '养老服务中心', '青少年服务中心'], inspectionRate: 0.05 },
  { kind: 'community_organisation', weight: 2, usccType: '59', employees: [2, 6], industries: ['S9420'], names: ['业主委员会', '老年人协会', '文体协会'], inspectionRate: 0 },
  { kind: 'institution', weight: 2, usccType: '12', employees: [5, 30], industries: ['P8321', 'P8310', 'Q8421'], names: ['小学', '幼儿园', '社区卫生服务站'], inspectionRate: 0.2 },
];
const KIND_CUM = cumulative(KINDS.map((k) => k.weight));
const KIND_BY_NAME = new Map(KINDS.map((k) => [k.kind, k]));

const HAZARD_CATEGORIES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['消防安全', ['疏散通道堵塞', '灭火器过期', '安全出口锁闭', '消防设施损坏']],
  ['用电安全', ['私拉乱接电线', '电气线路老化', '大功率电器违规使用']],
  ['燃气安全', ['液化气瓶未固定', '燃气管道老化', '未安装燃气报警器']],
  ['危险化学品', ['危化品存放不规范', '无危化品台账']],
  ['建筑安全', ['违规搭建阁楼', '三合一场所住人']],
];
const INSPECTORS = ['区应急管理局执法一队', '区应急管理局执法二队', '街道安监办', '区消防救援大队'];
const RESULTS = cumulative([0.6, 0.3, 0.1]);

/** Organisation code body: 'MA' + 6 characters, a bijection of (community, serial) over the USCC alphabet. */
function organisationBody(communityIndex: number, serial: number): string {
  const n = USCC_ALPHABET.length;
  let v = ((communityIndex * 20_000 + serial) * 7_368_787) % n ** 6;
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = USCC_ALPHABET[v % n]! + out;
    v = Math.floor(v / n);
  }
  return `MA${out}`;
}

export interface OrgContext {
  rng: Rng;
  countyCode: string;
  communityIndex: number;
  communityName: string;
  /** Adults who may be legal representatives. */
  adults: SimPerson[];
  /** Working-age residents not yet employed (consumed from the end). */
  jobSeekers: SimPerson[];
}

export function organisationId(communityIndex: number, serial: number): string {
  return `O:${communityIndex * 1_000_000 + serial}`;
}

function orgName(ctx: OrgContext, spec: KindSpec, rep: SimPerson, serial: number): string {
  const district = districtNameOf(ctx.countyCode);
  const rng = ctx.rng;
  switch (spec.kind) {
    case 'enterprise':
      return `南溪${placeName(7, ctx.communityIndex * 97 + serial)}${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_TRADES)}有限公司`;
    case 'community_organisation':
      return `${ctx.communityName}${rng.pick(spec.names)}`;
    case 'social_organisation':
    case 'institution':
      return `${district}${placeName(8, ctx.communityIndex * 97 + serial)}${rng.pick(spec.names)}`;
    default:
      return `${district}${rep.name.slice(0, 1)}记${rng.pick(spec.names)}`;
  }
}

/** Creates one organisation at an address; employees are drawn from `ctx.jobSeekers`. */
export function createOrganisation(ctx: OrgContext, serial: number, address: SimAddress, establishedDay: number, tick: number, kind?: OrganisationKind): SimOrganisation {
  const rng = ctx.rng;
  const spec = kind !== undefined ? KIND_BY_NAME.get(kind)! : KINDS[rng.weightedIndex(KIND_CUM)]!;
  const rep = rng.pick(ctx.adults);
  const id = organisationId(ctx.communityIndex, serial);
  const org: SimOrganisation = {
    id, uscc: makeUscc(spec.usccType[0]!, spec.usccType[1]!, ctx.countyCode, organisationBody(ctx.communityIndex, serial)),
    name: orgName(ctx, spec, rep, serial), kind: spec.kind, industryCode: rng.pick(spec.industries), legalRepPersonId: rep.id,
    addressId: address.id, employeeIds: [], establishedOn: isoDay(establishedDay), status: 'active', updatedTick: tick,
  };
  if (rep.phone !== undefined && spec.usccType === '92') org.phone = rep.phone;
  else if (rng.chance(0.8)) org.phone = `020-${rng.range(3, 8)}${String(rng.int(10_000_000)).padStart(7, '0')}`;
  const wanted = rng.range(spec.employees[0], spec.employees[1]);
  for (let k = 0; k < wanted && ctx.jobSeekers.length > 0; k++) {
    const p = ctx.jobSeekers.pop()!;
    p.employerId = id;
    p.updatedTick = tick;
    org.employeeIds.push(p.id);
  }
  return org;
}

/** The initial organisations of a community: `counts[b]` of them on the first shop fronts of base grid b. */
export function generateOrganisations(ctx: OrgContext, shopsByBase: SimAddress[][], counts: number[]): SimOrganisation[] {
  const orgs: SimOrganisation[] = [];
  let serial = 1;
  for (let b = 0; b < shopsByBase.length; b++) {
    const shops = shopsByBase[b]!;
    for (let s = 0; s < Math.min(counts[b]!, shops.length); s++) {
      const kind = serial === 1 ? 'community_organisation' : undefined;
      orgs.push(createOrganisation(ctx, serial++, shops[s]!, EPOCH_DAY - ctx.rng.range(30, 7000), 0, kind));
    }
  }
  return orgs;
}

/** Inspections for a share of the organisations (by kind), with hazards when not passed. */
export function generateInspections(rng: Rng, communityIndex: number, orgs: SimOrganisation[]): SimInspection[] {
  const out: SimInspection[] = [];
  let serial = 1;
  for (const org of orgs) {
    if (!rng.chance(KIND_BY_NAME.get(org.kind)!.inspectionRate)) continue;
    const id = `I:${communityIndex * 1_000_000 + serial++}`;
    const result = (['pass', 'rectify', 'fail'] as const)[rng.weightedIndex(RESULTS)]!;
    const hazards: SimInspection['hazards'] = [];
    const n = result === 'pass' ? 0 : rng.range(1, 3);
    for (let k = 0; k < n; k++) {
      const [category, descriptions] = rng.pick(HAZARD_CATEGORIES);
      hazards.push({ id: `${id}-H${k + 1}`, category, description: rng.pick(descriptions), level: result === 'fail' && rng.chance(0.4) ? 'major' : 'general', rectified: rng.chance(0.4) });
    }
    out.push({ id, organisationId: org.id, date: isoDay(EPOCH_DAY - rng.range(1, 365)), inspector: rng.pick(INSPECTORS), result, hazards, updatedTick: 0 });
  }
  return out;
}
