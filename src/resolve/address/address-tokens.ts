/**
 * How a parsed address is cut into what the matcher compares:
 *
 * - the *administrative part* (province, city, county, town, community: GA/T levels 10–30),
 *   compared field by field and only where both sides have a value, because free text drops
 *   these levels all the time (广东省…, 街道/社区 left out);
 * - the *local path*: the elements below the community in canonical reading order, each a
 *   token `<kind letter><value>` (`G3`, `N张家湾自然村`, `R中山大道西`, `L123弄`, `#55`,
 *   `C华景新城`, `Y88号院`, `B3`, `U2`, `r501`). Two addresses are the same place only when
 *   their local paths are equal; the administrative part only confirms or rules out.
 *
 * Floor is an attribute of the room (not a level) and `rest` is unparsed text: neither is a token.
 */
import type { AddressComponentKey, AddressComponents } from '../../domain/address';

/** Token kinds of the local path, in canonical reading order. */
export const TOKEN_KIND = {
  villagerGroup: 0,
  naturalVillage: 1,
  road: 2,
  lane: 3,
  roadNumber: 4,
  compound: 5,
  yard: 6,
  building: 7,
  unit: 8,
  room: 9,
} as const;
export type TokenKind = (typeof TOKEN_KIND)[keyof typeof TOKEN_KIND];

interface KindSpec {
  readonly key: AddressComponentKey;
  readonly prefix: string;
  /** GA/T level of an address whose last element is of this kind. */
  readonly level: number;
  /** Words for explanations. */
  readonly label: string;
  /** Numbered element: leading zeros are not significant (03栋 = 3栋). */
  readonly numbered: boolean;
}

export const KIND_SPECS: readonly KindSpec[] = [
  { key: 'villagerGroup', prefix: 'G', level: 34, label: 'villager group', numbered: true },
  { key: 'naturalVillage', prefix: 'N', level: 44, label: 'natural village', numbered: false },
  { key: 'road', prefix: 'R', level: 40, label: 'road', numbered: false },
  { key: 'lane', prefix: 'L', level: 41, label: 'lane', numbered: false },
  { key: 'roadNumber', prefix: '#', level: 40, label: 'door number', numbered: true },
  { key: 'compound', prefix: 'C', level: 42, label: 'compound', numbered: false },
  { key: 'yard', prefix: 'Y', level: 43, label: 'yard', numbered: false },
  { key: 'building', prefix: 'B', level: 50, label: 'building', numbered: true },
  { key: 'unit', prefix: 'U', level: 61, label: 'unit', numbered: true },
  { key: 'room', prefix: 'r', level: 62, label: 'room', numbered: true },
];

/** Kind of a token string (by its first character). */
const KIND_BY_PREFIX = new Map<string, TokenKind>(KIND_SPECS.map((s, i) => [s.prefix, i as TokenKind]));

export function kindOfToken(token: string): TokenKind {
  return KIND_BY_PREFIX.get(token[0] as string) as TokenKind;
}

/**
 * Kinds that may be the first element of a local path written without what the register puts
 * above it (华景新城3栋 without its road and door number; 张家湾自然村5号 without the group).
 */
export const ANCHOR_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  TOKEN_KIND.naturalVillage, TOKEN_KIND.road, TOKEN_KIND.lane, TOKEN_KIND.compound, TOKEN_KIND.yard,
]);

/**
 * Kinds free text often leaves out between two written elements (unit between building and room,
 * compound between door number and building, natural village between group and door number).
 */
export const SKIPPABLE_KINDS: ReadonlySet<TokenKind> = new Set<TokenKind>([
  TOKEN_KIND.unit, TOKEN_KIND.compound, TOKEN_KIND.naturalVillage,
]);

const LEADING_ZEROS = /^0+(?=\d)/;

/** The local path of an address, as token strings in reading order (empty for an administrative area). */
export function localTokens(c: AddressComponents): string[] {
  const out: string[] = [];
  for (const spec of KIND_SPECS) {
    const v = c[spec.key];
    if (v === undefined || v === '') continue;
    out.push(spec.prefix + (spec.numbered && v.charCodeAt(0) === 48 ? v.replace(LEADING_ZEROS, '') : v));
  }
  return out;
}

/** Administrative fields, outermost first; index i of an `AdminTuple`. */
export const ADMIN_KEYS = ['province', 'city', 'county', 'town', 'community'] as const;
export const ADMIN_LEVELS: readonly number[] = [10, 10, 10, 20, 30];
export const ADMIN_LABELS: readonly string[] = ['province', 'city', 'county', 'town', 'community'];

/** province, city, county, town, community; `undefined` where the text does not say. */
export type AdminTuple = ReadonlyArray<string | undefined>;

export function adminTuple(c: AddressComponents): AdminTuple {
  return [c.province, c.city, c.county, c.town, c.community];
}

/** Index of the deepest administrative field present, -1 when none. */
export function deepestAdmin(a: AdminTuple): number {
  for (let i = ADMIN_KEYS.length - 1; i >= 0; i--) if (a[i] !== undefined) return i;
  return -1;
}
