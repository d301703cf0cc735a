/** GraphQL types of background jobs (后台任务): sync, resolve and reconcile runs on the BullMQ queues. */
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { QUEUES } from '../../jobs/queues';

export const JobQueueEnum = Object.fromEntries(Object.values(QUEUES).map((q) => [q, q])) as Record<string, string>;
registerEnumType(JobQueueEnum, {
  name: 'JobQueue',
  description: 'A job queue (任务队列).',
  valuesConfig: {
    sync: { description: 'Pulling department feeds (数据同步)' },
    resolve: { description: 'Pipeline stages: addresses, golden records, relations (数据融合)' },
    reconcile: { description: 'Reconciliation reports (对账)' },
    maintenance: { description: 'Database maintenance (维护)' },
    events: { description: 'Event colours and escalation (事件预警)' },
  },
});

export enum RunMode {
  incremental = 'incremental',
  full = 'full',
}
registerEnumType(RunMode, {
  name: 'RunMode',
  description: 'Incremental (from the checkpoint / changed records) or full (重跑) run (运行方式).',
  valuesConfig: { incremental: { description: '增量' }, full: { description: '全量' } },
});

@ObjectType('Job', { simpleResolvers: true, description: 'A background job (后台任务) and its progress.' })
export class JobType {
  @Field(() => ID, { description: 'Job id within its queue (任务编号).' })
  id!: string;

  @Field(() => JobQueueEnum, { description: 'Queue (队列).' })
  queue!: string;

  @Field({ description: 'Job name (任务名称), e.g. sync.stream, resolve.model, reconcile.report.' })
  name!: string;

  @Field({ description: 'State (状态): waiting, delayed, prioritized, waiting-children, active, completed, failed, unknown.' })
  state!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Payload (任务参数).' })
  data?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Progress reported by the job (进度), e.g. pages and records fetched so far.' })
  progress?: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Result when completed (结果), e.g. counts or the stored report id.' })
  result?: unknown;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (失败原因).' })
  failedReason?: string | null;

  @Field(() => Int, { description: 'Attempts made so far (已尝试次数).' })
  attemptsMade!: number;

  @Field({ description: 'When it was queued (创建时间).' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When a worker started it (开始时间).' })
  startedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it completed or failed (结束时间).' })
  finishedAt?: Date | null;
}
