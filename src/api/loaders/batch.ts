/** Small helpers to build per-request DataLoaders over the services' batch lookups. */
import DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';

/**
 * Row scope of grid-scoped principals, for everything loaded by id (lookups, node(id:), relations):
 * a value carrying a `gridId` outside the principal's subtree (or none) is not visible — a lookup
 * answers null, a list leaves it out. Values without a `gridId` field (grids, relation rows) pass.
 */
function visibleFilter(visible: ReadonlySet<number> | undefined): (v: unknown) => boolean {
  if (visible === undefined) return () => true;
  return (v) => {
    if (v === null || typeof v !== 'object' || !('gridId' in v)) return true;
    const g = (v as { gridId: unknown }).gridId;
    return typeof g === 'number' && visible.has(g);
  };
}

/** Primes `loader` with values read alongside another relation, each only if the principal may see it. */
export async function primeVisible<K, V>(ctx: GraphQLContext, loader: DataLoader<K, V | null>, entries: Iterable<[K, V]>): Promise<void> {
  const ok = visibleFilter(await ctx.visibleGridIds());
  for (const [k, v] of entries) loader.prime(k, ok(v) ? v : null);
}

/** A request's loader of one value per key (null when absent or out of scope), made once per request under `key`. */
export function oneLoader<K, V>(ctx: GraphQLContext, key: string, load: (keys: readonly K[]) => Promise<Map<K, V>>): DataLoader<K, V | null> {
  return ctx.loader(key, () => new DataLoader<K, V | null>(async (keys) => {
    const [found, visible] = await Promise.all([load(keys), ctx.visibleGridIds()]);
    const ok = visibleFilter(visible);
    return keys.map((k) => {
      const v = found.get(k);
      return v !== undefined && ok(v) ? v : null;
    });
  }, { maxBatchSize: 1000 }));
}

/** A request's loader of a list per key (empty when none), from rows grouped by `keyOf`. */
export function manyLoader<K, V>(ctx: GraphQLContext, key: string, load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return ctx.loader(key, () => new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>();
    const [rows, visible] = await Promise.all([load(keys), ctx.visibleGridIds()]);
    const ok = visibleFilter(visible);
    for (const row of rows) {
      if (!ok(row)) continue;
      const k = keyOf(row);
      const g = groups.get(k);
      if (g) g.push(row);
      else groups.set(k, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  }, { maxBatchSize: 1000 }));
}
