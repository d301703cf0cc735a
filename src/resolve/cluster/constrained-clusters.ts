/**
 * Clustering with cannot-links. Edges are taken strongest first (weight descending, then record
 * indexes ascending: the result depends only on the edges, not on their input order); two
 * clusters join unless that would put two different values of a `distinct` field (two valid
 * citizen IDs, two USCCs) or a pair a steward rejected into one cluster. So a chain of weak
 * links can never glue two people together: the chain stops at the first edge that would.
 * Steward-accepted pairs (must-links) join first and override scores, never constraints.
 */
import { columnCodes, type Column } from '../prepare/feature-table';

export interface ClusterInput {
  size: number;
  /** Edges above the link threshold: record index pairs and their weights. */
  pairs: Int32Array;
  weights: Float64Array;
  count: number;
  /** Columns of `distinct` constraint fields. */
  distinct?: Column[];
  /** Steward-rejected pairs (record indexes). */
  cannotLink?: Array<[number, number]>;
  /** Steward-accepted pairs. */
  mustLink?: Array<[number, number]>;
}

export interface ClusterResult {
  /** Cluster id per record: the smallest record index of its cluster. */
  cluster: Int32Array;
  /** Edges refused because of a constraint (weight-ordered index into the input edges). */
  refused: number[];
  /** Edges that joined two clusters. */
  joined: number[];
}

class ConstrainedUnionFind {
  parent: Int32Array;
  /** Per root: the cluster's value of each distinct field as its column code (equal strings, equal codes; -1 = none yet). */
  values: Int32Array[];
  /** Per root: the records any member may not join. */
  banned: Map<number, number[]>;

  constructor(size: number, distinct: Column[], cannotLink: Array<[number, number]>) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i++) this.parent[i] = i;
    this.values = distinct.map((col) => columnCodes(col).codes.slice(0, size));
    this.banned = new Map();
    for (const [a, b] of cannotLink) {
      this.ban(a, b);
      this.ban(b, a);
    }
  }

  private ban(a: number, b: number): void {
    const l = this.banned.get(a);
    if (l === undefined) this.banned.set(a, [b]);
    else l.push(b);
  }

  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }

  /** Joins the clusters of a and b unless a constraint forbids it; returns whether they are (now) one. */
  union(a: number, b: number): 'joined' | 'same' | 'refused' {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return 'same';
    for (const vals of this.values) {
      const va = vals[ra];
      const vb = vals[rb];
      if (va !== -1 && vb !== -1 && va !== vb) return 'refused';
    }
    const ba = this.banned.get(ra);
    if (ba !== undefined) for (const x of ba) if (this.find(x) === rb) return 'refused';
    const bb = this.banned.get(rb);
    if (bb !== undefined) for (const x of bb) if (this.find(x) === ra) return 'refused';
    if (rb < ra) [ra, rb] = [rb, ra]; // the root is always the smallest index
    this.parent[rb] = ra;
    for (const vals of this.values) if (vals[ra] === -1) vals[ra] = vals[rb]!;
    if (bb !== undefined) {
      const l = this.banned.get(ra);
      if (l === undefined) this.banned.set(ra, bb);
      else l.push(...bb);
      this.banned.delete(rb);
    }
    return 'joined';
  }
}

export function clusterRecords(input: ClusterInput): ClusterResult {
  const uf = new ConstrainedUnionFind(input.size, input.distinct ?? [], input.cannotLink ?? []);
  for (const [a, b] of input.mustLink ?? []) uf.union(a, b);
  const order = new Int32Array(input.count);
  for (let k = 0; k < input.count; k++) order[k] = k;
  const { pairs, weights } = input;
  order.sort((x, y) => weights[y]! - weights[x]! || pairs[2 * x]! - pairs[2 * y]! || pairs[2 * x + 1]! - pairs[2 * y + 1]!);
  const refused: number[] = [];
  const joined: number[] = [];
  for (const k of order) {
    const r = uf.union(pairs[2 * k]!, pairs[2 * k + 1]!);
    if (r === 'refused') refused.push(k);
    else if (r === 'joined') joined.push(k);
  }
  const cluster = new Int32Array(input.size);
  for (let i = 0; i < input.size; i++) cluster[i] = uf.find(i);
  return { cluster, refused, joined };
}
