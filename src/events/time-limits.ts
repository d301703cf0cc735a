/**
 * Per-category time limits (处置时限) and the deadline they give: a tier per category code, with a
 * default per scheme and an overall default (src/events/time-limits.json). Validated on load: every
 * tier named exists, no tier exceeds `maxDays`, thresholds are ordered.
 */
import { EventCategoryScheme } from '../domain/vocabulary';
import defaultConfig from './time-limits.json';

export interface TimeLimitTier {
  /** By the end of the reporting day (local time). */
  sameDay?: boolean;
  /** Whole days after the report. */
  days?: number;
  label: string;
}

export interface ColourThresholds {
  /** Fraction of the limit elapsed from which the event is yellow (黄色预警). */
  yellowAt: number;
  /** … red (红色预警); 1 = overdue. */
  redAt: number;
}

export interface SupervisionThresholds {
  /** 普通督办 (level 1) */
  ordinaryAt: number;
  /** 黄牌督办 (level 2) */
  yellowCardAt: number;
  /** 红牌督办 (level 3) */
  redCardAt: number;
}

export interface TimeLimitConfig {
  timeZoneOffsetMinutes: number;
  maxDays: number;
  tiers: Record<string, TimeLimitTier>;
  default: string;
  schemes: Partial<Record<EventCategoryScheme, { default: string; codes?: Record<string, string> }>>;
  colours: ColourThresholds;
  supervision: SupervisionThresholds;
}

/** A resolved limit: the tier's name and its rule. */
export interface TimeLimit extends TimeLimitTier {
  tier: string;
}

export class TimeLimitConfigError extends Error {
  readonly code = 'TIME_LIMIT_CONFIG';
}

/** Checks a config; throws TimeLimitConfigError naming the first problem. */
export function validateTimeLimits(c: TimeLimitConfig): TimeLimitConfig {
  const fail = (m: string): never => {
    throw new TimeLimitConfigError(`time limits: ${m}`);
  };
  for (const [name, t] of Object.entries(c.tiers)) {
    if (t.sameDay === true) continue;
    if (t.days === undefined || !Number.isInteger(t.days) || t.days < 1) fail(`tier "${name}" needs sameDay or a whole number of days ≥ 1`);
    if (t.days! > c.maxDays) fail(`tier "${name}" is ${t.days} days, more than the maximum of ${c.maxDays}`);
  }
  const tier = (name: string, where: string) => {
    if (c.tiers[name] === undefined) fail(`${where} names unknown tier "${name}" (tiers: ${Object.keys(c.tiers).join(', ')})`);
  };
  tier(c.default, 'default');
  for (const [scheme, s] of Object.entries(c.schemes)) {
    if (!EventCategoryScheme.is(scheme)) fail(`unknown scheme "${scheme}" (schemes: ${EventCategoryScheme.values.join(', ')})`);
    tier(s!.default, `scheme ${scheme} default`);
    for (const [code, t] of Object.entries(s!.codes ?? {})) tier(t, `scheme ${scheme} code ${code}`);
  }
  const { yellowAt, redAt } = c.colours;
  if (!(yellowAt > 0 && yellowAt <= redAt)) fail(`colours need 0 < yellowAt ≤ redAt (got ${yellowAt}, ${redAt})`);
  const { ordinaryAt, yellowCardAt, redCardAt } = c.supervision;
  if (!(ordinaryAt > 0 && ordinaryAt <= yellowCardAt && yellowCardAt <= redCardAt)) {
    fail(`supervision needs 0 < ordinaryAt ≤ yellowCardAt ≤ redCardAt (got ${ordinaryAt}, ${yellowCardAt}, ${redCardAt})`);
  }
  return c;
}

/** The shipped configuration (validated at load). */
export const TIME_LIMITS: TimeLimitConfig = validateTimeLimits(defaultConfig as TimeLimitConfig);

/** The limit of a category: its code's tier, else the scheme's default, else the overall default. */
export function timeLimitFor(scheme: EventCategoryScheme, code: string, config: TimeLimitConfig = TIME_LIMITS): TimeLimit {
  const s = config.schemes[scheme];
  const tier = s?.codes?.[code] ?? s?.default ?? config.default;
  return { tier, ...config.tiers[tier]! };
}

const DAY_MS = 86_400_000;

/** The deadline of a limit counted from `start`: end of the local day, or whole days later. */
export function deadlineOf(limit: TimeLimitTier, start: Date, config: TimeLimitConfig = TIME_LIMITS): Date {
  if (limit.sameDay === true) {
    const off = config.timeZoneOffsetMinutes * 60_000;
    return new Date((Math.floor((start.getTime() + off) / DAY_MS) + 1) * DAY_MS - off);
  }
  return new Date(start.getTime() + limit.days! * DAY_MS);
}

export function deadlineFor(scheme: EventCategoryScheme, code: string, start: Date, config: TimeLimitConfig = TIME_LIMITS): Date {
  return deadlineOf(timeLimitFor(scheme, code, config), start, config);
}

/**
 * The limits as rows for set-based SQL: one per (scheme, code) with `code` null for a scheme's
 * default and scheme null for the overall default; `days` 0 means the same day.
 */
export function limitRows(config: TimeLimitConfig = TIME_LIMITS): Array<{ scheme: string | null; code: string | null; days: number }> {
  const days = (tier: string) => (config.tiers[tier]!.sameDay === true ? 0 : config.tiers[tier]!.days!);
  const rows: Array<{ scheme: string | null; code: string | null; days: number }> = [{ scheme: null, code: null, days: days(config.default) }];
  for (const [scheme, s] of Object.entries(config.schemes)) {
    rows.push({ scheme, code: null, days: days(s!.default) });
    for (const [code, t] of Object.entries(s!.codes ?? {})) rows.push({ scheme, code, days: days(t) });
  }
  return rows;
}
