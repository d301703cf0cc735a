/**
 * Use case "sync a stream of a connector": read the feed through the declarative runtime
 * (src/ingest) and persist every page with its checkpoint atomically (SourceRecordRepository).
 * Every run is a job_run row with its counts; for every run fetched = stored + unchanged +
 * quarantined + tombstoned.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { loadManifest, openConnector, syncStream, type Connector, type ConnectorOptions, type MappedRecord, type StreamState } from '../ingest';
import { stableJson } from '../lib/stable-json';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { SourceRecordRepository, type IncomingRecord, type PageWriteCounts } from '../db/repositories/source-record.repository';

export interface SyncCounts {
  pages: number;
  fetched: number;
  stored: number;
  unchanged: number;
  quarantined: number;
  tombstoned: number;
  /** Rows the feed re-sent at or before the checkpoint (filtered by the runtime, not fetched). */
  skipped: number;
  inserted: number;
  updated: number;
}

export interface SyncProgress extends SyncCounts {
  connector: string;
  stream: string;
}

export interface SyncStreamOptions {
  mode?: 'incremental' | 'full';
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  queue?: { name: string; jobId?: string };
}

export function contentHash(raw: unknown): string {
  return createHash('sha256').update(stableJson(raw)).digest('hex');
}

/** A mapped record as the source-record store takes it (valid, quarantined or tombstone). */
export function toIncomingRecord(r: MappedRecord, entityType: string): IncomingRecord {
  return {
    recordKey: r.key,
    entityType,
    raw: r.raw,
    canonical: r.canonical,
    contentHash: contentHash(r.raw),
    status: r.quarantined ? 'quarantined' : r.isTombstone ? 'tombstoned' : 'valid',
    issues: r.issues,
    sourceUpdatedAt: Number.isFinite(r.cursorMs) ? new Date(r.cursorMs).toISOString() : null,
  };
}

export class SyncService {
  constructor(
    private readonly em: EntityManager,
    /** Folder holding connectors/<name>/manifest.json (connectors are read by path). */
    private readonly connectorsDir: string,
    private readonly connectorOptions: ConnectorOptions,
  ) {}

  open(name: string): Connector {
    return openConnector(join(this.connectorsDir, name), this.connectorOptions);
  }

  async syncStream(connectorName: string, stream: string, o: SyncStreamOptions = {}): Promise<SyncCounts & { runId: number }> {
    const connector = this.open(connectorName);
    const runs = new JobRunRepository(this.em);
    const records = new SourceRecordRepository(this.em);
    const run = await runs.start('sync', { connector: connectorName, stream, mode: o.mode ?? 'incremental' }, o.queue);
    const counts: SyncCounts = { pages: 0, fetched: 0, stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, skipped: 0, inserted: 0, updated: 0 };
    try {
      await syncStream(
        connector,
        stream,
        { load: async (ref) => (await records.loadCheckpoint(ref.connector, ref.stream)) as StreamState | undefined },
        {
          commitPage: async (ref, page) => {
            const written: PageWriteCounts = await records.commitPage(
              ref.connector,
              ref.stream,
              page.records.map((r) => toIncomingRecord(r, ref.entityType)),
              page.nextState,
              run.id,
              new Date(),
            );
            counts.pages++;
            counts.fetched += page.records.length;
            counts.skipped += page.skipped;
            counts.stored += written.stored;
            counts.unchanged += written.unchanged;
            counts.quarantined += written.quarantined;
            counts.tombstoned += written.tombstoned;
            counts.inserted += written.inserted;
            counts.updated += written.updated;
            o.onProgress?.({ connector: connectorName, stream, ...counts });
          },
        },
        { mode: o.mode, signal: o.signal },
      );
      await runs.finish(run, { counts: { ...counts } });
      return { ...counts, runId: run.id };
    } catch (e) {
      await runs.finish(run, { counts: { ...counts }, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** Stream names of a connector, in manifest order (reads the manifest only: no secrets needed). */
  streams(connectorName: string): string[] {
    return loadManifest(join(this.connectorsDir, connectorName)).manifest.streams.map((s) => s.name);
  }
}
