/** GraphQL types of the audit log (审计日志). */
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('AuditEntry', { simpleResolvers: true, description: 'One entry of the append-only audit log (审计记录): a read of personal data or a write.' })
export class AuditEntryType {
  @Field(() => ID, { description: 'Entry id (记录编号), increasing.' })
  id!: string;

  @Field({ description: 'When (时间).' })
  at!: Date;

  @Field({ description: 'Who (操作主体): `apikey:<id>`, `jwt:<sub>`, `cli:<user>`, `system`.' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'Their role (角色).' })
  actorRole?: string | null;

  @Field({ description: 'What (操作): read, or the write (transition, merge, decision …).' })
  action!: string;

  @Field(() => String, { nullable: true, description: 'Entity type (对象类型), e.g. person.' })
  entityType?: string | null;

  @Field(() => Int, { nullable: true, description: 'Entity id (对象编号).' })
  entityId?: number | null;

  @Field(() => [String], { nullable: true, description: 'Fields read or written (涉及字段).' })
  fields?: string[] | null;

  @Field(() => String, { nullable: true, description: 'GraphQL operation or CLI command (操作名称).' })
  operation?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'Details (详情).' })
  detail!: Record<string, unknown>;
}

@ObjectType('AuditPage', { simpleResolvers: true, description: 'A page of audit entries, newest first (审计记录分页).' })
export class AuditPageType {
  @Field(() => [AuditEntryType], { description: 'Entries (记录).' })
  nodes!: AuditEntryType[];

  @Field({ description: 'Older entries follow (有更早记录).' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Pass as `before` for the next (older) page (游标).' })
  endCursor?: string | null;
}

@InputType({ description: 'Filters on the audit log (审计筛选).' })
export class AuditFilterInput {
  @Field(() => String, { nullable: true, description: 'Actor (操作主体).' })
  actor?: string;

  @Field(() => String, { nullable: true, description: 'Action (操作), e.g. read.' })
  action?: string;

  @Field(() => String, { nullable: true, description: 'Entity type (对象类型).' })
  entityType?: string;

  @Field(() => Int, { nullable: true, description: 'Entity id (对象编号).' })
  entityId?: number;

  @Field(() => Date, { nullable: true, description: 'From (起始时间), inclusive.' })
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'Until (截止时间), exclusive.' })
  until?: Date;
}
