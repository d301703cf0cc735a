/**
 * Paginator strategies: parameters per token and when the walk ends.
 */
import { createPaginator, type PageToken } from '../../../src/ingest/runtime/paginator';

describe('page_number', () => {
  const p = createPaginator({ kind: 'page_number', pageParam: 'page', sizeParam: 'pageSize', totalPath: 'total', pageSize: 500, startAt: 1 }, 1000);
  it('starts at startAt and sends the size', () => {
    expect(p.params(p.first())).toEqual({ page: '1', pageSize: '500' });
  });
  it('moves on after a full page and stops at the total or on a short page', () => {
    expect(p.next({ page: 1 }, { total: 1200 }, 500)).toEqual({ page: 2 });
    expect(p.next({ page: 2 }, { total: 1000 }, 500)).toBeNull();
    expect(p.next({ page: 3 }, { total: 1200 }, 200)).toBeNull();
    expect(p.next({ page: 1 }, { total: 0 }, 0)).toBeNull();
  });
  it('bounds the page size by maxPageSize', () => {
    const small = createPaginator({ kind: 'page_number', pageParam: 'p', sizeParam: 's', pageSize: 500, startAt: 0 }, 100);
    expect(small.params(small.first())).toEqual({ p: '0', s: '100' });
    expect(small.next({ page: 0 }, {}, 100)).toEqual({ page: 1 });
  });
});

describe('offset', () => {
  const p = createPaginator({ kind: 'offset', offsetParam: 'offset', limitParam: 'limit', hasMorePath: 'hasMore', pageSize: 500 }, 1000);
  it('follows hasMore', () => {
    expect(p.params(p.first())).toEqual({ offset: '0', limit: '500' });
    expect(p.next({ offset: 0 }, { hasMore: true }, 500)).toEqual({ offset: 500 });
    expect(p.next({ offset: 500 }, { hasMore: false }, 500)).toBeNull();
  });
  it('without hasMore, a short page ends the walk', () => {
    const q = createPaginator({ kind: 'offset', offsetParam: 'o', limitParam: 'l', pageSize: 10 }, 1000);
    expect(q.next({ offset: 0 }, {}, 10)).toEqual({ offset: 10 });
    expect(q.next({ offset: 10 }, {}, 3)).toBeNull();
    expect(q.next({ offset: 10 }, {}, 0)).toBeNull();
  });
});

describe('cursor_token', () => {
  const p = createPaginator({ kind: 'cursor_token', cursorParam: 'cursor', nextCursorPath: 'next_cursor', limitParam: 'limit', pageSize: 200 }, 1000);
  it('sends the cursor from the second page on and stops on null or empty', () => {
    expect(p.params(p.first())).toEqual({ limit: '200' });
    const t: PageToken | null = p.next(p.first(), { next_cursor: 'abc' }, 200);
    expect(t).toEqual({ cursor: 'abc' });
    expect(p.params(t!)).toEqual({ limit: '200', cursor: 'abc' });
    expect(p.next(t!, { next_cursor: null }, 10)).toBeNull();
    expect(p.next(t!, { next_cursor: '' }, 10)).toBeNull();
    expect(p.next(t!, {}, 10)).toBeNull();
  });
});
