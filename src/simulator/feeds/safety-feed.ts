/**
 * 应急管理 (safety) records from one community: `enterprises` (every organisation, with its legal
 * representative — the only persons safety sees; ~1.5% a second time under another `entId`),
 * `inspections`, and `hazards` (隐患 found by inspections, plus hazard events the world routes to
 * safety). camelCase English fields.
 */
import { registrationNumberCheckDigit } from '../../domain/uscc';
import { districtNameOf } from '../world/names';
import type { CommunityChunk, SimAddress, SimOrganisation, SimPerson } from '../world/world-types';
import type { BuildContext, DrawSite } from './build-context';
import { formatDateSlash, formatIsoCst } from './feed-time';
import { digitsFromHex, pickIndex, sha1Hex } from './seeded-hash';
import { ADDRESS_VARIANTS, addressVariant, type OrgNameVariant, orgNameVariant, phoneVariant, usccWritten } from './text-noise';

const FEED = 'safety' as const;

/** Safety's own entity-type codes. */
const ENT_TYPE: Record<SimOrganisation['kind'], string> = {
  enterprise: '1000', individual_business: '2000', government: '3000', institution: '4000', social_organisation: '5000',
  community_organisation: '5100', small_shop: '2100', small_restaurant: '2200', small_entertainment: '2300', other: '9000',
};

/** Safety's uuid-like id of an organisation (also used as entId in inspections and hazards). */
export function safetyEntId(ctx: BuildContext, orgId: string, salt = ''): string {
  return ctx.hexKey(FEED, orgId, 32, salt);
}

/** Kinds registered by 工商 (USCC 91/92): before 2016 they carried a 15-digit registration number. */
const BUSINESS_KINDS = new Set<SimOrganisation['kind']>(['enterprise', 'individual_business', 'small_shop', 'small_restaurant', 'small_entertainment']);
/** Kinds registered as 个体工商户 (USCC 92; sequence of the legacy number starts with 6). */
const SOLE_TRADER_KINDS = new Set<SimOrganisation['kind']>(['individual_business', 'small_shop', 'small_restaurant']);
/** Name variants a second registration of each kind may show. */
const NAME_VARIANTS_BY_KIND = (kind: SimOrganisation['kind']): readonly OrgNameVariant[] =>
  kind === 'enterprise' ? ['company_form', 'region_brackets', 'traditional']
    : SOLE_TRADER_KINDS.has(kind) ? ['business_note', 'drop_district', 'traditional']
      : ['drop_district', 'traditional'];

/**
 * The pre-2016 15-digit registration number (工商注册号, GS15-2006) of an organisation: the district's
 * division code, an 8-digit sequence (个体工商户 sequences start with 6, 内资企业 with 0) and the
 * ISO 7064 MOD 11,10 check digit. Deterministic per (seed, organisation).
 */
export function legacyRegistrationNumber(seed: number, countyCode: string, o: SimOrganisation): string {
  const first14 = countyCode + (SOLE_TRADER_KINDS.has(o.kind) ? '6' : '0') + digitsFromHex(sha1Hex(seed, FEED, o.id, 'regno'), 7);
  return first14 + registrationNumberCheckDigit(first14);
}

/** The enterprise fields after its identifiers (legal representative, address, kind, dates), in served order. */
function enterpriseDetails(ctx: BuildContext, site: DrawSite, o: SimOrganisation, rep: SimPerson | undefined, phone: string, regAddr: string, updateMs: number): Record<string, unknown> {
  return {
    legalPerson: rep === undefined ? '' : ctx.name(site, rep.name),
    legalPersonIdNo: rep === undefined ? '' : ctx.citizenId(site, rep.citizenId, rep.birthDate),
    legalPersonPhone: phone,
    regAddr,
    entType: ENT_TYPE[o.kind],
    industry: o.industryCode,
    estDate: formatDateSlash(o.establishedOn),
    status: o.status === 'active' ? '存续' : '注销',
    employees: o.employeeIds.length,
    updatedAt: formatIsoCst(updateMs),
  };
}

/** Whether the organisation's second registration is the pre-2016 one (registration number, no USCC). */
function hasLegacyRegistration(o: SimOrganisation): boolean {
  return BUSINESS_KINDS.has(o.kind) && o.establishedOn < '2016-01-01';
}

