/** Query cost: fields, pages, connections, plain lists, fragments, abstract types, directives. */
import { buildSchema, parse } from 'graphql';
import { queryCost, queryTooCostlyError, type CostOptions } from '../../../src/api/limits/query-cost';

const schema = buildSchema(`
  type Query {
    hub: Hub
    grid(code: String!): Grid
    grids: [Grid!]!
    matrix: [[Grid!]!]!
    node(id: ID!): Node
    search(text: String!): [SearchHit!]!
  }
  type Mutation { rename(code: String!, name: String!): Grid }
  type Hub { version: String!, checks: [Check!]! }
  type Check { name: String!, ok: Boolean! }
  interface Node { id: ID! }
  union SearchHit = Grid | Person
  type Grid implements Node {
    id: ID!
    code: String!
    tags: [String!]!
    persons(first: Int, after: String): PersonConnection!
    recent(first: Int = 5): [Person!]!
    children: [Grid!]!
  }
  type Person implements Node { id: ID!, name: String!, friends(first: Int, last: Int): PersonConnection! }
  type PersonConnection { edges: [PersonEdge!]!, nodes: [Person!]!, pageInfo: PageInfo!, totalCount: Int }
  type PersonEdge { cursor: String!, node: Person! }
  type PageInfo { hasNextPage: Boolean!, endCursor: String }
`);

const OPTIONS: CostOptions = { maxPageSize: 100, defaultPageSize: 20, assumedListSize: 10 };
const cost = (query: string, extra: Partial<CostOptions> = {}) => queryCost(schema, parse(query), { ...OPTIONS, ...extra });

