/**
 * Thin processor of the sync queue: runs SyncService for one stream and reports progress
 * (pages, fetched, stored, …). Configuration and permanent HTTP errors (401/403/404, bad
 * manifest, missing secret) fail without retry; transient ones retry with backoff and resume from
 * the stream's checkpoint. On shutdown the running sync stops after its current page (each page
 * commits atomically with its checkpoint) and the job is retried later.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import { AbortedError, ManifestError, MissingSecretError, RequestFailedError } from '../ingest';
import type { SyncService } from '../services/sync.service';
import type { SyncJobData } from './sync-jobs';

export function isPermanentSyncError(e: unknown): boolean {
  if (e instanceof ManifestError || e instanceof MissingSecretError) return true;
  if (e instanceof RequestFailedError) return /^http_4\d\d$/.test(e.reason) && e.reason !== 'http_429' && e.reason !== 'http_408';
  return false;
}

/** `afterChange` runs when a sync stored, quarantined or tombstoned anything (e.g. queue a resolve). */
export function syncProcessor(newService: () => SyncService, shutdown: AbortSignal, afterChange?: (job: Job<SyncJobData>) => Promise<unknown>) {
  return async (job: Job<SyncJobData>) => {
    if (job.name !== 'sync.stream') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the sync queue.`);
    const { connector, stream, mode } = job.data;
    try {
      const counts = await newService().syncStream(connector, stream, {
        mode,
        signal: shutdown,
        queue: { name: job.queueName, jobId: job.id },
        onProgress: (p) => void job.updateProgress({ pages: p.pages, fetched: p.fetched, stored: p.stored, unchanged: p.unchanged, quarantined: p.quarantined, tombstoned: p.tombstoned }),
      });
      if (afterChange !== undefined && counts.stored + counts.quarantined + counts.tombstoned > 0) await afterChange(job);
      return counts;
    } catch (e) {
      if (isPermanentSyncError(e)) throw new UnrecoverableError(e instanceof Error ? e.message : String(e));
      if (e instanceof AbortedError) throw new Error(`sync of ${connector}/${stream} stopped by shutdown after its last committed page; it resumes from the checkpoint`);
      throw e;
    }
  };
}
