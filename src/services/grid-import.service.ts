/**
 * Use case "the 地/物 base from the grid management centre":
 * 1. grids (pipeline stage `grids`, first): the latest grid record per code becomes the current
 *    version of that grid — new codes are inserted, a changed parent, boundary, name, kind or level
 *    closes the current version and opens a new one (lineage kept under one reorganisation per
 *    run), a withdrawn record (tombstone) closes it; parents by code, materialised paths, police
 *    beat members; base-grid tilings are checked for overlaps (reported, never fatal); standard
 *    addresses are re-linked to the current base grids and police beats (addresses may be stored
 *    before their grids arrive);
 * 2. things (stage `things`, after `relations`): parts upserted by code, placed in a base grid by
 *    point-in-polygon (src/grid), owner organisation by USCC, each record linked to its thing; the
 *    address re-link runs again (addresses the `address` stage registered in this run get their
 *    police beat, which the register does not set).
 * Both are differential: a re-run with nothing new writes nothing.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { GridImportRepository, type CurrentGridRow, type GridApplyCounts, type GridPlan, type NewGridVersion } from '../db/repositories/grid-import.repository';
import { ThingRepository, type ThingUpsertRow } from '../db/repositories/thing.repository';
import { GridKind } from '../domain/vocabulary';
import {
  bboxOf, boundaryKey, findOverlaps, gridChange, GridSpatialIndex, LEVEL_NAMES, levelRank, type GeoJsonPolygonLike, type GridState, type OverlapIssue,
} from '../grid';

export interface GridImportSummary extends Omit<GridApplyCounts, 'reorganisationId'> {
  /** Latest grid records read (one per code). */
  records: number;
  /** Valid records skipped: unreadable boundary or unknown kind. */
  skipped: Array<{ code: string; reason: string }>;
  /** Overlapping base grids within one community (reported, not fatal). */
  overlaps: OverlapIssue[];
  reorganisationId: number | null;
  addresses: { grids: number; beats: number };
}

export interface ThingImportSummary {
  records: number;
  inserted: number;
  updated: number;
  linked: number;
  /** Things whose point lies in no current base grid. */
  withoutGrid: number;
  /** Standard addresses re-linked to their base grid / police beat (see `importGrids`). */
  addresses: { grids: number; beats: number };
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function stateOf(g: CurrentGridRow): GridState {
  return { name: g.name, kind: g.kind, levelKey: g.levelKey, parentCode: g.parentCode, department: g.department, boundaryKey: boundaryKey(g.boundary) };
}

export class GridImportService {
  private readonly grids: GridImportRepository;
  private readonly things: ThingRepository;

  constructor(em: EntityManager) {
    this.grids = new GridImportRepository(em);
    this.things = new ThingRepository(em);
  }

  /** Stage `grids`: the grid tree from the grid records (see the file header). */
  async importGrids(now: Date = new Date()): Promise<GridImportSummary> {
    const records = await this.grids.latestGridRecords();
    const current = new Map((await this.grids.currentGrids()).map((g) => [g.code, g]));
    const plan: GridPlan = { inserts: [], retire: [], updates: [], parents: [], members: [], levels: [], reorganisationName: `网格调整 ${now.toISOString().slice(0, 10)}` };
    const skipped: Array<{ code: string; reason: string }> = [];
    const levelKeys = new Set<string>();
    const bases: Array<{ code: string; parentCode: string | null; boundary: GeoJsonPolygonLike }> = [];
    for (const r of records) {
      const cur = current.get(r.code);
      if (r.status === 'tombstoned') {
        if (cur !== undefined) plan.retire.push(cur.id);
        continue;
      }
      if (r.status !== 'valid') continue;
      const c = r.canonical;
      const kind = str(c.kind);
      const levelKey = str(c.levelKey);
      const name = str(c.name) ?? r.code;
      if (kind === null || !(GridKind.values as readonly string[]).includes(kind)) {
        skipped.push({ code: r.code, reason: `unknown grid kind ${JSON.stringify(c.kind)}` });
        continue;
      }
      if (levelKey === null) {
        skipped.push({ code: r.code, reason: 'no level' });
        continue;
      }
      const boundary = c.boundary as GeoJsonPolygonLike | null | undefined;
      let bbox: ReturnType<typeof bboxOf> | null = null;
      if (boundary !== null && boundary !== undefined) {
        try {
          bbox = bboxOf(boundary);
        } catch (e) {
          skipped.push({ code: r.code, reason: `boundary: ${(e as Error).message}` });
          continue;
        }
      }
      const parentCode = str(c.parentCode);
      const department = kind === 'business' ? str(c.department) : null;
      const incoming: GridState = { name, kind, levelKey, parentCode, department, boundaryKey: boundaryKey(boundary) };
      const version: NewGridVersion = {
        code: r.code, name, kind: kind as GridKind, levelKey, department, boundary: boundary ?? null,
        minLng: bbox?.minLng ?? null, minLat: bbox?.minLat ?? null, maxLng: bbox?.maxLng ?? null, maxLat: bbox?.maxLat ?? null,
      };
      if (cur === undefined) plan.inserts.push(version);
      else {
        const change = gridChange(stateOf(cur), incoming);
        if (change.action === 'version') plan.inserts.push({ ...version, predecessorId: cur.id, changeKind: change.kind });
        else if (change.action === 'update') plan.updates.push({ id: cur.id, department });
      }
      levelKeys.add(levelKey);
      plan.parents.push({ code: r.code, parent: parentCode });
      if (Array.isArray(c.memberCodes)) for (const m of c.memberCodes) if (typeof m === 'string') plan.members.push({ business: r.code, base: m });
      if (kind === 'base' && boundary) bases.push({ code: r.code, parentCode, boundary });
    }
    plan.levels = [...levelKeys].sort().map((key) => ({ key, name: LEVEL_NAMES[key] ?? key, rank: levelRank(key) }));
    const applied = await this.grids.apply(plan);
    const addresses = await this.grids.relinkAddresses();
    return { records: records.length, ...applied, skipped, overlaps: findOverlaps(bases), addresses };
  }

  /** Stage `things`: parts upserted by code, grid by point-in-polygon, owner by USCC. */
  async importThings(): Promise<ThingImportSummary> {
    const index = new GridSpatialIndex((await this.grids.boundaries('base')).map((g) => ({ code: g.code, kind: g.kind, boundary: g.boundary as GeoJsonPolygonLike })));
    const records = await this.things.latestThingRecords();
    let withoutGrid = 0;
    const rows: ThingUpsertRow[] = [];
    for (const r of records) {
      const c = r.canonical;
      const code = str(c.code);
      const kind = str(c.kind);
      if (code === null || kind === null) continue;
      const lng = num(c.lng);
      const lat = num(c.lat);
      const gridCode = lng === null || lat === null ? null : (index.locate(lng, lat, 'base') ?? null);
      if (gridCode === null) withoutGrid++;
      rows.push({
        sourceRecordId: r.sourceRecordId, source: r.source, at: new Date(r.at).toISOString(), code, kind,
        majorClass: str(c.majorClass), minorClass: str(c.minorClass), name: str(c.name) ?? code, status: str(c.status) ?? 'normal',
        lng, lat, gridCode, ownerUscc: str(c.ownerUscc),
      });
    }
    const counts = await this.things.upsert(rows);
    // Addresses registered by the `address` stage of this run (after `grids`) get their police beat here.
    const addresses = await this.grids.relinkAddresses();
    return { records: records.length, ...counts, withoutGrid, addresses };
  }
}
