/**
 * Thin resolvers of stewardship (数据治理): the review queue with explanations and pair decisions,
 * manual merge and unmerge of golden records, the quarantine (list, summary, re-process), open
 * address texts (map onto the register or register as new), and the reconciliation report. Every
 * field is for stewards only (roles `steward` or `admin`, else FORBIDDEN); the steward named in
 * decisions and the audit trail is the viewer. The work is in the services.
 */
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../global-id';
import { pageRequest, PageArgs, toConnection, type Connection } from '../pagination';
import { AddressService } from '../../services/address.service';
import { ReconcileService, type ReconciliationReport } from '../../services/reconcile.service';
import { StewardError, StewardService } from '../../services/steward.service';
import { DEFAULT_CONNECTORS_DIR, StewardshipService } from '../../services/stewardship.service';
import { JobsError } from '../../services/jobs.service';
import type { ResolveSummary } from '../../services/resolve.service';
import {
  AddressDecisionResultType,
  MatchModelEnum,
  OpenAddressType,
  PairDecision,
  QuarantinedRecordConnection,
  QuarantinedRecordType,
  QuarantineSummaryRowType,
  ReconciliationReportType,
  ReprocessResultType,
  ReviewPairType,
  StewardDecisionResultType,
} from '../types/steward.type';

/** Roles that may act as stewards. */
export const STEWARD_ROLES: readonly string[] = ['steward', 'admin'];

/** The viewer's user name when they may act as a steward; FORBIDDEN otherwise. */
export function requireStewardRole(ctx: GraphQLContext): string {
  if (!ctx.viewer.roles.some((r) => STEWARD_ROLES.includes(r))) {
    throw new GraphQLError(`Stewardship needs the role steward or admin; ${ctx.viewer.user} has ${ctx.viewer.roles.length > 0 ? ctx.viewer.roles.join(', ') : 'no role'}.`, {
      extensions: { code: 'FORBIDDEN', requiredRoles: [...STEWARD_ROLES] },
    });
  }
  return ctx.viewer.user;
}

/** Runs a service call, turning refused requests (StewardError, JobsError, bad names) into coded GraphQL errors. */
export async function asUserErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof GraphQLError) throw e;
    if (e instanceof StewardError) throw new GraphQLError(e.message, { extensions: { code: 'BAD_USER_INPUT' } });
    if (e instanceof JobsError) throw new GraphQLError(e.message, { extensions: { code: e.code } });
    if (e instanceof Error && (e.name === 'ManifestError' || /^(connector|mapping) \S+ (has no stream|is for stream)/.test(e.message))) {
      throw new GraphQLError(e.message.split('\n')[0]!, { extensions: { code: 'BAD_USER_INPUT' } });
    }
    throw e;
  }
}

const GOLDEN_TYPE_OF_MODEL: Record<string, string> = { person: 'Person', organisation: 'Organisation', house: 'House' };

