import { CHINA_STANDARD_OFFSET_MINUTES, DATE_RULES, ageOn, parseDate, parseDateTime } from '../../../src/domain/date';

describe('parseDate: accepted forms', () => {
  it.each<[string, string]>([
    ['1985-03-07', '1985-03-07'],
    ['1985-3-7', '1985-03-07'],
    ['1985/3/7', '1985-03-07'],
    ['1985/03/07', '1985-03-07'],
    ['1985.3.7', '1985-03-07'],
    ['1985.03.07', '1985-03-07'],
    ['19850307', '1985-03-07'],
    ['  1985-03-07  ', '1985-03-07'],
    ['1985年3月7日', '1985-03-07'],
    ['1985年03月07日', '1985-03-07'],
    ['1985年3月7号', '1985-03-07'],
    ['1985年3月7', '1985-03-07'],
    ['1985 年 3 月 7 日', '1985-03-07'],
    ['一九八五年三月七日', '1985-03-07'],
    ['一九八五年三月七号', '1985-03-07'],
    ['一九八五年十二月二十七日', '1985-12-27'],
    ['二〇〇〇年十二月二十七日', '2000-12-27'],
    ['二零零零年十月十日', '2000-10-10'],
    ['一九九九年十一月三十日', '1999-11-30'],
    ['二〇二〇年二月二十九日', '2020-02-29'],
    ['二〇二四年一月三十一日', '2024-01-31'],
    ['二〇二四年一月二十日', '2024-01-20'],
    ['二〇二四年一月十九日', '2024-01-19'],
    ['1985年十二月7日', '1985-12-07'],
    ['１９８５年３月７日', '1985-03-07'],
    ['１９８５－０３－０７', '1985-03-07'],
    ['１９８５／３／７', '1985-03-07'],
    ['１９８５０３０７', '1985-03-07'],
    ['1985-03-07T00:00:00Z', '1985-03-07'],
    ['1985-03-07T00:00:00.000Z', '1985-03-07'],
    ['1985-03-07T23:59:59+08:00', '1985-03-07'],
    ['1985-03-07T20:00:00-05:00', '1985-03-07'],
    ['1985-03-07 12:00:00', '1985-03-07'],
    ['1985-03-07 12:00', '1985-03-07'],
    ['1985/3/7 8:30:00', '1985-03-07'],
    ['1985年3月7日 8:30', '1985-03-07'],
    ['1985年3月7日8时30分', '1985-03-07'],
    ['19850307083000', '1985-03-07'],
    ['2000-02-29', '2000-02-29'],
    ['1996-02-29', '1996-02-29'],
    ['0001-01-01', '0001-01-01'],
    ['9999-12-31', '9999-12-31'],
  ])('%p → %s', (raw, expected) => {
    expect(parseDate(raw, 'birthDate')).toEqual({ ok: true, value: expected, warnings: [] });
  });
});

describe('parseDate: invalid calendar dates (DATE_INVALID)', () => {
  it.each<[string, string]>([
    ['1985-02-30', '1985-02 has 28 days'],
    ['1985-02-29', '1985-02 has 28 days'],
    ['1900-02-29', '1900-02 has 28 days'],
    ['2100-02-29', '2100-02 has 28 days'],
    ['2000-02-30', '2000-02 has 29 days'],
    ['1985-04-31', '1985-04 has 30 days'],
    ['1985-03-32', '1985-03 has 31 days'],
    ['1985-03-00', 'has 31 days'],
    ['1985-13-01', 'month must be 1–12'],
    ['1985-00-10', 'month must be 1–12'],
    ['19851301', 'month must be 1–12'],
    ['19850230', 'has 28 days'],
    ['0000-01-01', 'month must be 1–12'],
    ['一九八五年二月三十日', '1985-02 has 28 days'],
    ['1985年13月1日', 'month must be 1–12'],
    ['1985-03-07 25:00', 'not a valid time'],
    ['1985-03-07 12:60', 'not a valid time'],
    ['1985-03-07T12:00:60', 'not a valid time'],
    ['1985-03-07T12:00:00+15:00', 'not a valid UTC offset'],
  ])('%p', (raw, fragment) => {
    const result = parseDate(raw, 'birthDate');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { field: 'birthDate', rule: DATE_RULES.INVALID, value: raw, message: expect.stringContaining(fragment), severity: 'error' },
      ]);
    }
  });

  it('names the date and the length of its month', () => {
    const result = parseDate('1985-02-30', 'birthDate');
    expect(!result.ok && result.issues[0]!.message).toBe('1985-02-30 is not a real date: 1985-02 has 28 days');
  });
});

