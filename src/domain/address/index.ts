/** Standard-address parsing (GA/T 2000.32 element levels, canonical text). */
export { ADDRESS_LEVEL, DIVISION_KINDS } from './address-level';
export type { AddressLevelName, AddressLevelCode, DivisionKind } from './address-level';
export { COMPONENT_LEVEL, leafLevelOf } from './address-components';
export type { AddressComponents, AddressComponentKey } from './address-components';
export { canonicalAddress } from './canonical-address';
export { PROVINCE_NAMES } from './province-names';
export type { ProvinceName } from './province-names';
export { parseAddress, ADDRESS_RULES } from './parse-address';
export type { ParsedAddress } from './parse-address';
