/**
 * Enqueueing reconciliation reports (对账报告): one `reconcile.report` job on the `reconcile` queue;
 * the processor stores the report and returns its id.
 */
import type { Job, Queue } from 'bullmq';
import type { JobPayloads } from './queues';

export type ReconcileJobData = JobPayloads['reconcile.report'];

export const RECONCILE_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { count: 1000 },
  removeOnFail: { count: 1000 },
} as const;

export function enqueueReconcile(queue: Queue, data: ReconcileJobData): Promise<Job<ReconcileJobData>> {
  return queue.add('reconcile.report', data, RECONCILE_JOB_OPTIONS) as Promise<Job<ReconcileJobData>>;
}