describe('parseDate: unparseable (DATE_FORMAT)', () => {
  it.each<[string, string]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['31113', 'Excel serial'],
    ['45292', 'Excel serial'],
    ['31113.5', 'Excel serial'],
    ['1.5', 'Excel serial'],
    ['1985', 'not a recognised date'],
    ['850307', 'not a recognised date'],
    ['85-3-7', 'not a recognised date'],
    ['3/7/1985', 'not a recognised date'],
    ['07.03.1985', 'not a recognised date'],
    ['1985-03', 'not a recognised date'],
    ['1985-3', 'not a recognised date'],
    ['1985/03-07', 'not a recognised date'],
    ['1985-03-07X', 'not a recognised date'],
    ['1985-03-0712:00', 'not a recognised date'],
    ['1985-03-07T', 'not a recognised date'],
    ['1985-03-07 noon', 'not a recognised date'],
    ['198503071', 'not a recognised date'],
    ['1985年3月', 'not a recognised date'],
    ['1985年3月7日上午', 'not a recognised date'],
    ['一九八五年十十月七日', 'not a recognised date'],
    ['一九八五年三月二十二十日', 'not a recognised date'],
    ['一九八五年〇十月七日', 'not a recognised date'],
    ['yesterday', 'not a recognised date'],
    ['NaN', 'not a recognised date'],
    ['1985-03-07T12', 'not a recognised date'],
  ])('%p', (raw, fragment) => {
    const result = parseDate(raw, 'birthDate');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues).toEqual([
        { field: 'birthDate', rule: DATE_RULES.FORMAT, value: raw, message: expect.stringContaining(fragment), severity: 'error' },
      ]);
    }
  });

  it('uses "date" as the default field name', () => {
    const result = parseDate('nope');
    expect(!result.ok && result.issues[0]!.field).toBe('date');
  });
});

