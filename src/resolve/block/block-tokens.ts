/**
 * Blocking tokens: per record, one 32-bit hash of (rule index, key) per blocking rule, in the rules'
 * order, null where the record lacks a field of the rule (so `tokens[k]` is always rule k's token).
 * Stored with the record's cluster, they let an incremental run find the records sharing a block
 * with a new one by a btree lookup per rule (`tokens[k] = any($new)`; one plain index per position
 * builds in a second or two at a million members, a GIN over the whole array took half a minute).
 * A hash collision only adds a candidate, which is then scored like any other: it can never create
 * a link by itself.
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

/** A record's tokens: position k holds rule k's token, null when the record has no key for it. */
export type BlockTokens = Array<number | null>;

/**
 * The tokens of every record of the table: `tokens[i][k]` (null for a rule without all its fields).
 * The block ids of each rule are computed once (shared with `blockPairs`); the key string of a
 * block is built and hashed once per distinct block, from its first record (same values as
 * hashing every record's key).
 */
export function blockTokens(table: FeatureTable, rules: readonly BlockingRuleSpec[]): BlockTokens[] {
  const out: BlockTokens[] = new Array<BlockTokens>(table.size);
  for (let i = 0; i < table.size; i++) out[i] = new Array<number | null>(rules.length).fill(null);
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
      out[i]![r] = token[b]!;
    }
  });
  return out;
}
