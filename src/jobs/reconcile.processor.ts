/** Thin processor of the reconcile queue: computes and stores the reconciliation report (对账报告). */
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ReconcileService } from '../services/reconcile.service';
import type { ReconcileJobData } from './reconcile-jobs';

/** Returns the stored report's id with the totals (the report itself is read from the table). */
export function reconcileProcessor(newEm: () => EntityManager) {
  return async (job: Job<ReconcileJobData>): Promise<{ reportId: number; totals: Record<string, number> }> => {
    if (job.name !== 'reconcile.report') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the reconcile queue.`);
    await job.updateProgress({ stage: 'report' });
    const r = await new ReconcileService(newEm()).run(job.data.requestedBy, { name: job.queueName, jobId: job.id });
    return { reportId: r.id, totals: r.report.totals };
  };
}
