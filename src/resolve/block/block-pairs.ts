/**
 * Blocking: the union of rules, each a list of fields that must be present and equal. Pairs are
 * generated block by block; a pair that an earlier rule already produced is skipped (it is
 * credited to the first rule), so the union holds each pair once without a global hash set.
 * Blocks larger than the rule's `maxBlockSize` are skipped and reported (a common value such as
 * an empty-looking placeholder would otherwise produce n² pairs).
 */
import type { BlockingRuleSpec } from '../model/match-model';
import type { FeatureTable } from '../prepare/feature-table';

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

const SEP = '\u0001';

/** Block id of every record under one rule (-1 when a field is missing). */
export function blockIds(table: FeatureTable, on: readonly string[]): Int32Array {
  const cols = on.map((f) => {
    const c = table.columns[f];
    if (c === undefined) throw new Error(`blocking: no field "${f}"`);
    return c;
  });
  const ids = new Int32Array(table.size);
  const keys = new Map<string, number>();
  for (let i = 0; i < table.size; i++) {
    let key = '';
    let missing = false;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k]![i];
      if (v === null || typeof v !== 'string') {
        missing = true;
        break;
      }
      key = k === 0 ? v : key + SEP + v;
    }
    if (missing) {
      ids[i] = -1;
      continue;
    }
    let id = keys.get(key);
    if (id === undefined) {
      id = keys.size;
      keys.set(key, id);
    }
    ids[i] = id;
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
