/**
 * The grid hierarchy: district → towns (街道 001–099 / 镇 100–199) → communities (社区 001–199 /
 * 村 200–399) → base grids (15-digit codes) → household groups (住户小组, base + 2 digits), plus one
 * or more police beats (警务区, business grids `JW<community><nn>`) per community, each the union
 * of a block of whole base-grid columns.
 *
 * Geometry: the district is a rectangle around (113.3, 23.1) whose size grows with the number of
 * base grids; every level splits its parent with a jittered lattice (see geometry.ts), so tiles
 * are irregular quadrilaterals that tile their parent exactly. Everything here is eager (thousands
 * of grids at most) and depends only on (seed, spec).
 */
import type { SimGrid, WorldSpec } from './world-types';
import { type Lattice, type Quad, blockRing, cellQuad, latticeShape, quadRing, splitQuad } from './geometry';
import { districtNameOf, placeName } from './names';
import { rngFor } from './rng';

/** Household groups per base grid (≈ 40 households each). */
export const HOUSEHOLD_GROUPS_PER_BASE_GRID = 10;

const CENTRE: readonly [number, number] = [113.3, 23.1];
/** Side of one base grid in degrees (≈ 450 m). */
const BASE_GRID_SIDE_DEG = 0.0045;

/** All grids of one community, with the quads the address generator places points in. */
export interface CommunityLayout {
  index: number;
  town: SimGrid;
  community: SimGrid;
  /** 村 (village committee) rather than 社区. */
  isVillage: boolean;
  baseGrids: SimGrid[];
  baseQuads: Quad[];
  /** Per base grid: its household groups and their quads. */
  householdGroups: SimGrid[][];
  householdGroupQuads: Quad[][];
  beats: SimGrid[];
}

