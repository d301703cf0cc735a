/**
 * Queue and job names with their typed payloads. A job is a name, a payload and a processor
 * (BullMQ habit); data errors are unrecoverable, transient ones retry.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  sync: 'sync',
  resolve: 'resolve',
  events: 'events',
  reconcile: 'reconcile',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  /** Refresh planner statistics of the master tables and record their row estimates. */
  'maintenance.analyze': { tables?: string[]; requestedBy?: string };
  /** Pull one stream of one connector into source records (incremental from its checkpoint, or full). */
  'sync.stream': { connector: string; stream: string; mode?: 'incremental' | 'full'; requestedBy?: string };
  /** Resolve the new and changed source records of one model into golden records (or rebuild). */
  'resolve.model': { model: string; mode?: 'incremental' | 'full'; requestedBy?: string };
  /** Re-assess colours (三色预警) and supervision levels of all open events as of `at` (default: now). */
  'events.recolour': { at?: string; requestedBy?: string };
  /** Compute the reconciliation report (对账报告) of every source stream and store it (reconciliation_report). */
  'reconcile.report': { requestedBy?: string };
}
export type JobName = keyof JobPayloads;

/** Repeatable schedules, with stable ids so restarts upsert instead of duplicating. */
export const SCHEDULES = [
  { id: 'maintenance-analyze-nightly', queue: QUEUES.maintenance, name: 'maintenance.analyze' as const, pattern: '0 3 * * *', data: { requestedBy: 'schedule' } },
  { id: 'reconcile-report-nightly', queue: QUEUES.reconcile, name: 'reconcile.report' as const, pattern: '30 3 * * *', data: { requestedBy: 'schedule' } },
  { id: 'events-recolour-every-minute', queue: QUEUES.events, name: 'events.recolour' as const, pattern: '* * * * *', data: { requestedBy: 'schedule' } },
];
