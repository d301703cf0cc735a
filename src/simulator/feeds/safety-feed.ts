/**
 * 应急管理 (safety) records from one community: `enterprises` (every organisation, with its legal
 * representative — the only persons safety sees), `inspections`, and `hazards` (隐患 found by
 * inspections, plus hazard events the world routes to safety). camelCase English fields.
 */
import type { CommunityChunk, SimOrganisation } from '../world/world-types';
import type { BuildContext, DrawSite } from './build-context';
import { formatDateSlash, formatIsoCst } from './feed-time';

const FEED = 'safety' as const;

/** Safety's own entity-type codes. */
const ENT_TYPE: Record<SimOrganisation['kind'], string> = {
  enterprise: '1000', individual_business: '2000', government: '3000', institution: '4000', social_organisation: '5000',
  community_organisation: '5100', small_shop: '2100', small_restaurant: '2200', small_entertainment: '2300', other: '9000',
};

/** Safety's uuid-like id of an organisation (also used as entId in inspections and hazards). */
export function safetyEntId(ctx: BuildContext, orgId: string): string {
  return ctx.hexKey(FEED, orgId, 32);
}

export function addSafetyRecords(ctx: BuildContext, chunk: CommunityChunk): void {
  const { lookups } = ctx;
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
      legalPerson: rep === undefined ? '' : ctx.name(site, rep.name),
      legalPersonIdNo: rep === undefined ? '' : ctx.citizenId(site, rep.citizenId, rep.birthDate),
      legalPersonPhone: ctx.phone(site, rep?.phone),
      regAddr: ctx.address(site, addr?.fullText ?? ''),
      entType: ENT_TYPE[o.kind],
      industry: o.industryCode,
      estDate: formatDateSlash(o.establishedOn),
      status: o.status === 'active' ? '存续' : '注销',
      employees: o.employeeIds.length,
      updatedAt: formatIsoCst(updateMs),
    };
    ctx.add({
      feed: FEED, stream: 'enterprises', key, entityType: 'organisation', trueEntityId: o.id, updatedTick: o.updatedTick, updateMs, fields,
      invalid: { idField: 'creditCode', dateField: { name: 'estDate', style: 'slash' }, wrongTypeField: 'industry', requiredFields: ['entName', 'creditCode'] },
    });
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
