/**
 * `readStream(connector, streamName, state, { signal, onPage })`: an async generator of pages.
 * Each page carries its mapped records and the checkpoint (`nextState`) that is true once those
 * records are stored: the caller writes both in ONE transaction, and after a crash calls
 * readStream again with the last committed state. Records before the saved cursor position are
 * filtered out; a page identical to the previous one (a server duplicating pages) is retried,
 * never yielded twice; the caller upserts by key anyway, so an overlap is harmless.
 */
import { mapRecord, type CursorPosition, type MappedRecord } from '../mapping/map-record';
import { AbortedError } from './clock';
import { streamOf, type Connector } from './connector';
import type { Outcome } from './error-handler';
import { IncrementalCursor } from './incremental-cursor';
import type { PageToken } from './paginator';
import type { StreamState } from './stream-state';

export interface StreamPage {
  stream: string;
  /** 0-based index of the page within this read. */
  index: number;
  /** Records new to the caller (after the cursor filter), mapped; quarantined ones included. */
  records: MappedRecord[];
  /** Rows in the server's response. */
  rawCount: number;
  /** Rows dropped because they were at or before the saved cursor position. */
  skipped: number;
  /** Attempts the page took (1 = no retry). */
  attempts: number;
  /** Checkpoint valid once `records` are stored. */
  nextState: StreamState;
  /** True on the last page of the read. */
  done: boolean;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Observer called for each page before it is yielded (metrics, logging). */
  onPage?: (page: StreamPage) => void;
}

function pageSignature(rows: readonly unknown[], key: (r: unknown) => string): string | undefined {
  if (rows.length === 0) return undefined;
  return `${rows.length}|${key(rows[0])}|${key(rows[rows.length - 1])}`;
}

export async function* readStream(connector: Connector, streamName: string, state: StreamState, options: ReadOptions = {}): AsyncGenerator<StreamPage, void, void> {
  const rs = streamOf(connector, streamName);
  const { spec, compiled, paginator, cursor } = rs;
  const sortedByCursor = spec.incremental?.sortedByCursor !== false;
  const since: CursorPosition | null = state.resume !== undefined ? state.resume.since : (state.cursor ?? null);
  let pending: CursorPosition | null = state.resume?.pending ?? since;
  let token: PageToken = state.resume?.page ?? paginator.first();
  let previousSignature: string | undefined;
  const keyOf = (r: unknown): string => compiled.key.map((g) => String(g(r) ?? '')).join('|');

  for (let index = 0; ; index++) {
    if (options.signal?.aborted === true) throw new AbortedError();
    const sendSince = cursor !== undefined && (spec.pagination.kind !== 'cursor_token' || !('cursor' in token) || token.cursor === null);
    const params: Record<string, string> = { ...spec.params, ...(sendSince ? cursor.params(since) : {}), ...paginator.params(token) };
    let rows: unknown[] = [];
    let signature: string | undefined;
    const check = (body: unknown): Outcome | undefined => {
      const r = rs.records(body);
      if (!Array.isArray(r)) return { kind: 'bad_body', reason: 'no_records', message: `no array at ${spec.recordSelector}` };
      const sig = pageSignature(r, keyOf);
      if (sig !== undefined && sig === previousSignature) return { kind: 'duplicate_page', message: `page ${index} repeats the previous page` };
      rows = r;
      signature = sig;
      return undefined;
    };
    const { body, attempts } = await connector.requester.get(spec.path, params, { signal: options.signal, check });

    const records: MappedRecord[] = [];
    let skipped = 0;
    for (const raw of rows) {
      const m = mapRecord(raw, compiled);
      if (cursor !== undefined && !cursor.isAfter(m, since)) {
        skipped++;
        continue;
      }
      if (m.cursorValue !== null) pending = IncrementalCursor.max(pending, m.cursorValue);
      records.push(m);
    }
    const next = paginator.next(token, body, rows.length);
    let nextState: StreamState;
    if (next === null) nextState = cursor === undefined ? {} : { cursor: pending };
    else if (cursor !== undefined && sortedByCursor) nextState = { cursor: pending };
    else nextState = { cursor: since, resume: { page: next, since, pending } };

    const page: StreamPage = { stream: streamName, index, records, rawCount: rows.length, skipped, attempts, nextState, done: next === null };
    options.onPage?.(page);
    yield page;
    if (next === null) return;
    token = next;
    previousSignature = signature;
  }
}
