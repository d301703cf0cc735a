/**
 * Blocking tokens: per record, one 32-bit hash of (rule index, key) for every blocking rule whose
 * fields it has. Stored with the record's cluster, they let an incremental run find the records
 * sharing a block with a new one by an index lookup (`tokens && $new`). A hash collision only adds
 * a candidate, which is then scored like any other: it can never create a link by itself.
 */
import type { BlockingRuleSpec } from '../model/match-model';
import type { FeatureTable } from '../prepare/feature-table';

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

/** The tokens of every record of the table: `tokens[i]` (rules without all their fields are left out). */
export function blockTokens(table: FeatureTable, rules: readonly BlockingRuleSpec[]): number[][] {
  const out: number[][] = Array.from({ length: table.size }, () => []);
  rules.forEach((rule, r) => {
    const cols = rule.on.map((f) => table.columns[f]!);
    for (let i = 0; i < table.size; i++) {
      let key = '';
      let ok = true;
      for (let k = 0; k < cols.length; k++) {
        const v = cols[k]![i];
        if (typeof v !== 'string') {
          ok = false;
          break;
        }
        key = k === 0 ? v : key + SEP + v;
      }
      if (ok) out[i]!.push(tokenHash(r, key));
    }
  });
  return out;
}
