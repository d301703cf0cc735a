/** One page of a keyset-paginated list, as repositories return it and connections serve it. */

/** A validated page request: the page size and the decoded keyset of the row to start after. */
export interface PageRequest {
  first: number;
  after?: unknown[];
}

/** The rows, the keyset values ([sort value, id]) of each row, and whether more follow. */
export interface Page<T> {
  rows: T[];
  keys: unknown[][];
  hasNextPage: boolean;
}
