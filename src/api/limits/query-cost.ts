/**
 * Static query cost (查询成本): an upper bound of the work an operation asks for, from the document,
 * the schema and the request's variables — before anything runs.
 *
 * - Every field costs 1; `__typename` and the introspection subtrees (`__schema`, `__type`) cost 0.
 * - A field returning a list multiplies the cost of its selection by the list's size:
 *   - a paged field (one with a `first` or `last` argument) by its page size: the literal or the
 *     variable's value; a variable without a value uses its declared default, else the maximum
 *     page size; an absent argument uses the argument's schema default, else `defaultPageSize`;
 *     always capped at `maxPageSize` (the server never returns more);
 *   - a Relay connection (a paged field whose type has `edges` or `nodes`) applies its page size
 *     to `edges` and `nodes` only, so `pageInfo` and `totalCount` cost 1 each;
 *   - any other list by `assumedListSize`.
 * - Fragments are expanded; fields under one response key are merged as execution merges them;
 *   `@skip`/`@include` are honoured. On an abstract type (interface, union) the cost is that of the
 *   most expensive possible object type, since only one of them is returned per object.
 *
 * Example: `{ grid(code: "x") { persons(first: 20) { totalCount edges { node { name } } } } }`
 * costs grid 1 + persons 1 + totalCount 1 + edges (1 + 20 × (node 1 + name 1)) = 44.
 *
 * The walk is bounded (`maxVisits`): a document that needs more field visits than that is reported
 * as costing Infinity rather than analysed for ever.
 */
