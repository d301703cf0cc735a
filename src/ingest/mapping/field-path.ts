/**
 * Field paths into raw records (`XM`, `legal.name`, `persons[0].id`, Chinese keys welcome),
 * compiled once into a getter so mapping millions of records does no string parsing.
 */
export type PathGetter = (record: unknown) => unknown;

/** Splits `a.b[0].c` into ['a', 'b', 0, 'c']. */
export function parsePath(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) throw new SyntaxError(`bad field path '${path}'`);
    if (m[1] !== '') out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function compilePath(path: string): PathGetter {
  const segs = parsePath(path);
  if (segs.length === 1) {
    const k = segs[0]!;
    return (r) => (typeof r === 'object' && r !== null ? (r as Record<string | number, unknown>)[k] : undefined);
  }
  return (r) => {
    let v: unknown = r;
    for (const s of segs) {
      if (typeof v !== 'object' || v === null) return undefined;
      v = (v as Record<string | number, unknown>)[s];
    }
    return v;
  };
}
