/** Builders for survivorship tests. */
import type { MemberRecord } from '../../../../src/resolve/survivorship';

/** `src` is `source/stream`; `updated` is sourceUpdatedAt (null → fetchedAt decides). */
export function m(id: number, src: string, canonical: Record<string, unknown>, updated: string | null = null, fetched = '2026-01-01T00:00:00Z'): MemberRecord {
  const [source, stream = 'main'] = src.split('/');
  return { id, source: source!, stream, canonical, fetchedAt: fetched, sourceUpdatedAt: updated };
}

/** Deterministic permutations of a list (all of them up to 6 elements, else 50 seeded shuffles). */
export function permutations<T>(xs: readonly T[]): T[][] {
  if (xs.length <= 6) {
    if (xs.length <= 1) return [[...xs]];
    return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
  }
  let s = 42;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return Array.from({ length: 50 }, () => {
    const a = [...xs];
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  });
}
