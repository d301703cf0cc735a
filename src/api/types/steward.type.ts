/**
 * GraphQL types of stewardship (数据治理): the review queue with explanations, decision results,
 * quarantined records and their summary, re-processing, open address texts, and the
 * reconciliation report (对账报告).
 */
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { RESOLVE_TARGETS } from '../../services/resolve-targets';
import { connectionType } from '../pagination';
import { ComparisonWeightType } from './lineage.type';

const MODEL_LABELS: Record<string, string> = { person: '人员', organisation: '单位', house: '房屋' };

export const MatchModelEnum = Object.fromEntries(Object.keys(RESOLVE_TARGETS).map((k) => [k, k])) as Record<string, string>;
registerEnumType(MatchModelEnum, {
  name: 'MatchModel',
  description: 'A match model that resolves source records into golden records (匹配模型).',
  valuesConfig: Object.fromEntries(Object.keys(RESOLVE_TARGETS).map((k) => [k, { description: MODEL_LABELS[k] ?? k }])),
});

export enum PairDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}
registerEnumType(PairDecision, {
  name: 'PairDecision',
  description: "A steward's decision on a pair of source records (人工判定).",
  valuesConfig: { ACCEPT: { description: 'Same entity (确认同一)' }, REJECT: { description: 'Different entities (确认不同)' } },
});

@ObjectType('ReviewRecord', { simpleResolvers: true, description: 'One source record of a review pair (待审记录).' })
export class ReviewRecordType {
  @Field(() => Int, { description: 'Source record id (来源记录编号).' })
  id!: number;

  @Field({ description: 'Source (数据来源).' })
  source!: string;

  @Field({ description: 'Stream (数据流).' })
  stream!: string;

  @Field({ description: "The department's record key (来源主键)." })
  recordKey!: string;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Canonical projection (标准化记录).' })
  canonical?: Record<string, unknown> | null;

  @Field(() => Int, { nullable: true, description: 'Golden record the source record belongs to now (当前主数据编号).' })
  goldenId?: number | null;
}

@ObjectType('ReviewPair', { simpleResolvers: true, description: 'A pair of source records the matcher was unsure about (待人工审核的记录对), with its explanation.' })
export class ReviewPairType {
  @Field(() => Int, { description: 'Smaller source record id of the pair (记录A).' })
  a!: number;

  @Field(() => Int, { description: 'Larger source record id of the pair (记录B).' })
  b!: number;

  @Field(() => Float, { description: 'Match weight (匹配权重), the sum of the comparison weights and the prior.' })
  weight!: number;

  @Field(() => Float, { description: 'Match probability (匹配概率) from the weight.' })
  probability!: number;

  @Field(() => Int, { nullable: true, description: 'Version of the model that scored the pair (模型版本).' })
  modelVersion?: number | null;

  @Field(() => [ReviewRecordType], { description: 'The two records (记录).' })
  records!: ReviewRecordType[];

  @Field(() => [ComparisonWeightType], { description: 'Per comparison: level reached and weight (比对明细).' })
  explanation!: ComparisonWeightType[];
}

@ObjectType('RecordGolden', { simpleResolvers: true, description: 'The golden record a source record belongs to (记录归属).' })
export class RecordGoldenType {
  @Field(() => Int, { description: 'Source record id (来源记录编号).' })
  sourceRecordId!: number;

  @Field(() => Int, { nullable: true, description: 'Golden record id (主数据编号); null when not resolved.' })
  goldenId?: number | null;
}

@ObjectType('StewardDecisionResult', { simpleResolvers: true, description: 'What a steward decision changed (人工判定结果): the incremental resolve it ran.' })
export class StewardDecisionResultType {
  @Field({ description: 'Model resolved (匹配模型).' })
  model!: string;

  @Field(() => Int, { nullable: true, description: 'Resolve run (job_run) that applied the decision (批次).' })
  runId?: number | null;

  @Field(() => Int, { description: 'Golden records created (新建主数据数).' })
  goldensCreated!: number;

