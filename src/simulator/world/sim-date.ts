/**
 * Simulated calendar: days are integers counted from the Unix epoch (UTC); tick t is day
 * `EPOCH_DAY + t` (WORLD_EPOCH = 2026-01-01). Formatting is cached per day because millions of
 * dates are written.
 */
import { WORLD_EPOCH } from './world-types';

export const DAY_MS = 86_400_000;
export const EPOCH_DAY = Math.floor(WORLD_EPOCH / DAY_MS);

const isoCache = new Map<number, string>();

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (isoCache.size < 100_000) isoCache.set(day, s);
  }
  return s;
}

/** YYYYMMDD of a day number. */
export function ymdDay(day: number): string {
  const s = isoDay(day);
  return s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10);
}

/** Day of tick t. */
export function tickDay(tick: number): number {
  return EPOCH_DAY + tick;
}

/** Whole years between a birth day and a day. */
export function ageAt(birthDay: number, day: number): number {
  const b = new Date(birthDay * DAY_MS);
  const d = new Date(day * DAY_MS);
  let age = d.getUTCFullYear() - b.getUTCFullYear();
  if (d.getUTCMonth() < b.getUTCMonth() || (d.getUTCMonth() === b.getUTCMonth() && d.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** Day number of a YYYY-MM-DD string. */
export function dayOfIso(iso: string): number {
  return Math.floor(Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS);
}

/** ISO date-time in China time (+08:00) for a day and minute of day. */
export function isoDateTime(day: number, minuteOfDay: number): string {
  const h = Math.floor(minuteOfDay / 60);
  const m = minuteOfDay % 60;
  return `${isoDay(day)}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+08:00`;
}
