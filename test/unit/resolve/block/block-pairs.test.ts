import { blockIds, blockPairs } from '../../../../src/resolve/block/block-pairs';
import { blockTokens, tokenHash } from '../../../../src/resolve/block/block-tokens';
import type { BlockingRuleSpec } from '../../../../src/resolve/model/match-model';
import { buildFeatureTable, columnCodes, type Column, type FeatureTable } from '../../../../src/resolve/prepare/feature-table';
import { compilePreparation } from '../../../../src/resolve/prepare/prepare-steps';

const SEP = '\u0001';

/** The straightforward reference: key strings joined per record, a Map per rule. */
function referenceIds(table: FeatureTable, on: readonly string[]): Int32Array {
  const cols = on.map((f) => table.columns[f]!);
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

function referencePairs(table: FeatureTable, rules: readonly BlockingRuleSpec[]): { pairs: number[]; rule: number[]; report: unknown[] } {
  const ids = rules.map((r) => referenceIds(table, r.on));
  const pairs: number[] = [];
  const ruleOf: number[] = [];
  const report: unknown[] = [];
  rules.forEach((rule, r) => {
    const max = rule.maxBlockSize ?? 2000;
    const members = new Map<number, number[]>();
    ids[r]!.forEach((b, i) => {
      if (b < 0) return;
      const l = members.get(b);
      if (l === undefined) members.set(b, [i]);
      else l.push(i);
    });
    const rep = { name: rule.name, pairs: 0, duplicatePairs: 0, blocks: 0, largestBlock: 0, skippedBlocks: 0, skippedPairs: 0 };
    for (const b of [...members.keys()].sort((x, y) => x - y)) {
      const m = members.get(b)!;
      const n = m.length;
      if (n < 2) continue;
      rep.blocks++;
      rep.largestBlock = Math.max(rep.largestBlock, n);
      if (n > max) {
        rep.skippedBlocks++;
        rep.skippedPairs += (n * (n - 1)) / 2;
        continue;
      }
      for (let x = 0; x < n; x++) {
        for (let y = x + 1; y < n; y++) {
          const i = m[x]!;
          const j = m[y]!;
          if (ids.slice(0, r).some((id) => id[i]! >= 0 && id[i] === id[j])) {
            rep.duplicatePairs++;
            continue;
          }
          pairs.push(i, j);
          ruleOf.push(r);
          rep.pairs++;
        }
      }
    }
    report.push(rep);
  });
  return { pairs, rule: ruleOf, report };
}

function referenceTokens(table: FeatureTable, rules: readonly BlockingRuleSpec[]): Array<Array<number | null>> {
  const out: Array<Array<number | null>> = Array.from({ length: table.size }, () => []);
  rules.forEach((rule, r) => {
    const cols = rule.on.map((f) => table.columns[f]!);
    for (let i = 0; i < table.size; i++) {
      const vals = cols.map((c) => c[i]);
      out[i]!.push(vals.every((v) => typeof v === 'string') ? tokenHash(r, vals.join(SEP)) : null);
    }
  });
  return out;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRecords(n: number, seed: number): Array<Record<string, unknown>> {
  const r = rng(seed);
  const pick = (k: number): string | null | undefined => {
    const x = r();
    if (x < 0.08) return null;
    if (x < 0.1) return undefined;
    if (x < 0.12) return '';
    return `v${Math.floor(r() * k)}`;
  };
  return Array.from({ length: n }, () => ({
    a: pick(5),
    b: pick(40),
    c: pick(3),
    d: r() < 0.5 ? pick(2000) : ` ${String(pick(30))} `,
    obj: r() < 0.3 ? { community: pick(4) } : r() < 0.5 ? 'text' : null,
  }));
}

const model = {
  fields: {
    a: {},
    b: {},
    c: {},
    d: { prepare: ['trim', 'nullIf:null|undefined'] },
    dUpper: { from: 'd', prepare: ['trim', 'upper', 'first:2'] },
    obj: {},
    community: { from: 'obj.community' },
  },
};

const rules: BlockingRuleSpec[] = [
  { name: 'a', on: ['a'], maxBlockSize: 150 },
  { name: 'a+b', on: ['a', 'b'] },
  { name: 'c+b+d', on: ['c', 'b', 'd'], maxBlockSize: 4 },
  { name: 'dUpper', on: ['dUpper'], maxBlockSize: 30 },
  { name: 'obj', on: ['obj'] },
  { name: 'community+c', on: ['community', 'c'] },
  { name: 'a+c', on: ['a', 'c'], maxBlockSize: 3 },
];

describe('blocking on coded columns', () => {
  for (const seed of [1, 2, 3]) {
    const records = randomRecords(seed === 3 ? 1500 : 600, seed);
    const table = buildFeatureTable(records, model);

    it(`prepares the same values as compilePreparation and codes them by first appearance (seed ${seed})`, () => {
      for (const [name, spec] of Object.entries(model.fields)) {
        const prep = compilePreparation((spec as { prepare?: string[] }).prepare ?? []);
        const from = (spec as { from?: string }).from ?? name;
        const get = (rec: Record<string, unknown>): unknown => from.split('.').reduce<unknown>((v, p) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined), rec);
        expect(table.columns[name]).toEqual(records.map((rec) => prep(get(rec))));
        const col: Column = [...table.columns[name]!];
        expect(columnCodes(table.columns[name]!)).toEqual(columnCodes(col)); // registered codes = computed codes
        expect(Array.from(columnCodes(col).codes)).toEqual(Array.from(referenceIds({ size: col.length, columns: { x: col } }, ['x'])));
      }
    });

    it(`gives the same block ids, pairs, reports and tokens as the reference (seed ${seed})`, () => {
      for (const rule of rules) expect(Array.from(blockIds(table, rule.on))).toEqual(Array.from(referenceIds(table, rule.on)));
      const got = blockPairs(table, rules);
      const want = referencePairs(table, rules);
      expect(Array.from(got.pairs.subarray(0, got.count * 2))).toEqual(want.pairs);
      expect(Array.from(got.rule.subarray(0, got.count))).toEqual(want.rule);
      expect(got.report).toEqual(want.report);
      expect(blockTokens(table, rules)).toEqual(referenceTokens(table, rules));
    });
  }

  it('works on a hand-built table (codes computed on demand)', () => {
    const table: FeatureTable = { size: 5, columns: { x: ['p', 'q', 'p', null, 'q'], y: ['1', '1', '1', '1', null] } };
    const rs: BlockingRuleSpec[] = [{ name: 'x+y', on: ['x', 'y'] }, { name: 'y', on: ['y'] }];
    expect(Array.from(blockIds(table, ['x', 'y']))).toEqual([0, 1, 0, -1, -1]);
    const got = blockPairs(table, rs);
    expect(Array.from(got.pairs.subarray(0, got.count * 2))).toEqual(referencePairs(table, rs).pairs);
    expect(blockTokens(table, rs)).toEqual(referenceTokens(table, rs));
    expect(blockTokens(table, rs)[0]).toEqual([tokenHash(0, `p${SEP}1`), tokenHash(1, '1')]);
    expect(blockTokens(table, rs)[3]).toEqual([null, tokenHash(1, '1')]); // positional: no x, no token for rule 0
    expect(blockTokens(table, rs)[4]).toEqual([null, null]);
  });
});