/** A golden id given as a global id of the model's type or as a plain database id. */
function goldenIdOf(value: string, model: string, argument: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const g = fromGlobalId(value);
  const type = GOLDEN_TYPE_OF_MODEL[model];
  if (g === null || g.type !== type || !/^\d+$/.test(g.id)) {
    throw new GraphQLError(`${JSON.stringify(value)} is not the id of a ${type ?? model} (give its global id or database id).`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return Number(g.id);
}

function addressIdOf(value: string, argument: string): number {
  if (/^\d+$/.test(value)) return Number(value);
  const g = fromGlobalId(value);
  if (g === null || g.type !== 'Address' || !/^\d+$/.test(g.id)) {
    throw new GraphQLError(`${JSON.stringify(value)} is not the id of an Address.`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
  return Number(g.id);
}

function reasonOf(reason: string): string {
  if (reason.trim() === '') throw new GraphQLError('A steward decision needs a reason (原因).', { extensions: { code: 'BAD_USER_INPUT', argument: 'reason' } });
  return reason.trim();
}

export function toReconciliationReportType(r: ReconciliationReport, stored?: { id: number; requestedBy: string | null }): ReconciliationReportType {
  return {
    id: stored?.id ?? null,
    requestedBy: stored?.requestedBy ?? null,
    generatedAt: new Date(r.generatedAt),
    streams: r.streams,
    conflicts: r.conflicts,
    coverage: r.coverage,
    totals: r.totals,
  };
}

@Resolver()
export class StewardResolver {
  private async decisionResult(ctx: GraphQLContext, summary: ResolveSummary, recordIds: number[]): Promise<StewardDecisionResultType> {
    const where = await ctx.service(StewardshipService).goldensOfRecords(recordIds);
    return {
      model: summary.model,
      runId: summary.runId,
      goldensCreated: summary.goldensCreated,
      goldensMerged: summary.goldensMerged,
      goldensSplit: summary.goldensSplit,
      goldensRetired: summary.goldensRetired,
      records: recordIds.map((id) => ({ sourceRecordId: id, goldenId: where.get(id)?.goldenId ?? null })),
    };
  }

  @Query(() => [ReviewPairType], { description: 'Undecided pairs of a model between the review and link thresholds, strongest first, with explanations (待审核队列).' })
  async reviewQueue(
    @Arg('model', () => MatchModelEnum, { description: 'Match model (匹配模型).' }) model: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Pairs to return (条数), 1–100.' }) first: number,
  ): Promise<ReviewPairType[]> {
    requireStewardRole(ctx);
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new GraphQLError(`first must be between 1 and 100 (got ${first}).`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    const items = await asUserErrors(() => ctx.service(StewardService).reviewQueue(model, first));
    return items.map((i) => ({
      a: i.a,
      b: i.b,
      weight: i.weight,
      probability: i.probability,
      modelVersion: i.modelVersion,
      records: i.records.map((r) => ({ id: r.id, source: r.source, stream: r.stream, recordKey: r.recordKey, canonical: r.canonical, goldenId: r.goldenId })),
      explanation: i.explanation,
    }));
  }

  @Mutation(() => StewardDecisionResultType, { description: 'Accept (same entity) or reject (different entities) a pair of source records (人工判定); applied at once, kept forever, audited.' })
  async decidePair(
    @Arg('a', () => Int, { description: 'A source record id (记录A).' }) a: number,
    @Arg('b', () => Int, { description: 'The other source record id (记录B).' }) b: number,
    @Arg('decision', () => PairDecision, { description: 'The decision (判定).' }) decision: PairDecision,
    @Arg('reason', { description: 'Why (原因), kept with the decision.' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StewardDecisionResultType> {
    const user = requireStewardRole(ctx);
    const why = reasonOf(reason);
    const summary = await asUserErrors(() => ctx.service(StewardService).decide(a, b, decision === PairDecision.ACCEPT ? 'accepted' : 'rejected', { user, reason: why }));
    return this.decisionResult(ctx, summary, [a, b]);
  }

  @Mutation(() => StewardDecisionResultType, { description: 'Merge two golden records that are one entity (人工合并); refused when they carry two different identifiers.' })
  async mergeGoldens(
    @Arg('model', () => MatchModelEnum, { description: 'Match model (匹配模型).' }) model: string,
    @Arg('survivor', () => ID, { description: 'Golden record to keep (保留主数据): global id or database id.' }) survivor: string,
    @Arg('other', () => ID, { description: 'Golden record merged into it (被合并主数据): global id or database id.' }) other: string,
    @Arg('reason', { description: 'Why (原因).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StewardDecisionResultType> {
    const user = requireStewardRole(ctx);
    const why = reasonOf(reason);
    const a = goldenIdOf(survivor, model, 'survivor');
    const b = goldenIdOf(other, model, 'other');
    const members = [...(await ctx.service(StewardshipService).membersOfGolden(model, a)), ...(await ctx.service(StewardshipService).membersOfGolden(model, b))];
    const summary = await asUserErrors(() => ctx.service(StewardService).merge(model, a, b, { user, reason: why }));
    return this.decisionResult(ctx, summary, members);
  }

  @Mutation(() => StewardDecisionResultType, { description: 'Take source records out of a golden record they do not belong to (撤销合并); they never link back.' })
  async unmergeGolden(
    @Arg('model', () => MatchModelEnum, { description: 'Match model (匹配模型).' }) model: string,
    @Arg('golden', () => ID, { description: 'The golden record (主数据): global id or database id.' }) golden: string,
    @Arg('sourceRecordIds', () => [Int], { description: 'Its source records that are another entity (移出的来源记录).' }) sourceRecordIds: number[],
    @Arg('reason', { description: 'Why (原因).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<StewardDecisionResultType> {
    const user = requireStewardRole(ctx);
    const why = reasonOf(reason);
    const id = goldenIdOf(golden, model, 'golden');
    const members = await ctx.service(StewardshipService).membersOfGolden(model, id);
    const summary = await asUserErrors(() => ctx.service(StewardService).unmerge(model, id, sourceRecordIds, { user, reason: why }));
    return this.decisionResult(ctx, summary, members);
  }

  @Query(() => QuarantinedRecordConnection, { description: 'Records held back by validation, oldest first, with their reasons (隔离记录).' })
  async quarantine(
    @Ctx() ctx: GraphQLContext,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('source', () => String, { nullable: true, description: 'Only this source (数据来源).' }) source?: string,
    @Arg('stream', () => String, { nullable: true, description: 'Only this stream (数据流).' }) stream?: string,
    @Arg('reason', () => String, { nullable: true, description: 'Only records with an issue of this rule code (隔离原因), e.g. CITIZEN_ID_CHECK_CHAR.' }) reason?: string,
    @Arg('field', () => String, { nullable: true, description: 'Only records with an issue on this field (字段).' }) field?: string,
  ): Promise<Connection<QuarantinedRecordType>> {
    requireStewardRole(ctx);
    const req = pageRequest(page);
    const afterId = req.after === undefined ? 0 : Number(req.after[0]);
    if (!Number.isSafeInteger(afterId)) throw new GraphQLError('Invalid cursor: pass a cursor from an edge of the quarantine connection.', { extensions: { code: 'BAD_USER_INPUT', argument: 'after' } });
    const filter = { source: source ?? undefined, stream: stream ?? undefined, rule: reason ?? undefined, field: field ?? undefined };
    const rows = await ctx.service(StewardshipService).quarantined(filter, req.first, afterId);
    return toConnection(QuarantinedRecordConnection, rows, (r) => ({ ...r }), req);
  }

  @Query(() => [QuarantineSummaryRowType], { description: 'Quarantined records per source, stream, field and rule (隔离汇总).' })
  async quarantineSummary(
    @Ctx() ctx: GraphQLContext,
    @Arg('source', () => String, { nullable: true, description: 'Only this source (数据来源).' }) source?: string,
    @Arg('stream', () => String, { nullable: true, description: 'Only this stream (数据流).' }) stream?: string,
  ): Promise<QuarantineSummaryRowType[]> {
    requireStewardRole(ctx);
    return ctx.service(StewardshipService).quarantineSummary({ source: source ?? undefined, stream: stream ?? undefined });
  }

  @Mutation(() => ReprocessResultType, { description: 'Re-map the stored quarantined records of a connector with its current mapping (重新处理隔离记录); nothing is fetched again.' })
  async reprocessQuarantine(
    @Arg('source', { description: 'Connector (数据来源).' }) source: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('streams', () => [String], { nullable: true, description: 'Streams (数据流); default every stream of the connector.' }) streams?: string[],
  ): Promise<ReprocessResultType> {
    requireStewardRole(ctx);
    return asUserErrors(() => ctx.service(StewardshipService).reprocess(ctx.jobs?.connectorsDir ?? DEFAULT_CONNECTORS_DIR, source, streams ?? undefined));
  }

  @Query(() => [OpenAddressType], { description: 'Free-text addresses not matched onto the register, most frequent first (待处理地址).' })
  async openAddresses(
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20, description: 'Texts to return (条数), 1–100.' }) first: number,
  ): Promise<OpenAddressType[]> {
    requireStewardRole(ctx);
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new GraphQLError(`first must be between 1 and 100 (got ${first}).`, { extensions: { code: 'BAD_USER_INPUT', argument: 'first' } });
    return ctx.service(AddressService).openTexts(first);
  }

  @Mutation(() => AddressDecisionResultType, { description: 'The text means this registered standard address (地址映射); audited and kept.' })
  async mapAddress(
    @Arg('text', { description: 'The open address text (地址文本).' }) text: string,
    @Arg('addressId', () => ID, { description: 'The standard address (标准地址): global id or database id.' }) addressId: string,
    @Arg('reason', { description: 'Why (原因).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
  ): Promise<AddressDecisionResultType> {
    const user = requireStewardRole(ctx);
    const why = reasonOf(reason);
    const id = addressIdOf(addressId, 'addressId');
    return asUserErrors(() => ctx.service(AddressService).map(text, id, { user, reason: why }));
  }

  @Mutation(() => AddressDecisionResultType, { description: 'Register the text as a new standard address under its deepest known ancestor (新增标准地址); audited.' })
  async registerAddress(
    @Arg('text', { description: 'The open address text (地址文本).' }) text: string,
    @Arg('reason', { description: 'Why (原因).' }) reason: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('parentId', () => ID, { nullable: true, description: 'Register under this address (上级地址) instead of the deepest known ancestor.' }) parentId?: string,
  ): Promise<AddressDecisionResultType> {
    const user = requireStewardRole(ctx);
    const why = reasonOf(reason);
    const parent = parentId === undefined || parentId === null ? undefined : addressIdOf(parentId, 'parentId');
    return asUserErrors(() => ctx.service(AddressService).register(text, { user, reason: why }, parent));
  }

  @Query(() => ReconciliationReportType, { nullable: true, description: 'The reconciliation report (对账报告): the newest stored one (latest: true, default; null when none yet), or computed now (latest: false).' })
  async reconciliationReport(
    @Ctx() ctx: GraphQLContext,
    @Arg('latest', () => Boolean, { nullable: true, defaultValue: true, description: 'The newest stored report (最新报告) instead of computing one now.' }) latest: boolean,
  ): Promise<ReconciliationReportType | null> {
    requireStewardRole(ctx);
    const service = ctx.service(ReconcileService);
    if (latest === false) return toReconciliationReportType(await service.report());
    const stored = await service.latest();
    return stored === undefined ? null : toReconciliationReportType(stored.report, stored);
  }
}