  @Field(() => Int, { description: 'Golden records merged into others (合并数).' })
  goldensMerged!: number;

  @Field(() => Int, { description: 'Golden records split (拆分数).' })
  goldensSplit!: number;

  @Field(() => Int, { description: 'Golden records retired (注销数).' })
  goldensRetired!: number;

  @Field(() => [RecordGoldenType], { description: 'Where the records the decision named belong now (判定后归属).' })
  records!: RecordGoldenType[];
}

@ObjectType('ValidationIssue', { simpleResolvers: true, description: 'Why a record was held back (校验问题): field, rule, value and message.' })
export class ValidationIssueType {
  @Field({ description: 'Canonical field (字段); empty when the check is not bound to a field.' })
  field!: string;

  @Field({ description: 'Stable rule code (规则编码), e.g. CITIZEN_ID_CHECK_CHAR.' })
  rule!: string;

  @Field({ description: 'The offending input as received (原值).' })
  value!: string;

  @Field({ description: 'What was wrong (说明).' })
  message!: string;

  @Field({ description: 'error (blocks) or warning (严重程度).' })
  severity!: string;
}

@ObjectType('QuarantinedRecord', { simpleResolvers: true, description: 'A source record held back by validation (隔离记录), with its reasons.' })
export class QuarantinedRecordType {
  @Field(() => Int, { description: 'Source record id (来源记录编号).' })
  id!: number;

  @Field({ description: 'Source (数据来源).' })
  source!: string;

  @Field({ description: 'Stream (数据流).' })
  stream!: string;

  @Field({ description: "The department's record key (来源主键)." })
  recordKey!: string;

  @Field({ description: 'Entity type the record describes (实体类型).' })
  entityType!: string;

  @Field(() => [ValidationIssueType], { description: 'Reasons (隔离原因).' })
  issues!: ValidationIssueType[];

  @Field({ description: 'When it was fetched (抓取时间).' })
  fetchedAt!: Date;

  @Field(() => Int, { description: 'Revision of the record (版本).' })
  revision!: number;
}

export const QuarantinedRecordConnection = connectionType(QuarantinedRecordType, 'QuarantinedRecord', 'quarantined record (隔离记录)');

@ObjectType('QuarantineSummaryRow', { simpleResolvers: true, description: 'Quarantined records per source, stream, field and rule (隔离汇总).' })
export class QuarantineSummaryRowType {
  @Field({ description: 'Source (数据来源).' })
  source!: string;

  @Field({ description: 'Stream (数据流).' })
  stream!: string;

  @Field({ description: 'Field (字段); empty for record-level rules.' })
  field!: string;

  @Field({ description: 'Rule code (规则编码).' })
  rule!: string;

  @Field(() => Int, { description: 'Records (记录数); a record with two issues counts under both.' })
  records!: number;
}

@ObjectType('ReprocessResult', { simpleResolvers: true, description: 'Outcome of re-processing quarantined records (重新处理结果).' })
export class ReprocessResultType {
  @Field(() => Int, { description: 'Records re-mapped (处理数).' })
  examined!: number;

  @Field(() => Int, { description: 'Records whose outcome changed and were rewritten (改写数).' })
  rewritten!: number;

  @Field(() => Int, { description: 'Quarantined records now valid (释放数).' })
  released!: number;

  @Field(() => Int, { description: 'Quarantined records that still fail (仍隔离数).' })
  stillQuarantined!: number;

  @Field(() => Int, { description: 'Valid records the current mapping rejects (新隔离数).' })
  newlyQuarantined!: number;

  @Field(() => Int, { description: 'The run (job_run) (批次).' })
  runId!: number;
}

@ObjectType('OpenAddress', { simpleResolvers: true, description: 'A free-text address not matched onto the register (待处理地址), by frequency.' })
export class OpenAddressType {
  @Field({ description: 'The address text (地址文本).' })
  text!: string;

  @Field(() => Int, { description: 'Records carrying it (记录数).' })
  records!: number;

