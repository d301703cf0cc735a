/**
 * SQL for job runs: open one, finish it with counts or an error, and close the runs a killed
 * process left `running` (so the run list never shows a sync as running forever).
 */
import { hostname } from 'node:os';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobRun } from '../entities';

/** Who executes a run: lets a later process tell whether a `running` row is still alive. */
export interface RunOwner {
  host: string;
  pid: number;
}

export const thisProcess = (): RunOwner => ({ host: hostname(), pid: process.pid });

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class JobRunRepository {
  constructor(private readonly em: EntityManager) {}

  async start(kind: string, params: Record<string, unknown>, queue?: { name: string; jobId?: string }): Promise<JobRun> {
    const owner = thisProcess();
    if (queue?.jobId !== undefined) {
      // A retried queue job (stalled after its worker died, or failed and retried): its earlier attempts are over.
      await this.em.getConnection().execute(
        `update job_run set status = 'failed', finished_at = now(), updated_at = now(),
           error = 'interrupted: the attempt did not finish (worker stopped or crashed); the job was retried'
         where status = 'running' and queue = ? and queue_job_id = ?`,
        [queue.name, queue.jobId],
      );
    }
    const run = this.em.create(JobRun, {
      kind,
      params: { ...params, owner },
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

  /**
   * Marks `running` runs as failed when their process is gone: on this host, when the recorded
   * pid no longer exists; for queue runs anywhere, when `queueJobActive(queue, jobId)` says the
   * queue no longer has that job active. Returns the ids closed.
   */
  async failInterrupted(queueJobActive?: (queue: string, jobId: string) => Promise<boolean>): Promise<number[]> {
    const rows = await this.em.getConnection().execute<Array<{ id: string; queue: string | null; queue_job_id: string | null; owner: RunOwner | null }>>(
      `select id, queue, queue_job_id, params->'owner' as owner from job_run where status = 'running'`,
    );
    const me = thisProcess();
    const dead: number[] = [];
    for (const r of rows) {
      const o = r.owner;
      if (o !== null && o.host === me.host) {
        if (o.pid !== me.pid && !processAlive(o.pid)) dead.push(Number(r.id));
      } else if (r.queue !== null && r.queue_job_id !== null && queueJobActive !== undefined) {
        if (!(await queueJobActive(r.queue, r.queue_job_id))) dead.push(Number(r.id));
      }
    }
    if (dead.length > 0) {
      await this.em.getConnection().execute(
        `update job_run set status = 'failed', finished_at = now(), updated_at = now(),
           error = 'interrupted: the process running it stopped before it finished'
         where status = 'running' and id in (${dead.map(() => '?').join(', ')})`,
        dead,
      );
    }
    return dead;
  }
}
