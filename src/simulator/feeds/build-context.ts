/**
 * The state shared while the feeds' records are built from one world snapshot: the seed and noise
 * rates, lookups across communities, deterministic noise helpers that count what they apply, and
 * the streams being filled. Every draw is keyed by (seed, department, entity id, updatedTick, kind),
 * so a record changes only when its entity changes.
 */
import type { EntityType } from '../../domain/vocabulary';
import type { SimAddress, SimPerson } from '../world/world-types';
import type { FeedName, NoiseConfig, NoiseRates } from './feed-config';
import { applicableKinds, makeInvalid, type InvalidSpec } from './invalid-record';
import type { DraftRecord, FeedStream, TruthEntry } from './served-record';
import { digitsFromHex, pickIndex, sha1Hex, unitDraw } from './seeded-hash';
import { ADDRESS_VARIANTS, addressVariant, hasTraditionalCandidate, homophoneTypo, legacyId15, phoneVariant, toTraditional } from './text-noise';
import { slotUpdateTimeMs, tickStartMs, updateTimeMs } from './feed-time';

export interface WorldLookups {
  persons: Map<string, SimPerson>;
  addresses: Map<string, SimAddress>;
  /** Base grid code → police beat code. */
  beatByGrid: Map<string, string>;
  gridNames: Map<string, string>;
  /** Residence text of each person at tick 0 (health's last sync); empty when building tick 0. */
  baselineResidence: Map<string, string>;
}

export interface RecordDraft {
  feed: FeedName;
  stream: string;
  key: string;
  entityType: EntityType;
  trueEntityId: string;
  updatedTick: number;
  updateMs: number;
  fields: Record<string, unknown>;
  invalid: InvalidSpec;
}

/** Where a draw belongs: the stream it is counted in and the entity + tick it is keyed by. */
export interface DrawSite {
  feed: FeedName;
  stream: string;
  entityId: string;
  tick: number;
}

/**
 * How one build of one community behaves: which streams it builds at all, which of them keep their
 * serialised records (the rest are only counted), where truth entries go, and how update times
 * are spread over the day (see feed-time.ts `slotUpdateTimeMs`).
 */
export interface BuildOptions {
  /** Streams to build (`feed/stream`); others are skipped entirely. Default: all. */
  wants?: (id: string) => boolean;
  /** Streams whose records are serialised and kept (`draftsOf()`); others are only counted. Default: all. */
  keep?: (id: string) => boolean;
  /** Receives the truth entry of every record built (optional). */
  onTruth?: (t: TruthEntry) => void;
  /** Streams whose update times lie in the community's slot of the day (chunked serving). */
  slotted?: (id: string) => boolean;
  /** This community and the number of communities (for slotted update times). */
  community?: number;
  communityCount?: number;
}

export class BuildContext {
  readonly streams = new Map<string, FeedStream>();
  private readonly drafts = new Map<FeedStream, DraftRecord[]>();
  /** `feed/stream` → updatedTick → records built. */
  readonly tickCounts = new Map<string, Map<number, number>>();

  constructor(
    readonly seed: number,
    readonly noise: NoiseConfig,
    readonly lookups: WorldLookups,
    readonly countyCode: string,
    /** Entities without `updatedTick` (addresses): the tick each was first served. */
    readonly firstSeenTick: (entityId: string) => number,
    readonly options: BuildOptions = {},
  ) {}

  /** Whether this build produces stream `feed/name` at all. */
  wants(feed: FeedName, name: string): boolean {
    return this.options.wants === undefined || this.options.wants(`${feed}/${name}`);
  }

  stream(feed: FeedName, name: string): FeedStream {
    const id = `${feed}/${name}`;
    let s = this.streams.get(id);
    if (!s) {
      s = { feed, name, records: [], blob: Buffer.alloc(0), offsets: new Uint32Array(1), stats: { records: 0, invalid: 0, noise: {} } };
      this.streams.set(id, s);
      this.drafts.set(s, []);
    }
    return s;
  }

  rates(feed: FeedName): NoiseRates {
    return this.noise[feed];
  }

  /** Uniform [0,1) for (site, kind). */
  draw(site: DrawSite, kind: string): number {
    return unitDraw(this.seed, `${site.feed}|${kind}|${site.entityId}|${site.tick}`);
  }

  /** Entity-level draw independent of tick (e.g. whether health has a record at all). */
  stableDraw(feed: FeedName, kind: string, entityId: string): number {
    return unitDraw(this.seed, `${feed}|${kind}|${entityId}`);
  }

  count(site: DrawSite, kind: string): void {
    const n = this.stream(site.feed, site.stream).stats.noise;
    n[kind] = (n[kind] ?? 0) + 1;
  }

  /** The department's own stable key: prefix + county + digits from sha1(seed, feed, truth id, salt). */
  key(feed: FeedName, truthId: string, prefix: string, digits: number, salt = ''): string {
    return prefix + this.countyCode + digitsFromHex(sha1Hex(this.seed, feed, truthId, salt), digits);
  }

  /** A hex key (uuid-like systems). */
  hexKey(feed: FeedName, truthId: string, length: number, salt = ''): string {
    return sha1Hex(this.seed, feed, truthId, salt).slice(0, length);
  }

