/** Small helpers to build per-request DataLoaders over the services' batch lookups. */
import DataLoader from 'dataloader';
import type { GraphQLContext } from '../context';

/** A request's loader of one value per key (null when absent), made once per request under `key`. */
export function oneLoader<K, V>(ctx: GraphQLContext, key: string, load: (keys: readonly K[]) => Promise<Map<K, V>>): DataLoader<K, V | null> {
  return ctx.loader(key, () => new DataLoader<K, V | null>(async (keys) => {
    const found = await load(keys);
    return keys.map((k) => found.get(k) ?? null);
  }, { maxBatchSize: 1000 }));
}

/** A request's loader of a list per key (empty when none), from rows grouped by `keyOf`. */
export function manyLoader<K, V>(ctx: GraphQLContext, key: string, load: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return ctx.loader(key, () => new DataLoader<K, V[]>(async (keys) => {
    const groups = new Map<K, V[]>();
    for (const row of await load(keys)) {
      const k = keyOf(row);
      const g = groups.get(k);
      if (g) g.push(row);
      else groups.set(k, [row]);
    }
    return keys.map((k) => groups.get(k) ?? []);
  }, { maxBatchSize: 1000 }));
}
