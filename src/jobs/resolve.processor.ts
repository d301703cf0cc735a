/**
 * Thin processor of the resolve queue: one job runs one pipeline stage (src/services/pipeline.ts):
 * `address` keeps the standard address register and matches free-text addresses, each model
 * resolves source records into golden records, `relations` links golden records to the register,
 * and so on. An unknown stage fails without retry.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pipelineStage, stageNames } from '../services/pipeline';
import type { ResolveJobData } from './resolve-jobs';

export function resolveProcessor(newEm: () => EntityManager) {
  return async (job: Job<ResolveJobData>): Promise<unknown> => {
    if (job.name !== 'resolve.model') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the resolve queue.`);
    const stage = pipelineStage(job.data.model);
    if (!stage) throw new UnrecoverableError(`Unknown stage ${JSON.stringify(job.data.model)} (known: ${stageNames().join(', ')}).`);
    return stage.run(newEm(), { mode: job.data.mode });
  };
}
