/**
 * What a feed serves: one pre-serialised record with its key, update time and ground truth, and a
 * stream of them sorted by (update time, key) so that incremental and paged reads are slices.
 */
import type { EntityType } from '../../domain/vocabulary';
import type { FeedName } from './feed-config';

export interface TruthEntry {
  feed: FeedName;
  stream: string;
  recordKey: string;
  entityType: EntityType;
  trueEntityId: string;
  invalid: boolean;
  invalidReason: string;
  updatedTick: number;
}

export interface ServedRecord {
  key: string;
  /** Update time in ms since the Unix epoch, whole seconds. */
  updateMs: number;
  truth: TruthEntry;
}

/** A record while streams are being built: with its JSON text, before it moves into the blob. */
export interface DraftRecord extends ServedRecord {
  json: string;
}

export interface StreamStats {
  records: number;
  invalid: number;
  /** Noise kind → records that received it. */
  noise: Record<string, number>;
}

export interface FeedStream {
  feed: FeedName;
  name: string;
  /** Sorted by (updateMs, key). */
  records: ServedRecord[];
  /** UTF-8 JSON of every record in `records` order, separated by commas: a page is one subarray. */
  blob: Buffer;
  /** offsets[i] = first byte of record i in blob; offsets[n] = blob.length + 1. */
  offsets: Uint32Array;
  stats: StreamStats;
}

/** Sorts drafts and lays their JSON out in one buffer (see FeedStream.blob). */
export function packStream(drafts: DraftRecord[]): { records: ServedRecord[]; blob: Buffer; offsets: Uint32Array } {
  drafts.sort(compareRecords);
  const offsets = new Uint32Array(drafts.length + 1);
  let at = 0;
  for (let i = 0; i < drafts.length; i++) {
    offsets[i] = at;
    at += Buffer.byteLength(drafts[i].json, 'utf8') + 1;
  }
  offsets[drafts.length] = at;
  // One buffer, records separated by commas (no trailing comma).
  const blob = Buffer.allocUnsafe(Math.max(0, at - 1));
  const records: ServedRecord[] = new Array<ServedRecord>(drafts.length);
  for (let i = 0; i < drafts.length; i++) {
    const d = drafts[i];
    blob.write(d.json, offsets[i], 'utf8');
    if (i + 1 < drafts.length) blob[offsets[i + 1] - 1] = 0x2c;
    records[i] = { key: d.key, updateMs: d.updateMs, truth: d.truth };
  }
  return { records, blob, offsets };
}

/** The bytes of records [start, end) joined by commas (empty when end <= start). */
export function rowBytes(s: FeedStream, start: number, end: number): Buffer {
  return end <= start ? Buffer.alloc(0) : s.blob.subarray(s.offsets[start], s.offsets[end] - 1);
}

export function compareRecords(a: ServedRecord, b: ServedRecord): number {
  if (a.updateMs !== b.updateMs) return a.updateMs - b.updateMs;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Index of the first record with updateMs > sinceMs (records.length when none). */
export function firstAfter(records: readonly ServedRecord[], sinceMs: number): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (records[mid].updateMs > sinceMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first record ordered strictly after (updateMs, key). */
export function firstAfterKey(records: readonly ServedRecord[], updateMs: number, key: string): number {
  let lo = 0;
  let hi = records.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const r = records[mid];
    if (r.updateMs > updateMs || (r.updateMs === updateMs && r.key > key)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
