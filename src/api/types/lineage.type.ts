/** GraphQL types of lineage and explanations (数据血缘): source records, links, provenance, history. */
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { GoldenChangeKind, LinkDecider } from '../../domain/vocabulary';
import { graphqlEnum } from '../graphql-enum';

export const GoldenChangeKindEnum = graphqlEnum('GoldenChangeKind', 'What happened to a golden identity (主数据变更类型).', GoldenChangeKind);
export const LinkDeciderEnum = graphqlEnum('LinkDecider', 'Who decided a link or lineage change (判定方式): the matcher, a rule, or a steward.', LinkDecider);

@ObjectType('ComparisonWeight', { simpleResolvers: true, description: 'One comparison of a match explanation (比对项权重): the level the pair reached and its match weight.' })
export class ComparisonWeightType {
  @Field({ description: 'Comparison name (比对项), e.g. name, birthDate, citizenId.' })
  comparison!: string;

  @Field({ description: 'Level reached (比对级别), e.g. exact, "jaro-winkler >= 0.92", null, else.' })
  level!: string;

  @Field(() => Float, { description: 'Match weight of the level (权重), log2 Bayes factor: positive for agreement, negative for disagreement.' })
  weight!: number;
}

@ObjectType('SourceLink', { simpleResolvers: true, description: 'Why a source record belongs to its golden record (关联依据): score, rule, per-comparison weights, decider.' })
export class SourceLinkType {
  @Field(() => Float, { nullable: true, description: 'Match weight of the link (匹配得分); null for rule links and singletons.' })
  score?: number | null;

  @Field({ description: 'Model or rule that produced the link (关联规则), e.g. person@3, register:code.' })
  rule!: string;

  @Field(() => LinkDeciderEnum, { description: 'Who decided (判定方式).' })
  decidedBy!: string;

  @Field(() => String, { nullable: true, description: 'Steward user when a steward decided (判定人).' })
  decidedByUser?: string | null;

  @Field({ description: 'When the link was made (关联时间).' })
  decidedAt!: Date;

  @Field(() => [ComparisonWeightType], { description: 'Per-comparison levels and weights of the best pair that linked the record (比对明细).' })
  weights!: ComparisonWeightType[];
}

@ObjectType('SourceRecordRef', { simpleResolvers: true, description: 'A department source record behind a golden record (来源记录).' })
export class SourceRecordRefType {
  @Field(() => Int, { description: 'Source record id (来源记录编号), as stewards use it.' })
  id!: number;

  @Field({ description: 'Connector or import source (数据来源), e.g. police.' })
  source!: string;

  @Field({ description: 'Stream of the source (数据流), e.g. rk.' })
  stream!: string;

  @Field({ description: "The department's record key (来源主键)." })
  recordKey!: string;

  @Field({ description: 'Validation status (记录状态): valid, quarantined, tombstoned.' })
  status!: string;

  @Field({ description: 'When the record was last fetched (抓取时间).' })
  fetchedAt!: Date;

  @Field({ description: 'When the stored record last changed (更新时间).' })
  updatedAt!: Date;

  @Field(() => Date, { nullable: true, description: "The feed's own updated-at (源系统更新时间), when it has one." })
  sourceUpdatedAt?: Date | null;

  @Field(() => SourceLinkType, { description: 'The link to the golden record (关联依据).' })
  link!: SourceLinkType;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Raw payload as received (原始报文); null unless the viewer has a role that may see raw payloads.' })
  rawPayload?: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Canonical projection (标准化记录): our field names, normalised values.' })
  canonical?: Record<string, unknown> | null;
}

@ObjectType('AttributeProvenance', { simpleResolvers: true, description: 'Where a golden attribute value came from (属性来源).' })
export class AttributeProvenanceType {
  @Field({ description: 'Attribute (属性); a role is `attribute.role`, e.g. addresses.hukou.' })
  attribute!: string;

  @Field(() => String, { nullable: true, description: 'The value an entry of a multi-valued attribute stands for (取值), e.g. a tag; null for single values.' })
  value?: string | null;

  @Field(() => Int, { description: 'Source record the value came from (来源记录编号).' })
  sourceRecordId!: number;

  @Field(() => String, { nullable: true, description: 'Its source (数据来源).' })
  source?: string | null;

  @Field(() => String, { nullable: true, description: 'Its stream (数据流).' })
  stream?: string | null;

  @Field({ description: 'Survivorship rule that chose the value (取值规则), e.g. sourcePriority:police/rk, mostRecent.' })
  rule!: string;

  @Field(() => String, { nullable: true, description: "The record's time the rule compared (来源时间), ISO 8601." })
  at?: string | null;
}

@ObjectType('GoldenLineageEvent', { simpleResolvers: true, description: 'A change of golden identity (主数据血缘事件): created, merged, split, unmerged or retired.' })
export class GoldenLineageEventType {
  @Field(() => GoldenChangeKindEnum, { description: 'What happened (变更类型).' })
  kind!: string;

  @Field({ description: 'When (时间).' })
  at!: Date;

  @Field(() => Int, { nullable: true, description: 'Golden id merged away, split or retired (原编号).' })
  fromId?: number | null;

  @Field(() => Int, { nullable: true, description: 'Survivor of a merge, or the new id (新编号).' })
  toId?: number | null;

  @Field(() => [Int], { description: 'Source records that moved (涉及来源记录).' })
  sourceRecordIds!: number[];

  @Field(() => String, { nullable: true, description: 'Why (原因).' })
  reason?: string | null;

  @Field(() => LinkDeciderEnum, { description: 'Who decided (判定方式).' })
  decidedBy!: string;

  @Field(() => String, { nullable: true, description: 'Steward user when a steward decided (判定人).' })
  decidedByUser?: string | null;

  @Field(() => Int, { nullable: true, description: 'Resolve run (job_run) that wrote it (批次).' })
  runId?: number | null;
}
