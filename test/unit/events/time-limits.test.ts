import { EventCategoryScheme } from '../../../src/domain/vocabulary';
import {
  TIME_LIMITS, TimeLimitConfigError, assessColour, categoryCodeOf, categoryLabel, deadlineFor, limitRows, timeLimitFor, validateTimeLimits, type TimeLimitConfig,
} from '../../../src/events';

const H = 3_600_000;
const D = 24 * H;

describe('time limits (处置时限)', () => {
  it.each([
    ['dispute', '02', 'normal', 3],
    ['dispute', '09', 'max', 15],
    ['dispute', '08', 'hard', 7],
    ['dispute', '77', 'normal', 3],
    ['public_order', '04', 'same_day', undefined],
    ['public_order', '01', 'short', 2],
    ['safety_hazard', '03', 'hard', 7],
    ['city_management', '0301', 'max', 15],
    ['other', 'x', 'normal', 3],
  ] as const)('%s %s → %s', (scheme, code, tier, days) => {
    const l = timeLimitFor(scheme, code);
    expect(l.tier).toBe(tier);
    expect(l.days).toBe(days);
  });

  it('never exceeds 15 days and every scheme has a limit', () => {
    for (const s of EventCategoryScheme.values) {
      const l = timeLimitFor(s, '??');
      expect(l.sameDay === true || (l.days! >= 1 && l.days! <= 15)).toBe(true);
    }
  });

  it('same day ends at local midnight (+08:00); days are whole days', () => {
    const start = new Date('2026-11-22T09:30:00+08:00');
    expect(deadlineFor('public_order', '04', start).toISOString()).toBe(new Date('2026-11-23T00:00:00+08:00').toISOString());
    // 23:30 local is still the same local day although UTC has it on the day before
    expect(deadlineFor('public_order', '04', new Date('2026-11-22T23:30:00+08:00')).toISOString()).toBe(new Date('2026-11-23T00:00:00+08:00').toISOString());
    expect(deadlineFor('public_order', '04', new Date('2026-11-22T00:30:00+08:00')).toISOString()).toBe(new Date('2026-11-23T00:00:00+08:00').toISOString());
    expect(deadlineFor('dispute', '02', start).getTime() - start.getTime()).toBe(3 * D);
  });

  it('flattens into rows for SQL (0 days = same day)', () => {
    const rows = limitRows();
    expect(rows[0]).toEqual({ scheme: null, code: null, days: 3 });
    expect(rows).toContainEqual({ scheme: 'public_order', code: '04', days: 0 });
    expect(rows).toContainEqual({ scheme: 'safety_hazard', code: null, days: 7 });
  });

  it.each([
    ['unknown tier', (c: TimeLimitConfig) => ({ ...c, default: 'eternal' }), /unknown tier "eternal"/],
    ['over the maximum', (c: TimeLimitConfig) => ({ ...c, tiers: { ...c.tiers, long: { days: 30, label: 'x' } } }), /30 days, more than the maximum of 15/],
    ['unknown scheme', (c: TimeLimitConfig) => ({ ...c, schemes: { ...c.schemes, weather: { default: 'normal' } } as TimeLimitConfig['schemes'] }), /unknown scheme "weather"/],
    ['disordered colours', (c: TimeLimitConfig) => ({ ...c, colours: { yellowAt: 1.2, redAt: 1 } }), /yellowAt ≤ redAt/],
    ['disordered cards', (c: TimeLimitConfig) => ({ ...c, supervision: { ordinaryAt: 0.9, yellowCardAt: 0.8, redCardAt: 1 } }), /ordinaryAt ≤ yellowCardAt/],
  ])('rejects a config with %s', (_n, bad, msg) => {
    expect(() => validateTimeLimits(bad(TIME_LIMITS))).toThrow(TimeLimitConfigError);
    expect(() => validateTimeLimits(bad(TIME_LIMITS))).toThrow(msg);
  });
});

describe('colour rule (三色预警) and supervision (督办)', () => {
  const start = new Date('2026-11-01T00:00:00Z');
  const deadline = new Date(start.getTime() + 10 * D);
  it.each([
    [0, 'green', 0],
    [4.9, 'green', 0],
    [5, 'green', 1],
    [7.99, 'green', 1],
    [8, 'yellow', 2],
    [9.99, 'yellow', 2],
    [10, 'red', 3],
    [30, 'red', 3],
  ] as const)('%s of 10 days → %s, level %s', (days, colour, level) => {
    const a = assessColour(start, deadline, new Date(start.getTime() + days * D));
    expect(a.colour).toBe(colour);
    expect(a.supervisionLevel).toBe(level);
  });

  it('uses configurable thresholds', () => {
    const c = { ...TIME_LIMITS, colours: { yellowAt: 0.5, redAt: 1 } };
    expect(assessColour(start, deadline, new Date(start.getTime() + 6 * D), c).colour).toBe('yellow');
  });

  it('no deadline: green', () => {
    expect(assessColour(start, null, new Date())).toEqual({ colour: 'green', supervisionLevel: 0, elapsed: 0 });
  });
});

describe('categories', () => {
  it('labels codes and maps names departments send', () => {
    expect(categoryLabel('dispute', '02')).toBe('邻里纠纷');
    expect(categoryLabel('dispute', 'zz')).toBe('zz');
    expect(categoryCodeOf('safety_hazard', '消防安全')).toBe('01');
    expect(categoryCodeOf('safety_hazard', ' 04 ')).toBe('04');
  });
});
