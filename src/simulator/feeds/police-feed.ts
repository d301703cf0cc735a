/**
 * 公安 (police) records from one community: population `rk`, standard addresses `bzdz`, houses and
 * rentals `fw`, incidents `jq`. Pinyin-abbreviation field names and police code tables; police
 * sees every person (~0.5% twice under a second 人员编号), every address and house. A person with
 * an employer carries its 服务处所 (workplace name `FWCS` and its USCC `FWCSTYDM`), noise-free.
 */
import type { CommunityChunk, SimEvent, SimHouse, SimOrganisation, SimPerson } from '../world/world-types';
import type { BuildContext, DrawSite } from './build-context';
import { formatCompact, formatDashTime, formatDateCompact } from './feed-time';
import { currentResidence, hukouText, personTick } from './person-view';

const FEED = 'police' as const;

/** GB 3304 民族 codes for the commonest groups; '97' 其他 for the rest. */
const ETHNICITY: Record<string, string> = {
  汉: '01', 蒙古: '02', 回: '03', 藏: '04', 维吾尔: '05', 苗: '06', 彝: '07', 壮: '08', 布依: '09',
  朝鲜: '10', 满: '11', 侗: '12', 瑶: '13', 白: '14', 土家: '15', 哈尼: '16', 哈萨克: '17', 傣: '18', 黎: '19',
};

export function ethnicityCode(e: string): string {
  if (/^\d{2}$/.test(e)) return e;
  return ETHNICITY[e.replace(/族$/, '')] ?? '97';
}

/** GB/T 4761 relation to the household head (simplified). */
const RELATION: Record<string, string> = { 户主: '02', 配偶: '10', 子女: '20', 父母: '50', 其他: '99' };
const PERSON_KIND: Record<SimPerson['kind'], string> = { hukou: '1', floating: '2', foreign: '3' };
const PERSON_STATUS: Record<SimPerson['status'], string> = { active: '0', deceased: '1', moved_out: '2' };
const HOUSE_USE: Record<SimHouse['use'], string> = {
  residential: '10', commercial: '20', office: '30', industrial: '40', warehouse: '50', mixed: '60', other: '90',
};
const INCIDENT_STATUS: Record<SimEvent['status'], string> = {
  reported: '01', accepted: '02', dispatched: '03', handling: '04', fed_back: '05', verified: '05', closed: '06', rejected: '09',
};

/** `baseKey`: the person's own 人员编号 (its update time salt, also for the duplicate record). */
function personRecord(ctx: BuildContext, p: SimPerson, key: string, tick: number, salt: string, baseKey: string, employer: SimOrganisation | undefined): void {
  const site: DrawSite = { feed: FEED, stream: 'rk', entityId: p.id + salt, tick };
  const updateMs = ctx.updateMs({ ...site, entityId: p.id }, baseKey);
  const fields: Record<string, unknown> = {
    RYBH: key,
    XM: ctx.name(site, p.name),
    GMSFHM: ctx.citizenId(site, p.citizenId, p.birthDate),
    XB: p.gender === 'M' ? '1' : '2',
    CSRQ: formatDateCompact(p.birthDate),
    MZ: ethnicityCode(p.ethnicity),
    GJDQ: p.nationality,
    HJDZXZ: ctx.address({ ...site, entityId: `${site.entityId}#hj` }, hukouText(p)),
    XZZXZ: ctx.address(site, currentResidence(p)),
    LXDH: ctx.phone(site, p.phone),
    RYLB: PERSON_KIND[p.kind],
    HH: `H${ctx.key(FEED, p.householdId, '', 9, 'hh')}`,
    YHZGX: RELATION[p.relationToHead] ?? '99',
    RYZT: PERSON_STATUS[p.status],
    GXSJ: formatCompact(updateMs),
  };
  if (p.passportNo !== undefined) fields.HZHM = p.passportNo;
  if (employer !== undefined) {
    fields.FWCS = employer.name;
    fields.FWCSTYDM = employer.uscc;
  }
  ctx.add({
    feed: FEED, stream: 'rk', key, entityType: 'person', trueEntityId: p.id, updatedTick: tick, updateMs, fields,
    invalid: { idField: 'GMSFHM', dateField: { name: 'CSRQ', style: 'compact' }, wrongTypeField: 'GMSFHM', requiredFields: ['XM', 'XB'] },
  });
}

