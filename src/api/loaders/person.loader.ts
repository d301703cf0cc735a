/** Per-request DataLoaders of persons and their relations (one SQL statement per relation and batch). */
import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { tagVisible, visibleTagCodes } from '../../access';
import { DirectoryService, type PersonAddressRow } from '../../services/directory.service';
import { toPersonTagType, toPersonType, type EmploymentType, type PersonAddressType, type PersonTagType, type PersonType } from '../types/person.type';
import { manyLoader, oneLoader, primeVisible, type SettlingLoader } from './batch';
import { addressLoader } from './place.loader';
import { organisationLoader } from './organisation.loader';
import { toAddressType } from '../types/place.type';
import { toOrganisationType } from '../types/organisation.type';

const dir = (ctx: GraphQLContext) => ctx.service(DirectoryService);

/** person-by-id: a merged id loads its survivor. */
export function personLoader(ctx: GraphQLContext): DataLoader<number, PersonType | null> {
  return oneLoader(ctx, 'person-by-id', async (ids: readonly number[]) => {
    const rows = await dir(ctx).persons.byIds(ids);
    return new Map([...rows].map(([k, r]) => [k, toPersonType(r)]));
  });
}

export function personByCitizenIdLoader(ctx: GraphQLContext): DataLoader<string, PersonType | null> {
  return oneLoader(ctx, 'person-by-citizen-id', async (ids: readonly string[]) => {
    const rows = await dir(ctx).persons.byCitizenIds(ids);
    return new Map([...rows].map(([k, r]) => [k, toPersonType(r)]));
  });
}

/** Person-address rows as `addresses` answers them; the addresses came with the rows: address-by-id is primed, so `address` costs no statement. */
async function toPersonAddresses(ctx: GraphQLContext, rows: readonly PersonAddressRow[]): Promise<Array<PersonAddressType & { personId: number }>> {
  await primeVisible(ctx, addressLoader(ctx), rows.map((r) => [r.addressId, toAddressType(r.address)]));
  return rows.map((r) => ({ personId: r.personId, role: r.role, addressId: r.addressId, validFrom: r.validFrom }));
}

export function personAddressesLoader(ctx: GraphQLContext): SettlingLoader<number, PersonAddressType[]> {
  return manyLoader(ctx, 'addresses-by-person', async (ids: readonly number[]) => toPersonAddresses(ctx, await dir(ctx).persons.addressesOf(ids)), (r) => r.personId);
}

/**
 * Primes addresses-by-person with the addresses a page of persons read in its own statement
 * (`include.addresses`), so `Person.addresses` of the page costs no statement. The rows are
 * relation rows without a grid of their own: visible like those the loader reads.
 */
export async function primePersonAddresses(ctx: GraphQLContext, persons: ReadonlyArray<{ id: number; addresses?: PersonAddressRow[] }>): Promise<void> {
  const read = persons.filter((p) => p.addresses !== undefined);
  const byPerson = new Map<number, PersonAddressType[]>(read.map((p) => [p.id, []]));
  for (const r of await toPersonAddresses(ctx, read.flatMap((p) => p.addresses ?? []))) byPerson.get(r.personId)?.push(r);
  const loader = personAddressesLoader(ctx);
  for (const [id, rows] of byPerson) loader.prime(id, rows);
}

/** The tag codes this request's principal may see (key groups, health tags and care groups differ by role). */
export function visibleTags(ctx: GraphQLContext): Promise<ReadonlySet<string>> {
  return ctx.loader('visible-tag-codes', async () => new Set(visibleTagCodes(ctx.principal, await dir(ctx).persons.tagDefinitions())));
}

export function personTagsLoader(ctx: GraphQLContext): DataLoader<number, Array<PersonTagType & { personId: number }>> {
  return manyLoader(
    ctx,
    'tags-by-person',
    async (ids: readonly number[]) =>
      (await dir(ctx).persons.tagsOf(ids, new Date().toISOString().slice(0, 10)))
        // Invisible tags are left out like rows of another grid: their existence is the sensitive fact.
        .filter((r) => tagVisible(ctx.principal, { group: r.groupKey ?? '', owner: r.owner ?? '', sensitivity: r.sensitivity ?? '' }))
        .map((r) => Object.assign(toPersonTagType(r), { personId: r.personId })),
    (r) => r.personId,
  );
}

export function personEmploymentsLoader(ctx: GraphQLContext): DataLoader<number, EmploymentType[]> {
  return manyLoader(
    ctx,
    'employments-by-person',
    async (ids: readonly number[]) => {
      const rows = await dir(ctx).persons.employmentsOf(ids);
      // The organisations came with the rows: prime organisation-by-id so `employer` costs no statement.
      await primeVisible(ctx, organisationLoader(ctx), rows.map((r) => [r.organisationId, toOrganisationType(r.organisation)]));
      return rows.map((r) => ({ personId: r.personId, organisationId: r.organisationId, position: r.position, validFrom: r.validFrom }));
    },
    (r) => r.personId,
  );
}

export function householdLoader(ctx: GraphQLContext): DataLoader<string, PersonType[]> {
  return manyLoader(
    ctx,
    'persons-by-household',
    async (nos: readonly string[]) => (await dir(ctx).persons.householdMembers(nos)).map((r) => Object.assign(toPersonType(r), { householdNo: r.householdNo })),
    (p) => p.householdNo ?? '',
  );
}

export function residentsLoader(ctx: GraphQLContext): DataLoader<number, Array<{ addressId: number; personId: number }>> {
  return manyLoader(ctx, 'residents-by-address', (ids: readonly number[]) => dir(ctx).persons.residentsOf(ids), (r) => r.addressId);
}