  updateMs(site: DrawSite, recordKey: string): number {
    const o = this.options;
    if (o.slotted !== undefined && o.slotted(`${site.feed}/${site.stream}`)) {
      return slotUpdateTimeMs(this.seed, `${site.feed}|${recordKey}`, site.tick, o.community ?? 0, o.communityCount ?? 1);
    }
    return updateTimeMs(this.seed, `${site.feed}|${recordKey}`, site.tick);
  }

  /** As updateMs, but never before `notBeforeMs` when that falls inside the tick's day (an event is not updated before it is reported). */
  updateMsAfter(site: DrawSite, recordKey: string, notBeforeMs: number): number {
    const ms = this.updateMs(site, recordKey);
    const after = Math.ceil(notBeforeMs / 1000) * 1000 + 60_000;
    return after > ms && after < tickStartMs(site.tick + 1) ? after : ms;
  }

  /** Person name with homophone typo and traditional characters at the feed's rates. */
  name(site: DrawSite, name: string): string {
    const r = this.rates(site.feed);
    let out = name;
    if (r.homophone > 0 && this.draw(site, 'homophone') < r.homophone) {
      const typo = homophoneTypo(out);
      if (typo !== undefined) {
        out = typo;
        this.count(site, 'homophone');
      }
    }
    return this.traditional(site, out, 'traditional_name');
  }

  traditional(site: DrawSite, text: string, kind: string): string {
    const r = this.rates(site.feed);
    if (r.traditional > 0 && this.draw(site, kind) < r.traditional && hasTraditionalCandidate(text)) {
      this.count(site, 'traditional');
      return toTraditional(text);
    }
    return text;
  }

  address(site: DrawSite, text: string): string {
    const r = this.rates(site.feed);
    let out = text;
    if (r.addressVariant > 0 && this.draw(site, 'address') < r.addressVariant) {
      const variant = ADDRESS_VARIANTS[pickIndex(this.seed, `${site.feed}|addrkind|${site.entityId}|${site.tick}`, ADDRESS_VARIANTS.length)];
      const v = addressVariant(out, variant, this.draw(site, 'address_pick'));
      if (v !== undefined) {
        out = v;
        this.count(site, 'address_variant');
      }
    }
    return this.traditional(site, out, 'traditional_address');
  }

  phone(site: DrawSite, phone: string | undefined): string {
    if (phone === undefined) return '';
    const r = this.rates(site.feed);
    if (r.phoneFormat > 0 && /^1\d{10}$/.test(phone) && this.draw(site, 'phone') < r.phoneFormat) {
      this.count(site, 'phone_format');
      return phoneVariant(phone, this.draw(site, 'phone_pick'));
    }
    return phone;
  }

  /** Citizen ID: missing, legacy 15 digits (born before 1999) or lower-case x at the feed's rates. */
  citizenId(site: DrawSite, id: string | undefined, birthDate: string): string {
    if (id === undefined) return '';
    const r = this.rates(site.feed);
    if (r.missingId > 0 && this.draw(site, 'missing_id') < r.missingId) {
      this.count(site, 'missing_id');
      return '';
    }
    if (r.legacyId15 > 0 && birthDate < '1999' && this.draw(site, 'legacy15') < r.legacyId15) {
      this.count(site, 'legacy_id15');
      return legacyId15(id);
    }
    if (r.lowerX > 0 && id.endsWith('X') && this.draw(site, 'lower_x') < r.lowerX) {
      this.count(site, 'lower_x');
      return `${id.slice(0, 17)}x`;
    }
    return id;
  }

  /** Finishes a record: maybe invalid (feed's rate), serialised, added to its stream. */
  add(d: RecordDraft): void {
    const s = this.stream(d.feed, d.stream);
    const site: DrawSite = { feed: d.feed, stream: d.stream, entityId: d.key, tick: d.updatedTick };
    let invalidReason = '';
    if (this.draw(site, 'invalid') < this.rates(d.feed).invalid) {
      const kinds = applicableKinds(d.fields, d.invalid);
      if (kinds.length > 0) {
        const kind = kinds[Math.floor(this.draw(site, 'invalid_kind') * kinds.length)];
        invalidReason = makeInvalid(d.fields, d.invalid, kind, this.draw(site, 'invalid_pick'));
        s.stats.invalid++;
      }
    }
    s.stats.records++;
    const id = `${d.feed}/${d.stream}`;
    let counts = this.tickCounts.get(id);
    if (counts === undefined) {
      counts = new Map();
      this.tickCounts.set(id, counts);
    }
    counts.set(d.updatedTick, (counts.get(d.updatedTick) ?? 0) + 1);
    const keep = this.options.keep === undefined || this.options.keep(id);
    if (!keep && this.options.onTruth === undefined) return;
    const truth: TruthEntry = {
      feed: d.feed, stream: d.stream, recordKey: d.key, entityType: d.entityType, trueEntityId: d.trueEntityId,
      invalid: invalidReason !== '', invalidReason, updatedTick: d.updatedTick,
    };
    this.options.onTruth?.(truth);
    if (keep) (this.drafts.get(s) as DraftRecord[]).push({ key: d.key, updateMs: d.updateMs, json: JSON.stringify(d.fields), truth });
  }

  /** The serialised records kept so far for stream `feed/name` (unsorted). */
  draftsOf(id: string): DraftRecord[] {
    const s = this.streams.get(id);
    return s === undefined ? [] : (this.drafts.get(s) ?? []);
  }
}
