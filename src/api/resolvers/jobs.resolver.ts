/**
 * Thin resolvers of background jobs (后台任务): start a sync, a resolve or a reconciliation report
 * on the worker queues and follow its state and progress. For stewards (roles `steward`, `admin`);
 * the requester recorded on the job is the viewer. Answers SERVICE_UNAVAILABLE when the server
 * runs without job queues.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';
import type { JobsService, JobView } from '../../services/jobs.service';
import { JobQueueEnum, JobType, RunMode } from '../types/job.type';
import { asUserErrors, requireStewardRole } from './steward.resolver';

function jobsOf(ctx: GraphQLContext): JobsService {
  if (ctx.jobs === undefined) throw new GraphQLError('This server has no job queues (start it with Redis: `gridhub serve` or `gridhub start`).', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return ctx.jobs;
}

const toJobType = (j: JobView): JobType => ({ ...j });

@Resolver(() => JobType)
export class JobsResolver {
  @Mutation(() => [JobType], { description: 'Sync streams of a connector now (启动数据同步): one job per stream; a stream with a waiting sync keeps it.' })
  async startSync(
    @Arg('connector', { description: 'Connector (数据来源), e.g. police.' }) connector: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('streams', () => [String], { nullable: true, description: 'Streams (数据流); default every stream of the connector.' }) streams?: string[],
    @Arg('mode', () => RunMode, { nullable: true, description: 'Incremental (default) or full (运行方式).' }) mode?: RunMode,
  ): Promise<JobType[]> {
    const user = requireStewardRole(ctx);
    return (await asUserErrors(() => jobsOf(ctx).startSync(connector, streams ?? undefined, mode ?? undefined, user))).map(toJobType);
  }

  @Mutation(() => [JobType], { description: 'Run pipeline stages (启动数据融合): one resolve job per stage (address, person, organisation, house, relations, …), debounced like after a sync.' })
  async startResolve(
    @Ctx() ctx: GraphQLContext,
    @Arg('stages', () => [String], { nullable: true, description: 'Pipeline stages (融合阶段); default all, in pipeline order.' }) stages?: string[],
    @Arg('mode', () => RunMode, { nullable: true, description: 'Incremental (default) or full rebuild (运行方式).' }) mode?: RunMode,
  ): Promise<JobType[]> {
    const user = requireStewardRole(ctx);
    return (await asUserErrors(() => jobsOf(ctx).startResolve(stages ?? undefined, mode ?? undefined, user))).map(toJobType);
  }

  @Mutation(() => JobType, { description: 'Compute and store a reconciliation report (启动对账); read it with `reconciliationReport` when the job completed.' })
  async startReconcile(@Ctx() ctx: GraphQLContext): Promise<JobType> {
    const user = requireStewardRole(ctx);
    return toJobType(await asUserErrors(() => jobsOf(ctx).startReconcile(user)));
  }

  @Query(() => JobType, { nullable: true, description: 'A job by queue and id, with its state and progress (任务进度); null when unknown or removed.' })
  async job(
    @Arg('queue', () => JobQueueEnum, { description: 'Queue (队列).' }) queue: string,
    @Arg('id', () => ID, { description: 'Job id (任务编号).' }) id: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<JobType | null> {
    requireStewardRole(ctx);
    const j = await asUserErrors(() => jobsOf(ctx).job(queue, id));
    return j === undefined ? null : toJobType(j);
  }

  @Query(() => [JobType], { description: 'Jobs of a queue in some states, newest first (任务列表); default waiting, delayed, prioritized and active.' })
  async jobs(
    @Arg('queue', () => JobQueueEnum, { description: 'Queue (队列).' }) queue: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('states', () => [String], { nullable: true, description: 'States (状态): waiting, delayed, prioritized, waiting-children, active, completed, failed.' }) states?: string[],
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Jobs to return (条数), 1–100.' }) first?: number,
  ): Promise<JobType[]> {
    requireStewardRole(ctx);
    const n = first ?? 20;
    if (!Number.isInteger(n) || n < 1 || n > 100) throw new GraphQLError(`first must be between 1 and 100 (got ${n}).`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    return (await asUserErrors(() => jobsOf(ctx).jobs(queue, states ?? undefined, n))).map(toJobType);
  }
}
