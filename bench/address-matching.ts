/**
 * Bench: matching served free-text addresses onto the standard address tree (src/resolve/address)
 * over the simulated district. Builds the index from the served police `bzdz` records, then matches
 * every served residence/hukou address of police `rk` (XZZXZ, HJDZXZ), health `jmjkda` (现住址) and
 * safety `enterprises` (regAddr) and compares with the world's truth. Prints counts, accuracy per
 * feed, exact/partial/candidate shares, index build time and heap, parse and match throughput.
 * Never asserts.
 *
 * Args: size (default M), seed (default 7). Compile with the root tsconfig (it includes bench/ and
 * the test support module this bench shares with the unit test) and run with `--expose-gc` for exact
 * memory figures:
 *   npx tsc -p tsconfig.json && node --expose-gc dist/bench/address-matching.js M 7
 */
import { parseAddress, type AddressComponents } from '../src/domain/address';
import { buildAddressIndex, matchAddress, type AddressMatch, type StandardAddressEntry } from '../src/resolve/address';
import { createWorld } from '../src/simulator/world/create-world';
import type { SizeName } from '../src/simulator/world/world-types';
import { servedCommunity, type ServedAddressText } from '../test/unit/resolve/address/served-addresses';
import { printBenchLine } from './support/bench-line';

function heapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  // Typed arrays live outside the JS heap: count them too.
  return (m.heapUsed + m.arrayBuffers) / 1048576;
}