  @Field({ description: 'Match outcome (匹配结果): candidate or partial.' })
  kind!: string;

  @Field(() => Int, { nullable: true, description: 'Deepest registered ancestor (最深已登记上级地址编号).' })
  deepestKnownId?: number | null;

  @Field(() => String, { nullable: true, description: 'Its full text (上级地址).' })
  deepestKnownText?: string | null;

  @Field(() => String, { nullable: true, description: 'Why it did not match (原因).' })
  reason?: string | null;
}

@ObjectType('AddressDecisionResult', { simpleResolvers: true, description: "Outcome of a steward's address decision (地址处理结果)." })
export class AddressDecisionResultType {
  @Field(() => Int, { description: 'The standard address the text now means (标准地址编号).' })
  addressId!: number;

  @Field(() => Int, { description: 'Address matches updated (更新记录数).' })
  rows!: number;
}

@ObjectType('QuarantineReasonCount', { simpleResolvers: true, description: 'Quarantined records of a stream by reason (隔离原因统计).' })
export class QuarantineReasonCountType {
  @Field({ description: 'Field (字段).' })
  field!: string;

  @Field({ description: 'Rule code (规则编码).' })
  rule!: string;

  @Field(() => Int, { description: 'Records (记录数).' })
  records!: number;
}

@ObjectType('StreamConflictCount', { simpleResolvers: true, description: "Golden records where a stream's value is contradicted by another feed (来源冲突数)." })
export class StreamConflictCountType {
  @Field({ description: 'Entity type (实体类型).' })
  entityType!: string;

  @Field({ description: 'Attribute (属性).' })
  attribute!: string;

  @Field(() => Int, { description: 'Golden records (主数据数).' })
  goldens!: number;
}

@ObjectType('StreamReconciliation', { simpleResolvers: true, description: 'Reconciliation of one source stream (数据流对账).' })
export class StreamReconciliationType {
  @Field({ description: 'Source (数据来源).' })
  source!: string;

  @Field({ description: 'Stream (数据流).' })
  stream!: string;

  @Field(() => [String], { description: 'Entity types of its records (实体类型).' })
  entityTypes!: string[];

  @Field(() => Int, { description: 'Records fetched and kept (抓取数) = valid + quarantined + tombstoned.' })
  fetched!: number;

  @Field(() => Int, { description: 'Valid records (有效数).' })
  valid!: number;

  @Field(() => Int, { description: 'Quarantined records (隔离数).' })
  quarantined!: number;

  @Field(() => Int, { description: 'Tombstones (删除标记数).' })
  tombstoned!: number;

  @Field(() => [QuarantineReasonCountType], { description: 'Quarantined records by reason (隔离原因).' })
  quarantineReasons!: QuarantineReasonCountType[];

  @Field(() => Int, { description: 'Valid records linked to a golden record (已关联数) = linkedExisting + linkedNew.' })
  linked!: number;

  @Field(() => Int, { description: 'Linked to a golden record another feed describes too (关联已有).' })
  linkedExisting!: number;

  @Field(() => Int, { description: 'Linked to a golden record only this feed describes (新建).' })
  linkedNew!: number;

  @Field(() => Int, { description: 'Valid records without a golden record (未关联数): events, inspections, or not resolved yet.' })
  unlinked!: number;

  @Field(() => [StreamConflictCountType], { description: 'Attributes where this stream disagrees with another feed (属性冲突).' })
  conflicts!: StreamConflictCountType[];
}

@ObjectType('ConflictValue', { simpleResolvers: true, description: 'One value of a conflicting attribute (冲突取值).' })
export class ConflictValueType {
  @Field({ description: 'Source (数据来源).' })
  source!: string;

  @Field({ description: 'Stream (数据流).' })
  stream!: string;

  @Field(() => Int, { description: 'Source record id (来源记录编号).' })
  sourceRecordId!: number;

  @Field({ description: 'Value (取值).' })
  value!: string;
}

