/**
 * `createWorld({ size, seed, countyCode? })`: the synthetic district. Grids are built eagerly;
 * communities are generated on demand by `chunk(i, tick)` — community i at tick 0 from its own
 * random streams, then ticks 1..tick replayed — so a chunk depends only on (seed, size, county,
 * i, tick), never on call order. Recent chunks and address trees sit in small LRU caches; nothing
 * else is retained, so paging through a 2.5M-person district needs the memory of a few communities.
 */
import type { CommunityChunk, SizeName, World } from './world-types';
import { type CommunityAddresses, generateAddresses } from './address-generator';
import { generateGrids } from './grid-generator';
import { generateCommunity } from './community-generator';
import { LruCache } from './lru-cache';
import { specFor } from './size-presets';
import { applyTick } from './time';

export interface CreateWorldOptions {
  size: SizeName;
  seed: number;
  countyCode?: string;
  /** Chunks kept in the LRU cache (default 4). */
  cacheSize?: number;
}

/** Highest tick `chunk` accepts (replay cost grows linearly with the tick). */
export const MAX_TICK = 3650;

export function createWorld(options: CreateWorldOptions): World {
  const spec = specFor(options.size, options.seed, options.countyCode);
  const layout = generateGrids(spec);
  const count = layout.communities.length;
  const chunks = new LruCache<string, CommunityChunk>(options.cacheSize ?? 4);
  const addressCache = new LruCache<number, CommunityAddresses>(8);

  const addressesOf = (i: number): CommunityAddresses => {
    let a = addressCache.get(i);
    if (a === undefined) {
      a = generateAddresses(spec, layout.communities[i]!);
      addressCache.set(i, a);
    }
    return a;
  };
  const layoutOf = (i: number) => layout.communities[i]!;

  const chunk = (index: number, tick: number): CommunityChunk => {
    if (!Number.isInteger(index) || index < 0 || index >= count) throw new RangeError(`community index ${index} is outside 0..${count - 1}`);
    if (!Number.isInteger(tick) || tick < 0 || tick > MAX_TICK) throw new RangeError(`tick ${tick} is outside 0..${MAX_TICK}`);
    const key = `${index}:${tick}`;
    const cached = chunks.get(key);
    if (cached !== undefined) return cached;
    const state = generateCommunity(spec, layout.communities[index]!, count, addressesOf, layoutOf);
    for (let t = 1; t <= tick; t++) applyTick(state, t);
    chunks.set(key, state.chunk);
    return state.chunk;
  };

  return { spec, grids: layout.all, communityCount: count, chunk };
}
