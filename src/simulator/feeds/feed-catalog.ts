/**
 * The department streams of one world at the current tick, served without holding them in memory.
 *
 * A *walk* reads every community chunk once per tick and keeps only, per chunked stream, the
 * number of records per (updatedTick bucket, community) plus the stream's stats. Records of a
 * chunked stream are ordered by (update time, key) like before, and their update times lie in
 * their community's slot of the day (`slotUpdateTimeMs`), so that order is also (tick, community,
 * position in the community): global index → (bucket, community, offset) by prefix sums, and only
 * the needed community's records are built (`buildSlice`), kept in a small LRU of slices.
 *
 * The small streams (`MATERIALISED`: the event streams `police/jq`, `safety/hazards`, whose update
 * times follow the report time of the event and do not fit a community slot, and the other small
 * ones, among them the grid centre's `grids` and `parts`) are built whole during the walk and kept
 * serialised.
 */
import type { CommunityChunk, SimGrid, World } from '../world/world-types';
import { WORLD_EPOCH } from '../world/world-types';
import { BuildContext, type BuildOptions, type WorldLookups } from './build-context';
import { DEFAULT_HEALTH_COVERAGE, FEED_NAMES, type FeedName, type NoiseConfig } from './feed-config';
import { communitySlot, DAY_MS, tickStartMs } from './feed-time';
import { addGridCenterRecords, gridsByCommunity } from './grid-center-feed';
import { addHealthRecords } from './health-feed';
import { addPoliceRecords } from './police-feed';
import { addSafetyRecords } from './safety-feed';
import { firstAfter, firstAfterKey, packStream, type DraftRecord, type ServedRecord, type StreamStats, type TruthEntry } from './served-record';
import { currentResidence } from './person-view';
import { hash32 } from './seeded-hash';

/** Streams per department, in the order the README lists them. */
export const STREAMS: Record<FeedName, readonly string[]> = {
  police: ['rk', 'bzdz', 'fw', 'jq'],
  health: ['jmjkda', 'gazdx', 'yzjsza'],
  safety: ['enterprises', 'inspections', 'hazards'],
  'grid-center': ['grids', 'parts'],
};

/**
 * Streams built whole by the walk and kept serialised: the event streams (update times follow
 * report times) and the other small ones (a few hundred records per community at most, where a
 * page would otherwise span many communities and build each).
 */
export const MATERIALISED: ReadonlySet<string> = new Set(['police/jq', 'safety/hazards', 'safety/enterprises', 'safety/inspections', 'health/yzjsza', 'grid-center/grids', 'grid-center/parts']);

/** Built community slices kept (LRU): at most this many slices … */
export const SLICE_CACHE_SIZE = 128;
/** … holding at most this many records together (≈ 16 communities of police/rk at size L). */
export const SLICE_CACHE_RECORDS = 160_000;

const ALL_IDS: readonly string[] = (Object.keys(STREAMS) as FeedName[]).flatMap((f) => STREAMS[f].map((s) => `${f}/${s}`));
const chunked = (id: string): boolean => !MATERIALISED.has(id);

export interface CatalogOptions {
  world: World;
  tick: number;
  seed: number;
  noise: NoiseConfig;
  healthCoverage?: number;
  /** Truth of every record of the first walk, community by community (e.g. the truth file). */
  onInitialTruth?: (entries: TruthEntry[]) => void;
}

/** One stream as the page planner sees it: a sequence ordered by (update time, key). */
export interface StreamView {
  feed: FeedName;
  name: string;
  length: number;
  stats: StreamStats;
  /** Index of the first record with updateMs > sinceMs (length when none). */
  firstAfter(sinceMs: number): number;
  /** Index of the first record ordered strictly after (updateMs, key). */
  firstAfterKey(updateMs: number, key: string): number;
  at(i: number): ServedRecord;
  /** UTF-8 JSON of records [start, end) joined by commas. */
  rows(start: number, end: number): Buffer;
}

interface Packed {
  records: ServedRecord[];
  blob: Buffer;
  offsets: Uint32Array;
}

function packedRows(p: Packed, start: number, end: number): Buffer {
  return end <= start ? Buffer.alloc(0) : p.blob.subarray(p.offsets[start], p.offsets[end] - 1);
}

