/**
 * Thin processor of the resolve queue: `address` keeps the standard address register and matches
 * free-text addresses (AddressService); any other model resolves source records into golden
 * records (ResolveService). An unknown model fails without retry.
 */
import { type Job, UnrecoverableError } from 'bullmq';
import type { AddressResolveSummary, AddressService } from '../services/address.service';
import type { RelationCounts } from '../db/repositories/address.repository';
import type { ResolveService, ResolveSummary } from '../services/resolve.service';
import type { ResolveJobData } from './resolve-jobs';

export const ADDRESS_MODEL = 'address';
/** Golden records onto the register (addresses by role, grids): queued after the models. */
export const RELATIONS_MODEL = 'relations';

export function resolveProcessor(newService: () => ResolveService, newAddressService: () => AddressService, models: readonly string[]) {
  return async (job: Job<ResolveJobData>): Promise<ResolveSummary | AddressResolveSummary | RelationCounts> => {
    if (job.name !== 'resolve.model') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the resolve queue.`);
    if (job.data.model === ADDRESS_MODEL) return newAddressService().resolve();
    if (job.data.model === RELATIONS_MODEL) return newAddressService().linkGoldens();
    if (!models.includes(job.data.model)) throw new UnrecoverableError(`Unknown model ${JSON.stringify(job.data.model)} (known: ${[ADDRESS_MODEL, ...models, RELATIONS_MODEL].join(', ')}).`);
    return newService().resolve(job.data.model, { mode: job.data.mode });
  };
}
