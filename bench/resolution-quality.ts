/**
 * Entity-resolution quality of the shipped person and organisation models against the simulator's
 * ground truth: builds the records the department feeds serve (police rk, health jmjkda / gazdx /
 * yzjsza, safety enterprises and their legal representatives), maps them with the shipped
 * connectors (quarantined records left out), runs `linkRecords` with each model (EM, no labels)
 * and prints records, blocking, trained weights, pairwise precision / recall / F1, false-merge and
 * missed pairs by cause, per-phase timings and peak memory. No asserts.
 *
 *   npx tsc -p tsconfig.json && node dist/bench/resolution-quality.js [size=M] [seed=7]
 */
import { getHeapStatistics } from 'node:v8';
import type { SizeName } from '../src/simulator/world/world-types';
import { evaluate, loadShippedModel, type Evaluation } from './support/resolution-eval';
import { printBenchLine, type BenchFigure } from './support/bench-line';
import { servedWorldRecords, type LabelledRecord } from './support/served-records';

const size = (process.argv[2] ?? 'M') as SizeName;
const seed = Number(process.argv[3] ?? 7);
const only = process.argv[4]; // optional: 'person' | 'organisation'

let peakHeap = 0;
const sampleHeap = (): void => {
  peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
};
const sampler = setInterval(sampleHeap, 50);
const mb = (b: number): string => `${(b / 1048576).toFixed(0)} MB`;
const figures: BenchFigure[] = [];

function report(name: string, records: readonly LabelledRecord[], ev: Evaluation): void {
  const { result, metrics } = ev;
  console.log(`\n== ${name}: ${records.length} records, ${result.blocked.count} blocked pairs, ${result.linkPairs} links, ${result.refused} edges refused by constraints, ${result.review.length} pairs in review`);
  console.log('blocking:');
  for (const r of result.blocked.report) {
    console.log(`  ${r.name.padEnd(36)} pairs ${String(r.pairs).padStart(9)}  dup ${String(r.duplicatePairs).padStart(8)}  blocks ${String(r.blocks).padStart(7)}  largest ${String(r.largestBlock).padStart(5)}  skipped ${r.skippedBlocks} (${r.skippedPairs} pairs)`);
  }
  const p = result.parameters;
  console.log(`trained (${p.trainedOn?.method}, ${p.trainedOn?.iterations} iterations): λ = ${p.lambda.toExponential(3)} (prior ${Math.log2(p.lambda / (1 - p.lambda)).toFixed(2)} bits)${p.trainedOn?.prior ? `, λ among blocked pairs ${p.trainedOn.prior.lambdaBlocked.toFixed(4)} × ${p.trainedOn.prior.blockedPairs} / ${p.trainedOn.prior.allPairs.toExponential(3)} pairs` : ''}`);
  for (const s of p.trainedOn?.sessions ?? []) {
    console.log(`  session ${s.name.padEnd(36)} pairs ${String(s.pairs).padStart(8)}  λ ${s.lambda.toFixed(4)}  ${String(s.iterations).padStart(3)} it.  estimated ${s.estimated.join(', ') || '—'}  (held out ${s.heldOut.join(', ') || '—'})`);
  }
  if (p.trainedOn?.defaultM !== undefined) console.log(`  default m (no session estimated them): ${p.trainedOn.defaultM.join(', ')}`);
  for (const c of result.comparisons) {
    const cp = p.comparisons[c.name]!;
    const parts = c.labels.slice(1).map((l, k) => `${l} ${Math.log2(cp.m[k]! / cp.u[k]!).toFixed(1)} (m ${cp.m[k]!.toPrecision(2)}, u ${cp.u[k]!.toPrecision(2)})`);
    console.log(`  ${c.name.padEnd(14)} ${parts.join(' | ')}`);
  }
  console.log(`pairwise: precision ${metrics.precision.toFixed(5)}  recall ${metrics.recall.toFixed(5)}  F1 ${metrics.f1.toFixed(5)}  (true pairs ${metrics.truePairs}, predicted ${metrics.predictedPairs}, TP ${metrics.truePositives})`);
  const causes = (title: string, m: Record<string, number>): void => {
    const entries = Object.entries(m).sort((a, b) => b[1] - a[1]);
    console.log(`${title}: ${entries.length === 0 ? 'none' : ''}`);
    for (const [k, n] of entries) console.log(`  ${String(n).padStart(6)}  ${k}`);
  };
  causes('false-merge pairs by cause', ev.falseMerges);
  causes('missed pairs by cause', ev.missed);
  if (process.env.EXAMPLES === '1') {
    for (const [cause, ex] of Object.entries(ev.examples)) {
      for (const [i, j] of ex) {
        const e = result.scorer.explain(i, j);
        console.log(`  [${cause}] ${records[i]!.source} ${JSON.stringify(records[i]!.canonical.name)}/${String(records[i]!.canonical.citizenId)} vs ${records[j]!.source} ${JSON.stringify(records[j]!.canonical.name)}/${String(records[j]!.canonical.citizenId)}: ${e.weight.toFixed(1)} = ${e.comparisons.map((c) => `${c.comparison}:${c.level} ${c.weight.toFixed(1)}`).join(', ')}`);
      }
    }
  }
  const totalMs = Object.values(result.timings).reduce((a, b) => a + b, 0);
  console.log(`timings (ms): ${Object.entries(result.timings).map(([k, v]) => `${k} ${v}`).join(', ')}; total ${totalMs}`);
  figures.push(
    { name: `${name} precision (${size})`, detail: `${records.length} records, ${metrics.truePairs} true pairs`, value: metrics.precision, unit: 'pairwise' },
    { name: `${name} recall (${size})`, value: metrics.recall, unit: 'pairwise' },
    { name: `${name} F1 (${size})`, value: metrics.f1, unit: 'pairwise' },
    { name: `${name} linking time (${size})`, detail: 'blocking, EM, scoring, clustering in memory', value: totalMs, unit: 'ms', better: 'lower' },
  );
}

function main(): void {
  const t0 = performance.now();
  const served = servedWorldRecords(size, seed);
  const buildMs = Math.round(performance.now() - t0);
  console.log(`world ${size} seed ${seed}: served records built and mapped in ${buildMs} ms`);
  console.log(`records kept per source: ${JSON.stringify(served.counts)}`);
  console.log(`quarantined (not resolved): ${JSON.stringify(served.quarantined)}`);
  console.log(`persons ${served.persons.length}, organisations ${served.organisations.length}, twin persons ${served.twins.size}`);
  const heapBefore = getHeapStatistics().used_heap_size;
  if (only === undefined || only === 'person') report('person', served.persons, evaluate(served.persons, loadShippedModel('person'), served.twins));
  sampleHeap();
  if (only === undefined || only === 'organisation') report('organisation', served.organisations, evaluate(served.organisations, loadShippedModel('organisation')));
  sampleHeap();
  clearInterval(sampler);
  figures.push({ name: `peak RSS (${size})`, value: Math.round((process.resourceUsage().maxRSS * 1024) / 1048576), unit: 'MB', better: 'lower' });
  printBenchLine('resolution-quality', figures);
  console.log(`\nmemory: peak RSS ${mb(process.resourceUsage().maxRSS * 1024)}, peak heap used (sampled) ${mb(peakHeap)}, heap with records before linking ${mb(heapBefore)}`);
}

main();