export interface GridLayout {
  district: SimGrid;
  towns: SimGrid[];
  communities: CommunityLayout[];
  /** Every grid: district, towns, communities, base grids, household groups, beats. */
  all: SimGrid[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function grid(code: string, name: string, kind: SimGrid['kind'], levelKey: string, polygon: SimGrid['polygon'], parentCode?: string): SimGrid {
  const g: SimGrid = { id: `G:${code}`, code, name, kind, levelKey, polygon };
  if (parentCode !== undefined) g.parentCode = parentCode;
  return g;
}

function districtQuad(spec: WorldSpec): Quad {
  const baseGrids = spec.towns * spec.communitiesPerTown * spec.baseGridsPerCommunity;
  const side = Math.sqrt(baseGrids) * BASE_GRID_SIDE_DEG;
  const w = side * 1.25;
  const h = side * 0.8;
  const [x, y] = CENTRE;
  return [[x - w / 2, y - h / 2], [x + w / 2, y - h / 2], [x + w / 2, y + h / 2], [x - w / 2, y + h / 2]];
}

/** 镇 for every third town (index 2, 5, …), 街道 otherwise. */
export function isZhen(townIndex: number): boolean {
  return townIndex % 3 === 2;
}

/** In a 镇 two communities in three are villages; in a 街道 every fourth (城中村), starting with the second. */
export function isVillageCommunity(townIndex: number, j: number): boolean {
  return isZhen(townIndex) ? j % 3 !== 0 : j % 4 === 1;
}

/** Builds the whole hierarchy for a spec. */
export function generateGrids(spec: WorldSpec): GridLayout {
  const districtPolygon = districtQuad(spec);
  const district = grid(spec.countyCode, districtNameOf(spec.countyCode), 'admin', 'district', quadRing(districtPolygon));
  const all: SimGrid[] = [district];
  const towns: SimGrid[] = [];
  const communities: CommunityLayout[] = [];
  const shape = latticeShape(spec.towns);
  const townLattice = splitQuad(districtPolygon, shape.cols, shape.rows, rngFor(spec.seed, 'grid', spec.countyCode));
  let streets = 0;
  let zhens = 0;
  for (let t = 0; t < spec.towns; t++) {
    const zhen = isZhen(t);
    const townCode = spec.countyCode + pad(zhen ? 100 + zhens++ : 1 + streets++, 3);
    const quad = cellQuad(townLattice, t % shape.cols, Math.floor(t / shape.cols));
    const town = grid(townCode, placeName(1, t) + (zhen ? '镇' : '街道'), 'admin', 'town', quadRing(quad), district.code);
    towns.push(town);
    all.push(town);
    for (const layout of generateTownCommunities(spec, t, town, quad)) {
      communities.push(layout);
      all.push(layout.community, ...layout.baseGrids, ...layout.householdGroups.flat(), ...layout.beats);
    }
  }
  return { district, towns, communities, all };
}

function generateTownCommunities(spec: WorldSpec, t: number, town: SimGrid, townQuad: Quad): CommunityLayout[] {
  const shape = latticeShape(spec.communitiesPerTown);
  const lattice = splitQuad(townQuad, shape.cols, shape.rows, rngFor(spec.seed, 'grid', town.code));
  const out: CommunityLayout[] = [];
  let shequ = 0;
  let cun = 0;
  for (let j = 0; j < spec.communitiesPerTown; j++) {
    const isVillage = isVillageCommunity(t, j);
    const index = t * spec.communitiesPerTown + j;
    const code = town.code + pad(isVillage ? 200 + cun++ : 1 + shequ++, 3);
    const quad = cellQuad(lattice, j % shape.cols, Math.floor(j / shape.cols));
    const community = grid(code, placeName(2, index) + (isVillage ? '村' : '社区'), 'admin', 'community', quadRing(quad), town.code);
    out.push(generateCommunityGrids(spec, index, town, community, quad, isVillage));
  }
  return out;
}

function generateCommunityGrids(spec: WorldSpec, index: number, town: SimGrid, community: SimGrid, quad: Quad, isVillage: boolean): CommunityLayout {
  const shape = latticeShape(spec.baseGridsPerCommunity);
  const lattice = splitQuad(quad, shape.cols, shape.rows, rngFor(spec.seed, 'grid', community.code));
  const baseGrids: SimGrid[] = [];
  const baseQuads: Quad[] = [];
  const householdGroups: SimGrid[][] = [];
  const householdGroupQuads: Quad[][] = [];
  for (let b = 0; b < spec.baseGridsPerCommunity; b++) {
    const q = cellQuad(lattice, b % shape.cols, Math.floor(b / shape.cols));
    const base = grid(community.code + pad(b + 1, 3), `${community.name}第${b + 1}网格`, 'base', 'base', quadRing(q), community.code);
    baseGrids.push(base);
    baseQuads.push(q);
    const groups = householdGroupsOf(spec, base, q);
    householdGroups.push(groups.grids);
    householdGroupQuads.push(groups.quads);
  }
  const beats = beatsOf(community, lattice, baseGrids);
  return { index, town, community, isVillage, baseGrids, baseQuads, householdGroups, householdGroupQuads, beats };
}

function householdGroupsOf(spec: WorldSpec, base: SimGrid, q: Quad): { grids: SimGrid[]; quads: Quad[] } {
  const shape = latticeShape(HOUSEHOLD_GROUPS_PER_BASE_GRID);
  const lattice = splitQuad(q, shape.cols, shape.rows, rngFor(spec.seed, 'grid', base.code));
  const grids: SimGrid[] = [];
  const quads: Quad[] = [];
  for (let h = 0; h < HOUSEHOLD_GROUPS_PER_BASE_GRID; h++) {
    const hq = cellQuad(lattice, h % shape.cols, Math.floor(h / shape.cols));
    grids.push(grid(base.code + pad(h + 1, 2), `${base.name}第${h + 1}住户小组`, 'household_group', 'household_group', quadRing(hq), base.code));
    quads.push(hq);
  }
  return { grids, quads };
}

/** Police beats: the lattice columns split into ≈ n/3 contiguous blocks, each the union of whole base grids. */
function beatsOf(community: SimGrid, lattice: Lattice, baseGrids: SimGrid[]): SimGrid[] {
  const beatCount = Math.min(lattice.cols, Math.max(1, Math.round(baseGrids.length / 3)));
  const beats: SimGrid[] = [];
  let c0 = 0;
  for (let k = 0; k < beatCount; k++) {
    const width = Math.floor(lattice.cols / beatCount) + (k < lattice.cols % beatCount ? 1 : 0);
    const c1 = c0 + width - 1;
    const code = `JW${community.code}${pad(k + 1, 2)}`;
    const beat = grid(code, `${community.name}警务区${k + 1}`, 'business', 'business', blockRing(lattice, c0, c1, 0, lattice.rows - 1), community.code);
    const members: string[] = [];
    for (let r = 0; r < lattice.rows; r++) {
      for (let c = c0; c <= c1; c++) {
        const base = baseGrids[r * lattice.cols + c]!;
        base.beatCode = code;
        members.push(base.code);
      }
    }
    beat.memberCodes = members.sort();
    beats.push(beat);
    c0 = c1 + 1;
  }
  return beats;
}
