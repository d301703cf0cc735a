/** Per-request DataLoaders of standard addresses, houses and their relations. */
import type DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';
import { DirectoryService } from '../../services/directory.service';
import { toAddressType, toHouseType, type AddressType, type HouseOccupantType, type HouseType } from '../types/place.type';
import { manyLoader, oneLoader, type SettlingLoader } from './batch';

const dir = (ctx: GraphQLContext) => ctx.service(DirectoryService);

export function addressLoader(ctx: GraphQLContext): SettlingLoader<number, AddressType | null> {
  return oneLoader(ctx, 'address-by-id', async (ids: readonly number[]) => new Map([...(await dir(ctx).places.addressesByIds(ids))].map(([k, r]) => [k, toAddressType(r)])));
}

export function addressByCodeLoader(ctx: GraphQLContext): DataLoader<string, AddressType | null> {
  return oneLoader(ctx, 'address-by-code', async (codes: readonly string[]) => new Map([...(await dir(ctx).places.addressesByCodes(codes))].map(([k, r]) => [k, toAddressType(r)])));
}

export function addressChildrenLoader(ctx: GraphQLContext): DataLoader<number, AddressType[]> {
  return manyLoader(ctx, 'children-by-address', async (ids: readonly number[]) => (await dir(ctx).places.childAddresses(ids)).map(toAddressType), (a) => a.parentId ?? 0);
}

export function houseLoader(ctx: GraphQLContext): DataLoader<number, HouseType | null> {
  return oneLoader(ctx, 'house-by-id', async (ids: readonly number[]) => new Map([...(await dir(ctx).places.housesByIds(ids))].map(([k, r]) => [k, toHouseType(r)])));
}

export function housesAtLoader(ctx: GraphQLContext): DataLoader<number, HouseType[]> {
  return manyLoader(ctx, 'houses-by-address', async (ids: readonly number[]) => (await dir(ctx).places.housesAt(ids)).map(toHouseType), (h) => h.addressId ?? 0);
}

export function occupantsLoader(ctx: GraphQLContext): DataLoader<number, Array<HouseOccupantType & { houseId: number }>> {
  return manyLoader(ctx, 'occupants-by-house', (ids: readonly number[]) => dir(ctx).places.occupantsOf(ids), (o) => o.houseId);
}
