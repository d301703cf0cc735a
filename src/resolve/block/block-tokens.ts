/**
 * Blocking tokens: per record, one 32-bit hash of (rule index, key) for every blocking rule whose
 * fields it has. Stored with the record's cluster, they let an incremental run find the records
 * sharing a block with a new one by an index lookup (`tokens && $new`). A hash collision only adds
 * a candidate, which is then scored like any other: it can never create a link by itself.
 */
import type { BlockingRuleSpec } from '../model/match-model';
import type { FeatureTable } from '../prepare/feature-table';
import { blockIds } from './block-pairs';

/** FNV-1a over the UTF-16 code units of `s`, seeded with the rule index; a signed 32-bit integer. */
export function tokenHash(rule: number, s: string): number {
  let h = (0x811c9dc5 ^ rule) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

const SEP = '\u0001';

/**
 * The tokens of every record of the table: `tokens[i]` (rules without all their fields are left out).
 * The block ids of each rule are computed once (shared with `blockPairs`); the key string of a
 * block is built and hashed once per distinct block, from its first record (same values as
 * hashing every record's key).
 */
export function blockTokens(table: FeatureTable, rules: readonly BlockingRuleSpec[]): number[][] {
  const out: number[][] = new Array<number[]>(table.size);
  for (let i = 0; i < table.size; i++) out[i] = [];
  rules.forEach((rule, r) => {
    const cols = rule.on.map((f) => table.columns[f]!);
    const ids = blockIds(table, rule.on);
    let blocks = 0;
    for (let i = 0; i < table.size; i++) if (ids[i]! >= blocks) blocks = ids[i]! + 1;
    const token = new Int32Array(blocks);
    const done = new Uint8Array(blocks);
    for (let i = 0; i < table.size; i++) {
      const b = ids[i]!;
      if (b < 0) continue;
      if (done[b] === 0) {
        let key = cols[0]![i] as string;
        for (let k = 1; k < cols.length; k++) key = key + SEP + (cols[k]![i] as string);
        token[b] = tokenHash(r, key);
        done[b] = 1;
      }
      out[i]!.push(token[b]!);
    }
  });
  return out;
}
