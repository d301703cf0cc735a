/**
 * 统一社会信用代码 — unified social credit code, GB 32100-2015.
 *
 * 18 characters over the alphabet 0-9 A-H J-N P-R T U W-Y (I, O, Z, S, V are never used):
 *   1  registering authority (1 机构编制, 5 民政, 9 工商/市场监管, Y 其他 …)
 *   1  organisation type within that authority (e.g. 91 企业, 92 个体工商户, 93 农民专业合作社)
 *   6  division code of the registering authority (GB/T 2260; 100000 = national level)
 *   9  organisation code (主体标识码), itself a GB 11714 code: 8 characters + check
 *      (values 0-9, A=10 … Z=35; weights 3 7 9 10 5 8 4 2; C = 11 − Σ mod 11; 10 → X, 11 → 0)
 *   1  check character: values are alphabet positions (0–30), weights 3^i mod 31
 *      (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28), check = (31 − Σ mod 31) mod 31.
 *
 * Before 2016 businesses carried a 15-digit registration number (工商注册号, GS15-2006):
 * 6-digit registering authority division code + 8-digit sequence + 1 check digit computed
 * with ISO 7064 MOD 11,10 (GB/T 17710); see {@link parseLegacyRegistrationNumber}.
 *
 * Normalisation: drop whitespace, full-width → half-width, upper-case.
 * Note: some codes issued locally before the standard settled fail the check character
 * (reported for Xiamen, 2016 and earlier); they are reported as errors here, so stewards
 * see them rather than the hub silently trusting them.
 */
import { type DivisionCodeRegistry, defaultDivisionRegistry, describeVersions } from './division-code';
import { type ValidationIssue, type Validated, fail, issue, ok } from './validation-issue';

/** Rule codes for USCC and legacy registration numbers. Part of the API contract: never rename. */
export const USCC_RULES = {
  /** Empty or not 18 characters after normalisation. */
  LENGTH: 'USCC_LENGTH',
  /** A character outside 0-9 A-H J-N P-R T U W-Y. */
  CHARS: 'USCC_CHARS',
  /** The 18th character does not match the GB 32100 MOD 31 check. */
  CHECK_CHAR: 'USCC_CHECK_CHAR',
  /** The embedded 9-character organisation code fails its GB 11714 check. */
  ORG_CODE_CHECK: 'USCC_ORG_CODE_CHECK',
  /** Characters 3–8 are not digits or the province prefix does not exist. */
  DIVISION: 'USCC_DIVISION',
  /** Warning: the embedded division code is in none of the loaded code-table versions. */
  DIVISION_UNKNOWN: 'USCC_DIVISION_UNKNOWN',
  /** Legacy registration number: empty or not 15 digits. */
  REG_NO_LENGTH: 'REG_NO_LENGTH',
  /** Legacy registration number: contains a non-digit. */
  REG_NO_CHARS: 'REG_NO_CHARS',
  /** Legacy registration number: the ISO 7064 MOD 11,10 check digit does not match. */
  REG_NO_CHECK_DIGIT: 'REG_NO_CHECK_DIGIT',
  /** Legacy registration number: the province prefix of its division code does not exist. */
  REG_NO_DIVISION: 'REG_NO_DIVISION',
  /** Warning: legacy registration number's division code is in none of the loaded versions. */
  REG_NO_DIVISION_UNKNOWN: 'REG_NO_DIVISION_UNKNOWN',
} as const;
export type UsccRule = (typeof USCC_RULES)[keyof typeof USCC_RULES];

export interface Uscc {
  /** Normalised 18-character code. */
  code: string;
  registrationAuthority: string;
  organisationType: string;
  /** 6-digit division code of the registering authority (100000 = national). */
  divisionCode: string;
  /** 9-character GB 11714 organisation code including its check character. */
  organisationCode: string;
  checkChar: string;
}

export interface LegacyRegistrationNumber {
  /** Normalised 15 digits. */
  number: string;
  /** 6-digit division code of the registering administration (100000 = national). */
  divisionCode: string;
  /** 8-digit sequence. */
  sequence: string;
  checkDigit: string;
}

export interface UsccOptions {
  /** Division code tables; the default registry otherwise. */
  registry?: DivisionCodeRegistry;
}

/** The 31 characters of GB 32100, in value order. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS: readonly number[] = [3, 7, 9, 10, 5, 8, 4, 2];
/** Division code used for registrations at national level. */
const NATIONAL_DIVISION = '100000';