/**
 * The same organisation registered a second time under another `entId` (safety's enterprise ledger
 * merged from the district's and the streets' 台账): 工商-registered organisations founded before
 * 2016 appear with their 15-digit registration number (`regNo`, `creditCode` empty), the others
 * with their USCC as a clerk typed it; the name as the other ledger wrote it, half of them with an
 * address variant and half with the legal representative's phone in another format; other noise
 * drawn independently (site `<id>#dup`). Same truth id as the first record.
 */
function duplicateEnterprise(ctx: BuildContext, o: SimOrganisation, rep: SimPerson | undefined, addr: SimAddress | undefined, tick: number): void {
  const key = safetyEntId(ctx, o.id, 'dup');
  const site: DrawSite = { feed: FEED, stream: 'enterprises', entityId: `${o.id}#dup`, tick };
  const seed = ctx.seed;
  const updateMs = ctx.updateMs(site, key);
  const variants = NAME_VARIANTS_BY_KIND(o.kind);
  const district = districtNameOf(ctx.countyCode);
  const first = pickIndex(seed, `${FEED}|dup_name|${o.id}`, variants.length);
  let name = o.name;
  for (let k = 0; k < variants.length && name === o.name; k++) name = orgNameVariant(o.name, variants[(first + k) % variants.length]!, district) ?? o.name;
  const legacy = hasLegacyRegistration(o);
  let regAddr = addr?.fullText ?? '';
  if (regAddr !== '' && ctx.draw(site, 'dup_address') < 0.5) {
    const from = pickIndex(seed, `${FEED}|dup_addrkind|${o.id}`, ADDRESS_VARIANTS.length);
    let v: string | undefined;
    for (let k = 0; k < ADDRESS_VARIANTS.length && v === undefined; k++) v = addressVariant(regAddr, ADDRESS_VARIANTS[(from + k) % ADDRESS_VARIANTS.length]!, ctx.draw(site, 'dup_address_pick'));
    regAddr = ctx.traditional(site, v ?? regAddr, 'traditional_address');
  } else regAddr = ctx.address(site, regAddr);
  const phone = rep?.phone !== undefined && /^1\d{10}$/.test(rep.phone) && ctx.draw(site, 'dup_phone') < 0.5
    ? phoneVariant(rep.phone, ctx.draw(site, 'phone_pick'))
    : ctx.phone(site, rep?.phone);
  const fields: Record<string, unknown> = {
    entId: key,
    entName: ctx.traditional(site, name, 'traditional_org'),
    creditCode: legacy ? '' : usccWritten(o.uscc, ctx.draw(site, 'dup_uscc')),
  };
  if (legacy) fields.regNo = legacyRegistrationNumber(seed, ctx.countyCode, o);
  Object.assign(fields, enterpriseDetails(ctx, site, o, rep, phone, regAddr, updateMs));
  ctx.add({
    feed: FEED, stream: 'enterprises', key, entityType: 'organisation', trueEntityId: o.id, updatedTick: tick, updateMs, fields,
    invalid: legacy
      ? { dateField: { name: 'estDate', style: 'slash' }, wrongTypeField: 'industry', requiredFields: ['entName', 'regNo'] }
      : { idField: 'creditCode', dateField: { name: 'estDate', style: 'slash' }, wrongTypeField: 'industry', requiredFields: ['entName', 'creditCode'] },
  });
}

