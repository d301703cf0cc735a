/**
 * Department time formats and the record update time. Departments live in China Standard Time
 * (UTC+8): every formatted time below is wall-clock +08:00. A record's update time is
 * WORLD_EPOCH + updatedTick days + a deterministic intra-day offset in [1 s, 86,399 s], whole
 * seconds — so "since the start of tick t's day" selects exactly the records of ticks ≥ t.
 */
import { WORLD_EPOCH } from '../world/world-types';
import { pickIndex } from './seeded-hash';

export const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

export function tickStartMs(tick: number): number {
  return WORLD_EPOCH + tick * DAY_MS;
}

/** Update time of a record last changed at `updatedTick`; `salt` spreads records over the day. */
export function updateTimeMs(seed: number, salt: string, updatedTick: number): number {
  return tickStartMs(updatedTick) + (1 + pickIndex(seed, salt, 86_399)) * 1000;
}

/**
 * Update time of a record served from a chunked stream: as `updateTimeMs`, but the intra-day
 * offset lies in community `community`'s slot of the day (the day's 86,399 seconds split into
 * `communityCount` consecutive, disjoint slots). Ordering such records by (update time, key) is
 * therefore ordering them by (tick, community, update time, key): a page maps to a few communities.
 */
export function slotUpdateTimeMs(seed: number, salt: string, updatedTick: number, community: number, communityCount: number): number {
  const [lo, hi] = communitySlot(community, communityCount);
  return tickStartMs(updatedTick) + (lo + pickIndex(seed, salt, hi - lo + 1)) * 1000;
}

/** Seconds [first, last] of the day (1..86,399) holding the update times of community `c` of `n`. */
export function communitySlot(c: number, n: number): [number, number] {
  return [1 + Math.floor((c * 86_399) / n), Math.floor(((c + 1) * 86_399) / n)];
}

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function cst(ms: number): Date {
  return new Date(ms + CST_MS);
}

/** yyyyMMddHHmmss (police GXSJ). */
export function formatCompact(ms: number): string {
  const d = cst(ms);
  return `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}${p2(d.getUTCHours())}${p2(d.getUTCMinutes())}${p2(d.getUTCSeconds())}`;
}

/** YYYY-MM-DD HH:mm:ss (police BJSJ, health 更新时间). */
export function formatDashTime(ms: number): string {
  const d = cst(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** ISO 8601 with +08:00 (safety updatedAt). */
export function formatIsoCst(ms: number): string {
  return `${formatDashTime(ms).replace(' ', 'T')}+08:00`;
}

/** A date-only 'YYYY-MM-DD' (or longer ISO) into parts. */
function dateParts(isoDate: string): [string, number, number] {
  return [isoDate.slice(0, 4), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10))];
}

/** 'YYYYMMDD' (police CSRQ). */
export function formatDateCompact(isoDate: string): string {
  return isoDate.slice(0, 4) + isoDate.slice(5, 7) + isoDate.slice(8, 10);
}

/** '1985年3月7日' (health 出生日期). */
export function formatDateChinese(isoDate: string): string {
  const [y, m, d] = dateParts(isoDate);
  return `${y}年${m}月${d}日`;
}

/** 'YYYY/MM/DD' (safety estDate, inspection dates). */
export function formatDateSlash(isoDate: string): string {
  return isoDate.slice(0, 10).replace(/-/g, '/');
}

/** An ISO date-time (or date) string into ms; without a zone designator it is read as +08:00. */
function parseIsoLike(text: string): number {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00` : text.replace(' ', 'T');
  return Date.parse(hasZone ? withTime : `${withTime}+08:00`);
}

/** Parses an incremental bound: ISO 8601, or yyyyMMddHHmmss (+08:00). NaN when unreadable. */
export function parseSince(text: string): number {
  if (/^\d{14}$/.test(text)) {
    return Date.parse(`${text.slice(0, 4)}-${text.slice(4, 6)}-${text.slice(6, 8)}T${text.slice(8, 10)}:${text.slice(10, 12)}:${text.slice(12, 14)}+08:00`);
  }
  return parseIsoLike(text);
}
