/** GraphQL types of places (地): standard addresses (标准地址) and houses (实有房屋). */
import { NodeInterface } from './node.type';
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { AddressLevel } from '../../domain/vocabulary';
import { toGlobalId } from '../global-id';
import type { AddressRow, HouseRow } from '../../services/directory.service';
import { HouseKindEnum, HouseUseEnum, OccupantRelationEnum, SortDirection } from './enums';

@ObjectType('Address', { simpleResolvers: true, implements: NodeInterface, description: 'A standard address (标准地址, GA/T 2000.32 element): a node of the address tree; rooms (户室) are where people live.' })
export class AddressType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  dbId!: number;
  parentId!: number | null;
  gridId!: number | null;
  policeBeatId!: number | null;

  @Field(() => String, { nullable: true, description: 'Public-security address code (地址编码).' })
  code?: string | null;

  @Field({ description: 'Element level code (地址层级), GA/T 2000.32: 40 road, 42 compound, 50 building, 61 unit, 62 room …' })
  level!: string;

  @Field({ description: 'Name of the level (层级名称), e.g. 楼栋, 户室.' })
  levelName!: string;

  @Field({ description: "This element's own name (地址元素名称), e.g. 3栋, 501室." })
  elementName!: string;

  @Field({ description: 'Full standard address text (标准地址全称).' })
  fullText!: string;

  @Field(() => Float, { nullable: true, description: 'Longitude (经度).' })
  lng?: number | null;

  @Field(() => Float, { nullable: true, description: 'Latitude (纬度).' })
  lat?: number | null;

  @Field(() => Date, { nullable: true, description: 'When the address was retired from the register (注销时间).' })
  retiredAt?: Date | null;
}

export function toAddressType(r: AddressRow): AddressType {
  // Assigned one by one (no Object.assign of a literal): one object per address of every page.
  const a = new AddressType();
  a.id = toGlobalId('Address', r.id);
  a.dbId = r.id;
  a.parentId = r.parentId;
  a.gridId = r.gridId;
  a.policeBeatId = r.policeBeatId;
  a.code = r.code;
  a.level = r.level;
  a.levelName = AddressLevel.labels[r.level as AddressLevel] ?? r.level;
  a.elementName = r.elementName;
  a.fullText = r.fullText;
  a.lng = r.lng;
  a.lat = r.lat;
  a.retiredAt = r.retiredAt;
  return a;
}

@ObjectType('House', { simpleResolvers: true, implements: NodeInterface, description: 'A golden house record (实有房屋): a building or dwelling with use, owner and rental details.' })
export class HouseType {
  @Field(() => ID, { description: 'Global object id (全局标识).' })
  id!: string;

  dbId!: number;
  addressId!: number | null;
  gridId!: number | null;
  ownerPersonId!: number | null;
  ownerOrganisationId!: number | null;

  @Field(() => String, { nullable: true, description: 'House code (房屋编码).' })
  code?: string | null;

  @Field(() => HouseKindEnum, { description: 'Building or dwelling (房屋类别).' })
  kind!: string;

  @Field(() => HouseUseEnum, { description: 'Use (房屋用途).' })
  use!: string;

  @Field(() => Float, { nullable: true, description: 'Floor area in m² (建筑面积).' })
  areaM2?: number | null;

  @Field(() => String, { nullable: true, description: "Owner's name as registered (产权人姓名)." })
  ownerName?: string | null;

  @Field({ description: 'Rented out (是否出租屋).' })
  isRental!: boolean;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Rental registration: landlord, registration number and date, tenant count (出租登记).' })
  rental?: Record<string, unknown> | null;
}

export function toHouseType(r: HouseRow): HouseType {
  return Object.assign(new HouseType(), {
    id: toGlobalId('House', r.id),
    dbId: r.id,
    addressId: r.addressId,
    gridId: r.gridId,
    ownerPersonId: r.ownerPersonId,
    ownerOrganisationId: r.ownerOrganisationId,
    code: r.code,
    kind: r.kind,
    use: r.use,
    areaM2: r.areaM2,
    ownerName: r.ownerName,
    isRental: r.isRental,
    rental: r.rental,
  });
}

@ObjectType('HouseOccupant', { simpleResolvers: true, description: 'A person living in or owning a house (房屋住户).' })
export class HouseOccupantType {
  personId!: number;

  @Field(() => OccupantRelationEnum, { description: 'Relation to the house (居住关系).' })
  relation!: string;

  @Field(() => String, { nullable: true, description: 'Since when (起始日期).' })
  validFrom?: string | null;
}

export enum AddressSortField {
  FULL_TEXT = 'fullText',
  CODE = 'code',
  ID = 'id',
}
registerEnumType(AddressSortField, { name: 'AddressSortField', description: 'What addresses are sorted by (地址排序字段).', valuesConfig: { FULL_TEXT: { description: 'full address text (地址全称)' }, CODE: { description: 'address code (地址编码)' }, ID: { description: 'record id (编号)' } } });

export enum HouseSortField {
  ADDRESS = 'address',
  AREA = 'area',
  ID = 'id',
}
registerEnumType(HouseSortField, { name: 'HouseSortField', description: 'What houses are sorted by (房屋排序字段).', valuesConfig: { ADDRESS: { description: 'address text (房屋地址)' }, AREA: { description: 'floor area (建筑面积)' }, ID: { description: 'record id (编号)' } } });

@InputType({ description: 'Filters on standard addresses (地址筛选).' })
export class AddressFilterInput {
  @Field(() => [String], { nullable: true, description: 'Element level codes (地址层级), e.g. ["62"] for rooms.' })
  levels?: string[];

  @Field(() => String, { nullable: true, description: 'Free text in the full address, or an exact address code (关键字).' })
  text?: string;

  @Field({ nullable: true, description: 'Include retired addresses (含已注销).' })
  includeRetired?: boolean;
}

@InputType({ description: 'Filters on houses (房屋筛选).' })
export class HouseFilterInput {
  @Field(() => [HouseUseEnum], { nullable: true, description: 'Uses (房屋用途): any of.' })
  uses?: string[];

  @Field({ nullable: true, description: 'Only rentals (出租屋) when true, only non-rentals when false.' })
  isRental?: boolean;

  @Field(() => String, { nullable: true, description: "Free text in the owner's name or the address (关键字)." })
  text?: string;
}

@InputType({ description: 'Sort order of addresses (地址排序).' })
export class AddressOrderInput {
  @Field(() => AddressSortField, { description: 'Sort field (排序字段).' })
  field!: AddressSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (方向).' })
  direction!: SortDirection;
}

@InputType({ description: 'Sort order of houses (房屋排序).' })
export class HouseOrderInput {
  @Field(() => HouseSortField, { description: 'Sort field (排序字段).' })
  field!: HouseSortField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC, description: 'Direction (方向).' })
  direction!: SortDirection;
}
