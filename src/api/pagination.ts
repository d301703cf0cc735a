/**
 * Relay cursor connections (分页): `first`/`after` arguments, `edges { cursor node }`, `nodes`,
 * `pageInfo`, and an optional `totalCount` that is only counted when asked for.
 *
 * Cursors are opaque to clients: base64url of the JSON array of the row's keyset values (the sort
 * key then the id), so the next page is a keyset range scan, never an OFFSET.
 */
import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { Page, PageRequest } from '../domain/page';

export type { Page, PageRequest };

/** The most rows one page may ask for (`first`). */
export const MAX_PAGE_SIZE = 100;
/** Rows per page when `first` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `Page size (每页条数), 0–${MAX_PAGE_SIZE}; default ${DEFAULT_PAGE_SIZE}.` })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge already seen (游标); the page starts after it.' })
  after?: string;
}


export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length > 0) return v;
  } catch {
    /* fall through */
  }
  throw new GraphQLError(`Invalid cursor ${JSON.stringify(cursor)}: pass a cursor from an edge of the same connection.`, {
    extensions: { code: 'BAD_USER_INPUT', argument: 'after' },
  });
}

/** Validates `first`/`after` into a PageRequest (errors name the argument and the limit). */
export function pageRequest(args: PageArgs): PageRequest {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE} (got ${String(args.first)}).`, {
      extensions: { code: 'BAD_USER_INPUT', argument: 'first', max: MAX_PAGE_SIZE },
    });
  }
  return { first, after: args.after ? decodeCursor(args.after) : undefined };
}

@ObjectType({ simpleResolvers: true, description: 'Where a page sits in its connection (分页信息).' })
export class PageInfo {
  @Field({ description: 'More rows follow this page (有下一页).' })
  hasNextPage!: boolean;

  @Field({ description: 'This page was reached with a cursor (有上一页).' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge (起始游标).' })
  startCursor?: string;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after` for the next page (结束游标).' })
  endCursor?: string;
}

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: PageInfo;
  /** Counts the whole filtered set; only run when `totalCount` is selected. */
  count?: () => Promise<number>;
  totalCount(): Promise<number | null>;
}

/**
 * The `<Name>Connection` and `<Name>Edge` object types of a node type. Call once per node type, at
 * module level, and use the returned class as the field's type.
 */
export function connectionType<T extends object>(node: ClassType<T>, name: string, description: string): ClassType<Connection<T>> {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${description} in a page, with its cursor (边).` })
  class Edge {
    @Field({ description: 'Opaque cursor of this edge (游标).' })
    cursor!: string;

    @Field(() => node, { description: `The ${description} (节点).` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true, description: `A page of ${description} records (分页列表).` })
  class ConnectionClass implements Connection<T> {
    @Field(() => [Edge], { description: 'The page, each node with its cursor (边).' })
    edges!: Array<{ cursor: string; node: T }>;

    @Field(() => [node], { description: 'The page without cursors (节点).' })
    nodes!: T[];

    @Field(() => PageInfo, { description: 'Paging state (分页信息).' })
    pageInfo!: PageInfo;

    count?: () => Promise<number>;

    @Field(() => Int, { nullable: true, description: 'Rows matching the filters in the whole connection, counted only when asked for (总数).' })
    totalCount(): Promise<number | null> {
      return this.count ? this.count() : Promise.resolve(null);
    }
  }
  return ConnectionClass;
}

/** Builds a connection object of `type` from a repository page mapped to GraphQL nodes. */
export function toConnection<R, T extends object>(
  type: ClassType<Connection<T>>,
  page: Page<R>,
  map: (row: R) => T,
  request: PageRequest,
  count?: () => Promise<number>,
): Connection<T> {
  const c = new type();
  const nodes = page.rows.map(map);
  const last = nodes.length - 1;
  // Edges (a cursor per row) are built only when a client selects them: most pages ask for `nodes`.
  let edges: Array<{ cursor: string; node: T }> | undefined;
  Object.defineProperty(c, 'edges', {
    enumerable: true,
    configurable: true,
    get: () => (edges ??= nodes.map((node, i) => ({ cursor: encodeCursor(page.keys[i]), node }))),
  });
  c.nodes = nodes;
  c.pageInfo = {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: request.after !== undefined,
    startCursor: last >= 0 ? encodeCursor(page.keys[0]) : undefined,
    endCursor: last >= 0 ? encodeCursor(page.keys[last]) : undefined,
  };
  c.count = count;
  return c;
}
