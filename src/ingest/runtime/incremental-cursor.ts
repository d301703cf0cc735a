/**
 * Incremental cursor logic. A read starts from a saved position `{ value, tieBreaker }`: it asks
 * the server for records since `value − lookback` (so the boundary second is included even when
 * the server's bound is exclusive), then drops every record at or before the saved position in
 * (update time, tie-breaker) order. Nothing at the boundary is lost (lookback) and nothing is
 * doubled (the filter). Positions are compared as (epoch ms, tie-breaker string).
 */
import type { IncrementalSpec } from '../manifest/manifest-types';
import { formatCursorTime } from '../mapping/cursor-time';
import type { CursorPosition, MappedRecord } from '../mapping/map-record';

export function comparePositions(aMs: number, aTie: string, bMs: number, bTie: string): number {
  if (aMs !== bMs) return aMs < bMs ? -1 : 1;
  return aTie < bTie ? -1 : aTie > bTie ? 1 : 0;
}

export class IncrementalCursor {
  private readonly lookbackMs: number;

  constructor(private readonly spec: IncrementalSpec) {
    this.lookbackMs = (spec.lookbackSeconds ?? (spec.boundExclusive === false ? 0 : 1)) * 1000;
  }

  /** Request parameters for a read starting after `since` (none for a first, full read). */
  params(since: CursorPosition | null | undefined): Record<string, string> {
    if (since === null || since === undefined) return {};
    const ms = Date.parse(since.value) - this.lookbackMs;
    return { [this.spec.requestParam]: formatCursorTime(ms, this.spec.requestFormat, this.spec.cursorOffsetMinutes) };
  }

  /** Whether a record is new relative to `since` (records with an unreadable cursor are kept: they carry an issue). */
  isAfter(r: MappedRecord, since: CursorPosition | null | undefined): boolean {
    if (since === null || since === undefined || r.cursorValue === null) return true;
    return comparePositions(r.cursorMs, r.cursorValue.tieBreaker, Date.parse(since.value), since.tieBreaker) > 0;
  }

  /** The later of two positions. */
  static max(a: CursorPosition | null | undefined, b: CursorPosition | null | undefined): CursorPosition | null {
    if (a === null || a === undefined) return b ?? null;
    if (b === null || b === undefined) return a;
    return comparePositions(Date.parse(a.value), a.tieBreaker, Date.parse(b.value), b.tieBreaker) >= 0 ? a : b;
  }
}
