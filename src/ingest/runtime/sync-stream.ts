/**
 * `syncStream`: the loop a sync job runs, with persistence behind two interfaces the db layer
 * implements (ingest never imports db). For each page: `sink.commitPage` stores the page's
 * records AND its checkpoint in ONE transaction; a crash between pages loses nothing, because the
 * next run loads the last committed checkpoint and readStream continues from it.
 */
import type { StreamPage } from './read-stream';
import { readStream } from './read-stream';
import { streamOf, type Connector } from './connector';
import type { StreamState } from './stream-state';

export interface StreamRef {
  connector: string;
  stream: string;
  entityType: string;
}

/** Where checkpoints live (e.g. a `sync_checkpoint` row per connector/stream). */
export interface CheckpointStore {
  load(ref: StreamRef): Promise<StreamState | undefined>;
}

/**
 * Stores one page: upsert source records by (connector, stream, key) with raw payload, canonical
 * projection and hash; `quarantined` ones with their issues; tombstones marked; then the
 * checkpoint `page.nextState` — all in one transaction, so records and checkpoint never diverge.
 */
export interface PageSink {
  commitPage(ref: StreamRef, page: StreamPage): Promise<void>;
}

export interface SyncOptions {
  signal?: AbortSignal;
  /** `full` ignores the saved cursor (a full refresh); `incremental` (default) continues from it. */
  mode?: 'incremental' | 'full';
}

export interface SyncResult {
  pages: number;
  records: number;
  quarantined: number;
  tombstones: number;
  /** Rows the server re-sent at or before the saved cursor (filtered out). */
  skipped: number;
  state: StreamState;
}

export async function syncStream(connector: Connector, stream: string, store: CheckpointStore, sink: PageSink, o: SyncOptions = {}): Promise<SyncResult> {
  const ref: StreamRef = { connector: connector.name, stream, entityType: streamOf(connector, stream).spec.entityType };
  const saved = (await store.load(ref)) ?? {};
  // A full refresh starts from nothing; if it crashes, the retried job may run `incremental`: the
  // checkpoint of its last committed page continues it.
  const start: StreamState = o.mode === 'full' ? {} : saved;
  const result: SyncResult = { pages: 0, records: 0, quarantined: 0, tombstones: 0, skipped: 0, state: start };
  for await (const page of readStream(connector, stream, start, { signal: o.signal })) {
    await sink.commitPage(ref, page);
    result.pages++;
    result.records += page.records.length;
    result.skipped += page.skipped;
    for (const r of page.records) {
      if (r.quarantined) result.quarantined++;
      if (r.isTombstone) result.tombstones++;
    }
    result.state = page.nextState;
  }
  return result;
}