/** ASCII code → USCC value, −1 when not in the alphabet. */
const USCC_VALUE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < USCC_ALPHABET.length; i++) table[USCC_ALPHABET.charCodeAt(i)] = i;
  return table;
})();

function usccValue(c: number): number {
  return c < 128 ? USCC_VALUE[c]! : -1;
}

/** GB 11714 value: digits 0–9, letters A=10 … Z=35, −1 otherwise. */
function orgValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 90) return c - 55;
  return -1;
}

function normalise(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    let c = raw.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xa0 || c === 0x3000 || c === 0xfeff) continue;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c >= 97 && c <= 122) c -= 32;
    out += String.fromCharCode(c);
  }
  return out;
}

function usccCheckOf(code: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccValue(code.charCodeAt(i)) * USCC_WEIGHTS[i]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

function orgCheckOf(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body.charCodeAt(i)) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** The GB 32100 check character for the first 17 characters. Throws RangeError on bad input. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`Expected 17 characters, got ${first17.length}`);
  for (let i = 0; i < 17; i++) {
    if (usccValue(first17.charCodeAt(i)) < 0) throw new RangeError(`'${first17[i]}' is not a USCC character`);
  }
  return usccCheckOf(first17);
}

/** The GB 11714 check character for an 8-character organisation code body. Throws RangeError on bad input. */
export function organisationCodeCheckChar(first8: string): string {
  if (first8.length !== 8) throw new RangeError(`Expected 8 characters, got ${first8.length}`);
  for (let i = 0; i < 8; i++) {
    if (orgValue(first8.charCodeAt(i)) < 0) throw new RangeError(`'${first8[i]}' is not an organisation code character`);
  }
  return orgCheckOf(first8);
}

const EXCLUDED_HINT: Readonly<Record<string, string>> = { I: '1', O: '0', Z: '2', S: '5', V: 'U' };

function divisionIssues(
  field: string,
  raw: string,
  division: string,
  registry: DivisionCodeRegistry,
  rule: string,
  unknownRule: string,
  label: string,
): { error?: ValidationIssue; warning?: ValidationIssue } {
  for (let i = 0; i < 6; i++) {
    const c = division.charCodeAt(i);
    if (c < 48 || c > 57) {
      return { error: issue(field, rule, raw, `${label} division code '${division}' must be 6 digits`) };
    }
  }
  if (division === NATIONAL_DIVISION) return {};
  const prefix = division.slice(0, 2);
  if (!registry.hasProvince(prefix)) {
    return {
      error: issue(field, rule, raw, `${label} division code ${division} starts with '${prefix}', which is not a province code`),
    };
  }
  if (registry.lookup(division) === undefined) {
    return {
      warning: issue(
        field,
        unknownRule,
        raw,
        `${label} division code ${division} is not in any loaded division code table (${describeVersions(registry)})`,
        'warning',
      ),
    };
  }
  return {};
}

/** Validates and normalises a unified social credit code. */
export function parseUscc(raw: string, field = 'uscc', options?: UsccOptions): Validated<Uscc> {
  const code = normalise(raw);
  for (let i = 0; i < code.length; i++) {
    if (usccValue(code.charCodeAt(i)) < 0) {
      const ch = code[i]!;
      const hint = EXCLUDED_HINT[ch] !== undefined ? ` (GB 32100 never uses ${ch}; perhaps '${EXCLUDED_HINT[ch]}' was meant)` : '';
      return fail(
        issue(field, USCC_RULES.CHARS, raw, `Character '${ch}' at position ${i + 1} is not allowed in a USCC${hint}`),
      );
    }
  }
  if (code.length !== 18) {
    const message = code.length === 0 ? 'USCC is empty' : `USCC must have 18 characters, got ${code.length}`;
    return fail(issue(field, USCC_RULES.LENGTH, raw, message));
  }

  const issues: ValidationIssue[] = [];
  const expected = usccCheckOf(code);
  const given = code[17]!;
  if (expected !== given) {
    issues.push(
      issue(field, USCC_RULES.CHECK_CHAR, raw, `Check character should be '${expected}' but is '${given}' (GB 32100-2015)`),
    );
  }
  const organisationCode = code.slice(8, 17);
  const orgExpected = orgCheckOf(organisationCode);
  if (orgExpected !== organisationCode[8]) {
    issues.push(
      issue(
        field,
        USCC_RULES.ORG_CODE_CHECK,
        raw,
        `Organisation code ${organisationCode}: check character should be '${orgExpected}' but is '${organisationCode[8]}' (GB 11714)`,
      ),
    );
  }
  const divisionCode = code.slice(2, 8);
  const registry = options?.registry ?? defaultDivisionRegistry();
  const division = divisionIssues(
    field,
    raw,
    divisionCode,
    registry,
    USCC_RULES.DIVISION,
    USCC_RULES.DIVISION_UNKNOWN,
    'Registering authority',
  );
  if (division.error !== undefined) issues.push(division.error);
  if (issues.length > 0) return fail(...issues);

  return ok(
    {
      code,
      registrationAuthority: code[0]!,
      organisationType: code[1]!,
      divisionCode,
      organisationCode,
      checkChar: given,
    },
    division.warning !== undefined ? [division.warning] : [],
  );
}

