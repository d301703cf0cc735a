/**
 * Blocking: the union of rules, each a list of fields that must be present and equal. Pairs are
 * generated block by block; a pair that an earlier rule already produced is skipped (it is
 * credited to the first rule), so the union holds each pair once without a global hash set.
 * Blocks larger than the rule's `maxBlockSize` are skipped and reported (a common value such as
 * an empty-looking placeholder would otherwise produce n² pairs).
 */
import type { BlockingRuleSpec } from '../model/match-model';
import { columnCodes, type Column, type FeatureTable } from '../prepare/feature-table';

export interface BlockingRuleReport {
  name: string;
  /** Pairs this rule contributed (not found by an earlier rule). */
  pairs: number;
  /** Pairs it found that an earlier rule had already produced. */
  duplicatePairs: number;
  blocks: number;
  largestBlock: number;
  skippedBlocks: number;
  skippedPairs: number;
}

export interface BlockedPairs {
  /** Record indexes, two per pair, i < j. */
  pairs: Int32Array;
  count: number;
  /** Index of the rule that produced each pair. */
  rule: Uint8Array;
  report: BlockingRuleReport[];
}

/** Block id of every record under one rule (-1 when a field is missing). */
export function blockIds(table: FeatureTable, on: readonly string[]): Int32Array {
  const cols = on.map((f) => {
    const c = table.columns[f];
    if (c === undefined) throw new Error(`blocking: no field "${f}"`);
    return c;
  });
  return cachedIds(cols, table.size);
}

/**
 * Block ids of a list of columns, kept per column list (the resolve service asks for the
 * tokens of the table `linkRecords` already blocked): ids are assigned in order of first
 * appearance, exactly as grouping the records by the joined key strings would.
 */
const idCache = new WeakMap<Column, Array<{ cols: readonly Column[]; ids: Int32Array }>>();
function cachedIds(cols: readonly Column[], size: number): Int32Array {
  const entries = idCache.get(cols[0]!);
  if (entries !== undefined) {
    for (const e of entries) if (e.cols.length === cols.length && e.cols.every((c, k) => c === cols[k]) && e.ids.length === size) return e.ids;
  }
  const ids = computeIds(cols, size);
  if (entries === undefined) idCache.set(cols[0]!, [{ cols, ids }]);
  else entries.push({ cols, ids });
  return ids;
}

function computeIds(cols: readonly Column[], size: number): Int32Array {
  const first = columnCodes(cols[0]!).codes;
  if (cols.length === 1) return first.length === size ? first : first.slice(0, size);
  // Combine the per-column codes left to right: (id so far, next code) → id, through an
  // open-addressing hash table of integer pairs (no key strings).
  let ids = first;
  for (let k = 1; k < cols.length; k++) {
    const codes = columnCodes(cols[k]!).codes;
    const out = new Int32Array(size);
    let cap = 1024;
    while (cap < size * 2) cap <<= 1;
    const mask = cap - 1;
    const keyA = new Int32Array(cap).fill(-1);
    const keyB = new Int32Array(cap);
    const val = new Int32Array(cap);
    let next = 0;
    for (let i = 0; i < size; i++) {
      const a = ids[i]!;
      const b = codes[i]!;
      if (a < 0 || b < 0) {
        out[i] = -1;
        continue;
      }
      let h = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b)) >>> 0;
      h ^= h >>> 15;
      h = Math.imul(h, 0x2c1b3c6d);
      h ^= h >>> 13;
      let s = h & mask;
      for (;;) {
        const ka = keyA[s]!;
        if (ka === -1) {
          keyA[s] = a;
          keyB[s] = b;
          val[s] = next;
          out[i] = next++;
          break;
        }
        if (ka === a && keyB[s] === b) {
          out[i] = val[s]!;
          break;
        }
        s = (s + 1) & mask;
      }
    }
    ids = out;
  }
  return ids;
}

class PairBuffer {
  pairs = new Int32Array(1 << 16);
  rule = new Uint8Array(1 << 15);
  count = 0;
  push(i: number, j: number, r: number): void {
    if (this.count * 2 >= this.pairs.length) {
      const p = new Int32Array(this.pairs.length * 2);
      p.set(this.pairs);
      this.pairs = p;
      const q = new Uint8Array(this.rule.length * 2);
      q.set(this.rule);
      this.rule = q;
    }
    this.pairs[this.count * 2] = i;
    this.pairs[this.count * 2 + 1] = j;
    this.rule[this.count] = r;
    this.count++;
  }
}

export interface BlockOptions {
  /** Only pairs with at least one record marked here (incremental runs: the new or changed records). */
  touching?: Uint8Array;
}

export function blockPairs(table: FeatureTable, rules: readonly BlockingRuleSpec[], o: BlockOptions = {}): BlockedPairs {
  const ids = rules.map((r) => blockIds(table, r.on));
  const out = new PairBuffer();
  const report: BlockingRuleReport[] = [];
  const touching = o.touching;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r]!;
    const max = rule.maxBlockSize ?? 2000;
    const id = ids[r]!;
    // Counting sort of the records by block id.
    let blocks = 0;
    for (let i = 0; i < id.length; i++) if (id[i]! + 1 > blocks) blocks = id[i]! + 1;
    const start = new Int32Array(blocks + 1);
    for (let i = 0; i < id.length; i++) if (id[i]! >= 0) start[id[i]! + 1]!++;
    for (let b = 0; b < blocks; b++) start[b + 1]! += start[b]!;
    const order = new Int32Array(start[blocks]!);
    const fill = start.slice(0, blocks);
    for (let i = 0; i < id.length; i++) if (id[i]! >= 0) order[fill[id[i]!]!++] = i;
    const rep: BlockingRuleReport = { name: rule.name, pairs: 0, duplicatePairs: 0, blocks: 0, largestBlock: 0, skippedBlocks: 0, skippedPairs: 0 };
    for (let b = 0; b < blocks; b++) {
      const s = start[b]!;
      const e = start[b + 1]!;
      const n = e - s;
      if (n < 2) continue;
      rep.blocks++;
      if (n > rep.largestBlock) rep.largestBlock = n;
      if (n > max) {
        rep.skippedBlocks++;
        rep.skippedPairs += (n * (n - 1)) / 2;
        continue;
      }
      for (let x = s; x < e; x++) {
        const i = order[x]!;
        for (let y = x + 1; y < e; y++) {
          const j = order[y]!;
          if (touching !== undefined && touching[i] === 0 && touching[j] === 0) continue;
          let seen = false;
          for (let k = 0; k < r; k++) {
            const a = ids[k]![i]!;
            if (a >= 0 && a === ids[k]![j]) {
              seen = true;
              break;
            }
          }
          if (seen) {
            rep.duplicatePairs++;
            continue;
          }
          // order[] is ascending within a block (records were scanned in index order): i < j.
          out.push(i, j, r);
          rep.pairs++;
        }
      }
    }
    report.push(rep);
  }
  return { pairs: out.pairs, count: out.count, rule: out.rule, report };
}
