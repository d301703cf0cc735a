/**
 * Query depth (查询深度): how deeply the fields of an operation nest, fragments expanded.
 *
 * `{ hub { version } }` has depth 2: a root field is depth 1, each selection below adds one.
 * Introspection subtrees (`__schema`, `__type`) and `__typename` do not count, so tools such as
 * Apollo Sandbox keep working under any limit. Fragment depths are memoised, so a document is walked
 * in time linear in its size even when fragments are spread many times; a fragment cycle (invalid,
 * reported by graphql's own NoFragmentCycles rule) contributes nothing here.
 *
 * `depthLimitRule(max)` is the validation rule: an operation deeper than `max` fails validation with
 * `extensions.code = QUERY_TOO_DEEP`, `extensions.depth` and `extensions.maxDepth`.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';

/** Fields that are not counted: introspection entry points and the type name meta field. */
export const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type', '__typename']);

export interface OperationDepth {
  /** The operation's name, or undefined for an anonymous operation. */
  operation: string | undefined;
  depth: number;
}

/** The depth of every operation of `document`, in document order. */
export function queryDepths(document: DocumentNode): OperationDepth[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, number>();
  const active = new Set<string>();

  const depthOf = (set: SelectionSetNode | undefined): number => {
    if (set === undefined) return 0;
    let max = 0;
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        if (INTROSPECTION_FIELDS.has(s.name.value)) continue;
        max = Math.max(max, 1 + depthOf(s.selectionSet));
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        max = Math.max(max, depthOf(s.selectionSet));
      } else {
        max = Math.max(max, fragmentDepth(s.name.value));
      }
    }
    return max;
  };

  const fragmentDepth = (name: string): number => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    const fragment = fragments.get(name);
    if (fragment === undefined || active.has(name)) return 0;
    active.add(name);
    const d = depthOf(fragment.selectionSet);
    active.delete(name);
    memo.set(name, d);
    return d;
  };

  return document.definitions
    .filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
    .map((op) => ({ operation: op.name?.value, depth: depthOf(op.selectionSet) }));
}

/** The depth of one operation (by name; the only one when `operationName` is omitted). */
export function queryDepth(document: DocumentNode, operationName?: string): number {
  const all = queryDepths(document);
  const op = operationName === undefined ? all[0] : all.find((o) => o.operation === operationName);
  if (op === undefined) throw new Error(operationName === undefined ? 'the document has no operation' : `the document has no operation named ${operationName}`);
  return op.depth;
}

export function queryTooDeepError(depth: number, maxDepth: number, operation?: string): GraphQLError {
  const name = operation === undefined ? 'The operation' : `Operation ${operation}`;
  return new GraphQLError(`${name} is nested ${depth} levels deep; the limit is ${maxDepth} (查询深度超限). Ask for fewer nested levels, or split it into several queries.`, {
    extensions: { code: QUERY_TOO_DEEP, depth, maxDepth },
  });
}

/** Validation rule: every operation of the document nests at most `maxDepth` levels. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    Document: {
      leave(document) {
        for (const { operation, depth } of queryDepths(document)) {
          if (depth > maxDepth) context.reportError(queryTooDeepError(depth, maxDepth, operation));
        }
      },
    },
  });
}
