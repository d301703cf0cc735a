/**
 * 三色预警 and 督办: how far an open event is into its time limit decides its colour (green within
 * the limit, yellow near it, red overdue) and its supervision level (0 none, 1 普通督办, 2 黄牌督办,
 * 3 红牌督办). Thresholds are fractions of the limit (time-limits.json); a finished event keeps the
 * colour it had when it was closed.
 */
import type { EventColour } from '../domain/vocabulary';
import { TIME_LIMITS, type TimeLimitConfig } from './time-limits';

export const SUPERVISION_LEVELS = ['none', 'ordinary', 'yellow_card', 'red_card'] as const;
export type SupervisionLevelName = (typeof SUPERVISION_LEVELS)[number];
export const SUPERVISION_LABELS: Record<SupervisionLevelName, string> = { none: '无', ordinary: '普通督办', yellow_card: '黄牌督办', red_card: '红牌督办' };

export interface ColourAssessment {
  colour: EventColour;
  /** 0–3, see SUPERVISION_LEVELS. */
  supervisionLevel: number;
  /** Fraction of the limit elapsed at `at` (≥ 1 overdue). */
  elapsed: number;
}

/** Fraction of the window [start, deadline] elapsed at `at`; a window of zero length is elapsed at its end. */
export function elapsedFraction(start: Date, deadline: Date, at: Date): number {
  const span = deadline.getTime() - start.getTime();
  if (span <= 0) return at.getTime() >= deadline.getTime() ? 1 : 0;
  return (at.getTime() - start.getTime()) / span;
}

export function assessColour(start: Date, deadline: Date | null | undefined, at: Date, config: TimeLimitConfig = TIME_LIMITS): ColourAssessment {
  if (deadline === null || deadline === undefined) return { colour: 'green', supervisionLevel: 0, elapsed: 0 };
  const f = elapsedFraction(start, deadline, at);
  const { yellowAt, redAt } = config.colours;
  const { ordinaryAt, yellowCardAt, redCardAt } = config.supervision;
  const colour: EventColour = f >= redAt ? 'red' : f >= yellowAt ? 'yellow' : 'green';
  const supervisionLevel = f >= redCardAt ? 3 : f >= yellowCardAt ? 2 : f >= ordinaryAt ? 1 : 0;
  return { colour, supervisionLevel, elapsed: f };
}