export function addPoliceRecords(ctx: BuildContext, chunk: CommunityChunk): void {
  const { lookups } = ctx;
  const rates = ctx.rates(FEED);
  const organisations = new Map(chunk.organisations.map((o) => [o.id, o]));
  if (ctx.wants(FEED, 'rk')) for (const p of chunk.persons) {
    const tick = personTick(p);
    const key = ctx.key(FEED, p.id, 'R', 15);
    const employer = p.employerId === undefined ? undefined : organisations.get(p.employerId);
    personRecord(ctx, p, key, tick, '', key, employer);
    if (rates.duplicate > 0 && ctx.stableDraw(FEED, 'duplicate', p.id) < rates.duplicate) {
      ctx.count({ feed: FEED, stream: 'rk', entityId: p.id, tick }, 'duplicate');
      personRecord(ctx, p, ctx.key(FEED, p.id, 'R', 15, 'dup'), tick, '#dup', key, employer);
    }
  }
  if (ctx.wants(FEED, 'bzdz')) for (const a of chunk.addresses) {
    const site: DrawSite = { feed: FEED, stream: 'bzdz', entityId: a.id, tick: ctx.firstSeenTick(a.id) };
    const updateMs = ctx.updateMs(site, a.code);
    const parent = a.parentId === undefined ? undefined : lookups.addresses.get(a.parentId);
    const fields: Record<string, unknown> = {
      DZBM: a.code,
      DZQC: ctx.address(site, a.fullText),
      DZJB: a.level,
      DZYSMC: a.elementName,
      SJDZBM: parent?.code ?? (a.parentId?.replace(/^A:/, '') ?? ''),
      X: a.lng,
      Y: a.lat,
      WGBM: a.gridCode,
      JWWGBM: lookups.beatByGrid.get(a.gridCode) ?? '',
      GXSJ: formatCompact(updateMs),
    };
    ctx.add({
      feed: FEED, stream: 'bzdz', key: a.code, entityType: 'address', trueEntityId: a.id, updatedTick: site.tick, updateMs, fields,
      invalid: { wrongTypeField: 'DZJB', requiredFields: ['DZQC', 'DZJB'] },
    });
  }
  if (ctx.wants(FEED, 'fw')) for (const h of chunk.houses) {
    const key = ctx.key(FEED, h.id, 'F', 15);
    const site: DrawSite = { feed: FEED, stream: 'fw', entityId: h.id, tick: h.updatedTick };
    const updateMs = ctx.updateMs(site, key);
    const landlord = h.rental?.landlordPersonId === undefined ? undefined : lookups.persons.get(h.rental.landlordPersonId);
    const owner = h.ownerPersonId === undefined ? undefined : lookups.persons.get(h.ownerPersonId);
    const fields: Record<string, unknown> = {
      FWBM: key,
      DZBM: lookups.addresses.get(h.addressId)?.code ?? h.addressId.replace(/^A:/, ''),
      FWYT: HOUSE_USE[h.use],
      JZMJ: h.areaM2,
      CQRXM: owner === undefined ? '' : ctx.name(site, owner.name),
      CQRSFZH: owner === undefined ? '' : ctx.citizenId(site, owner.citizenId, owner.birthDate),
      SFCZ: h.isRental ? '1' : '0',
      FZXM: landlord === undefined ? '' : ctx.name({ ...site, entityId: `${h.id}#fz` }, landlord.name),
      FZSFZH: landlord === undefined ? '' : ctx.citizenId({ ...site, entityId: `${h.id}#fz` }, landlord.citizenId, landlord.birthDate),
      CZRS: h.rental?.tenantIds.length ?? 0,
      CZDJH: h.rental?.registrationNo ?? '',
      DJRQ: h.rental === undefined ? '' : formatDateCompact(h.rental.registeredOn),
      GXSJ: formatCompact(updateMs),
    };
    ctx.add({
      feed: FEED, stream: 'fw', key, entityType: 'house', trueEntityId: h.id, updatedTick: h.updatedTick, updateMs, fields,
      invalid: { idField: 'FZSFZH', dateField: { name: 'DJRQ', style: 'compact' }, wrongTypeField: 'FWYT', requiredFields: ['DZBM', 'FWYT'] },
    });
  }
  if (ctx.wants(FEED, 'jq')) for (const e of chunk.events) {
    if (e.department !== 'police') continue;
    const key = ctx.key(FEED, e.id, 'J', 15);
    const site: DrawSite = { feed: FEED, stream: 'jq', entityId: e.id, tick: e.updatedTick };
    const updateMs = ctx.updateMsAfter(site, key, Date.parse(e.reportedAt));
    const addr = e.addressId === undefined ? undefined : lookups.addresses.get(e.addressId);
    const ids: string[] = [];
    for (const pid of e.personIds) {
      const p = lookups.persons.get(pid);
      if (p?.citizenId !== undefined) ids.push(ctx.citizenId({ ...site, entityId: `${e.id}#${pid}` }, p.citizenId, p.birthDate));
    }
    const fields: Record<string, unknown> = {
      JQBH: key,
      BJSJ: formatDashTime(Date.parse(e.reportedAt)),
      JQLB: e.categoryCode,
      FADZ: ctx.address(site, addr?.fullText ?? lookups.gridNames.get(e.gridCode) ?? ''),
      JYAQ: e.title,
      SJRYSFZH: ids,
      CJZT: INCIDENT_STATUS[e.status],
      GXSJ: formatCompact(updateMs),
    };
    ctx.add({
      feed: FEED, stream: 'jq', key, entityType: 'event', trueEntityId: e.id, updatedTick: e.updatedTick, updateMs, fields,
      invalid: { dateField: { name: 'BJSJ', style: 'dash' }, wrongTypeField: 'JQLB', requiredFields: ['BJSJ', 'JQLB'] },
    });
  }
}
