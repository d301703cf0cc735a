/**
 * Look-ahead (查询前瞻) for connection resolvers: which fields the client selected on the nodes of a
 * connection (`nodes { … }` and `edges { node { … } }`, through fragments), so a page can read a
 * relation in its own statement and prime the relation's DataLoader. Only ever an optimisation:
 * a field missed here is still answered by its loader.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

function collect(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>, into: Set<string>, path: readonly string[], seen: Set<string>): void {
  if (set === undefined) return;
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      if (path.length === 0) into.add(s.name.value);
      else if (s.name.value === path[0]) collect(s.selectionSet, fragments, into, path.slice(1), seen);
    } else if (s.kind === Kind.INLINE_FRAGMENT) {
      collect(s.selectionSet, fragments, into, path, seen);
    } else {
      const key = `${s.name.value}@${path.join('.')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      collect(fragments[s.name.value]?.selectionSet, fragments, into, path, seen);
    }
  }
}

/** Names of the fields selected on the node type of the connection this resolver returns. */
export function connectionNodeFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): ReadonlySet<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, info.fragments, names, ['nodes'], seen);
    collect(node.selectionSet, info.fragments, names, ['edges', 'node'], seen);
  }
  return names;
}

/**
 * The nodes of the first field named `name` (by response key: the nodes graphql-js merges into one
 * execution) selected directly on this resolver's result, through fragments — as the child
 * resolver's `info.fieldNodes` will be (order aside).
 */
export function childFieldNodes(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): void => {
    if (set === undefined) return;
    for (const s of set.selections) {
      if (s.directives?.length) continue; // @skip / @include: maybe not executed, never counted on
      if (s.kind === Kind.FIELD) {
        if (s.name.value === name && (found.length === 0 || (found[0].alias ?? found[0].name).value === (s.alias ?? s.name).value)) found.push(s);
      } else if (s.kind === Kind.INLINE_FRAGMENT) {
        walk(s.selectionSet);
      } else if (!seen.has(s.name.value)) {
        seen.add(s.name.value);
        walk(info.fragments[s.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes) walk(node.selectionSet);
  return found;
}
