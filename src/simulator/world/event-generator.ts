/**
 * 事: events per base grid — a handful at tick 0 with statuses spread over the closed loop, more
 * arriving each tick (event-generator is reused by time.ts). Categories: GB/T 31000 dispute types
 * 01–16 and 99, public-order problems (arriving as police incidents 警情, department 'police'),
 * safety hazards (some arriving from safety inspections 隐患, department 'safety') and city
 * management events (GB/T 30428). Parties are persons and organisations of the community.
 */
import type { EventCategoryScheme, EventOrigin, EventStatus } from '../../domain/vocabulary';
import type { SimAddress, SimEvent, SimOrganisation, SimPerson } from './world-types';
import { type Rng, cumulative } from './rng';
import { isoDateTime } from './sim-date';

const DISPUTES: ReadonlyArray<readonly [string, string]> = [
  ['01', '婚恋家庭纠纷'], ['02', '邻里纠纷'], ['03', '人格权纠纷'], ['04', '物权纠纷'], ['05', '侵权纠纷'], ['06', '合同纠纷'],
  ['07', '劳动人事纠纷'], ['08', '金融借贷纠纷'], ['09', '土地及资源权属纠纷'], ['10', '其他民商事纠纷'], ['11', '城乡建设发展纠纷'],
  ['12', '涉民政纠纷'], ['13', '其他行政执法纠纷'], ['14', '涉法涉诉纠纷'], ['15', '涉组织涉纪检纠纷'], ['16', '涉民族宗教纠纷'], ['99', '其他纠纷'],
];
const PUBLIC_ORDER: ReadonlyArray<readonly [string, string]> = [['01', '盗窃'], ['02', '打架斗殴'], ['03', '聚众赌博'], ['04', '噪音扰民'], ['05', '诈骗'], ['06', '醉酒滋事']];
const SAFETY: ReadonlyArray<readonly [string, string]> = [['01', '消防安全隐患'], ['02', '治安隐患'], ['03', '矛盾纠纷隐患'], ['04', '危险化学品隐患'], ['05', '传染病防控隐患']];
const CITY: ReadonlyArray<readonly [string, string]> = [['0101', '暴露垃圾'], ['0102', '占道经营'], ['0103', '乱张贴'], ['0201', '井盖缺失'], ['0202', '路灯不亮'], ['0301', '违章搭建']];
const SCHEMES: ReadonlyArray<readonly [EventCategoryScheme, number]> = [['dispute', 0.4], ['public_order', 0.2], ['safety_hazard', 0.15], ['city_management', 0.25]];
const SCHEME_CUM = cumulative(SCHEMES.map((s) => s[1]));
/** Initial status mix over the loop. */
const STATUSES: readonly EventStatus[] = ['reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'closed', 'rejected'];
const STATUS_CUM = cumulative([0.1, 0.1, 0.1, 0.15, 0.1, 0.4, 0.05]);

export interface EventContext {
  rng: Rng;
  communityIndex: number;
  communityCode: string;
  persons: SimPerson[];
  orgs: SimOrganisation[];
  /** Addresses per base grid index. */
  addressesByBase: SimAddress[][];
  baseCodes: string[];
}

export function eventId(communityIndex: number, serial: number): string {
  return `E:${communityIndex * 1_000_000 + serial}`;
}

/** One event in base grid b, reported on `day`. */
export function createEvent(ctx: EventContext, serial: number, b: number, day: number, tick: number, initial: boolean): SimEvent {
  const rng = ctx.rng;
  const scheme = SCHEMES[rng.weightedIndex(SCHEME_CUM)]![0];
  const [code, label] = rng.pick(scheme === 'dispute' ? DISPUTES : scheme === 'public_order' ? PUBLIC_ORDER : scheme === 'safety_hazard' ? SAFETY : CITY);
  let origin: EventOrigin = rng.chance(0.6) ? 'patrol' : 'resident';
  let department: SimEvent['department'];
  if (scheme === 'public_order' && rng.chance(0.7)) department = 'police';
  if (scheme === 'safety_hazard' && rng.chance(0.6)) department = 'safety';
  if (department !== undefined) origin = 'department';
  const addresses = ctx.addressesByBase[b]!;
  const address = rng.pick(addresses);
  const ev: SimEvent = {
    id: eventId(ctx.communityIndex, serial), code: `SJ${ctx.communityCode}${String(serial).padStart(6, '0')}`,
    title: `${address.elementName}${label}`, origin, categoryScheme: scheme, categoryCode: code,
    status: initial ? STATUSES[rng.weightedIndex(STATUS_CUM)]! : 'reported', reportedAt: isoDateTime(day, rng.range(420, 1320)),
    gridCode: ctx.baseCodes[b]!, addressId: address.id, personIds: [], organisationIds: [], updatedTick: tick,
  };
  if (department !== undefined) ev.department = department;
  if (scheme !== 'city_management') {
    const parties = scheme === 'dispute' ? rng.range(1, 3) : rng.range(0, 2);
    for (let k = 0; k < parties && ctx.persons.length > 0; k++) {
      const p = rng.pick(ctx.persons);
      if (!ev.personIds.includes(p.id)) ev.personIds.push(p.id);
    }
  }
  if ((scheme === 'safety_hazard' || code === '07' || code === '06') && ctx.orgs.length > 0) ev.organisationIds.push(rng.pick(ctx.orgs).id);
  return ev;
}

/** Next status on the loop; fed_back is verified: closed (80 %) or returned to handling (回退). */
export function advanceStatus(rng: Rng, status: EventStatus): EventStatus | undefined {
  switch (status) {
    case 'reported':
      return rng.chance(0.95) ? 'accepted' : 'rejected';
    case 'accepted':
      return 'dispatched';
    case 'dispatched':
      return 'handling';
    case 'handling':
      return 'fed_back';
    case 'fed_back':
      return rng.chance(0.8) ? 'closed' : 'handling';
    default:
      return undefined;
  }
}
