/**
 * Stable golden ids across runs. Given the new clusters of a set of records and the golden id each
 * record had before, every new cluster keeps the old id that most of its members carried (largest
 * overlap first; ties to the older, smaller id; each id to one cluster at most). So a re-run with
 * the same clusters changes no id, a merge keeps the survivor's id (the one with most members) and
 * the absorbed id redirects to it, and a cluster split off gets a new id (recorded as a split).
 * Old ids left without members are retired.
 */
export interface IdAssignmentInput {
  /** New cluster per record (any integer label). */
  cluster: ArrayLike<number>;
  /** Golden id each record had before, or -1 for a new record. */
  oldGolden: ArrayLike<number>;
  /** Golden ids of records that left resolution (tombstoned, quarantined): retired if nothing else holds them. */
  removedGoldens?: Iterable<number>;
}

export interface IdAssignment {
  /** Per record: its golden id, or a placeholder -(k + 1) for the k-th new golden. */
  golden: number[];
  newGoldens: number;
  /** Old ids absorbed by another cluster: `into` is an id or a placeholder. */
  merges: Array<{ from: number; into: number }>;
  /** New goldens made of records that belonged to an old id kept by another cluster. */
  splits: Array<{ from: number; to: number }>;
  retired: number[];
}

export function assignGoldenIds(input: IdAssignmentInput): IdAssignment {
  const n = input.cluster.length;
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const c = input.cluster[i]!;
    const l = members.get(c);
    if (l === undefined) members.set(c, [i]);
    else l.push(i);
  }
  // (cluster, old id, overlap) candidates, best first.
  const candidates: Array<{ c: number; first: number; old: number; overlap: number }> = [];
  const oldIds = new Set<number>();
  for (const [c, recs] of members) {
    const counts = new Map<number, number>();
    for (const i of recs) {
      const o = input.oldGolden[i]!;
      if (o < 0) continue;
      oldIds.add(o);
      counts.set(o, (counts.get(o) ?? 0) + 1);
    }
    for (const [old, overlap] of counts) candidates.push({ c, first: recs[0]!, old, overlap });
  }
  candidates.sort((x, y) => y.overlap - x.overlap || x.old - y.old || x.first - y.first);
  const idOf = new Map<number, number>();
  const taken = new Set<number>();
  for (const k of candidates) {
    if (idOf.has(k.c) || taken.has(k.old)) continue;
    idOf.set(k.c, k.old);
    taken.add(k.old);
  }
  let newGoldens = 0;
  const clusters = [...members.keys()].sort((a, b) => members.get(a)![0]! - members.get(b)![0]!);
  for (const c of clusters) if (!idOf.has(c)) idOf.set(c, -(++newGoldens));
  const golden = new Array<number>(n);
  for (let i = 0; i < n; i++) golden[i] = idOf.get(input.cluster[i]!)!;

  // Where did the members of each old id go?
  const destinations = new Map<number, Map<number, number>>();
  for (let i = 0; i < n; i++) {
    const o = input.oldGolden[i]!;
    if (o < 0) continue;
    let d = destinations.get(o);
    if (d === undefined) destinations.set(o, (d = new Map()));
    d.set(golden[i]!, (d.get(golden[i]!) ?? 0) + 1);
  }
  const merges: IdAssignment['merges'] = [];
  const splits: IdAssignment['splits'] = [];
  for (const old of [...oldIds].sort((a, b) => a - b)) {
    const d = destinations.get(old)!;
    if (!taken.has(old)) {
      const into = [...d.entries()].sort((x, y) => y[1] - x[1] || Math.abs(x[0]) - Math.abs(y[0]))[0]![0];
      merges.push({ from: old, into });
    }
    for (const to of d.keys()) if (to < 0 && taken.has(old)) splits.push({ from: old, to });
  }
  const retired: number[] = [];
  for (const r of input.removedGoldens ?? []) if (!oldIds.has(r) && !retired.includes(r)) retired.push(r);
  return { golden, newGoldens, merges, splits, retired: retired.sort((a, b) => a - b) };
}
