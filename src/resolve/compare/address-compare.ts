/**
 * How deep two parsed standard addresses (`AddressComponents`, from
 * `parseAddress`) agree — the address comparison level of the matcher:
 *
 * - `'conflict'`: both state a county, or both a town (乡镇/街道), and they differ.
 *   Nothing deeper is looked at (幸福小区3栋501 in two towns are two homes).
 * - `'room'`: same place, same building, unit and room (building and unit each
 *   equal, or absent on both sides; the room present and equal on both).
 * - `'building'`: same place and same building (rooms may differ: a different
 *   room in the same building is still just 'building', never a conflict).
 * - `'roadNumber'`: same door plate — same compound, same yard, same road + door
 *   number (and lane, if either has one), or the same natural village / villager
 *   group with the same door number.
 * - `'community'`: same community (社区/村), or same natural village, or same
 *   villager group in the same community (or, when a side lacks the community,
 *   in the same town: a group number means nothing on its own).
 * - `'town'`: same town.
 * - `'none'`: none of the above.
 *
 * The "place" is the first kind both addresses have, in this order: compound,
 * yard, road + door number, natural village, villager group. The first shared
 * kind decides (a compound with gates on two roads is one place; two compounds
 * at one door number are two). Without a shared place no level below community
 * is reached.
 *
 * A component missing on one side never counts as a disagreement (departments
 * drop 街道 and 社区: 石牌街道华师社区华景新城3栋2单元501 and 华景新城3栋2单元501
 * are the same room). A component both sides have and that differs does: two
 * different communities cap the result at 'town'.
 *
 * Allocation-free: only string equality on the component values.
 */
import type { AddressComponents } from '../../domain/address/address-components';

export type AddressAgreement = 'room' | 'building' | 'roadNumber' | 'community' | 'town' | 'none' | 'conflict';

/** Both present and equal. */
const SAME = 1;
/** At least one side absent. */
const UNKNOWN = 0;
/** Both present and different. */
const DIFFERENT = -1;

function present(v: string | undefined): v is string {
  return v !== undefined && v.length !== 0;
}

function compare(x: string | undefined, y: string | undefined): number {
  if (!present(x) || !present(y)) return UNKNOWN;
  return x === y ? SAME : DIFFERENT;
}

/** Equal on both sides, or absent on both sides. */
function sameOrBothAbsent(x: string | undefined, y: string | undefined): boolean {
  const px = present(x);
  const py = present(y);
  return px === py && (!px || x === y);
}

/** No shared place element. */
const PLACE_NONE = 0;
/** The deciding place element differs. */
const PLACE_DIFFERENT = 1;
/** Same natural village or villager group, no shared door number. */
const PLACE_AREA = 2;
/** Same door plate: compound, yard, road + number, or village / group + number. */
const PLACE_DOOR = 3;

/** A natural village or villager group matched: the door number, if both have one, decides. */
function areaPlace(a: AddressComponents, b: AddressComponents): number {
  const number = compare(a.roadNumber, b.roadNumber);
  if (number === UNKNOWN) return PLACE_AREA;
  return number === SAME ? PLACE_DOOR : PLACE_DIFFERENT;
}

function placeOf(a: AddressComponents, b: AddressComponents, community: number, town: number): number {
  const compound = compare(a.compound, b.compound);
  if (compound !== UNKNOWN) return compound === SAME ? PLACE_DOOR : PLACE_DIFFERENT;
  const yard = compare(a.yard, b.yard);
  if (yard !== UNKNOWN) return yard === SAME ? PLACE_DOOR : PLACE_DIFFERENT;
  if (present(a.road) && present(b.road) && present(a.roadNumber) && present(b.roadNumber)) {
    return a.road === b.road && a.roadNumber === b.roadNumber && sameOrBothAbsent(a.lane, b.lane)
      ? PLACE_DOOR
      : PLACE_DIFFERENT;
  }
  const village = compare(a.naturalVillage, b.naturalVillage);
  if (village !== UNKNOWN) return village === SAME ? areaPlace(a, b) : PLACE_DIFFERENT;
  const anchored = community === SAME || (community === UNKNOWN && town === SAME);
  if (anchored) {
    const group = compare(a.villagerGroup, b.villagerGroup);
    if (group !== UNKNOWN) return group === SAME ? areaPlace(a, b) : PLACE_DIFFERENT;
  }
  return PLACE_NONE;
}

/** The deepest level on which two parsed addresses agree; see the module comment. */
export function addressAgreement(a: AddressComponents, b: AddressComponents): AddressAgreement {
  const county = compare(a.county, b.county);
  const town = compare(a.town, b.town);
  if (county === DIFFERENT || town === DIFFERENT) return 'conflict';
  const community = compare(a.community, b.community);
  if (community === DIFFERENT) return town === SAME ? 'town' : 'none';

  const place = placeOf(a, b, community, town);
  if (place === PLACE_DOOR || place === PLACE_AREA) {
    const building = compare(a.building, b.building);
    if (
      sameOrBothAbsent(a.building, b.building) &&
      sameOrBothAbsent(a.unit, b.unit) &&
      compare(a.room, b.room) === SAME
    ) {
      return 'room';
    }
    if (building === SAME) return 'building';
    if (place === PLACE_DOOR) return 'roadNumber';
  }
  if (community === SAME) return 'community';
  if (compare(a.naturalVillage, b.naturalVillage) === SAME) return 'community';
  if (
    compare(a.villagerGroup, b.villagerGroup) === SAME &&
    (community === SAME || (community === UNKNOWN && town === SAME))
  ) {
    return 'community';
  }
  return town === SAME ? 'town' : 'none';
}
