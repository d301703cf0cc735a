/** GraphQL types of the golden person (实有人口) and its relations. */
import { NodeInterface } from './node.type';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { toGlobalId } from '../global-id';
import type { PersonRow, PersonTagRow } from '../../services/directory.service';
import { AddressRoleEnum, GenderEnum, PersonKindEnum, PersonStatusEnum, SortDirection } from './enums';

@ObjectType('Person', { simpleResolvers: true, implements: NodeInterface, description: 'A golden person record (实有人口): one real person merged from every department record about them.' })
export class PersonType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  /** Database id, for resolvers and loaders. */
  dbId!: number;

  gridId!: number | null;

  @Field(() => String, { nullable: true, description: 'Citizen ID number (公民身份号码), 18 characters.' })
  citizenId?: string | null;

  @Field(() => String, { nullable: true, description: 'Passport or other document number (证件号码) of persons without a citizen ID.' })
  documentNo?: string | null;

  @Field({ description: 'Name (姓名).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name in pinyin (姓名拼音).' })
  namePinyin?: string | null;

  @Field(() => GenderEnum, { description: 'Gender (性别).' })
  gender!: string;

  @Field(() => String, { nullable: true, description: 'Date of birth (出生日期), YYYY-MM-DD.' })
  birthDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Age in whole years today (年龄).' })
  age?: number | null;

  @Field(() => PersonKindEnum, { description: 'Kind of actual population (人口类型): 户籍 / 流动 / 境外.' })
  kind!: string;

  @Field(() => PersonStatusEnum, { description: 'Register status (人员状态).' })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Nationality (国籍).' })
  nationality?: string | null;

  @Field(() => String, { nullable: true, description: 'Ethnic group (民族).' })
  ethnicity?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number (联系电话).' })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Household number (户号).' })
  householdNo?: string | null;

  @Field(() => String, { nullable: true, description: 'Relation to the head of household (与户主关系).' })
  relationToHead?: string | null;
}

export function ageAt(birthDate: string | null, today: Date): number | null {
  if (!birthDate) return null;
  // YYYY-MM-DD, read without splitting into arrays (one call per person of every page).
  const i = birthDate.indexOf('-');
  const j = birthDate.indexOf('-', i + 1);
  const y = Number(birthDate.slice(0, i));
  const m = Number(birthDate.slice(i + 1, j < 0 ? undefined : j));
  const d = j < 0 ? NaN : Number(birthDate.slice(j + 1));
  let age = today.getUTCFullYear() - y;
  if (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d)) age -= 1;
  return age;
}

export function toPersonType(r: PersonRow): PersonType {
  const p = new PersonType();
  p.id = toGlobalId('Person', r.id);
  p.dbId = r.id;
  p.gridId = r.gridId;
  p.citizenId = r.citizenId;
  p.documentNo = r.documentNo;
  p.name = r.name;
  p.namePinyin = r.namePinyin;
  p.gender = r.gender;
  p.birthDate = r.birthDate;
  p.age = ageAt(r.birthDate, new Date());
  p.kind = r.kind;
  p.status = r.status;
  p.nationality = r.nationality;
  p.ethnicity = r.ethnicity;
  p.phone = r.phone;
  p.householdNo = r.householdNo;
  p.relationToHead = r.relationToHead;
  return p;
}

@ObjectType('PersonAddress', { simpleResolvers: true, description: "One of a person's addresses with its role (人员地址): hukou 户籍地址 or residence 居住地址." })
export class PersonAddressType {
  @Field(() => AddressRoleEnum, { description: 'Role of the address (地址类型).' })
  role!: string;

  addressId!: number;

  @Field(() => String, { nullable: true, description: 'Since when (起始日期).' })
  validFrom?: string | null;
}

@ObjectType('PersonTag', { simpleResolvers: true, description: 'A tag on a person (人员标签): key group 重点人群 or care group 关爱对象, from a department.' })
export class PersonTagType {
  @Field({ description: 'Tag code (标签编码), e.g. `elderly_alone`.' })
  code!: string;

  @Field({ description: 'Tag name (标签名称), e.g. 独居老人.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Tag group (标签分组): key group or care group.' })
  group?: string | null;

  @Field(() => String, { nullable: true, description: 'Sensitivity (敏感级别) deciding who may see the tag.' })
  sensitivity?: string | null;

  @Field({ description: 'Department that registered it (来源部门).' })
  source!: string;

  @Field(() => GraphQLJSONObject, { description: 'Detail fields of the tag (标签详情).' })
  detail!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: 'Valid from (生效日期).' })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'Valid to (失效日期).' })
  validTo?: string | null;
}

export function toPersonTagType(r: PersonTagRow): PersonTagType {
  return Object.assign(new PersonTagType(), { code: r.code, name: r.name, group: r.groupKey, sensitivity: r.sensitivity, source: r.source, detail: r.detail ?? {}, validFrom: r.validFrom, validTo: r.validTo });
}

@ObjectType('Employment', { simpleResolvers: true, description: 'A person working at an organisation (就业/服务处所).' })
export class EmploymentType {
  organisationId!: number;
  personId!: number;

  @Field(() => String, { nullable: true, description: 'Position (职务).' })
  position?: string | null;

  @Field(() => String, { nullable: true, description: 'Since when (入职日期).' })
  validFrom?: string | null;
}

export enum PersonSortField {
  NAME = 'name',
  BIRTH_DATE = 'birthDate',
  UPDATED_AT = 'updatedAt',
  ID = 'id',
}
import { registerEnumType } from 'type-graphql';
registerEnumType(PersonSortField, { name: 'PersonSortField', description: 'What persons are sorted by (人员排序字段).', valuesConfig: { NAME: { description: 'name (姓名)' }, BIRTH_DATE: { description: 'date of birth (出生日期)' }, UPDATED_AT: { description: 'last change (更新时间)' }, ID: { description: 'record id (编号)' } } });

@InputType({ description: 'Filters on persons (人员筛选); all given conditions must hold.' })
export class PersonFilterInput {
  @Field(() => [PersonKindEnum], { nullable: true, description: 'Kinds of population (人口类型): any of.' })
  kinds?: string[];

  @Field(() => [GenderEnum], { nullable: true, description: 'Genders (性别): any of.' })
  genders?: string[];

  @Field(() => [PersonStatusEnum], { nullable: true, description: 'Register statuses (人员状态): any of; default all.' })
  statuses?: string[];

  @Field(() => [String], { nullable: true, description: 'Tag codes (标签): persons with any of these current tags.' })
  tags?: string[];

  @Field(() => Int, { nullable: true, description: 'Minimum age in years, inclusive (最小年龄).' })
  ageMin?: number;

  @Field(() => Int, { nullable: true, description: 'Maximum age in years, inclusive (最大年龄).' })
  ageMax?: number;

  @Field(() => String, { nullable: true, description: 'Free text (关键字): name, pinyin, citizen ID prefix or address text.' })
  text?: string;
}

@InputType({ description: 'Sort order of persons (人员排序).' })
export class PersonOrderInput {
  @Field(() => PersonSortField, { description: 'Sort field (排序字段).' })
  field!: PersonSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (方向).' })
  direction!: SortDirection;
}
