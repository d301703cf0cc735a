/** Thin processor of the events queue: the escalation tick of event colours (三色预警); bad input fails without retry. */
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from '@mikro-orm/postgresql';
import { EventService } from '../services/event.service';
import type { JobPayloads } from './queues';

export function eventColoursProcessor(newEm: () => EntityManager) {
  return async (job: Job<JobPayloads['events.recolour']>): Promise<{ changed: number; yellow: number; red: number }> => {
    if (job.name !== 'events.recolour') throw new UnrecoverableError(`Unknown job ${JSON.stringify(job.name)} on the events queue.`);
    const at = job.data.at === undefined ? new Date() : new Date(job.data.at);
    if (Number.isNaN(at.getTime())) throw new UnrecoverableError(`events.recolour: "at" must be an ISO date-time (got ${JSON.stringify(job.data.at)}).`);
    const changes = await new EventService(newEm()).recolour(at);
    return { changed: changes.length, yellow: changes.filter((c) => c.toColour === 'yellow').length, red: changes.filter((c) => c.toColour === 'red').length };
  };
}