describe('queryCost', () => {
  it.each([
    ['{ hub { version } }', 2],
    ['{ __typename hub { __typename version } }', 2],
    ['{ grid(code: "x") { id code tags } }', 4],
    // a plain list of objects multiplies by the assumed size: 1 + 10 × 2
    ['{ grids { id code } }', 21],
    // a list of lists by the assumed size twice: 1 + 100 × 1
    ['{ matrix { id } }', 101],
    // connection: page size on edges/nodes only: grid 1 + persons 1 + totalCount 1 + pageInfo (1 + 1) + edges (1 + 30 × (node 1 + name 1))
    ['{ grid(code: "x") { persons(first: 30) { totalCount pageInfo { hasNextPage } edges { node { name } } } } }', 1 + 1 + 1 + 2 + (1 + 30 * 2)],
    // no `first`: the default page size (20): 1 + 1 + (1 + 20 × 1)
    ['{ grid(code: "x") { persons { nodes { id } } } }', 1 + 1 + (1 + 20 * 1)],
    // a paged list (not a connection) with a schema default of 5: 1 + 1 + 5 × 1
    ['{ grid(code: "x") { recent { id } } }', 1 + 1 + 5],
    // nested pages multiply: 1 + 1 + (1 + 10 × (1 + (1 + 10 × 1)))
    ['{ grid(code: "x") { persons(first: 10) { nodes { friends(first: 10) { nodes { id } } } } } }', 1 + 1 + (1 + 10 * (1 + (1 + 10)))],
    // both first and last: the smaller bounds the page
    ['{ grid(code: "x") { persons(first: 10) { nodes { friends(first: 50, last: 3) { nodes { id } } } } } }', 1 + 1 + (1 + 10 * (1 + (1 + 3)))],
    // introspection is free
    ['{ __schema { types { name fields { name type { name } } } } hub { version } }', 2],
    ['{ __type(name: "Grid") { name } }', 0],
    // mutations are costed like queries
    ['mutation { rename(code: "x", name: "y") { id code } }', 3],
  ])('%s costs %i', (query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it('caps a page at the maximum page size', () => {
    expect(cost('{ grid(code: "x") { persons(first: 5000) { nodes { id } } } }')).toBe(1 + 1 + (1 + 100));
  });

  it('uses variable values, then the variable default, then the maximum page size', () => {
    const q = 'query($n: Int) { grid(code: "x") { persons(first: $n) { nodes { id } } } }';
    expect(cost(q, { variables: { n: 7 } })).toBe(1 + 1 + (1 + 7));
    expect(cost(q)).toBe(1 + 1 + (1 + 100));
    expect(cost('query($n: Int = 3) { grid(code: "x") { persons(first: $n) { nodes { id } } } }')).toBe(1 + 1 + (1 + 3));
    expect(cost(q, { variables: { n: null } })).toBe(1 + 1 + (1 + 20));
  });

  it('expands fragments and merges fields under one response key', () => {
    expect(cost('{ grid(code: "x") { ...G code } } fragment G on Grid { id code }')).toBe(3);
    expect(cost('{ grids { id } grids { code } }')).toBe(1 + 10 * 2);
    expect(cost('{ a: grids { id } b: grids { id } }')).toBe(2 * (1 + 10));
  });

  it('costs an abstract type as its most expensive possible type', () => {
    const q = '{ node(id: "1") { id ... on Grid { code tags } ... on Person { name friends(first: 4) { nodes { name } } } } }';
    // Grid: id code tags = 3; Person: id name friends (1 + (1 + 4 × 1)) = 8
    expect(cost(q)).toBe(1 + 8);
    expect(cost('{ search(text: "x") { ... on Grid { id } ... on Person { id name } } }')).toBe(1 + 10 * 2);
  });

  it('honours @skip and @include', () => {
    expect(cost('query($s: Boolean!) { hub { version checks @skip(if: $s) { name } } }', { variables: { s: true } })).toBe(2);
    expect(cost('query($s: Boolean!) { hub { version checks @skip(if: $s) { name } } }', { variables: { s: false } })).toBe(2 + 1 + 10);
    expect(cost('{ hub { version checks @include(if: false) { name } } }')).toBe(2);
    // unknown at validation time: counted
    expect(cost('query($s: Boolean!) { hub { checks @include(if: $s) { name } } }')).toBe(1 + 1 + 10);
  });

  it('picks the named operation', () => {
    const doc = 'query A { hub { version } } query B { grids { id } }';
    expect(cost(doc, { operationName: 'B' })).toBe(11);
    expect(cost(doc)).toBe(2);
    expect(() => cost(doc, { operationName: 'C' })).toThrow(/no operation named C/);
  });

  it('gives up on a fragment bomb: Infinity after maxVisits field visits', () => {
    const defs = ['fragment F0 on Grid { id }'];
    for (let i = 1; i <= 30; i++) defs.push(`fragment F${i} on Grid { a${i}: children { ...F${i - 1} } b${i}: children { ...F${i - 1} } }`);
    expect(cost(`{ grid(code: "x") { ...F30 } } ${defs.join(' ')}`, { maxVisits: 10_000 })).toBe(Number.POSITIVE_INFINITY);
  });

  it('sizes the default budget (10,000): a full page of persons with relations fits, two nested full pages do not', () => {
    const people = buildSchema(`
      type Query { grid(code: String!): Grid }
      type Grid { code: String!, persons(first: Int, after: String): PersonConnection! }
      type PersonConnection { edges: [PersonEdge!]!, nodes: [Person!]!, pageInfo: PageInfo!, totalCount: Int }
      type PersonEdge { cursor: String!, node: Person! }
      type PageInfo { hasNextPage: Boolean!, endCursor: String }
      type Person { id: ID!, name: String!, citizenId: String, gender: String!, age: Int, kind: String!
        addresses: [PersonAddress!]!, employer: Organisation, tags: [Tag!]!, household(first: Int): PersonConnection! }
      type PersonAddress { role: String!, since: String, address: Address }
      type Address { id: ID!, text: String! }
      type Organisation { id: ID!, name: String! }
      type Tag { code: String!, name: String! }
    `);
    const page = (n: number, inner = '') => `{ grid(code: "x") { persons(first: ${n}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node {
      id name citizenId gender age kind addresses { role since address { id text } } employer { id name } tags { code name } ${inner} } } } } }`;
    // node = 1 + 6 + addresses (1 + 10 × 5) + employer 3 + tags (1 + 10 × 2) = 82; edges = 1 + 100 × 83
    expect(queryCost(people, parse(page(100)), OPTIONS)).toBe(3 + 3 + 1 + 100 * 83);
    expect(queryCost(people, parse(page(100)), OPTIONS)).toBeLessThanOrEqual(10_000);
    expect(queryCost(people, parse(page(100, 'household(first: 100) { nodes { id } }')), OPTIONS)).toBeGreaterThan(10_000);
  });

  it('names the cost and the limit in its error', () => {
    const e = queryTooCostlyError(6200, 5000, 'Big');
    expect(e.message).toMatch(/^Operation Big has an estimated cost of 6200; the limit is 5000/);
    expect(e.extensions).toEqual({ code: 'QUERY_TOO_COSTLY', cost: 6200, maxCost: 5000 });
    expect(queryTooCostlyError(Infinity, 5000).extensions.cost).toBeNull();
  });
});
