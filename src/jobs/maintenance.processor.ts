/** Thin processor of the maintenance queue: calls the service; bad input fails without retry. */
import { type Job, UnrecoverableError } from 'bullmq';
import type { MikroORM } from '@mikro-orm/postgresql';
import { MaintenanceService, UnknownTableError } from '../services/maintenance.service';
import type { JobPayloads } from './queues';

export function maintenanceProcessor(orm: MikroORM) {
  return async (job: Job<JobPayloads['maintenance.analyze']>): Promise<Record<string, number>> => {
    if (job.name !== 'maintenance.analyze') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the maintenance queue.`);
    try {
      return await new MaintenanceService(orm.em.fork()).analyze(job.data.tables, { name: job.queueName, jobId: job.id });
    } catch (e) {
      if (e instanceof UnknownTableError) throw new UnrecoverableError(e.message);
      throw e;
    }
  };
}
