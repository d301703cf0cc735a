/** GraphQL enums of the element types, from the domain code lists (Chinese terms as value descriptions). */
import {
  AddressRole, Gender, HouseKind, HouseUse, OccupantRelation, OrganisationKind, OrganisationStatus, PersonKind, PersonStatus, ThingKind,
} from '../../domain/vocabulary';
import { graphqlEnum } from '../graphql-enum';

export const GenderEnum = graphqlEnum('Gender', 'Gender (性别).', Gender);
export const PersonKindEnum = graphqlEnum('PersonKind', 'Kind of actual population (人口类型): 户籍 / 流动 / 境外.', PersonKind);
export const PersonStatusEnum = graphqlEnum('PersonStatus', 'Register status of a person (人员状态).', PersonStatus);
export const AddressRoleEnum = graphqlEnum('AddressRole', "Role of an address in a person's life (地址类型): hukou vs residence (人户分离).", AddressRole);
export const HouseKindEnum = graphqlEnum('HouseKind', 'Building or dwelling (房屋类别).', HouseKind);
export const HouseUseEnum = graphqlEnum('HouseUse', 'Use of a house (房屋用途).', HouseUse);
export const OccupantRelationEnum = graphqlEnum('OccupantRelation', 'How a person occupies a house (居住关系).', OccupantRelation);
export const OrganisationKindEnum = graphqlEnum('OrganisationKind', 'Kind of actual unit (单位类型); small_* are the 三小场所.', OrganisationKind);
export const OrganisationStatusEnum = graphqlEnum('OrganisationStatus', 'Business status of an organisation (经营状态).', OrganisationStatus);
export const ThingKindEnum = graphqlEnum('ThingKind', 'Kind of thing (物件类型): city part 部件, hazard source, safety equipment.', ThingKind);

export enum SortDirection {
  ASC = 'asc',
  DESC = 'desc',
}
import { registerEnumType } from 'type-graphql';
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Sort direction (排序方向).', valuesConfig: { ASC: { description: 'ascending (升序)' }, DESC: { description: 'descending (降序)' } } });
