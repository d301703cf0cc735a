/**
 * The checkpoint of one stream, persisted by the caller in the same transaction as the records of
 * the page that produced it. Plain JSON.
 *
 * - `cursor`: the highest (update time, tie-breaker) position fully read; incremental reads
 *   continue strictly after it.
 * - `resume`: present while a read is unfinished and the position alone cannot resume it (a
 *   full-refresh stream, or a server not sorted by the cursor): the next page token, the bound the
 *   read started with, and the highest position seen so far.
 */
import type { CursorPosition } from '../mapping/map-record';
import type { PageToken } from './paginator';

export interface StreamState {
  cursor?: CursorPosition | null;
  resume?: {
    page: PageToken;
    /** The cursor the interrupted read started from (its lower bound). */
    since: CursorPosition | null;
    /** Highest position seen by the interrupted read. */
    pending: CursorPosition | null;
  };
}

export const EMPTY_STATE: StreamState = {};
