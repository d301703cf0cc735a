/**
 * Incremental cursor times: parse a record's update time in the department's format into epoch
 * ms, and write a bound back in the format the request parameter expects. Fast paths for the
 * common shapes (compact yyyyMMddHHmmss, `yyyy-MM-dd HH:mm:ss`, ISO with offset); anything else
 * goes through the domain's parseDateTime.
 */
import { parseDateTime } from '../../domain/date';
import type { TimeFormat } from '../manifest/manifest-types';

export const CHINA_OFFSET_MINUTES = 480;

const COMPACT = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const DASH = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3})\d*)?(Z|[+-]\d{2}:?\d{2})?$/;

function zoneMinutes(z: string | undefined, dflt: number): number {
  if (z === undefined) return dflt;
  if (z === 'Z') return 0;
  const sign = z[0] === '-' ? -1 : 1;
  const digits = z.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/** NaN for impossible dates and times (2026-02-30, 24:00) instead of Date.UTC's silent rollover. */
function fromParts(m: RegExpExecArray, ms: number, offsetMinutes: number): number {
  const month = Number(m[2]);
  const day = Number(m[3]);
  const h = Number(m[4]);
  const min = Number(m[5]);
  const sec = Number(m[6]);
  if (h > 23 || min > 59 || sec > 59) return Number.NaN;
  const utc = Date.UTC(Number(m[1]), month - 1, day, h, min, sec, ms);
  const d = new Date(utc);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return Number.NaN;
  return utc - offsetMinutes * 60_000;
}

/** Epoch ms of a cursor value, or NaN when unreadable. Values without a zone use `offsetMinutes`. */
export function parseCursorTime(raw: unknown, format: TimeFormat, offsetMinutes = CHINA_OFFSET_MINUTES): number {
  if (typeof raw === 'number') return format === 'epoch_ms' ? raw : Number.NaN;
  if (typeof raw !== 'string' || raw === '') return Number.NaN;
  if (format === 'epoch_ms') return /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  const c = format === 'compact' ? COMPACT.exec(raw) : null;
  if (c !== null) return fromParts(c, 0, offsetMinutes);
  const d = DASH.exec(raw);
  if (d !== null) return fromParts(d, d[7] === undefined ? 0 : Number(d[7].padEnd(3, '0')), zoneMinutes(d[8], offsetMinutes));
  const v = parseDateTime(raw, 'cursor', { defaultOffsetMinutes: offsetMinutes });
  return v.ok ? Date.parse(v.value) : Number.NaN;
}

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Writes epoch ms in `format`, as wall-clock time at `offsetMinutes` (ISO carries the offset). */
export function formatCursorTime(ms: number, format: TimeFormat, offsetMinutes = CHINA_OFFSET_MINUTES): string {
  if (format === 'epoch_ms') return String(ms);
  const d = new Date(ms + offsetMinutes * 60_000);
  const date = `${d.getUTCFullYear()}${format === 'compact' ? '' : '-'}${p2(d.getUTCMonth() + 1)}${format === 'compact' ? '' : '-'}${p2(d.getUTCDate())}`;
  const sep = format === 'compact' ? '' : ':';
  const time = `${p2(d.getUTCHours())}${sep}${p2(d.getUTCMinutes())}${sep}${p2(d.getUTCSeconds())}`;
  if (format === 'compact') return date + time;
  if (format === 'dash') return `${date} ${time}`;
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 0 ? 'Z' : `${offsetMinutes < 0 ? '-' : '+'}${p2(Math.floor(abs / 60))}:${p2(abs % 60)}`;
  return `${date}T${time}${zone}`;
}
