/**
 * The departments' pagination styles over one sorted stream: police pages
 * (`page`/`pageSize`, `gxsjStart`), health opaque cursors (`cursor`/`limit`, `since`), safety
 * offsets (`offset`/`limit`, `updatedSince`) and the grid centre's WFS-style feature collections
 * (`startIndex`/`count`, `gxsj_start`). A plan is the index range to serve plus how to wrap
 * it; `previous` is the range a duplicate-page fault serves instead.
 */
import type { FeedName } from './feed-config';
import { parseSince } from './feed-time';
import type { StreamView } from './feed-catalog';

export const MAX_PAGE_SIZE = 1000;

export interface PagePlan {
  start: number;
  end: number;
  /** Range served by a duplicate-page fault; undefined when there is no previous page. */
  previous?: { start: number; end: number };
  /** The department's envelope around the joined rows (`a,b,c`): [head, tail]. */
  wrap(duplicate: boolean): [string, string];
}

export class PageError extends Error {}

function intParam(q: URLSearchParams, name: string, dflt: number, min: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return dflt;
  if (!/^\d+$/.test(raw)) throw new PageError(`${name} must be an integer`);
  const n = Number(raw);
  if (n < min) throw new PageError(`${name} must be at least ${min}`);
  return n;
}

function sinceParam(q: URLSearchParams, name: string): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return Number.NEGATIVE_INFINITY;
  const ms = parseSince(raw);
  if (Number.isNaN(ms)) throw new PageError(`${name} is not a valid time`);
  return ms;
}

interface CursorState {
  since: number | null;
  lastMs: number;
  lastKey: string;
}

export function encodeCursor(c: CursorState): string {
  return Buffer.from(JSON.stringify(['c1', c.since, c.lastMs, c.lastKey]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): CursorState {
  try {
    const v: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v[0] === 'c1' && (v[1] === null || typeof v[1] === 'number') && typeof v[2] === 'number' && typeof v[3] === 'string') {
      return { since: v[1] as number | null, lastMs: v[2] as number, lastKey: v[3] as string };
    }
  } catch {
    // fall through
  }
  throw new PageError('invalid cursor');
}

function policePlan(records: StreamView, q: URLSearchParams): PagePlan {
  const page = intParam(q, 'page', 1, 1);
  const pageSize = Math.min(MAX_PAGE_SIZE, intParam(q, 'pageSize', 500, 1));
  const base = records.firstAfter(sinceParam(q, 'gxsjStart'));
  const total = records.length - base;
  const start = Math.min(records.length, base + (page - 1) * pageSize);
  const end = Math.min(records.length, start + pageSize);
  const head = `{"total":${total},"page":${page},"pageSize":${pageSize},"rows":[`;
  return {
    start, end,
    previous: page > 1 && start < records.length ? { start: start - pageSize, end: start } : undefined,
    wrap: () => [head, ']}'],
  };
}

function healthPlan(records: StreamView, q: URLSearchParams): PagePlan {
  const limit = Math.min(MAX_PAGE_SIZE, intParam(q, 'limit', 200, 1));
  const cursorText = q.get('cursor');
  let since: number | null;
  let start: number;
  if (cursorText !== null && cursorText !== '') {
    const c = decodeCursor(cursorText);
    since = c.since;
    start = Math.max(records.firstAfterKey(c.lastMs, c.lastKey), since === null ? 0 : records.firstAfter(since));
  } else {
    const s = sinceParam(q, 'since');
    since = Number.isFinite(s) ? s : null;
    start = since === null ? 0 : records.firstAfter(since);
  }
  const end = Math.min(records.length, start + limit);
  const base = since === null ? 0 : records.firstAfter(since);
  const last = end < records.length && end > 0 ? records.at(end - 1) : undefined;
  const next = last !== undefined ? encodeCursor({ since, lastMs: last.updateMs, lastKey: last.key }) : null;
  const nextJson = next === null ? 'null' : `"${next}"`;
  return {
    start, end,
    previous: cursorText !== null && cursorText !== '' && start > base ? { start: Math.max(base, start - limit), end: start } : undefined,
    // A duplicated page is the previous page again, whose next_cursor was the cursor just sent.
    wrap: (duplicate) => ['{"data":[', `],"next_cursor":${duplicate ? `"${cursorText ?? ''}"` : nextJson}}`],
  };
}

function safetyPlan(records: StreamView, q: URLSearchParams): PagePlan {
  const offset = intParam(q, 'offset', 0, 0);
  const limit = Math.min(MAX_PAGE_SIZE, intParam(q, 'limit', 500, 1));
  const base = records.firstAfter(sinceParam(q, 'updatedSince'));
  const start = Math.min(records.length, base + offset);
  const end = Math.min(records.length, start + limit);
  return {
    start, end,
    previous: offset > 0 && start > base ? { start: Math.max(base, start - limit), end: start } : undefined,
    wrap: () => ['{"items":[', `],"offset":${offset},"limit":${limit},"hasMore":${end < records.length}}`],
  };
}

/** WFS GetFeature style: `startIndex` + `count` → a GeoJSON FeatureCollection with totals. */
function gridPlan(records: StreamView, q: URLSearchParams): PagePlan {
  const startIndex = intParam(q, 'startIndex', 0, 0);
  const count = Math.min(MAX_PAGE_SIZE, intParam(q, 'count', 500, 1));
  const base = records.firstAfter(sinceParam(q, 'gxsj_start'));
  const start = Math.min(records.length, base + startIndex);
  const end = Math.min(records.length, start + count);
  const total = records.length - base;
  const previous = startIndex > 0 && start > base ? { start: Math.max(base, start - count), end: start } : undefined;
  return {
    start, end, previous,
    wrap: (duplicate) => {
      const returned = duplicate && previous !== undefined ? previous.end - previous.start : end - start;
      return [`{"type":"FeatureCollection","totalFeatures":${total},"numberMatched":${total},"numberReturned":${returned},"startIndex":${startIndex},"features":[`, ']}'];
    },
  };
}

export function planPage(feed: FeedName, records: StreamView, q: URLSearchParams): PagePlan {
  switch (feed) {
    case 'police':
      return policePlan(records, q);
    case 'health':
      return healthPlan(records, q);
    case 'safety':
      return safetyPlan(records, q);
    case 'grid-center':
      return gridPlan(records, q);
  }
}