const pct = (a: number, b: number): string => (b === 0 ? '-' : `${((100 * a) / b).toFixed(2)}%`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

interface Tally {
  n: number;
  correct: number;
  exact: number;
  partial: number;
  candidate: number;
  /** Exact onto an address that is not the truth (the costly error). */
  wrongExact: number;
  /** Texts whose truth address is not in the served register (its bzdz record invalid). */
  truthMissing: number;
  correctWhereKnown: number;
  outside: number;
}

export function main(args: readonly string[]): void {
  const size = (args[0] ?? 'M') as SizeName;
  const seed = Number(args[1] ?? 7);
  const world = createWorld({ size, seed });

  let t0 = performance.now();
  const register: StandardAddressEntry[] = [];
  const texts: ServedAddressText[] = [];
  const truthOfCode = new Map<string, string>();
  for (let c = 0; c < world.communityCount; c++) {
    const s = servedCommunity(world, c);
    for (const e of s.register) register.push(e);
    for (const t of s.texts) texts.push(t);
    for (const [k, v] of s.truthOfCode) truthOfCode.set(k, v);
  }
  const servedMs = performance.now() - t0;
  const inRegister = new Set(truthOfCode.values());

  const h0 = heapMb();
  t0 = performance.now();
  const index = buildAddressIndex(register);
  const buildMs = performance.now() - t0;
  const h1 = heapMb();
  const stats = index.stats();

  // Parse once (what an ingest pipeline does), then match from components.
  t0 = performance.now();
  const parsed: AddressComponents[] = texts.map((t) => parseAddress(t.text).components);
  const parseMs = performance.now() - t0;
  // Warm-up, then timed.
  for (let i = 0; i < Math.min(parsed.length, 20_000); i++) matchAddress(index, parsed[i] as AddressComponents);
  t0 = performance.now();
  const results: AddressMatch[] = new Array<AddressMatch>(parsed.length);
  for (let i = 0; i < parsed.length; i++) results[i] = matchAddress(index, parsed[i] as AddressComponents);
  const matchMs = performance.now() - t0;
  t0 = performance.now();
  for (let i = 0; i < Math.min(texts.length, 50_000); i++) matchAddress(index, (texts[i] as ServedAddressText).text);
  const endToEndMs = performance.now() - t0;
  const endToEndN = Math.min(texts.length, 50_000);

  const tallies = new Map<string, Tally>();
  const total: Tally = { n: 0, correct: 0, exact: 0, partial: 0, candidate: 0, wrongExact: 0, truthMissing: 0, correctWhereKnown: 0, outside: 0 };
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i] as ServedAddressText;
    const m = results[i] as AddressMatch;
    let tally = tallies.get(t.source);
    if (tally === undefined) {
      tally = { n: 0, correct: 0, exact: 0, partial: 0, candidate: 0, wrongExact: 0, truthMissing: 0, correctWhereKnown: 0, outside: 0 };
      tallies.set(t.source, tally);
    }
    const truth = t.truthId;
    const right = truth === undefined ? m.kind === 'candidate' : m.kind === 'exact' && truthOfCode.get(m.addressId) === truth;
    const missing = truth !== undefined && !inRegister.has(truth);
    for (const x of [tally, total]) {
      x.n++;
      x[m.kind === 'exact' ? 'exact' : m.kind === 'partial' ? 'partial' : 'candidate']++;
      if (right) x.correct++;
      if (m.kind === 'exact' && truthOfCode.get(m.addressId) !== truth) x.wrongExact++;
      if (truth === undefined) x.outside++;
      if (missing) x.truthMissing++;
      else if (right) x.correctWhereKnown++;
    }
  }

  const out: string[] = [];
  out.push(`address matching — world ${size}, seed ${seed}, ${world.communityCount} communities`);
  out.push(`served records built in ${(servedMs / 1000).toFixed(1)} s: ${fmt(register.length)} bzdz entries, ${fmt(texts.length)} address texts`);
  out.push(
    `index: ${fmt(stats.entries)} entries, ${fmt(stats.nodes)} nodes, ${fmt(stats.tokens)} tokens, ${stats.adminTuples} admin tuples, ` +
      `${stats.sharedNodes} shared nodes; built in ${fmt(buildMs)} ms (${fmt((stats.entries / buildMs) * 1000)} entries/s, parse included); ` +
      `heap+arrayBuffers +${(h1 - h0).toFixed(1)} MB (${(((h1 - h0) * 1048576) / Math.max(1, stats.entries)).toFixed(0)} B/entry; typed arrays ${(stats.typedArrayBytes / 1048576).toFixed(1)} MB; id strings shared with the input)` +
      ((globalThis as { gc?: unknown }).gc === undefined ? ' [run with --expose-gc for exact heap]' : ''),
  );
  out.push(
    `throughput (1 core): parse ${fmt((texts.length / parseMs) * 1000)}/s; match after parse ${fmt((parsed.length / matchMs) * 1000)}/s ` +
      `(${((matchMs * 1000) / parsed.length).toFixed(2)} µs each); parse+match ${fmt((endToEndN / endToEndMs) * 1000)}/s`,
  );
  out.push('');
  out.push('source                         texts    accuracy  acc(truth in register)  exact    partial  candidate  wrong-exact  outside  truth-missing');
  const row = (name: string, x: Tally): string =>
    `${name.padEnd(28)} ${String(x.n).padStart(7)}  ${pct(x.correct, x.n).padStart(8)}  ${pct(x.correctWhereKnown, x.n - x.truthMissing).padStart(22)}  ` +
    `${pct(x.exact, x.n).padStart(7)}  ${pct(x.partial, x.n).padStart(7)}  ${pct(x.candidate, x.n).padStart(9)}  ${String(x.wrongExact).padStart(11)}  ${String(x.outside).padStart(7)}  ${String(x.truthMissing).padStart(13)}`;
  for (const [name, x] of [...tallies].sort((a, b) => a[0].localeCompare(b[0]))) out.push(row(name, x));
  out.push(row('all', total));
  out.push('');
  out.push('accuracy: exact onto the truth address, or candidate for a hukou outside the district; truth-missing: the truth address');
  out.push("has no usable bzdz record (invalid, DZQC missing), so the best possible answer is a partial match onto its parent.");
  process.stdout.write(`${out.join('\n')}\n`);
  const round2 = (x: number): number => Math.round(x * 100) / 100;
  printBenchLine('address-matching', [
    { name: `accuracy (${size})`, detail: `${texts.length} address texts onto ${stats.entries} standard addresses`, value: round2((100 * total.correct) / total.n), unit: '%' },
    { name: `match after parse (${size})`, value: Math.round((parsed.length / matchMs) * 1000), unit: 'addresses/s' },
    { name: `parse + match (${size})`, value: Math.round((endToEndN / endToEndMs) * 1000), unit: 'addresses/s' },
    { name: `index build (${size})`, value: Math.round(buildMs), unit: 'ms', better: 'lower' },
    { name: `index heap (${size})`, value: round2(h1 - h0), unit: 'MB', better: 'lower' },
  ]);
}

main(process.argv.slice(2));
