/**
 * The per-grid element connections (人、地、物、组织) on `Grid`: persons, addresses and houses,
 * things, organisations — Relay pages with filters and sorting, over the grid alone or its whole
 * subtree (`includeDescendants`). Events (事) are on the same type in grid-events.resolver.ts.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { THREE_SMALL_KINDS } from '../../domain/vocabulary';
import { DirectoryService } from '../../services/directory.service';
import { asGraphQLError, forbidden } from '../access.middleware';
import { primePersonAddresses, visibleTags } from '../loaders/person.loader';
import { connectionNodeFields } from '../selection';
import type { GraphQLContext } from '../context';
import { connectionType, pageRequest, PageArgs, toConnection, type Connection } from '../pagination';
import { GridType } from '../types/grid.type';
import { OrganisationFilterInput, OrganisationOrderInput, OrganisationType, toOrganisationType } from '../types/organisation.type';
import { PersonFilterInput, PersonOrderInput, PersonType, toPersonType } from '../types/person.type';
import { AddressFilterInput, AddressOrderInput, AddressType, HouseFilterInput, HouseOrderInput, HouseType, toAddressType, toHouseType } from '../types/place.type';
import { ThingFilterInput, ThingOrderInput, ThingType, toThingType } from '../types/thing.type';
import { SortDirection } from '../types/enums';

export const PersonConnection = connectionType(PersonType, 'Person', 'person (人员)');
export const AddressConnection = connectionType(AddressType, 'Address', 'standard address (标准地址)');
export const HouseConnection = connectionType(HouseType, 'House', 'house (房屋)');
export const OrganisationConnection = connectionType(OrganisationType, 'Organisation', 'organisation (单位)');
export const ThingConnection = connectionType(ThingType, 'Thing', 'thing (物件)');

const SUBTREE = { defaultValue: false, description: 'Include every grid below this one (含下级网格): a town or district sees its whole subtree.' };

/** The page's row scope: the grid or its subtree, refused (FORBIDDEN) outside a scoped principal's subtree. */
function scope(ctx: GraphQLContext, grid: GridType, includeDescendants: boolean) {
  try {
    return ctx.gridScope(grid, includeDescendants);
  } catch (e) {
    throw asGraphQLError(e);
  }
}

@Resolver(() => GridType)
export class GridDirectoryResolver {
  @FieldResolver(() => PersonConnection, { description: 'Persons (人) of the grid: golden person records whose residence lies in it.' })
  async persons(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => PersonFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: PersonFilterInput,
    @Arg('orderBy', () => PersonOrderInput, { nullable: true, description: 'Sort order (排序), default name ascending.' }) orderBy?: PersonOrderInput,
    @Arg('includeDescendants', () => Boolean, SUBTREE) includeDescendants = false,
    @Info() info?: GraphQLResolveInfo,
  ): Promise<Connection<PersonType>> {
    const req = pageRequest(page);
    const s = scope(ctx, grid, includeDescendants);
    const f = { ...(filter ?? {}) };
    if (f.tags?.length) {
      const visible = await visibleTags(ctx);
      const hidden = f.tags.filter((t) => !visible.has(t));
      if (hidden.length > 0) throw forbidden(ctx.principal, `filtering by tag ${hidden.join(', ')}, which this role may not see`);
    }
    const dir = ctx.service(DirectoryService);
    // The addresses asked for on the page's persons are read by the page's own statement.
    const addresses = info !== undefined && connectionNodeFields(info).has('addresses');
    const p = await dir.persons.page(s, f, { field: orderBy?.field ?? 'name', direction: orderBy?.direction ?? SortDirection.ASC }, req, { addresses });
    if (addresses) await primePersonAddresses(ctx, p.rows);
    return toConnection(PersonConnection, p, toPersonType, req, () => dir.persons.count(s, f));
  }

