/** Thin resolvers of organisations (组织) and things (物), with their relations. */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLContext } from '../context';
import { gridLoader, thingByCodeLoader, thingLoader } from '../loaders/grid.loader';
import { employeesLoader, organisationByUsccLoader, organisationLoader, safetyRecordsLoader } from '../loaders/organisation.loader';
import { personLoader } from '../loaders/person.loader';
import { addressLoader } from '../loaders/place.loader';
import { GridType } from '../types/grid.type';
import { OrganisationType, SafetyRecordType } from '../types/organisation.type';
import { EmploymentType, PersonType } from '../types/person.type';
import { AddressType } from '../types/place.type';
import { ThingType } from '../types/thing.type';
import { dbIdOf } from './person.resolver';

@Resolver(() => OrganisationType)
export class OrganisationResolver {
  @Query(() => OrganisationType, { nullable: true, description: 'A golden organisation by global id (按标识查询单位); a merged id answers with the survivor.' })
  organisation(@Arg('id', () => ID, { description: 'Global id of an Organisation.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> {
    return organisationLoader(ctx).load(dbIdOf(id, 'Organisation'));
  }

  @Query(() => OrganisationType, { nullable: true, description: 'A golden organisation by unified social credit code (按统一社会信用代码查询).' })
  organisationByUscc(@Arg('uscc', { description: 'The 18-character USCC (统一社会信用代码).' }) uscc: string, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> {
    return organisationByUsccLoader(ctx).load(uscc.trim().toUpperCase());
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The base grid of the organisation (所属网格).' })
  grid(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return o.gridId === null ? null : gridLoader(ctx).load(o.gridId);
  }

  @FieldResolver(() => AddressType, { nullable: true, description: 'The standard address (单位地址).' })
  address(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<AddressType | null> | null {
    return o.addressId === null ? null : addressLoader(ctx).load(o.addressId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The legal representative as a golden person (法定代表人).' })
  legalRepresentative(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> | null {
    return o.legalRepresentativeId === null ? null : personLoader(ctx).load(o.legalRepresentativeId);
  }

  @FieldResolver(() => [EmploymentType], { description: 'Current employees (从业人员).' })
  employees(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<EmploymentType[]> {
    return employeesLoader(ctx).load(o.dbId);
  }

  @FieldResolver(() => [SafetyRecordType], { description: 'Safety inspections (安全检查记录), newest first.' })
  inspections(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<SafetyRecordType[]> {
    return safetyRecordsLoader(ctx, 'inspections').load(o.dbId);
  }

  @FieldResolver(() => [SafetyRecordType], { description: 'Safety hazards found (安全隐患), newest first.' })
  hazards(@Root() o: OrganisationType, @Ctx() ctx: GraphQLContext): Promise<SafetyRecordType[]> {
    return safetyRecordsLoader(ctx, 'hazards').load(o.dbId);
  }
}

@Resolver(() => ThingType)
export class ThingResolver {
  @Query(() => ThingType, { nullable: true, description: 'A thing by global id (按标识查询物件).' })
  thing(@Arg('id', () => ID, { description: 'Global id of a Thing.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<ThingType | null> {
    return thingLoader(ctx).load(dbIdOf(id, 'Thing'));
  }

  @Query(() => ThingType, { nullable: true, description: 'A thing by its part code (按部件编码查询).' })
  thingByCode(@Arg('code', { description: '16-character part code (部件编码).' }) code: string, @Ctx() ctx: GraphQLContext): Promise<ThingType | null> {
    return thingByCodeLoader(ctx).load(code.trim());
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The base grid the thing stands in (所属网格).' })
  grid(@Root() t: ThingType, @Ctx() ctx: GraphQLContext): Promise<GridType | null> | null {
    return t.gridId === null ? null : gridLoader(ctx).load(t.gridId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The owning organisation (权属单位).' })
  owner(@Root() t: ThingType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> | null {
    return t.ownerOrganisationId === null ? null : organisationLoader(ctx).load(t.ownerOrganisationId);
  }
}