@ObjectType('ConflictExample', { simpleResolvers: true, description: 'A golden record whose sources disagree (冲突示例).' })
export class ConflictExampleType {
  @Field(() => Int, { description: 'Golden record id (主数据编号).' })
  goldenId!: number;

  @Field(() => [ConflictValueType], { description: 'The values per source record (各来源取值).' })
  values!: ConflictValueType[];
}

@ObjectType('AttributeConflict', { simpleResolvers: true, description: 'Golden records whose source records from different feeds disagree on an attribute (属性冲突).' })
export class AttributeConflictType {
  @Field({ description: 'Entity type (实体类型).' })
  entityType!: string;

  @Field({ description: 'Attribute (属性).' })
  attribute!: string;

  @Field(() => Int, { description: 'Golden records in conflict (冲突主数据数).' })
  goldens!: number;

  @Field(() => [ConflictExampleType], { description: 'A few of them (示例).' })
  examples!: ConflictExampleType[];
}

@ObjectType('Coverage', { simpleResolvers: true, description: 'Coverage gaps of the master data (覆盖率缺口).' })
export class CoverageType {
  @Field(() => Int, { description: 'Golden persons (人员总数).' })
  persons!: number;

  @Field(() => Int, { description: 'Persons without any current address (无地址人员).' })
  personsWithoutAddress!: number;

  @Field(() => Int, { description: 'Persons without a grid (无网格人员).' })
  personsWithoutGrid!: number;

  @Field(() => Int, { description: 'Current standard addresses (标准地址总数).' })
  addresses!: number;

  @Field(() => Int, { description: 'Standard addresses without a grid (无网格地址).' })
  addressesWithoutGrid!: number;

  @Field(() => Int, { description: 'Golden organisations (单位总数).' })
  organisations!: number;

  @Field(() => Int, { description: 'Organisations without an address (无地址单位).' })
  organisationsWithoutAddress!: number;

  @Field(() => Int, { description: 'Golden houses (房屋总数).' })
  houses!: number;

  @Field(() => Int, { description: 'Houses without an address (无地址房屋).' })
  housesWithoutAddress!: number;
}

@ObjectType('ReconciliationTotals', { simpleResolvers: true, description: 'Totals over every stream (对账合计).' })
export class ReconciliationTotalsType {
  @Field(() => Int, { description: 'Fetched (抓取数).' })
  fetched!: number;

  @Field(() => Int, { description: 'Valid (有效数).' })
  valid!: number;

  @Field(() => Int, { description: 'Quarantined (隔离数).' })
  quarantined!: number;

  @Field(() => Int, { description: 'Tombstoned (删除标记数).' })
  tombstoned!: number;

  @Field(() => Int, { description: 'Linked (已关联数).' })
  linked!: number;

  @Field(() => Int, { description: 'Linked to a golden record shared with another feed (关联已有).' })
  linkedExisting!: number;

  @Field(() => Int, { description: 'Linked to a golden record of one feed only (新建).' })
  linkedNew!: number;
}

@ObjectType('ReconciliationReport', { simpleResolvers: true, description: 'The reconciliation report (对账报告): per source stream counts, conflicts between sources, coverage.' })
export class ReconciliationReportType {
  @Field(() => Int, { nullable: true, description: 'Stored report id (报告编号); null for a report computed on request.' })
  id?: number | null;

  @Field({ description: 'When it was computed (生成时间).' })
  generatedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Who asked for it (请求人).' })
  requestedBy?: string | null;

  @Field(() => [StreamReconciliationType], { description: 'Per source stream (各数据流).' })
  streams!: StreamReconciliationType[];

  @Field(() => [AttributeConflictType], { description: 'Conflicting attributes between sources (属性冲突).' })
  conflicts!: AttributeConflictType[];

  @Field(() => CoverageType, { description: 'Coverage gaps (覆盖率).' })
  coverage!: CoverageType;

  @Field(() => ReconciliationTotalsType, { description: 'Totals (合计).' })
  totals!: ReconciliationTotalsType;
}