export function addSafetyRecords(ctx: BuildContext, chunk: CommunityChunk): void {
  const { lookups } = ctx;
  const rates = ctx.rates(FEED);
  if (ctx.wants(FEED, 'enterprises')) for (const o of chunk.organisations) {
    const key = safetyEntId(ctx, o.id);
    const site: DrawSite = { feed: FEED, stream: 'enterprises', entityId: o.id, tick: o.updatedTick };
    const updateMs = ctx.updateMs(site, key);
    const rep = lookups.persons.get(o.legalRepPersonId);
    const addr = lookups.addresses.get(o.addressId);
    const fields: Record<string, unknown> = {
      entId: key,
      entName: ctx.traditional(site, o.name, 'traditional_org'),
      creditCode: o.uscc,
      ...enterpriseDetails(ctx, site, o, rep, ctx.phone(site, rep?.phone), ctx.address(site, addr?.fullText ?? ''), updateMs),
    };
    ctx.add({
      feed: FEED, stream: 'enterprises', key, entityType: 'organisation', trueEntityId: o.id, updatedTick: o.updatedTick, updateMs, fields,
      invalid: { idField: 'creditCode', dateField: { name: 'estDate', style: 'slash' }, wrongTypeField: 'industry', requiredFields: ['entName', 'creditCode'] },
    });
    if (rates.duplicate > 0 && ctx.stableDraw(FEED, 'duplicate', o.id) < rates.duplicate) {
      ctx.count(site, 'duplicate');
      duplicateEnterprise(ctx, o, rep, addr, o.updatedTick);
    }
  }
  const wantIns = ctx.wants(FEED, 'inspections');
  const wantHz = ctx.wants(FEED, 'hazards');
  if (wantIns || wantHz) for (const ins of chunk.inspections) {
    const key = `INS${ctx.hexKey(FEED, ins.id, 16).toUpperCase()}`;
    const site: DrawSite = { feed: FEED, stream: 'inspections', entityId: ins.id, tick: ins.updatedTick };
    if (wantIns) {
      const updateMs = ctx.updateMs(site, key);
      const fields: Record<string, unknown> = {
        inspectionId: key,
        entId: safetyEntId(ctx, ins.organisationId),
        inspectDate: formatDateSlash(ins.date),
        inspector: ins.inspector,
        result: ins.result.toUpperCase(),
        hazardCount: ins.hazards.length,
        updatedAt: formatIsoCst(updateMs),
      };
      ctx.add({
        feed: FEED, stream: 'inspections', key, entityType: 'other', trueEntityId: ins.id, updatedTick: ins.updatedTick, updateMs, fields,
        invalid: { dateField: { name: 'inspectDate', style: 'slash' }, requiredFields: ['entId', 'inspectDate'] },
      });
    }
    if (wantHz) for (const h of ins.hazards) {
      const hkey = `HZ${ctx.hexKey(FEED, h.id, 16).toUpperCase()}`;
      const hsite: DrawSite = { feed: FEED, stream: 'hazards', entityId: h.id, tick: ins.updatedTick };
      const hms = ctx.updateMs(hsite, hkey);
      const hfields: Record<string, unknown> = {
        hazardId: hkey,
        entId: safetyEntId(ctx, ins.organisationId),
        inspectionId: key,
        category: h.category,
        description: h.description,
        level: h.level === 'major' ? 'MAJOR' : 'GENERAL',
        rectified: h.rectified,
        foundAt: formatIsoCst(Date.parse(`${ins.date.slice(0, 10)}T02:00:00Z`)),
        updatedAt: formatIsoCst(hms),
      };
      ctx.add({
        feed: FEED, stream: 'hazards', key: hkey, entityType: 'event', trueEntityId: h.id, updatedTick: ins.updatedTick, updateMs: hms, fields: hfields,
        invalid: { dateField: { name: 'foundAt', style: 'dash' }, requiredFields: ['entId', 'level'] },
      });
    }
  }
  if (wantHz) for (const e of chunk.events) {
    if (e.department !== 'safety') continue;
    const hkey = `HZ${ctx.hexKey(FEED, e.id, 16).toUpperCase()}`;
    const site: DrawSite = { feed: FEED, stream: 'hazards', entityId: e.id, tick: e.updatedTick };
    const hms = ctx.updateMsAfter(site, hkey, Date.parse(e.reportedAt));
    const org = e.organisationIds[0];
    const addr = e.addressId === undefined ? undefined : lookups.addresses.get(e.addressId);
    const fields: Record<string, unknown> = {
      hazardId: hkey,
      entId: org === undefined ? null : safetyEntId(ctx, org),
      inspectionId: null,
      category: e.categoryCode,
      description: e.title,
      level: 'GENERAL',
      rectified: e.status === 'closed',
      address: ctx.address(site, addr?.fullText ?? ''),
      foundAt: formatIsoCst(Date.parse(e.reportedAt)),
      updatedAt: formatIsoCst(hms),
    };
    ctx.add({
      feed: FEED, stream: 'hazards', key: hkey, entityType: 'event', trueEntityId: e.id, updatedTick: e.updatedTick, updateMs: hms, fields,
      invalid: { dateField: { name: 'foundAt', style: 'dash' }, requiredFields: ['level', 'description'] },
    });
  }
}
