/** SQL for job runs: open one, finish it with counts or an error. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobRun } from '../entities';

export class JobRunRepository {
  constructor(private readonly em: EntityManager) {}

  async start(kind: string, params: Record<string, unknown>, queue?: { name: string; jobId?: string }): Promise<JobRun> {
    const run = this.em.create(JobRun, {
      kind,
      params,
      status: 'running',
      startedAt: new Date(),
      queue: queue?.name,
      queueJobId: queue?.jobId,
    });
    await this.em.flush();
    return run;
  }

  async finish(run: JobRun, outcome: { counts?: Record<string, number>; error?: string }): Promise<void> {
    run.status = outcome.error ? 'failed' : 'succeeded';
    run.finishedAt = new Date();
    if (outcome.counts) run.counts = outcome.counts;
    if (outcome.error) run.error = outcome.error;
    await this.em.flush();
  }
}
