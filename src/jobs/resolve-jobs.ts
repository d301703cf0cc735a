/**
 * Enqueueing resolves: one job per model on the `resolve` queue, debounced — the syncs of several
 * streams finishing within a few seconds cause one resolve, not one each (BullMQ deduplication in
 * debounce mode: a new request while the job is still delayed replaces it and restarts the delay).
 * The queue runs one resolve at a time (global concurrency 1): runs of a model never overlap.
 */
import type { Job, Queue } from 'bullmq';
import type { JobPayloads } from './queues';

export type ResolveJobData = JobPayloads['resolve.model'];

export const RESOLVE_DEBOUNCE_MS = 3000;

export const RESOLVE_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
} as const;

export async function enqueueResolve(queue: Queue, items: ResolveJobData[], debounceMs = RESOLVE_DEBOUNCE_MS): Promise<Array<Job<ResolveJobData>>> {
  return Promise.all(
    items.map(
      (data) =>
        queue.add('resolve.model', data, {
          ...RESOLVE_JOB_OPTIONS,
          delay: debounceMs,
          deduplication: { id: `resolve:${data.model}:${data.mode ?? 'incremental'}`, ttl: debounceMs, extend: true, replace: true },
        }) as Promise<Job<ResolveJobData>>,
    ),
  );
}