/** True when {@link parseUscc} would accept the code (warnings ignored). */
export function isValidUscc(raw: string, options?: UsccOptions): boolean {
  return parseUscc(raw, 'uscc', options).ok;
}

/**
 * Builds a valid USCC from parts, for generators and tests: computes the GB 11714 check of
 * the 8-character organisation code body, then the GB 32100 check character.
 * Throws RangeError on malformed parts (wrong length or characters outside the alphabet).
 */
export function makeUscc(
  registrationAuthority: string,
  organisationType: string,
  divisionCode: string,
  organisationCodeBody: string,
): string {
  if (registrationAuthority.length !== 1 || organisationType.length !== 1 || divisionCode.length !== 6) {
    throw new RangeError('makeUscc needs 1-character authority and type codes and a 6-digit division code');
  }
  const org = organisationCodeBody + organisationCodeCheckChar(organisationCodeBody);
  return registrationAuthority + organisationType + divisionCode + org + usccCheckChar(registrationAuthority + organisationType + divisionCode + org);
}

/** ISO 7064 MOD 11,10 check digit (GB/T 17710) for a digit string. */
function mod1110CheckOf(digits: string): number {
  let p = 10;
  for (let i = 0; i < digits.length; i++) {
    const s = (p % 11) + (digits.charCodeAt(i) - 48);
    p = ((s % 10) || 10) * 2;
  }
  return (11 - (p % 11)) % 10;
}

/** The MOD 11,10 check digit of a legacy registration number's first 14 digits. Throws RangeError on bad input. */
export function registrationNumberCheckDigit(first14: string): string {
  if (first14.length !== 14) throw new RangeError(`Expected 14 digits, got ${first14.length} characters`);
  for (let i = 0; i < 14; i++) {
    const c = first14.charCodeAt(i);
    if (c < 48 || c > 57) throw new RangeError(`Expected 14 digits, got '${first14}'`);
  }
  return String(mod1110CheckOf(first14));
}

/**
 * Validates a pre-2016 15-digit business registration number (工商注册号): 15 digits,
 * the first 6 the registering administration's division code, the last an
 * ISO 7064 MOD 11,10 check digit.
 */
export function parseLegacyRegistrationNumber(
  raw: string,
  field = 'registrationNumber',
  options?: UsccOptions,
): Validated<LegacyRegistrationNumber> {
  const number = normalise(raw);
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    if (c < 48 || c > 57) {
      return fail(
        issue(field, USCC_RULES.REG_NO_CHARS, raw, `Character '${number[i]}' at position ${i + 1} is not allowed: a registration number has digits only`),
      );
    }
  }
  if (number.length !== 15) {
    const message =
      number.length === 0 ? 'Registration number is empty' : `Registration number must have 15 digits, got ${number.length}`;
    return fail(issue(field, USCC_RULES.REG_NO_LENGTH, raw, message));
  }
  const issues: ValidationIssue[] = [];
  const expected = String(mod1110CheckOf(number.slice(0, 14)));
  const given = number[14]!;
  if (expected !== given) {
    issues.push(
      issue(
        field,
        USCC_RULES.REG_NO_CHECK_DIGIT,
        raw,
        `Check digit should be '${expected}' but is '${given}' (ISO 7064 MOD 11,10)`,
      ),
    );
  }
  const divisionCode = number.slice(0, 6);
  const division = divisionIssues(
    field,
    raw,
    divisionCode,
    options?.registry ?? defaultDivisionRegistry(),
    USCC_RULES.REG_NO_DIVISION,
    USCC_RULES.REG_NO_DIVISION_UNKNOWN,
    'Registering administration',
  );
  if (division.error !== undefined) issues.push(division.error);
  if (issues.length > 0) return fail(...issues);
  return ok(
    { number, divisionCode, sequence: number.slice(6, 14), checkDigit: given },
    division.warning !== undefined ? [division.warning] : [],
  );
}
