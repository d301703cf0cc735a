/** Thin resolvers of places (地): standard addresses and houses, with their relations. */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { gridLoader } from '../loaders/grid.loader';
import { organisationLoader, unitsAtLoader } from '../loaders/organisation.loader';
import { personLoader, residentsLoader } from '../loaders/person.loader';
import { addressByCodeLoader, addressChildrenLoader, addressLoader, houseLoader, housesAtLoader, occupantsLoader } from '../loaders/place.loader';
import { GridType } from '../types/grid.type';
import { OrganisationType } from '../types/organisation.type';
import { PersonType } from '../types/person.type';
import { AddressType, HouseOccupantType, HouseType } from '../types/place.type';
import { dbIdOf } from './person.resolver';

@Resolver(() => AddressType)
export class AddressResolver {
  @Query(() => AddressType, { nullable: true, description: 'A standard address by global id (按标识查询地址).' })
  address(@Arg('id', () => ID, { description: 'Global id of an Address.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> {
    return addressLoader(ctx).load(dbIdOf(id, 'Address'));
  }

  @Query(() => AddressType, { nullable: true, description: 'A standard address by its public-security address code (按地址编码查询).' })
  addressByCode(@Arg('code', { description: 'Address code (地址编码).' }) code: string, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> {
    return addressByCodeLoader(ctx).load(code.trim());
  }

  @FieldResolver(() => AddressType, { nullable: true, description: 'The parent address element (上级地址).' })
  parent(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> | null {
    return a.parentId === null ? null : addressLoader(ctx).load(a.parentId);
  }

  @FieldResolver(() => [AddressType], { description: 'Current child address elements (下级地址), e.g. the rooms of a unit.' })
  children(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<AddressType[]> {
    return addressChildrenLoader(ctx).load(a.dbId);
  }

  @FieldResolver(() => [PersonType], { description: 'Persons whose current residence is this address (居住人员).' })
  async residents(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<PersonType[]> {
    const rows = await residentsLoader(ctx).load(a.dbId);
    const persons = await personLoader(ctx).loadMany(rows.map((r) => r.personId));
    return persons.filter((p): p is PersonType => p !== null && !(p instanceof Error));
  }

  @FieldResolver(() => [HouseType], { description: 'Houses at this address (房屋).' })
  houses(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<HouseType[]> {
    return housesAtLoader(ctx).load(a.dbId);
  }

  @FieldResolver(() => [OrganisationType], { description: 'Organisations registered at this address (单位).' })
  units(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType[]> {
    return unitsAtLoader(ctx).load(a.dbId);
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The base grid the address lies in (所属网格).' })
  grid(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return a.gridId === null ? null : gridLoader(ctx).load(a.gridId);
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The police beat (警务区) of the address.' })
  policeBeat(@Root() a: AddressType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return a.policeBeatId === null ? null : gridLoader(ctx).load(a.policeBeatId);
  }
}

@Resolver(() => HouseType)
export class HouseResolver {
  @Query(() => HouseType, { nullable: true, description: 'A golden house by global id (按标识查询房屋).' })
  house(@Arg('id', () => ID, { description: 'Global id of a House.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<HouseType | null> {
    return houseLoader(ctx).load(dbIdOf(id, 'House'));
  }

  @FieldResolver(() => AddressType, { nullable: true, description: 'The standard address of the house (房屋地址).' })
  address(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> | null {
    return h.addressId === null ? null : addressLoader(ctx).load(h.addressId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The owner when a person (产权人).' })
  owner(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> | null {
    return h.ownerPersonId === null ? null : personLoader(ctx).load(h.ownerPersonId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The owner when an organisation (产权单位).' })
  ownerOrganisation(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> | null {
    return h.ownerOrganisationId === null ? null : organisationLoader(ctx).load(h.ownerOrganisationId);
  }

  @FieldResolver(() => [HouseOccupantType], { description: 'Current occupants (住户): owner, family, tenants.' })
  occupants(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<HouseOccupantType[]> {
    return occupantsLoader(ctx).load(h.dbId);
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The base grid of the house (所属网格).' })
  grid(@Root() h: HouseType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return h.gridId === null ? null : gridLoader(ctx).load(h.gridId);
  }
}

@Resolver(() => HouseOccupantType)
export class HouseOccupantResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The occupant (住户).' })
  person(@Root() o: HouseOccupantType, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> {
    return personLoader(ctx).load(o.personId);
  }
}
