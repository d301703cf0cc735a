/** Matching free-text addresses onto the standard address tree (一标三实 标准地址). See README.md. */
export { AddressIndex, buildAddressIndex, ROOT_NODE } from './address-index';
export type { AddressIndexStats, StandardAddressEntry } from './address-index';
export { matchAddress } from './match-address';
export type { AddressInput, AddressMatch } from './match-address';
export { ADMIN_KEYS, KIND_SPECS, TOKEN_KIND, adminTuple, localTokens } from './address-tokens';
export type { AdminTuple, TokenKind } from './address-tokens';
