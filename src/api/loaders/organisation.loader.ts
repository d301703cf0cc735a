/** Per-request DataLoaders of organisations and their relations. */
import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { DirectoryService } from '../../services/directory.service';
import { toOrganisationType, toSafetyRecordType, type OrganisationType, type SafetyRecordType } from '../types/organisation.type';
import type { EmploymentType } from '../types/person.type';
import { manyLoader, oneLoader } from './batch';

const dir = (ctx: GraphQLContext) => ctx.service(DirectoryService);

/** organisation-by-id: a merged id loads its survivor. */
export function organisationLoader(ctx: GraphQLContext): DataLoader<number, OrganisationType | null> {
  return oneLoader(ctx, 'organisation-by-id', async (ids: readonly number[]) => new Map([...(await dir(ctx).organisations.byIds(ids))].map(([k, r]) => [k, toOrganisationType(r)])));
}

export function organisationByUsccLoader(ctx: GraphQLContext): DataLoader<string, OrganisationType | null> {
  return oneLoader(ctx, 'organisation-by-uscc', async (usccs: readonly string[]) => new Map([...(await dir(ctx).organisations.byUsccs(usccs))].map(([k, r]) => [k, toOrganisationType(r)])));
}

export function unitsAtLoader(ctx: GraphQLContext): DataLoader<number, OrganisationType[]> {
  return manyLoader(ctx, 'organisations-by-address', async (ids: readonly number[]) => (await dir(ctx).organisations.atAddresses(ids)).map(toOrganisationType), (o) => o.addressId ?? 0);
}

export function employeesLoader(ctx: GraphQLContext): DataLoader<number, EmploymentType[]> {
  return manyLoader(ctx, 'employees-by-organisation', async (ids: readonly number[]) => (await dir(ctx).organisations.employeesOf(ids)).map((e) => ({ ...e })), (e) => e.organisationId);
}

export function safetyRecordsLoader(ctx: GraphQLContext, stream: 'inspections' | 'hazards'): DataLoader<number, Array<SafetyRecordType & { organisationId: number }>> {
  return manyLoader(
    ctx,
    `${stream}-by-organisation`,
    async (ids: readonly number[]) => (await dir(ctx).organisations.safetyRecordsOf(ids, stream)).map((r) => Object.assign(toSafetyRecordType(r), { organisationId: r.organisationId })),
    (r) => r.organisationId,
  );
}
