/** GraphQL types of the golden organisation (实有单位 / 组织). */
import { NodeInterface } from './node.type';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { toGlobalId } from '../global-id';
import type { OrganisationRow, SafetyRecordRow } from '../../services/directory.service';
import { OrganisationKindEnum, OrganisationStatusEnum, SortDirection } from './enums';

@ObjectType('Organisation', { simpleResolvers: true, implements: NodeInterface, description: 'A golden organisation record (实有单位): an enterprise, shop, institution or community organisation on site.' })
export class OrganisationType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  dbId!: number;
  addressId!: number | null;
  gridId!: number | null;
  legalRepresentativeId!: number | null;

  @Field(() => String, { nullable: true, description: 'Unified social credit code (统一社会信用代码), 18 characters.' })
  uscc?: string | null;

  @Field({ description: 'Name (单位名称).' })
  name!: string;

  @Field(() => OrganisationKindEnum, { description: 'Kind (单位类型); small_* are 三小场所.' })
  kind!: string;

  @Field(() => OrganisationStatusEnum, { description: 'Business status (经营状态).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Industry code (行业代码, GB/T 4754).' })
  industryCode?: string | null;

  @Field(() => String, { nullable: true, description: "Legal representative's name (法定代表人)." })
  legalRepresentativeName?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone (联系电话).' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Established on (成立日期), YYYY-MM-DD.' })
  establishedOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Number of employees as reported (从业人数).' })
  employeeCount?: number | null;
}

export function toOrganisationType(r: OrganisationRow): OrganisationType {
  return Object.assign(new OrganisationType(), {
    id: toGlobalId('Organisation', r.id),
    dbId: r.id,
    addressId: r.addressId,
    gridId: r.gridId,
    legalRepresentativeId: r.legalRepresentativeId,
    uscc: r.uscc,
    name: r.name,
    kind: r.kind,
    status: r.status,
    industryCode: r.industryCode,
    legalRepresentativeName: r.legalRepresentativeName,
    phone: r.phone,
    establishedOn: r.establishedOn,
    employeeCount: r.employeeCount,
  });
}

@ObjectType('SafetyRecord', { simpleResolvers: true, description: 'A safety inspection (安全检查) or hazard (隐患) record about an organisation, as the safety department sent it.' })
export class SafetyRecordType {
  @Field({ description: "The department's record key (记录编号)." })
  recordKey!: string;

  @Field(() => String, { nullable: true, description: 'Date of the inspection or report (日期).' })
  date?: string | null;

  @Field(() => String, { nullable: true, description: 'Result (检查结果) or hazard level (隐患等级).' })
  result?: string | null;

  @Field(() => GraphQLJSONObject, { description: 'All fields of the record (记录内容).' })
  fields!: Record<string, unknown>;
}

export function toSafetyRecordType(r: SafetyRecordRow): SafetyRecordType {
  const c = r.canonical;
  const date = (c.inspectedOn ?? c.reportedAt ?? null) as string | null;
  const result = (c.result ?? c.level ?? null) as string | null;
  return Object.assign(new SafetyRecordType(), { recordKey: r.recordKey, date: date ? String(date).slice(0, 10) : null, result, fields: c });
}

export enum OrganisationSortField {
  NAME = 'name',
  ESTABLISHED_ON = 'establishedOn',
  ID = 'id',
}
registerEnumType(OrganisationSortField, { name: 'OrganisationSortField', description: 'What organisations are sorted by (单位排序字段).', valuesConfig: { NAME: { description: 'name (名称)' }, ESTABLISHED_ON: { description: 'established on (成立日期)' }, ID: { description: 'record id (编号)' } } });

@InputType({ description: 'Filters on organisations (单位筛选).' })
export class OrganisationFilterInput {
  @Field(() => [OrganisationKindEnum], { nullable: true, description: 'Kinds (单位类型): any of.' })
  kinds?: string[];

  @Field({ nullable: true, description: 'Only the 三小场所 (small shops, restaurants, entertainment venues).' })
  threeSmall?: boolean;

  @Field(() => [OrganisationStatusEnum], { nullable: true, description: 'Statuses (经营状态): any of.' })
  statuses?: string[];

  @Field(() => String, { nullable: true, description: "Free text (关键字): name, USCC prefix or the legal representative's name." })
  text?: string;
}

@InputType({ description: 'Sort order of organisations (单位排序).' })
export class OrganisationOrderInput {
  @Field(() => OrganisationSortField, { description: 'Sort field (排序字段).' })
  field!: OrganisationSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (方向).' })
  direction!: SortDirection;
}
