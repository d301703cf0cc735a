/**
 * Cursor tie-breaker logic: the request bound looks back so the boundary second is re-served;
 * records at or before the saved (time, tie-breaker) position are dropped, later ones kept.
 */
import type { IncrementalSpec } from '../../../src/ingest/manifest/manifest-types';
import { compileStream, mapRecord, type CursorPosition } from '../../../src/ingest/mapping/map-record';
import { formatCursorTime, parseCursorTime } from '../../../src/ingest/mapping/cursor-time';
import { IncrementalCursor } from '../../../src/ingest/runtime/incremental-cursor';

const spec: IncrementalSpec = { cursorField: 'GXSJ', cursorFormat: 'compact', requestParam: 'gxsjStart', requestFormat: 'compact', tieBreakerField: 'id' };
const compiled = compileStream({ primaryKey: ['id'], incremental: spec, mapping: { fields: { id: { from: 'id' } } } });
const rec = (id: string, GXSJ: string) => mapRecord({ id, GXSJ }, compiled);
const saved: CursorPosition = { value: new Date(parseCursorTime('20260102101010', 'compact')).toISOString(), tieBreaker: 'R5' };

describe('IncrementalCursor', () => {
  const c = new IncrementalCursor(spec);

  it('asks from one second before the saved value (exclusive bound) in the request format', () => {
    expect(c.params(saved)).toEqual({ gxsjStart: '20260102101009' });
    expect(c.params(null)).toEqual({});
    const iso = new IncrementalCursor({ ...spec, requestParam: 'since', requestFormat: 'iso', lookbackSeconds: 60 });
    expect(iso.params(saved)).toEqual({ since: '2026-01-02T10:09:10+08:00' });
    const inclusive = new IncrementalCursor({ ...spec, boundExclusive: false });
    expect(inclusive.params(saved)).toEqual({ gxsjStart: '20260102101010' });
  });

  it('drops records at or before the saved position, keeps the rest of the boundary second', () => {
    const page = [rec('R9', '20260102101009'), rec('R4', '20260102101010'), rec('R5', '20260102101010'), rec('R6', '20260102101010'), rec('R1', '20260102101011')];
    expect(page.filter((r) => c.isAfter(r, saved)).map((r) => r.key)).toEqual(['R6', 'R1']);
  });

  it('keeps everything on a first read, and records whose cursor is unreadable (they carry an issue)', () => {
    expect(c.isAfter(rec('R1', '20200101000000'), null)).toBe(true);
    const broken = rec('R0', 'garbage');
    expect(broken.quarantined).toBe(true);
    expect(c.isAfter(broken, saved)).toBe(true);
  });

  it('max compares time then tie-breaker', () => {
    const a = { value: '2026-01-02T00:00:00.000Z', tieBreaker: 'B' };
    const b = { value: '2026-01-02T00:00:00.000Z', tieBreaker: 'C' };
    const later = { value: '2026-01-02T00:00:01.000Z', tieBreaker: 'A' };
    expect(IncrementalCursor.max(a, b)).toBe(b);
    expect(IncrementalCursor.max(later, b)).toBe(later);
    expect(IncrementalCursor.max(null, a)).toBe(a);
  });
});

describe('cursor times', () => {
  it.each<[string, 'compact' | 'dash' | 'iso', string]>([
    ['20260101080024', 'compact', '2026-01-01T00:00:24.000Z'],
    ['2026-01-01 08:00:24', 'dash', '2026-01-01T00:00:24.000Z'],
    ['2026-01-01T08:00:24+08:00', 'iso', '2026-01-01T00:00:24.000Z'],
    ['2026-01-01T00:00:24Z', 'iso', '2026-01-01T00:00:24.000Z'],
    ['2026-01-01T08:00:24.5+0800', 'iso', '2026-01-01T00:00:24.500Z'],
  ])('parses %s (%s)', (raw, fmt, iso) => {
    expect(new Date(parseCursorTime(raw, fmt)).toISOString()).toBe(iso);
  });
  it('formats in China Standard Time', () => {
    const ms = Date.parse('2026-01-01T00:00:24Z');
    expect(formatCursorTime(ms, 'compact')).toBe('20260101080024');
    expect(formatCursorTime(ms, 'dash')).toBe('2026-01-01 08:00:24');
    expect(formatCursorTime(ms, 'iso')).toBe('2026-01-01T08:00:24+08:00');
    expect(formatCursorTime(ms, 'iso', 0)).toBe('2026-01-01T00:00:24Z');
    expect(formatCursorTime(ms, 'epoch_ms')).toBe(String(ms));
  });
  it('NaN for unreadable values', () => {
    expect(parseCursorTime('', 'iso')).toBeNaN();
    expect(parseCursorTime(12, 'iso')).toBeNaN();
    expect(parseCursorTime('2026-02-30 00:00:00', 'dash')).toBeNaN();
    expect(parseCursorTime('20260101240000', 'compact')).toBeNaN();
  });
});
