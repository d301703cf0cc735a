/**
 * Test helpers: a small client for the four feed shapes (auth, page walking, retries) used by
 * the feed-server integration tests.
 */
import type { FeedServer } from '../../../src/simulator/feeds/feed-server';
import type { FeedName } from '../../../src/simulator/feeds/feed-config';

export type Row = Record<string, unknown>;

export const KEY_FIELD: Record<string, string> = {
  'police/rk': 'RYBH', 'police/bzdz': 'DZBM', 'police/fw': 'FWBM', 'police/jq': 'JQBH',
  'health/jmjkda': '档案编号', 'health/gazdx': '对象编号', 'health/yzjsza': '患者编号',
  'safety/enterprises': 'entId', 'safety/inspections': 'inspectionId', 'safety/hazards': 'hazardId',
  'grid-center/grids': 'id', 'grid-center/parts': 'id',
};

export async function healthToken(server: FeedServer): Promise<string> {
  const res = await fetch(`${server.url}/health/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: server.keys.healthClientId, client_secret: server.keys.healthClientSecret }).toString(),
  });
  if (res.status !== 200) throw new Error(`token: ${res.status}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

export async function authHeaders(server: FeedServer, feed: FeedName): Promise<Record<string, string>> {
  if (feed === 'police') return { 'X-Api-Key': server.keys.policeApiKey };
  if (feed === 'safety') return { Authorization: `ApiKey ${server.keys.safetyApiKey}` };
  if (feed === 'grid-center') return { 'X-Grid-Token': server.keys.gridToken };
  return { Authorization: `Bearer ${await healthToken(server)}` };
}

export interface Page {
  rows: Row[];
  /** Query of the next page, undefined at the end. */
  next?: string;
  raw: string;
}

/** Builds the first query of a stream walk. */
export function firstQuery(feed: FeedName, size: number, since?: string): string {
  const q = new URLSearchParams();
  if (feed === 'police') {
    q.set('page', '1');
    q.set('pageSize', String(size));
    if (since !== undefined) q.set('gxsjStart', since);
  } else if (feed === 'health') {
    q.set('limit', String(size));
    if (since !== undefined) q.set('since', since);
  } else if (feed === 'grid-center') {
    q.set('startIndex', '0');
    q.set('count', String(size));
    if (since !== undefined) q.set('gxsj_start', since);
  } else {
    q.set('offset', '0');
    q.set('limit', String(size));
    if (since !== undefined) q.set('updatedSince', since);
  }
  return q.toString();
}

/** Interprets one page body; throws when it is not valid JSON of the feed's shape. */
export function readPage(feed: FeedName, query: string, raw: string): Page {
  const body = JSON.parse(raw) as Record<string, unknown>;
  const q = new URLSearchParams(query);
  if (feed === 'police') {
    const rows = body.rows as Row[];
    const page = Number(q.get('page'));
    const size = Number(q.get('pageSize'));
    if (page * size < (body.total as number)) q.set('page', String(page + 1));
    return { rows, raw, next: page * size < (body.total as number) ? q.toString() : undefined };
  }
  if (feed === 'health') {
    const rows = body.data as Row[];
    const next = body.next_cursor as string | null;
    if (next === null) return { rows, raw };
    const nq = new URLSearchParams({ cursor: next, limit: q.get('limit') ?? '200' });
    return { rows, raw, next: nq.toString() };
  }
  if (feed === 'grid-center') {
    const rows = body.features as Row[];
    const at = Number(q.get('startIndex')) + rows.length;
    q.set('startIndex', String(at));
    return { rows, raw, next: at < (body.totalFeatures as number) ? q.toString() : undefined };
  }
  const rows = body.items as Row[];
  q.set('offset', String(Number(q.get('offset')) + rows.length));
  return { rows, raw, next: body.hasMore === true ? q.toString() : undefined };
}

export async function getPage(server: FeedServer, feed: FeedName, stream: string, query: string, headers: Record<string, string>): Promise<Page> {
  const res = await fetch(`${server.url}/${feed}/${stream}?${query}`, { headers });
  const raw = await res.text();
  if (res.status !== 200) throw new Error(`${feed}/${stream}: ${res.status} ${raw.slice(0, 200)}`);
  return readPage(feed, query, raw);
}

/** Walks a whole stream (no retries), returning every row in order. */
export async function walk(server: FeedServer, feed: FeedName, stream: string, size: number, since?: string): Promise<{ rows: Row[]; pages: string[] }> {
  const headers = await authHeaders(server, feed);
  const rows: Row[] = [];
  const pages: string[] = [];
  let query: string | undefined = firstQuery(feed, size, since);
  while (query !== undefined) {
    const p = await getPage(server, feed, stream, query, headers);
    rows.push(...p.rows);
    pages.push(p.raw);
    query = p.next;
  }
  return { rows, pages };
}

export function keysOf(feed: FeedName, stream: string, rows: Row[]): string[] {
  const f = KEY_FIELD[`${feed}/${stream}`];
  return rows.map((r) => String(r[f]));
}