class MaterialisedView implements StreamView {
  constructor(readonly feed: FeedName, readonly name: string, private readonly p: Packed, readonly stats: StreamStats) {}
  get length(): number {
    return this.p.records.length;
  }
  firstAfter(sinceMs: number): number {
    return firstAfter(this.p.records, sinceMs);
  }
  firstAfterKey(updateMs: number, key: string): number {
    return firstAfterKey(this.p.records, updateMs, key);
  }
  at(i: number): ServedRecord {
    return this.p.records[i];
  }
  rows(start: number, end: number): Buffer {
    return packedRows(this.p, start, end);
  }
}

/** Largest i with a[i] <= x (a ascending, a[0] <= x). */
function lastAtMost(a: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

class ChunkedView implements StreamView {
  /** Distinct updatedTicks with records, ascending. */
  private readonly ticks: number[];
  /** Per bucket: prefix[c] = records of communities < c. */
  private readonly prefix: Float64Array[];
  /** Global index of each bucket's first record; last = length. */
  private readonly bucketStart: number[];
  readonly length: number;

  constructor(
    readonly feed: FeedName,
    readonly name: string,
    counts: Map<number, Uint32Array>,
    readonly stats: StreamStats,
    private readonly communities: number,
    private readonly slice: (c: number) => Packed,
  ) {
    this.ticks = [...counts.keys()].sort((a, b) => a - b);
    this.prefix = [];
    this.bucketStart = [0];
    let total = 0;
    for (const t of this.ticks) {
      const c = counts.get(t) as Uint32Array;
      const p = new Float64Array(communities + 1);
      for (let i = 0; i < communities; i++) p[i + 1] = p[i] + c[i];
      this.prefix.push(p);
      total += p[communities];
      this.bucketStart.push(total);
    }
    this.length = total;
  }

  /** Records of community c in bucket b. */
  countOf(b: number, c: number): number {
    return this.prefix[b][c + 1] - this.prefix[b][c];
  }

  /** Where global index g lives: the community's slice and the index in it. */
  private locate(g: number): { c: number; b: number; o: number; left: number; slice: Packed; at: number } {
    const b = lastAtMost(this.bucketStart, g);
    const r = g - this.bucketStart[b];
    const p = this.prefix[b];
    const c = Math.min(lastAtMost(p, r), this.communities - 1);
    const o = r - p[c];
    const slice = this.slice(c);
    const at = firstAfter(slice.records, tickStartMs(this.ticks[b])) + o;
    return { c, b, o, left: p[c + 1] - p[c] - o, slice, at };
  }

  at(i: number): ServedRecord {
    const l = this.locate(i);
    return l.slice.records[l.at];
  }

  rows(start: number, end: number): Buffer {
    const parts: Buffer[] = [];
    let g = start;
    while (g < end) {
      const l = this.locate(g);
      const n = Math.min(l.left, end - g);
      if (parts.length > 0) parts.push(COMMA);
      parts.push(packedRows(l.slice, l.at, l.at + n));
      g += n;
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
  }

  /** Records ordered at or before (ms, key) — with key null: every record with updateMs <= ms. `ms` is whole seconds. */
  private rank(ms: number, key: string | null): number {
    const d = Math.floor((ms - WORLD_EPOCH) / DAY_MS);
    if (d < 0) return 0;
    let b = 0;
    while (b < this.ticks.length && this.ticks[b] < d) b++;
    const base = this.bucketStart[b];
    if (b === this.ticks.length || this.ticks[b] !== d) return base;
    const k = (ms - tickStartMs(d)) / 1000;
    if (k < 1) return base;
    const n = this.communities;
    let c = Math.min(n - 1, Math.floor((k * n) / 86_399));
    while (c + 1 < n && communitySlot(c + 1, n)[0] <= k) c++;
    while (c > 0 && communitySlot(c, n)[0] > k) c--;
    const p = this.prefix[b];
    const last = communitySlot(c, n)[1];
    if (p[c + 1] === p[c] || k > last || (key === null && k === last)) return base + p[c + 1];
    const slice = this.slice(c);
    const s0 = firstAfter(slice.records, tickStartMs(d));
    const end = key === null ? firstAfter(slice.records, ms) : firstAfterKey(slice.records, ms, key);
    return base + p[c] + (end - s0);
  }

  firstAfter(sinceMs: number): number {
    if (sinceMs === Number.NEGATIVE_INFINITY) return 0;
    if (!Number.isFinite(sinceMs)) return this.length;
    return this.rank(Math.floor(sinceMs / 1000) * 1000, null);
  }

  firstAfterKey(updateMs: number, key: string): number {
    if (!Number.isFinite(updateMs)) return updateMs > 0 ? this.length : 0;
    return updateMs % 1000 === 0 ? this.rank(updateMs, key) : this.rank(Math.floor(updateMs / 1000) * 1000, null);
  }
}

const COMMA = Buffer.from(',');

function emptyStats(): StreamStats {
  return { records: 0, invalid: 0, noise: {} };
}

/** Sorted 32-bit hashes of the address ids of a community at the first walk. */
function hasHash(a: Uint32Array, h: number): boolean {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < h) lo = mid + 1;
    else hi = mid;
  }
  return lo < a.length && a[lo] === h;
}

