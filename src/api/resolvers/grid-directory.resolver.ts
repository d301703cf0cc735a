/**
 * The per-grid element connections (人、地、物、组织) on `Grid`: persons, addresses and houses,
 * things, organisations — Relay pages with filters and sorting, over the grid alone or its whole
 * subtree (`includeDescendants`). Events (事) are on the same type in grid-events.resolver.ts.
 */
import { getArgumentValues, getNamedType, type GraphQLObjectType, type GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { isScoped } from '../../access';
import { THREE_SMALL_KINDS } from '../../domain/vocabulary';
import { DirectoryService } from '../../services/directory.service';
import { asGraphQLError, forbidden } from '../access.middleware';
import { primePersonAddresses, visibleTags } from '../loaders/person.loader';
import { childFieldNodes, connectionNodeFields } from '../selection';
import type { GraphQLContext } from '../context';
import { connectionType, pageRequest, PageArgs, toConnection, type Connection, type Page, type PageRequest } from '../pagination';
import { GridType } from '../types/grid.type';
import { OrganisationFilterInput, OrganisationOrderInput, OrganisationType, toOrganisationType } from '../types/organisation.type';
import { PersonFilterInput, PersonOrderInput, PersonSortField, PersonType, toPersonType } from '../types/person.type';
import type { PersonAddressRow, PersonRow } from '../../services/directory.service';
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

/** The persons page a `persons` field asks for, and the key of those arguments (equal keys: the same page). */
interface PersonsPagePlan {
  req: PageRequest;
  filter: PersonFilterInput;
  sort: { field: PersonSortField; direction: SortDirection };
  include: { addresses: boolean };
  includeDescendants: boolean;
  key: string;
}

/** Throws BAD_USER_INPUT for a bad `first` or `after`, as pageRequest does. */
function personsPagePlan(page: PageArgs, filter: PersonFilterInput | undefined, orderBy: PersonOrderInput | undefined, includeDescendants: boolean, addresses: boolean): PersonsPagePlan {
  const req = pageRequest(page);
  const f = { ...(filter ?? {}) };
  const sort = { field: orderBy?.field ?? PersonSortField.NAME, direction: orderBy?.direction ?? SortDirection.ASC };
  const filterKey = Object.keys(f).sort().map((k) => [k, f[k as keyof PersonFilterInput]]);
  const key = JSON.stringify([req.first, req.after ?? null, filterKey, sort.field, sort.direction, addresses, includeDescendants]);
  return { req, filter: f, sort, include: { addresses }, includeDescendants, key };
}

/** Pages read by `grid(code:)` together with the grid (see foldedPersonsPage), by grid id and plan key. */
type PersonsPage = Page<PersonRow & { addresses?: PersonAddressRow[] }>;
const foldedPages = (ctx: GraphQLContext) => ctx.loader('persons-pages-read-with-grid', () => new Map<string, PersonsPage>());

/**
 * The persons page to read with the grid in `grid(code:)`'s own statement (one round trip instead of
 * two), when the query selects `persons` on it and the page will be served: the principal may read
 * persons, the page is the grid's own (not its subtree) and filters by no tag (tag filters are
 * checked against the tags the role may see first). The `persons` resolver still makes every check
 * it makes without the fold, in the same order, and then takes the page read here only when its own
 * plan has the same key — any other case reads its page itself.
 */
export function foldedPersonsPage(ctx: GraphQLContext, info: GraphQLResolveInfo, code: string): { scope: { gridCode: string; within?: string }; plan: PersonsPagePlan } | undefined {
  const p = ctx.principal;
  if (!ctx.allowed('person:read') || (isScoped(p) && p.scope === undefined)) return undefined;
  const nodes = childFieldNodes(info, 'persons');
  const field = (getNamedType(info.returnType) as GraphQLObjectType).getFields().persons;
  if (nodes.length === 0 || field === undefined) return undefined;
  try {
    const args = getArgumentValues(field, nodes[0], info.variableValues) as unknown as PageArgs & { filter?: PersonFilterInput; orderBy?: PersonOrderInput; includeDescendants: boolean };
    if (args.includeDescendants || args.filter?.tags?.length) return undefined;
    const plan = personsPagePlan(args, args.filter, args.orderBy, args.includeDescendants, connectionNodeFields({ fieldNodes: nodes, fragments: info.fragments }).has('addresses'));
    return { scope: { gridCode: code, within: isScoped(p) ? p.scope?.path : undefined }, plan };
  } catch {
    return undefined; // bad arguments: the persons resolver answers them
  }
}

/** Keeps a page read with its grid for the grid's `persons` resolver. */
export function keepFoldedPage(ctx: GraphQLContext, gridId: number, plan: PersonsPagePlan, page: PersonsPage): void {
  foldedPages(ctx).set(`${gridId}\u0000${plan.key}`, page);
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
    // The addresses asked for on the page's persons are read by the page's own statement.
    const addresses = info !== undefined && connectionNodeFields(info).has('addresses');
    const plan = personsPagePlan(page, filter, orderBy, includeDescendants, addresses);
    const s = scope(ctx, grid, includeDescendants);
    const f = plan.filter;
    if (f.tags?.length) {
      const visible = await visibleTags(ctx);
      const hidden = f.tags.filter((t) => !visible.has(t));
      if (hidden.length > 0) throw forbidden(ctx.principal, `filtering by tag ${hidden.join(', ')}, which this role may not see`);
    }
    const dir = ctx.service(DirectoryService);
    const p = foldedPages(ctx).get(`${grid.dbId}\u0000${plan.key}`) ?? (await dir.persons.page(s, f, plan.sort, plan.req, plan.include));
    if (addresses) await primePersonAddresses(ctx, p.rows);
    return toConnection(PersonConnection, p, toPersonType, plan.req, () => dir.persons.count(s, f));
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