  @FieldResolver(() => AddressConnection, { description: 'Standard addresses (地: 标准地址) in the grid.' })
  async addresses(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => AddressFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: AddressFilterInput,
    @Arg('orderBy', () => AddressOrderInput, { nullable: true, description: 'Sort order (排序), default full text ascending.' }) orderBy?: AddressOrderInput,
    @Arg('includeDescendants', () => Boolean, SUBTREE) includeDescendants = false,
  ): Promise<Connection<AddressType>> {
    const req = pageRequest(page);
    const s = scope(ctx, grid, includeDescendants);
    const f = { ...(filter ?? {}) };
    const dir = ctx.service(DirectoryService);
    const p = await dir.places.addressPage(s, f, { field: orderBy?.field ?? 'fullText', direction: orderBy?.direction ?? SortDirection.ASC }, req);
    return toConnection(AddressConnection, p, toAddressType, req, () => dir.places.addressCount(s, f));
  }

  @FieldResolver(() => HouseConnection, { description: 'Houses (地: 实有房屋) in the grid, e.g. rentals (出租屋) with `filter: {isRental: true}`.' })
  async houses(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => HouseFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: HouseFilterInput,
    @Arg('orderBy', () => HouseOrderInput, { nullable: true, description: 'Sort order (排序), default by address.' }) orderBy?: HouseOrderInput,
    @Arg('includeDescendants', () => Boolean, SUBTREE) includeDescendants = false,
  ): Promise<Connection<HouseType>> {
    const req = pageRequest(page);
    const s = scope(ctx, grid, includeDescendants);
    const f = { ...(filter ?? {}) };
    const dir = ctx.service(DirectoryService);
    const p = await dir.places.housePage(s, f, { field: orderBy?.field ?? 'address', direction: orderBy?.direction ?? SortDirection.ASC }, req);
    return toConnection(HouseConnection, p, toHouseType, req, () => dir.places.houseCount(s, f));
  }

  @FieldResolver(() => OrganisationConnection, { description: 'Organisations (组织: 实有单位) in the grid, e.g. 三小场所 with `filter: {threeSmall: true}`.' })
  async organisations(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => OrganisationFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: OrganisationFilterInput,
    @Arg('orderBy', () => OrganisationOrderInput, { nullable: true, description: 'Sort order (排序), default name ascending.' }) orderBy?: OrganisationOrderInput,
    @Arg('includeDescendants', () => Boolean, SUBTREE) includeDescendants = false,
  ): Promise<Connection<OrganisationType>> {
    const req = pageRequest(page);
    const s = scope(ctx, grid, includeDescendants);
    const kinds = filter?.threeSmall ? [...THREE_SMALL_KINDS].filter((k) => !filter.kinds?.length || filter.kinds.includes(k)) : filter?.kinds;
    const f = { kinds: filter?.threeSmall && kinds?.length === 0 ? ['-none-'] : kinds, statuses: filter?.statuses, text: filter?.text };
    const dir = ctx.service(DirectoryService);
    const p = await dir.organisations.page(s, f, { field: orderBy?.field ?? 'name', direction: orderBy?.direction ?? SortDirection.ASC }, req);
    return toConnection(OrganisationConnection, p, toOrganisationType, req, () => dir.organisations.count(s, f));
  }

  @FieldResolver(() => ThingConnection, { description: 'Things (物) in the grid: city parts (部件), hazard sources, safety equipment.' })
  async things(
    @Root() grid: GridType,
    @Args() page: PageArgs,
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => ThingFilterInput, { nullable: true, description: 'Filters (筛选条件).' }) filter?: ThingFilterInput,
    @Arg('orderBy', () => ThingOrderInput, { nullable: true, description: 'Sort order (排序), default code ascending.' }) orderBy?: ThingOrderInput,
    @Arg('includeDescendants', () => Boolean, SUBTREE) includeDescendants = false,
  ): Promise<Connection<ThingType>> {
    const req = pageRequest(page);
    const s = scope(ctx, grid, includeDescendants);
    const f = { ...(filter ?? {}) };
    const dir = ctx.service(DirectoryService);
    const p = await dir.things.page(s, f, { field: orderBy?.field ?? 'code', direction: orderBy?.direction ?? SortDirection.ASC }, req);
    return toConnection(ThingConnection, p, toThingType, req, () => dir.things.count(s, f));
  }
}