import {
  GraphQLError,
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isInterfaceType,
  isObjectType,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export const QUERY_TOO_COSTLY = 'QUERY_TOO_COSTLY';

export interface CostOptions {
  /** Largest page a paged field returns (the server rejects larger ones). */
  maxPageSize: number;
  /** Page size of a paged field called without `first`/`last` (when the schema declares no default). */
  defaultPageSize: number;
  /** Assumed size of a list field that has no paging arguments. */
  assumedListSize: number;
  /** The request's variables (unknown at validation time: then defaults and the maximum page size apply). */
  variables?: Readonly<Record<string, unknown>>;
  /** Which operation of the document (the first when omitted). */
  operationName?: string;
  /** Field visits after which the analysis gives up and reports Infinity (default 100,000). */
  maxVisits?: number;
}

class TooComplex extends Error {}

const PAGE_ARGS = ['first', 'last'] as const;
const CONNECTION_LISTS: ReadonlySet<string> = new Set(['edges', 'nodes']);
const FREE_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type', '__typename']);

/** The cost of one operation of `document` (see the header for the rules). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, options: CostOptions): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    else if (d.kind === Kind.OPERATION_DEFINITION) operations.push(d);
  }
  const operation = options.operationName === undefined ? operations[0] : operations.find((o) => o.name?.value === options.operationName);
  if (operation === undefined) throw new Error(options.operationName === undefined ? 'the document has no operation' : `the document has no operation named ${options.operationName}`);
  const root = schema.getRootType(operation.operation);
  if (root === undefined || root === null) throw new Error(`the schema has no ${operation.operation} type`);

  const variables = options.variables ?? {};
  const maxVisits = options.maxVisits ?? 100_000;
  let visits = 0;

  const variableDefault = (name: string): ValueNode | undefined => operation.variableDefinitions?.find((v) => v.variable.name.value === name)?.defaultValue;

  /** A node value as a JS value where it can be known (undefined when it cannot). */
  const valueOf = (node: ValueNode): unknown => {
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      if (name in variables) return variables[name];
      const def = variableDefault(name);
      return def === undefined ? undefined : valueOf(def);
    }
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.BOOLEAN) return node.value;
    if (node.kind === Kind.NULL) return null;
    return undefined;
  };

  const included = (directives: readonly DirectiveNode[] | undefined): boolean => {
    for (const d of directives ?? []) {
      const arg = d.arguments?.find((a) => a.name.value === 'if');
      if (arg === undefined) continue;
      const v = valueOf(arg.value);
      if (d.name.value === 'skip' && v === true) return false;
      if (d.name.value === 'include' && v === false) return false;
    }
    return true;
  };

  const pageSize = (def: GraphQLField<unknown, unknown>, node: FieldNode): number | undefined => {
    const sizes: number[] = [];
    let paged = false;
    for (const name of PAGE_ARGS) {
      const argDef = def.args.find((a) => a.name === name);
      if (argDef === undefined) continue;
      paged = true;
      const arg = node.arguments?.find((a) => a.name.value === name);
      if (arg === undefined) continue;
      const v = valueOf(arg.value);
      if (v === null) continue;
      sizes.push(typeof v === 'number' && Number.isFinite(v) ? v : options.maxPageSize);
    }
    if (!paged) return undefined;
    if (sizes.length === 0) {
      const declared = def.args.find((a) => (PAGE_ARGS as readonly string[]).includes(a.name) && typeof a.defaultValue === 'number')?.defaultValue as number | undefined;
      sizes.push(declared ?? options.defaultPageSize);
    }
    return Math.max(0, Math.min(options.maxPageSize, ...sizes));
  };

  const applies = (typeCondition: string | undefined, type: GraphQLObjectType): boolean => {
    if (typeCondition === undefined) return true;
    const cond = schema.getType(typeCondition);
    if (cond === undefined) return false;
    if (cond === type) return true;
    return isAbstractType(cond) && schema.isSubType(cond, type);
  };

  /** The fields `sets` select on an object of `type`, grouped by response key (as execution does). */
  const collect = (sets: readonly SelectionSetNode[], type: GraphQLObjectType): Map<string, FieldNode[]> => {
    const fields = new Map<string, FieldNode[]>();
    const active = new Set<string>();
    const walk = (set: SelectionSetNode) => {
      for (const s of set.selections) {
        if (!included(s.directives)) continue;
        if (s.kind === Kind.FIELD) {
          const key = s.alias?.value ?? s.name.value;
          const list = fields.get(key);
          if (list) list.push(s);
          else fields.set(key, [s]);
        } else if (s.kind === Kind.INLINE_FRAGMENT) {
          if (applies(s.typeCondition?.name.value, type)) walk(s.selectionSet);
        } else {
          const name = s.name.value;
          const fragment = fragments.get(name);
          if (fragment === undefined || active.has(name) || !applies(fragment.typeCondition.name.value, type)) continue;
          active.add(name);
          walk(fragment.selectionSet);
          active.delete(name);
        }
      }
    };
    for (const set of sets) walk(set);
    return fields;
  };

  const listDepth = (t: GraphQLType): number => {
    let n = 0;
    let cur: GraphQLType = t;
    for (;;) {
      if (isNonNullType(cur)) cur = cur.ofType;
      else if (isListType(cur)) {
        n++;
        cur = cur.ofType;
      } else return n;
    }
  };

  const isConnection = (t: GraphQLNamedType): boolean => (isObjectType(t) || isInterfaceType(t)) && [...CONNECTION_LISTS].some((f) => f in t.getFields());

  /** Cost of `sets` on `type`; `page` is set when `type` is a connection's type with that page size. */
  const selectionCost = (sets: readonly SelectionSetNode[], type: GraphQLCompositeType, page: number | undefined): number => {
    const candidates: readonly GraphQLObjectType[] = isAbstractType(type) ? schema.getPossibleTypes(type) : [type];
    let max = 0;
    for (const candidate of candidates) {
      let sum = 0;
      for (const nodes of collect(sets, candidate).values()) sum += fieldCost(candidate, nodes, page);
      max = Math.max(max, sum);
    }
    return max;
  };

  const fieldCost = (parent: GraphQLObjectType, nodes: FieldNode[], parentPage: number | undefined): number => {
    if (++visits > maxVisits) throw new TooComplex();
    const name = nodes[0]!.name.value;
    if (FREE_FIELDS.has(name)) return 0;
    const def = parent.getFields()[name];
    if (def === undefined) return 1;
    const named = getNamedType(def.type);
    if (!isCompositeType(named)) return 1;
    const page = pageSize(def, nodes[0]!);
    const connection = page !== undefined && isConnection(named);
    const lists = listDepth(def.type);
    let multiplier = 1;
    if (lists > 0) {
      if (parentPage !== undefined && CONNECTION_LISTS.has(name)) multiplier = parentPage;
      else if (page !== undefined && !connection) multiplier = page;
      else multiplier = options.assumedListSize;
      multiplier *= options.assumedListSize ** (lists - 1);
    }
    const sets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    return 1 + multiplier * selectionCost(sets, named, connection ? page : undefined);
  };

  try {
    return selectionCost([operation.selectionSet], root, undefined);
  } catch (e) {
    if (e instanceof TooComplex) return Number.POSITIVE_INFINITY;
    throw e;
  }
}

export function queryTooCostlyError(cost: number, maxCost: number, operation?: string): GraphQLError {
  const name = operation === undefined ? 'The operation' : `Operation ${operation}`;
  const what = Number.isFinite(cost) ? `has an estimated cost of ${cost}` : 'is too complex to estimate';
  return new GraphQLError(
    `${name} ${what}; the limit is ${maxCost} (查询成本超限). Each field costs 1 and a list multiplies its selection by its page size (first/last): ask for smaller pages or fewer nested lists.`,
    { extensions: { code: QUERY_TOO_COSTLY, cost: Number.isFinite(cost) ? cost : null, maxCost } },
  );
}
