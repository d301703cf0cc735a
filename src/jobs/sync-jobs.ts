/**
 * Enqueueing syncs: one job per stream on the `sync` queue. A stream has at most one waiting sync
 * (deduplicated by `sync:<connector>:<stream>`), so a schedule firing while a sync waits adds nothing.
 */
import type { Job, Queue } from 'bullmq';
import type { JobPayloads } from './queues';

export type SyncJobData = JobPayloads['sync.stream'];

export const SYNC_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
} as const;

export function syncJobKey(connector: string, stream: string): string {
  return `sync:${connector}:${stream}`;
}

export async function enqueueSync(queue: Queue, items: SyncJobData[]): Promise<Job<SyncJobData>[]> {
  return Promise.all(
    items.map((data) =>
      queue.add('sync.stream', data, { ...SYNC_JOB_OPTIONS, deduplication: { id: syncJobKey(data.connector, data.stream) } }) as Promise<Job<SyncJobData>>,
    ),
  );
}