describe('parseDateTime', () => {
  const at = '2024-05-01T00:30:00.000Z';

  it.each<[string, string]>([
    ['2024-05-01 08:30', at],
    ['2024-05-01 08:30:00', at],
    ['2024-05-01T08:30:00', at],
    ['2024-05-01T08:30', at],
    ['2024/5/1 8:30:00', at],
    ['2024/5/1 8:30', at],
    ['2024.5.1 8:30', at],
    ['2024年5月1日 8:30', at],
    ['2024年5月1日 08:30:00', at],
    ['2024年5月1日8时30分', at],
    ['2024年5月1日 8点30分', at],
    ['2024年5月1日8时30分0秒', at],
    ['二〇二四年五月一日 8:30', at],
    ['20240501083000', at],
    ['202405010830', at],
    ['２０２４－０５－０１　０８：３０', at],
    ['2024-05-01T08:30:00+08:00', at],
    ['2024-05-01T08:30:00+0800', at],
    ['2024-05-01T08:30:00+08', at],
    ['2024-05-01T00:30:00Z', at],
    ['2024-05-01T00:30:00z', at],
    ['2024-04-30T19:30:00-05:00', at],
    ['2024-05-01 08:30:00 +08:00', at],
    ['1714523400000', at],
    ['1714523400', at],
    ['2024-05-01', '2024-04-30T16:00:00.000Z'],
    ['2024年5月1日', '2024-04-30T16:00:00.000Z'],
    ['20240501', '2024-04-30T16:00:00.000Z'],
    ['2024-05-01 08:30:00.5', '2024-05-01T00:30:00.500Z'],
    ['2024-05-01 08:30:00,25', '2024-05-01T00:30:00.250Z'],
    ['2024-05-01T08:30:00.123456789+08:00', '2024-05-01T00:30:00.123Z'],
    ['2024-01-01 00:00', '2023-12-31T16:00:00.000Z'],
    ['2024-03-01 07:59', '2024-02-29T23:59:00.000Z'],
    ['1990-07-01 12:00', '1990-07-01T04:00:00.000Z'], // fixed +08:00, no 1986–1991 DST
    ['0099-01-01 08:00', '0099-01-01T00:00:00.000Z'], // years below 100 are not shifted to 19xx
  ])('%p → %s', (raw, expected) => {
    expect(parseDateTime(raw)).toEqual({ ok: true, value: expected, warnings: [] });
  });

  it('applies +08:00 by default', () => {
    expect(CHINA_STANDARD_OFFSET_MINUTES).toBe(480);
  });

  it.each<[number, string]>([
    [0, '2024-05-01T08:30:00.000Z'],
    [480, '2024-05-01T00:30:00.000Z'],
    [-300, '2024-05-01T13:30:00.000Z'],
  ])('uses defaultOffsetMinutes %d when the input has no offset', (offset, expected) => {
    expect(parseDateTime('2024-05-01 08:30', 'reportedAt', { defaultOffsetMinutes: offset })).toEqual({
      ok: true,
      value: expected,
      warnings: [],
    });
  });

  it('ignores defaultOffsetMinutes when the input has an offset', () => {
    const result = parseDateTime('2024-05-01T08:30:00Z', 'reportedAt', { defaultOffsetMinutes: 480 });
    expect(result.ok && result.value).toBe('2024-05-01T08:30:00.000Z');
  });

  it.each<[string, string]>([
    ['', DATE_RULES.FORMAT],
    ['now', DATE_RULES.FORMAT],
    ['171452340', DATE_RULES.FORMAT],
    ['17145234000', DATE_RULES.FORMAT],
    ['45292.5', DATE_RULES.FORMAT],
    ['2024-05-01 8', DATE_RULES.FORMAT],
    ['2024-05-01 8:3', DATE_RULES.FORMAT],
    ['05/01/2024 08:30', DATE_RULES.FORMAT],
    ['2024-05-01 24:00', DATE_RULES.INVALID],
    ['2024-05-01 08:60', DATE_RULES.INVALID],
    ['2024-05-01 08:30:61', DATE_RULES.INVALID],
    ['2024-02-30 08:00', DATE_RULES.INVALID],
    ['2024-05-01T08:30:00+15:00', DATE_RULES.INVALID],
    ['2024-05-01T08:30:00+08:60', DATE_RULES.INVALID],
    ['2024年5月1日25时', DATE_RULES.INVALID],
  ])('%p → %s', (raw, rule) => {
    const result = parseDateTime(raw, 'reportedAt');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]).toMatchObject({ field: 'reportedAt', rule, value: raw, severity: 'error' });
  });
});

describe('ageOn', () => {
  it.each<[string, string, number]>([
    ['1985-03-07', '1985-03-07', 0],
    ['1985-03-07', '1986-03-06', 0],
    ['1985-03-07', '1986-03-07', 1],
    ['1985-03-07', '2024-03-06', 38],
    ['1985-03-07', '2024-03-07', 39],
    ['1985-03-07', '2024-12-31', 39],
    ['1985-12-31', '2024-01-01', 38],
    ['2000-02-29', '2023-02-28', 22],
    ['2000-02-29', '2023-03-01', 23],
    ['2000-02-29', '2024-02-28', 23],
    ['2000-02-29', '2024-02-29', 24],
    ['2006-06-01', '2024-05-31', 17],
    ['2006-06-01', '2024-06-01', 18],
  ])('born %s, on %s → %d', (birth, on, age) => {
    expect(ageOn(birth, on)).toBe(age);
  });

  it.each<[string, string]>([
    ['1985-3-7', '2024-01-01'],
    ['1985-03-07', '2024/01/01'],
    ['1985-02-30', '2024-01-01'],
    ['1985-03-07', '2024-13-01'],
    ['1985-03-07', '1985-03-06'],
  ])('throws for (%p, %p)', (birth, on) => {
    expect(() => ageOn(birth, on)).toThrow(RangeError);
  });
});
