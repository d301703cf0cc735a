/** GraphQL types of things (物): city parts (部件), hazard sources, safety equipment. */
import { NodeInterface } from './node.type';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../global-id';
import type { ThingRow } from '../../services/directory.service';
import { SortDirection, ThingKindEnum } from './enums';

@ObjectType('Thing', { simpleResolvers: true, implements: NodeInterface, description: 'A thing (物): a city management part (城市部件), hazard source (危险源) or safety equipment (安全设施).' })
export class ThingType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  dbId!: number;
  gridId!: number | null;
  addressId!: number | null;
  ownerOrganisationId!: number | null;

  @Field(() => String, { nullable: true, description: 'Part code (部件编码): county(6) + major(2) + minor(2) + serial(6).' })
  code?: string | null;

  @Field(() => ThingKindEnum, { description: 'Kind (物件类型).' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Major class (大类), e.g. 01 公用设施.' })
  majorClass?: string | null;

  @Field(() => String, { nullable: true, description: 'Minor class (小类), e.g. 01 上水井盖.' })
  minorClass?: string | null;

  @Field({ description: 'Name (名称).' })
  name!: string;

  @Field({ description: 'Status (状态), e.g. normal, damaged.' })
  status!: string;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度).' })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度).' })
  lat?: number | null;
}

export function toThingType(r: ThingRow): ThingType {
  return Object.assign(new ThingType(), {
    id: toGlobalId('Thing', r.id),
    dbId: r.id,
    gridId: r.gridId,
    addressId: r.addressId,
    ownerOrganisationId: r.ownerOrganisationId,
    code: r.code,
    kind: r.kind,
    majorClass: r.majorClass,
    minorClass: r.minorClass,
    name: r.name,
    status: r.status,
    lng: r.lng,
    lat: r.lat,
  });
}

export enum ThingSortField {
  CODE = 'code',
  NAME = 'name',
  ID = 'id',
}
registerEnumType(ThingSortField, { name: 'ThingSortField', description: 'What things are sorted by (物件排序字段).', valuesConfig: { CODE: { description: 'part code (部件编码)' }, NAME: { description: 'name (名称)' }, ID: { description: 'record id (编号)' } } });

@InputType({ description: 'Filters on things (物件筛选).' })
export class ThingFilterInput {
  @Field(() => [ThingKindEnum], { nullable: true, description: 'Kinds (物件类型): any of.' })
  kinds?: string[];

  @Field(() => [String], { nullable: true, description: 'Major classes (大类): any of.' })
  majorClasses?: string[];

  @Field(() => [String], { nullable: true, description: 'Minor classes (小类): any of.' })
  minorClasses?: string[];

  @Field(() => String, { nullable: true, description: 'Free text in name or code prefix (关键字).' })
  text?: string;
}

@InputType({ description: 'Sort order of things (物件排序).' })
export class ThingOrderInput {
  @Field(() => ThingSortField, { description: 'Sort field (排序字段).' })
  field!: ThingSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (方向).' })
  direction!: SortDirection;
}
