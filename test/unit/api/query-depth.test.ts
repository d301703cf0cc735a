/** Query depth: nesting counted through fragments, introspection free, the validation rule's error. */
import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { depthLimitRule, queryDepth, queryDepths, QUERY_TOO_DEEP } from '../../../src/api/limits/query-depth';

const schema = buildSchema(`
  type Query { a: A, as: [A!]!, version: String }
  type A { id: ID!, b: B, bs: [B!]! }
  type B { id: ID!, a: A }
`);

describe('queryDepth', () => {
  it.each([
    ['{ version }', 1],
    ['{ a { id } }', 2],
    ['{ a { b { a { id } } } }', 4],
    ['{ a { id b { id } } version }', 3],
    ['{ a { ...F } } fragment F on A { b { a { id } } }', 4],
    ['{ a { ... on A { b { id } } } }', 3],
    ['{ __typename a { __typename } }', 1],
    ['{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }', 0],
    ['{ a { id } __type(name: "A") { fields { type { name } } } }', 2],
  ])('%s has depth %i', (query, depth) => {
    expect(queryDepth(parse(query))).toBe(depth);
  });

  it('reports each operation, and picks one by name', () => {
    const doc = parse('query Flat { version } query Deep { a { b { id } } }');
    expect(queryDepths(doc)).toEqual([
      { operation: 'Flat', depth: 1 },
      { operation: 'Deep', depth: 3 },
    ]);
    expect(queryDepth(doc, 'Deep')).toBe(3);
    expect(() => queryDepth(doc, 'Nope')).toThrow(/no operation named Nope/);
  });

  it('survives a fragment cycle (reported by graphql itself) and unknown fragments', () => {
    expect(queryDepth(parse('{ a { ...F } } fragment F on A { b { a { ...F } } }'))).toBe(3);
    expect(queryDepth(parse('{ a { ...Missing } }'))).toBe(1);
  });

  it('walks a fragment bomb in linear time (fragment depths are memoised)', () => {
    const defs = ['fragment F0 on A { id }'];
    for (let i = 1; i <= 40; i++) defs.push(`fragment F${i} on A { ...F${i - 1} x${i}: b { a { ...F${i - 1} } } }`);
    const t0 = Date.now();
    expect(queryDepth(parse(`{ a { ...F40 } } ${defs.join(' ')}`))).toBe(1 + 40 * 2 + 1);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

describe('depthLimitRule', () => {
  const check = (query: string, max: number) => validate(schema, parse(query), [...specifiedRules, depthLimitRule(max)]);

  it('accepts operations within the limit', () => {
    expect(check('{ a { b { id } } }', 3)).toEqual([]);
  });

  it('refuses a deeper operation with a code, the depth and the limit', () => {
    const errors = check('query Deep { a { b { a { b { id } } } } }', 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe('Operation Deep is nested 5 levels deep; the limit is 3 (查询深度超限). Ask for fewer nested levels, or split it into several queries.');
    expect(errors[0]!.extensions).toEqual({ code: QUERY_TOO_DEEP, depth: 5, maxDepth: 3 });
  });

  it('lets introspection through under a small limit', () => {
    expect(check('{ __schema { queryType { fields { type { ofType { ofType { name } } } } } } }', 1)).toEqual([]);
  });
});
