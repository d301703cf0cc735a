/**
 * Builds every department stream from one world snapshot: reads each community chunk at the tick,
 * indexes persons/addresses/grids across communities (for landlords, legal representatives,
 * parent addresses, police beats), then lets each department pick and shape its records.
 */
import type { CommunityChunk, World } from '../world/world-types';
import { BuildContext, type WorldLookups } from './build-context';
import { DEFAULT_HEALTH_COVERAGE, type FeedName, type NoiseConfig } from './feed-config';
import { addHealthRecords } from './health-feed';
import { addPoliceRecords } from './police-feed';
import { addSafetyRecords } from './safety-feed';
import type { FeedStream } from './served-record';
import { currentResidence } from './person-view';

/** Streams per department, in the order the README lists them. */
export const STREAMS: Record<FeedName, readonly string[]> = {
  police: ['rk', 'bzdz', 'fw', 'jq'],
  health: ['jmjkda', 'gazdx', 'yzjsza'],
  safety: ['enterprises', 'inspections', 'hazards'],
};

export interface CatalogOptions {
  world: World;
  tick: number;
  seed: number;
  noise: NoiseConfig;
  healthCoverage?: number;
  /** Carried between builds of one server (see BuildContext.firstSeen). */
  firstSeen: Map<string, number>;
  initial: boolean;
}

export interface FeedCatalog {
  tick: number;
  /** `${feed}/${stream}` → stream */
  streams: Map<string, FeedStream>;
}

export function buildCatalog(o: CatalogOptions): FeedCatalog {
  const chunks: CommunityChunk[] = [];
  for (let i = 0; i < o.world.communityCount; i++) chunks.push(o.world.chunk(i, o.tick));
  const lookups: WorldLookups = { persons: new Map(), addresses: new Map(), beatByGrid: new Map(), gridNames: new Map(), baselineResidence: new Map() };
  for (const g of o.world.grids) {
    lookups.gridNames.set(g.code, g.name);
    if (g.beatCode !== undefined) lookups.beatByGrid.set(g.code, g.beatCode);
    if (g.memberCodes !== undefined) for (const m of g.memberCodes) if (!lookups.beatByGrid.has(m)) lookups.beatByGrid.set(m, g.code);
  }
  for (const c of chunks) {
    for (const p of c.persons) lookups.persons.set(p.id, p);
    for (const a of c.addresses) lookups.addresses.set(a.id, a);
  }
  if (o.tick > 0 && o.noise.health.staleAddress > 0) {
    // Health synced residences once, at tick 0: movers since then keep that address there.
    for (let i = 0; i < o.world.communityCount; i++) {
      for (const p of o.world.chunk(i, 0).persons) lookups.baselineResidence.set(p.id, currentResidence(p));
    }
  }
  const ctx = new BuildContext(o.seed, o.noise, lookups, o.world.spec.countyCode, o.firstSeen, o.tick, o.initial);
  for (const feed of Object.keys(STREAMS) as FeedName[]) for (const s of STREAMS[feed]) ctx.stream(feed, s);
  for (const c of chunks) {
    addPoliceRecords(ctx, c);
    addHealthRecords(ctx, c, o.healthCoverage ?? DEFAULT_HEALTH_COVERAGE);
    addSafetyRecords(ctx, c);
  }
  const streams = new Map<string, FeedStream>();
  for (const s of ctx.finish()) streams.set(`${s.feed}/${s.name}`, s);
  return { tick: o.tick, streams };
}
