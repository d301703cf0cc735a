/** Thin processor of the resolve queue: runs ResolveService for one model; an unknown model fails without retry. */
import { type Job, UnrecoverableError } from 'bullmq';
import type { ResolveService, ResolveSummary } from '../services/resolve.service';
import type { ResolveJobData } from './resolve-jobs';

export function resolveProcessor(newService: () => ResolveService, models: readonly string[]) {
  return async (job: Job<ResolveJobData>): Promise<ResolveSummary> => {
    if (job.name !== 'resolve.model') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the resolve queue.`);
    if (!models.includes(job.data.model)) throw new UnrecoverableError(`Unknown model ${JSON.stringify(job.data.model)} (known: ${models.join(', ')}).`);
    return newService().resolve(job.data.model, { mode: job.data.mode });
  };
}
