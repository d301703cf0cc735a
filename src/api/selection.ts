/**
 * Look-ahead (查询前瞻) for connection resolvers: which fields the client selected on the nodes of a
 * connection (`nodes { … }` and `edges { node { … } }`, through fragments), so a page can read a
 * relation in its own statement and prime the relation's DataLoader. Only ever an optimisation:
 * a field missed here is still answered by its loader.
 */
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

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
export function connectionNodeFields(info: GraphQLResolveInfo): ReadonlySet<string> {
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const node of info.fieldNodes) {
    collect(node.selectionSet, info.fragments, names, ['nodes'], seen);
    collect(node.selectionSet, info.fragments, names, ['edges', 'node'], seen);
  }
  return names;
}