export class FeedCatalog {
  tick: number;
  streams = new Map<string, StreamView>();
  private readonly world: World;
  private readonly n: number;
  private readonly gridNames = new Map<string, string>();
  private readonly beatByGrid = new Map<string, string>();
  /** Grids the grid-centre feed serves with each community (see grid-center-feed.ts). */
  private readonly communityGrids: SimGrid[][];
  /** Addresses first served after the first walk → that tick. */
  private readonly firstSeen = new Map<string, number>();
  /** Per community: sorted hashes of the address ids present at the first walk. */
  private readonly knownAddresses: Uint32Array[] = [];
  private readonly slices = new Map<string, Packed>();
  private sliceRecords = 0;
  /** Slices built since start (for stats/bench). */
  slicesBuilt = 0;

  constructor(private readonly o: CatalogOptions) {
    this.world = o.world;
    this.n = o.world.communityCount;
    for (const g of o.world.grids) {
      this.gridNames.set(g.code, g.name);
      if (g.beatCode !== undefined) this.beatByGrid.set(g.code, g.beatCode);
      if (g.memberCodes !== undefined) for (const m of g.memberCodes) if (!this.beatByGrid.has(m)) this.beatByGrid.set(m, g.code);
    }
    this.communityGrids = gridsByCommunity(o.world);
    this.tick = o.tick;
    this.walk(o.tick, true, o.onInitialTruth === undefined ? undefined : { minTick: -1, sink: o.onInitialTruth });
  }

  /** Moves to `tick`: one walk (counts, stats, the event streams); returns the records changed after `previousTick`. */
  advanceTo(tick: number, onChanged?: (entries: TruthEntry[]) => void): number {
    const previous = this.tick;
    // The walk installs the new streams only when it completes (a failing world leaves the old tick served).
    this.walk(tick, false, onChanged === undefined ? undefined : { minTick: previous, sink: onChanged });
    this.tick = tick;
    this.slices.clear();
    this.sliceRecords = 0;
    let changed = 0;
    for (const v of this.streams.values()) changed += this.countAfter(v, previous);
    return changed;
  }

  private countAfter(v: StreamView, tick: number): number {
    return v.length - v.firstAfter(tickStartMs(tick + 1) - 1);
  }

  private lookups(c: number, tick: number, chunk: CommunityChunk, health: boolean): WorldLookups {
    const l: WorldLookups = { persons: new Map(), addresses: new Map(), beatByGrid: this.beatByGrid, gridNames: this.gridNames, baselineResidence: new Map() };
    for (const p of chunk.persons) l.persons.set(p.id, p);
    for (const a of chunk.addresses) l.addresses.set(a.id, a);
    if (health && tick > 0 && this.o.noise.health.staleAddress > 0) {
      // Health synced residences once, at tick 0: movers since then keep that address there.
      for (const p of this.world.chunk(c, 0).persons) l.baselineResidence.set(p.id, currentResidence(p));
    }
    return l;
  }

  private context(c: number, lookups: WorldLookups, firstSeenTick: (id: string) => number, options: BuildOptions): BuildContext {
    return new BuildContext(this.o.seed, this.o.noise, lookups, this.world.spec.countyCode, firstSeenTick, {
      ...options, slotted: chunked, community: c, communityCount: this.n,
    });
  }

  private addAll(ctx: BuildContext, chunk: CommunityChunk, feeds: readonly FeedName[]): void {
    for (const f of feeds) {
      if (f === 'police') addPoliceRecords(ctx, chunk);
      else if (f === 'health') addHealthRecords(ctx, chunk, this.o.healthCoverage ?? DEFAULT_HEALTH_COVERAGE);
      else if (f === 'safety') addSafetyRecords(ctx, chunk);
      else addGridCenterRecords(ctx, chunk, this.communityGrids[chunk.index] ?? []);
    }
  }

