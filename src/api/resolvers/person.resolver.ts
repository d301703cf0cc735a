/** Thin resolvers of persons (人): lookups, and relations through the request's DataLoaders. */
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import { maskedFieldsOf } from '../../access';
import type { GraphQLContext } from '../context';
import { fromGlobalId } from '../global-id';
import { gridLoader } from '../loaders/grid.loader';
import { organisationLoader } from '../loaders/organisation.loader';
import { householdLoader, personAddressesLoader, personByCitizenIdLoader, personEmploymentsLoader, personLoader, personTagsLoader } from '../loaders/person.loader';
import { addressLoader } from '../loaders/place.loader';
import { GridType } from '../types/grid.type';
import { OrganisationType } from '../types/organisation.type';
import { EmploymentType, PersonAddressType, PersonTagType, PersonType } from '../types/person.type';
import { AddressType } from '../types/place.type';

/** The database id in a global id of `type`, or a BAD_USER_INPUT error naming the id. */
export function dbIdOf(globalId: string, type: string): number {
  const g = fromGlobalId(globalId);
  const id = g && g.type === type ? Number(g.id) : NaN;
  if (!Number.isSafeInteger(id)) {
    throw new GraphQLError(`${JSON.stringify(globalId)} is not the id of a ${type}.`, { extensions: { code: 'BAD_USER_INPUT', argument: 'id', expectedType: type } });
  }
  return id;
}

@Resolver(() => PersonType)
export class PersonResolver {
  @Query(() => PersonType, { nullable: true, description: 'A golden person by global id (按标识查询人员); a merged id answers with the surviving record.' })
  person(@Arg('id', () => ID, { description: 'Global id of a Person.' }) id: string, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> {
    return personLoader(ctx).load(dbIdOf(id, 'Person'));
  }

  @Query(() => PersonType, { nullable: true, description: 'A golden person by citizen ID number (按身份证号查询人员).' })
  personByCitizenId(@Arg('citizenId', { description: 'The 18-character citizen ID (公民身份号码).' }) citizenId: string, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> {
    return personByCitizenIdLoader(ctx).load(citizenId.trim().toUpperCase());
  }

  @FieldResolver(() => [String], { description: 'Fields masked for you (已脱敏字段): identifiers your role may see only masked, e.g. citizenId → 440606********1234.' })
  maskedFields(@Ctx() ctx: GraphQLContext): string[] {
    return maskedFieldsOf(ctx.principal, 'Person');
  }

  @FieldResolver(() => GridType, { nullable: true, description: 'The base grid the person lives in (所属网格).' })
  grid(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): GridType | null | Promise<GridType | null> {
    // loadNow: a grid the request holds already (a page's own grid) answers without a promise.
    return p.gridId === null ? null : gridLoader(ctx).loadNow(p.gridId);
  }

  @FieldResolver(() => [PersonAddressType], { description: 'Current addresses with their role (人员地址): hukou and residence.' })
  addresses(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): PersonAddressType[] | Promise<PersonAddressType[]> {
    return personAddressesLoader(ctx).loadNow(p.dbId);
  }

  @FieldResolver(() => [PersonTagType], { description: 'Current tags (人员标签): key groups and care groups.' })
  tags(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<PersonTagType[]> {
    return personTagsLoader(ctx).load(p.dbId);
  }

  @FieldResolver(() => OrganisationType, { nullable: true, description: 'Current employer (工作单位/服务处所).' })
  async employer(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> {
    const [e] = await personEmploymentsLoader(ctx).load(p.dbId);
    return e ? organisationLoader(ctx).load(e.organisationId) : null;
  }

  @FieldResolver(() => [EmploymentType], { description: 'Current employments (就业信息).' })
  employments(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<EmploymentType[]> {
    return personEmploymentsLoader(ctx).load(p.dbId);
  }

  @FieldResolver(() => [PersonType], { description: 'The other members of the household (同户人员).' })
  async household(@Root() p: PersonType, @Ctx() ctx: GraphQLContext): Promise<PersonType[]> {
    if (!p.householdNo) return [];
    return (await householdLoader(ctx).load(p.householdNo)).filter((m) => m.dbId !== p.dbId);
  }
}

@Resolver(() => PersonAddressType)
export class PersonAddressResolver {
  @FieldResolver(() => AddressType, { nullable: true, description: 'The standard address (标准地址).' })
  address(@Root() a: PersonAddressType, @Ctx() ctx: GraphQLContext): AddressType | null | Promise<AddressType | null> {
    return addressLoader(ctx).loadNow(a.addressId);
  }
}

@Resolver(() => EmploymentType)
export class EmploymentResolver {
  @FieldResolver(() => OrganisationType, { nullable: true, description: 'The employer (工作单位).' })
  organisation(@Root() e: EmploymentType, @Ctx() ctx: GraphQLContext): Promise<OrganisationType | null> {
    return organisationLoader(ctx).load(e.organisationId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The employee (从业人员).' })
  person(@Root() e: EmploymentType, @Ctx() ctx: GraphQLContext): Promise<PersonType | null> {
    return personLoader(ctx).load(e.personId);
  }
}
