/**
 * The canonical full text of a parsed address: components in a fixed order with
 * fixed unit words, so that two spellings of one place give one string.
 *
 *   province city county town community [N组] [natural village] road lane [N号]
 *   compound yard [N栋] [N单元] [N室 | N层] rest
 *
 * e.g. 广东省广州市天河区石牌街道华师社区中山大道西55号华景新城3栋2单元501室.
 * - A 直辖市 is written once (北京市朝阳区…, not 北京市北京市朝阳区…).
 * - Building words (栋/幢/号楼/座/#) are all written 栋; rooms (室/房/号房/户) 室.
 * - Floor is an attribute: written (N层, basements 地下N层) only when there is no room number.
 * - A numbered yard (88号院) already carries its door number, so 号 is not repeated.
 * - The natural village is written right after the villager group (reading order
 *   of rural addresses), although its GA/T code (44) is larger than 42/43.
 * - Unparsed text (`rest`) is appended at the end so nothing is lost.
 */
import type { AddressComponents } from './address-components';

export function canonicalAddress(c: AddressComponents): string {
  let out = '';
  if (c.province !== undefined) out += c.province;
  if (c.city !== undefined && c.city !== c.province) out += c.city;
  if (c.county !== undefined) out += c.county;
  if (c.town !== undefined) out += c.town;
  if (c.community !== undefined) out += c.community;
  if (c.villagerGroup !== undefined) out += `${c.villagerGroup}组`;
  if (c.naturalVillage !== undefined) out += c.naturalVillage;
  if (c.road !== undefined) out += c.road;
  if (c.lane !== undefined) out += c.lane;
  if (c.roadNumber !== undefined && !(c.yard !== undefined && c.yard.startsWith(`${c.roadNumber}号`))) out += `${c.roadNumber}号`;
  if (c.compound !== undefined) out += c.compound;
  if (c.yard !== undefined) out += c.yard;
  if (c.building !== undefined) out += `${c.building}栋`;
  if (c.unit !== undefined) out += `${c.unit}单元`;
  if (c.room !== undefined) out += `${c.room}室`;
  else if (c.floor !== undefined) out += c.floor.startsWith('-') ? `地下${c.floor.slice(1)}层` : `${c.floor}层`;
  if (c.rest !== undefined) out += c.rest;
  return out;
}
