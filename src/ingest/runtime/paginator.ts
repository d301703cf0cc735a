/**
 * Paginators: one strategy per manifest `pagination.kind`. A strategy turns a page token into
 * request parameters and, given a response, decides the next token (null = last page). Tokens are
 * plain JSON so a checkpoint can carry one and a crashed read resumes on the same page.
 */
import type { CursorTokenPagination, OffsetPagination, PageNumberPagination, PaginationSpec } from '../manifest/manifest-types';
import { compilePath, type PathGetter } from '../mapping/field-path';

export type PageToken = { page: number } | { offset: number } | { cursor: string | null };

export interface Paginator {
  first(): PageToken;
  params(token: PageToken): Record<string, string>;
  /** Token of the next page, or null when `body` was the last page. `records` = rows in `body`. */
  next(token: PageToken, body: unknown, records: number): PageToken | null;
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;
}

export class PageNumberPaginator implements Paginator {
  private readonly total: PathGetter | undefined;
  constructor(private readonly spec: PageNumberPagination, private readonly size: number) {
    this.total = spec.totalPath === undefined ? undefined : compilePath(spec.totalPath);
  }
  first(): PageToken {
    return { page: this.spec.startAt };
  }
  params(token: PageToken): Record<string, string> {
    return { [this.spec.pageParam]: String('page' in token ? token.page : this.spec.startAt), [this.spec.sizeParam]: String(this.size) };
  }
  next(token: PageToken, body: unknown, records: number): PageToken | null {
    const page = 'page' in token ? token.page : this.spec.startAt;
    if (records < this.size) return null;
    const total = this.total === undefined ? undefined : num(this.total(body));
    if (total !== undefined && (page - this.spec.startAt + 1) * this.size >= total) return null;
    return { page: page + 1 };
  }
}

export class OffsetPaginator implements Paginator {
  private readonly hasMore: PathGetter | undefined;
  constructor(private readonly spec: OffsetPagination, private readonly size: number) {
    this.hasMore = spec.hasMorePath === undefined ? undefined : compilePath(spec.hasMorePath);
  }
  first(): PageToken {
    return { offset: 0 };
  }
  params(token: PageToken): Record<string, string> {
    return { [this.spec.offsetParam]: String('offset' in token ? token.offset : 0), [this.spec.limitParam]: String(this.size) };
  }
  next(token: PageToken, body: unknown, records: number): PageToken | null {
    const offset = 'offset' in token ? token.offset : 0;
    if (records === 0) return null;
    if (this.hasMore !== undefined) {
      const more = this.hasMore(body);
      if (typeof more === 'boolean') return more ? { offset: offset + records } : null;
    }
    return records < this.size ? null : { offset: offset + records };
  }
}

export class CursorTokenPaginator implements Paginator {
  private readonly nextCursor: PathGetter;
  constructor(private readonly spec: CursorTokenPagination, private readonly size: number) {
    this.nextCursor = compilePath(spec.nextCursorPath);
  }
  first(): PageToken {
    return { cursor: null };
  }
  params(token: PageToken): Record<string, string> {
    const p: Record<string, string> = { [this.spec.limitParam]: String(this.size) };
    if ('cursor' in token && token.cursor !== null) p[this.spec.cursorParam] = token.cursor;
    return p;
  }
  next(_token: PageToken, body: unknown): PageToken | null {
    const c = this.nextCursor(body);
    return typeof c === 'string' && c !== '' ? { cursor: c } : null;
  }
}

/** The strategy for a stream; the page size is bounded by the connector's maxPageSize. */
export function createPaginator(spec: PaginationSpec, maxPageSize: number): Paginator {
  const size = Math.min(spec.pageSize, maxPageSize);
  switch (spec.kind) {
    case 'page_number':
      return new PageNumberPaginator(spec, size);
    case 'offset':
      return new OffsetPaginator(spec, size);
    case 'cursor_token':
      return new CursorTokenPaginator(spec, size);
  }
}
