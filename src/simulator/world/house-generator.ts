/**
 * 实有房屋: one house per dwelling (room or village house) plus one per shop front. Owners are the
 * occupying household head, or — for rentals and most vacant dwellings — another hukou adult of the
 * community (the landlord). Rentals carry a registration number, the tenants (all persons of the
 * rental households) and hazards: 群租 when six or more live there, otherwise occasional others.
 */
import type { SimAddress, SimHouse, SimPerson } from './world-types';
import type { Dwelling } from './address-generator';
import type { Occupancy } from './population-generator';
import type { Rng } from './rng';
import { RATES } from './rates';
import { EPOCH_DAY, isoDay } from './sim-date';

const HAZARDS = ['消防通道堵塞', '电动车室内充电', '私拉乱接电线', '未配置灭火器', '燃气使用不规范', '违规住人(仓库)'];

/** Builds houses for dwellings and shop fronts; `landlords` are candidate owners (hukou adults). */
export function generateHouses(rng: Rng, countyCode: string, communityIndex: number, dwellings: Dwelling[], occupancy: Array<Occupancy | undefined>, shops: SimAddress[], landlords: SimPerson[]): SimHouse[] {
  const houses: SimHouse[] = [];
  let registration = 1;
  const pickLandlord = (): string | undefined => (landlords.length > 0 ? rng.pick(landlords).id : undefined);
  for (let d = 0; d < dwellings.length; d++) {
    const dw = dwellings[d]!;
    const occ = occupancy[d];
    const x = rng.next();
    const use = dw.village ? (x < 0.1 ? 'mixed' : 'residential') : x < 0.03 ? 'mixed' : x < 0.05 ? 'commercial' : 'residential';
    const house: SimHouse = {
      id: `H:${dw.address.code}`, addressId: dw.address.id, use, areaM2: dw.village ? rng.range(90, 320) : rng.range(45, 150),
      isRental: occ?.rental === true, updatedTick: 0,
    };
    const owner = occ === undefined ? (rng.chance(0.7) ? pickLandlord() : undefined) : occ.rental ? pickLandlord() : occ.ownerId;
    if (owner !== undefined) house.ownerPersonId = owner;
    if (occ?.rental === true) {
      const tenantIds = occ.households.flatMap((h) => h.members.map((m) => m.id));
      const hazards: string[] = [];
      if (tenantIds.length >= 6) hazards.push('群租');
      if (rng.chance(RATES.rentalHazard)) hazards.push(rng.pick(HAZARDS));
      const rental: NonNullable<SimHouse['rental']> = {
        registrationNo: `ZL${countyCode}${String(communityIndex).padStart(4, '0')}${String(registration++).padStart(5, '0')}`,
        registeredOn: isoDay(EPOCH_DAY - rng.range(10, 1500)), tenantIds, hazards,
      };
      if (owner !== undefined) rental.landlordPersonId = owner;
      house.rental = rental;
    }
    houses.push(house);
  }
  for (const shop of shops) {
    const house: SimHouse = { id: `H:${shop.code}`, addressId: shop.id, use: rng.chance(0.85) ? 'commercial' : 'mixed', areaM2: rng.range(20, 200), isRental: false, updatedTick: 0 };
    const owner = pickLandlord();
    if (owner !== undefined) house.ownerPersonId = owner;
    houses.push(house);
  }
  return houses;
}