  /** Reads every community at `tick`: counts per (stream, tick, community), stats, the materialised streams. */
  private walk(tick: number, initial: boolean, truth?: { minTick: number; sink: (entries: TruthEntry[]) => void }): void {
    const counts = new Map<string, Map<number, Uint32Array>>();
    const stats = new Map<string, StreamStats>();
    const drafts = new Map<string, DraftRecord[]>();
    for (const id of ALL_IDS) {
      counts.set(id, new Map());
      stats.set(id, emptyStats());
      if (MATERIALISED.has(id)) drafts.set(id, []);
    }
    for (let c = 0; c < this.n; c++) {
      const chunk = this.world.chunk(c, tick);
      const hashes: number[] = [];
      const firstSeenTick = (id: string): number => {
        if (initial) {
          hashes.push(hash32(0, id));
          return 0;
        }
        const t = this.firstSeen.get(id);
        if (t !== undefined) return t;
        if (hasHash(this.knownAddresses[c], hash32(0, id))) return 0;
        this.firstSeen.set(id, tick);
        return tick;
      };
      const entries: TruthEntry[] = [];
      const ctx = this.context(c, this.lookups(c, tick, chunk, true), firstSeenTick, {
        keep: (id) => MATERIALISED.has(id),
        onTruth: truth === undefined ? undefined : (t) => {
          if (t.updatedTick > truth.minTick) entries.push(t);
        },
      });
      this.addAll(ctx, chunk, FEED_NAMES);
      if (initial) this.knownAddresses[c] = Uint32Array.from(hashes).sort();
      for (const [id, byTick] of ctx.tickCounts) {
        const m = counts.get(id) as Map<number, Uint32Array>;
        for (const [t, n] of byTick) {
          let a = m.get(t);
          if (a === undefined) {
            a = new Uint32Array(this.n);
            m.set(t, a);
          }
          a[c] += n;
        }
      }
      for (const [id, s] of ctx.streams) {
        const into = stats.get(id) as StreamStats;
        into.records += s.stats.records;
        into.invalid += s.stats.invalid;
        for (const [k, v] of Object.entries(s.stats.noise)) into.noise[k] = (into.noise[k] ?? 0) + v;
      }
      for (const [id, list] of drafts) for (const d of ctx.draftsOf(id)) list.push(d);
      if (truth !== undefined && entries.length > 0) truth.sink(entries);
    }
    const streams = new Map<string, StreamView>();
    for (const id of ALL_IDS) {
      const [feed, name] = id.split('/') as [FeedName, string];
      const s = stats.get(id) as StreamStats;
      if (MATERIALISED.has(id)) streams.set(id, new MaterialisedView(feed, name, packStream(drafts.get(id) as DraftRecord[]), s));
      else streams.set(id, new ChunkedView(feed, name, counts.get(id) as Map<number, Uint32Array>, s, this.n, (c) => this.slice(id, c)));
    }
    this.streams = streams;
  }

  /** Records of chunked stream `id` in community c at the current tick, sorted by (update time, key); LRU-cached. */
  private slice(id: string, c: number): Packed {
    const cacheKey = `${id}|${c}`;
    const hit = this.slices.get(cacheKey);
    if (hit !== undefined) {
      this.slices.delete(cacheKey);
      this.slices.set(cacheKey, hit);
      return hit;
    }
    const feed = id.slice(0, id.indexOf('/')) as FeedName;
    const chunk = this.world.chunk(c, this.tick);
    const ctx = this.context(c, this.lookups(c, this.tick, chunk, feed === 'health'), (a) => this.firstSeen.get(a) ?? 0, { wants: (x) => x === id });
    this.addAll(ctx, chunk, [feed]);
    const packed = packStream(ctx.draftsOf(id));
    this.slicesBuilt++;
    this.slices.set(cacheKey, packed);
    this.sliceRecords += packed.records.length;
    while (this.slices.size > 1 && (this.slices.size > SLICE_CACHE_SIZE || this.sliceRecords > SLICE_CACHE_RECORDS)) {
      const [oldest, evicted] = this.slices.entries().next().value as [string, Packed];
      this.slices.delete(oldest);
      this.sliceRecords -= evicted.records.length;
    }
    return packed;
  }

  /** Truth of every record of community c at `tick` (default: the current tick; never later than it). */
  truthOf(c: number, tick = this.tick): TruthEntry[] {
    const out: TruthEntry[] = [];
    const chunk = this.world.chunk(c, tick);
    const ctx = this.context(c, this.lookups(c, tick, chunk, true), (a) => this.firstSeen.get(a) ?? 0, { keep: () => false, onTruth: (t) => out.push(t) });
    this.addAll(ctx, chunk, FEED_NAMES);
    return out;
  }

  get communityCount(): number {
    return this.n;
  }
}
