/**
 * 网格化服务管理中心 (grid management centre) records from one community: the grid tree `grids`
 * (district, towns, communities, base grids, household groups, police beats with their member base
 * grids) and the city management parts `parts` (城市部件, hazardous sources, safety equipment).
 * Shaped like a GIS platform's WFS-style service: GeoJSON `Feature`s whose `properties` carry
 * pinyin-abbreviation field names and the centre's own code tables; the feature `id` is the
 * official code (网格编码 / 部件编码), never a truth id.
 */
import type { CommunityChunk, SimGrid, SimThing } from '../world/world-types';
import type { BuildContext, DrawSite } from './build-context';
import { formatDashTime } from './feed-time';
import { unitDraw } from './seeded-hash';

const FEED = 'grid-center' as const;

/** 网格类型 (WGLX): the centre's own codes. */
const GRID_TYPE: Record<SimGrid['kind'], string> = { admin: '10', base: '20', business: '30', household_group: '40' };
/** 网格层级 (WGCJ). */
const GRID_LEVEL: Record<string, string> = { district: '02', town: '03', community: '04', base: '05', household_group: '06', business: '90' };
/** 部件类型 (BJLX). */
const PART_TYPE: Record<SimThing['kind'], string> = { city_part: 'BJ', hazard_source: 'WXY', safety_equipment: 'AQSS' };

/** 部件状态 (BJZT), drawn once per (seed, part): 01 完好, 02 破损, 03 丢失, 04 占用. */
function partStatus(seed: number, thingId: string): string {
  const u = unitDraw(seed, `${FEED}|status|${thingId}`);
  return u < 0.93 ? '01' : u < 0.97 ? '02' : u < 0.99 ? '03' : '04';
}

/**
 * The grids the grid-centre serves with community `c` (the feed is materialised, so the split only
 * spreads the work): the community, its base grids, household groups and police beats; the
 * district and each town come with their first community.
 */
export function gridsByCommunity(world: { grids: readonly SimGrid[]; communityCount: number }): SimGrid[][] {
  const out: SimGrid[][] = Array.from({ length: world.communityCount }, () => []);
  const index = new Map<string, number>();
  let next = 0;
  const pending: SimGrid[] = [];
  for (const g of world.grids) if (g.levelKey === 'community') index.set(g.code, next++);
  const firstOfTown = new Map<string, number>();
  for (const g of world.grids) {
    if (g.levelKey === 'community' && g.parentCode !== undefined && !firstOfTown.has(g.parentCode)) firstOfTown.set(g.parentCode, index.get(g.code) ?? 0);
  }
  for (const g of world.grids) {
    let c: number | undefined;
    if (g.levelKey === 'district') c = 0;
    else if (g.levelKey === 'town') c = firstOfTown.get(g.code) ?? 0;
    else if (g.levelKey === 'community') c = index.get(g.code);
    else if (g.kind === 'business') c = index.get(g.code.replace(/^JW/, '').slice(0, 12));
    else c = index.get(g.code.slice(0, 12));
    if (c === undefined) pending.push(g);
    else out[c]!.push(g);
  }
  if (pending.length > 0 && out.length > 0) out[0]!.push(...pending);
  return out;
}

function ring(g: SimGrid): number[][] {
  return g.polygon.map(([lng, lat]) => [lng, lat]);
}

export function addGridCenterRecords(ctx: BuildContext, chunk: CommunityChunk, grids: readonly SimGrid[]): void {
  if (ctx.wants(FEED, 'grids')) for (const g of grids) {
    const site: DrawSite = { feed: FEED, stream: 'grids', entityId: g.id, tick: 0 };
    const updateMs = ctx.updateMs(site, g.code);
    const properties: Record<string, unknown> = {
      WGBM: g.code,
      WGMC: g.name,
      WGLX: GRID_TYPE[g.kind],
      WGCJ: GRID_LEVEL[g.levelKey] ?? '99',
      SJWGBM: g.parentCode ?? '',
      ZGBM: g.kind === 'business' ? 'GA' : 'WGZX',
      ZWGBM: g.memberCodes === undefined ? [] : [...g.memberCodes],
      ZT: '1',
      GXSJ: formatDashTime(updateMs),
    };
    const fields: Record<string, unknown> = { type: 'Feature', id: g.code, geometry: { type: 'Polygon', coordinates: [ring(g)] }, properties };
    ctx.add({
      feed: FEED, stream: 'grids', key: g.code, entityType: 'grid', trueEntityId: g.id, updatedTick: 0, updateMs, fields,
      invalid: { requiredFields: ['properties'] },
    });
  }
  if (ctx.wants(FEED, 'parts')) {
    const usccOf = new Map<string, string>();
    for (const o of chunk.organisations) usccOf.set(o.id, o.uscc);
    for (const t of chunk.things) {
      const site: DrawSite = { feed: FEED, stream: 'parts', entityId: t.id, tick: t.updatedTick };
      const updateMs = ctx.updateMs(site, t.code);
      const properties: Record<string, unknown> = {
        BJBM: t.code,
        BJMC: t.name,
        BJLX: PART_TYPE[t.kind],
        DL: t.majorClass,
        XL: t.minorClass,
        ZRDWXYDM: t.ownerOrgId === undefined ? '' : (usccOf.get(t.ownerOrgId) ?? ''),
        BJZT: partStatus(ctx.seed, t.id),
        GXSJ: formatDashTime(updateMs),
      };
      const fields: Record<string, unknown> = { type: 'Feature', id: t.code, geometry: { type: 'Point', coordinates: [t.lng, t.lat] }, properties };
      ctx.add({
        feed: FEED, stream: 'parts', key: t.code, entityType: 'thing', trueEntityId: t.id, updatedTick: t.updatedTick, updateMs, fields,
        invalid: { requiredFields: ['geometry'] },
      });
    }
  }
}
