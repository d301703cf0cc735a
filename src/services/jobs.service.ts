/**
 * Use case "start work and watch it" (任务): enqueue syncs, resolves and reconciliation reports on
 * the BullMQ queues the workers serve, and read a job's state and progress back. One instance per
 * server (its queues are made on first use and closed by `close()`); the Redis connection belongs
 * to the caller. Requests are checked before anything is queued: an unknown connector, stream or
 * stage is refused with the known names.
 */
import { join } from 'node:path';
import type { Job, Queue as QueueType, ConnectionOptions } from 'bullmq';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadManifest } from '../ingest';
import { QUEUES, type QueueName } from '../jobs/queues';
import { enqueueResolve } from '../jobs/resolve-jobs';
import { enqueueSync } from '../jobs/sync-jobs';
import { enqueueReconcile } from '../jobs/reconcile-jobs';
import { stageNames } from './pipeline';

export class JobsError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_USER_INPUT' | 'NOT_FOUND' = 'BAD_USER_INPUT',
  ) {
    super(message);
    this.name = 'JobsError';
  }
}

/** States a job can be in (BullMQ's). */
export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'] as const;
export type JobStateName = (typeof JOB_STATES)[number] | 'unknown';

/** A job as the API shows it. */
export interface JobView {
  id: string;
  queue: string;
  name: string;
  state: JobStateName;
  data: unknown;
  progress: unknown;
  result: unknown;
  failedReason: string | null;
  attemptsMade: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface JobsServiceOptions {
  /** ioredis connection (or options) the queues use; owned by the caller. */
  connection: Redis | ConnectionOptions;
  /** BullMQ key prefix (GRIDHUB_QUEUE_PREFIX). */
  prefix: string;
  /** Where connectors/<name>/manifest.json live (to check connector and stream names). */
  connectorsDir: string;
  /** Debounce of resolve jobs (default: the queue's, RESOLVE_DEBOUNCE_MS). */
  resolveDebounceMs?: number;
}

const QUEUE_NAMES = Object.values(QUEUES) as QueueName[];

export class JobsService {
  private readonly queues = new Map<QueueName, QueueType>();

  constructor(private readonly opts: JobsServiceOptions) {}

  get connectorsDir(): string {
    return this.opts.connectorsDir;
  }

  private queue(name: string): QueueType {
    if (!QUEUE_NAMES.includes(name as QueueName)) throw new JobsError(`no queue "${name}" (known: ${QUEUE_NAMES.join(', ')})`);
    let q = this.queues.get(name as QueueName);
    if (q === undefined) {
      q = new Queue(name, { connection: this.opts.connection, prefix: this.opts.prefix });
      this.queues.set(name as QueueName, q);
    }
    return q;
  }

  /** Streams of a connector (all when `streams` is empty); unknown names are refused. */
  private streamsOf(connector: string, streams?: readonly string[]): string[] {
    let known: string[];
    try {
      known = loadManifest(join(this.opts.connectorsDir, connector)).manifest.streams.map((s) => s.name);
    } catch (e) {
      throw new JobsError(`no connector "${connector}" in ${this.opts.connectorsDir} (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
    }
    const unknown = (streams ?? []).filter((s) => !known.includes(s));
    if (unknown.length > 0) throw new JobsError(`connector ${connector} has no stream ${unknown.join(', ')} (it has ${known.join(', ')})`);
    return streams !== undefined && streams.length > 0 ? [...new Set(streams)] : known;
  }

  /** One sync job per stream (a stream with a waiting sync gets no second one: its job is returned). */
  async startSync(connector: string, streams: readonly string[] | undefined, mode: 'incremental' | 'full' | undefined, requestedBy: string): Promise<JobView[]> {
    const names = this.streamsOf(connector, streams);
    const jobs = await enqueueSync(this.queue(QUEUES.sync), names.map((stream) => ({ connector, stream, mode, requestedBy })));
    return Promise.all(jobs.map((j) => this.view(j)));
  }

  /** One resolve job per pipeline stage (all stages when empty), debounced like the workers' own. */
  async startResolve(stages: readonly string[] | undefined, mode: 'incremental' | 'full' | undefined, requestedBy: string): Promise<JobView[]> {
    const known = stageNames();
    const unknown = (stages ?? []).filter((s) => !known.includes(s));
    if (unknown.length > 0) throw new JobsError(`no pipeline stage ${unknown.join(', ')} (known: ${known.join(', ')})`);
    const chosen = stages !== undefined && stages.length > 0 ? known.filter((s) => stages.includes(s)) : known;
    const jobs = await enqueueResolve(this.queue(QUEUES.resolve), chosen.map((model) => ({ model, mode, requestedBy })), this.opts.resolveDebounceMs);
    return Promise.all(jobs.map((j) => this.view(j)));
  }

  /** A reconciliation report job; the report is stored when it completes (its id is the job's result). */
  async startReconcile(requestedBy: string): Promise<JobView> {
    const job = await enqueueReconcile(this.queue(QUEUES.reconcile), { requestedBy });
    return this.view(job);
  }

  async job(queue: string, id: string): Promise<JobView | undefined> {
    const job = await this.queue(queue).getJob(id);
    return job === undefined || job === null ? undefined : this.view(job);
  }

  /** Jobs of a queue in the given states (default: waiting, delayed, active), newest first. */
  async jobs(queue: string, states: readonly string[] | undefined, limit: number): Promise<JobView[]> {
    const bad = (states ?? []).filter((s) => !(JOB_STATES as readonly string[]).includes(s));
    if (bad.length > 0) throw new JobsError(`unknown job state ${bad.join(', ')} (known: ${JOB_STATES.join(', ')})`);
    const types = states !== undefined && states.length > 0 ? [...states] : ['waiting', 'delayed', 'prioritized', 'active'];
    const jobs = await this.queue(queue).getJobs(types as Parameters<QueueType['getJobs']>[0], 0, Math.max(0, limit - 1), false);
    return Promise.all(jobs.filter((j): j is Job => j !== undefined && j !== null).map((j) => this.view(j as Job)));
  }

  private async view(job: Job): Promise<JobView> {
    const state = (await job.getState()) as JobStateName;
    return {
      id: String(job.id),
      queue: job.queueName,
      name: job.name,
      state: (JOB_STATES as readonly string[]).includes(state) ? state : 'unknown',
      data: job.data,
      progress: job.progress,
      result: job.returnvalue ?? null,
      failedReason: job.failedReason || null,
      attemptsMade: job.attemptsMade,
      createdAt: new Date(job.timestamp),
      startedAt: job.processedOn ? new Date(job.processedOn) : null,
      finishedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
  }
}
