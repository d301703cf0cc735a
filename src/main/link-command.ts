/**
 * `gridhub link FILE --model MODEL.json [--labels COLUMN] [--out clusters.csv]`: the resolution
 * engine over any CSV (a steward's spreadsheet, a benchmark file): blocking report, training,
 * clusters; with a label column, pairwise precision, recall and F1. Needs no database.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readCsvRows } from '../ingest';
import { linkRecords, loadMatchModel, pairwiseMetrics, probabilityOf, type LinkResult, type MatchModel } from '../resolve';
import { textTable } from './text-table';

export interface LinkCommandOptions {
  model: string;
  labels?: string;
  labelPattern?: string;
  out?: string;
  train?: 'auto' | 'em' | 'labels';
  saveModel?: string;
  explain?: number;
  quiet?: boolean;
}

export interface LinkCommandResult {
  records: number;
  clusters: number;
  result: LinkResult;
  metrics?: ReturnType<typeof pairwiseMetrics>;
  ids: string[];
}

export async function readCsvRecords(file: string): Promise<Array<Record<string, string>>> {
  const records: Array<Record<string, string>> = [];
  let header: string[] | undefined;
  for await (const row of readCsvRows(file)) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    if (header === undefined) {
      header = row.fields.map((h) => h.trim());
      continue;
    }
    if (row.fields.length !== header.length) throw new Error(`${file} line ${row.line}: ${row.fields.length} fields, the header has ${header.length}`);
    const r: Record<string, string> = {};
    for (let i = 0; i < header.length; i++) r[header[i]!] = row.fields[i]!;
    records.push(r);
  }
  return records;
}

function labelsOf(records: Array<Record<string, string>>, column: string, pattern: string | undefined): Array<string | null> {
  if (records.length > 0 && !(column in records[0]!)) throw new Error(`--labels: no column "${column}" (columns: ${Object.keys(records[0]!).join(', ')})`);
  const re = pattern === undefined ? undefined : new RegExp(pattern);
  return records.map((r) => {
    const v = (r[column] ?? '').trim();
    if (v === '') return null;
    if (re === undefined) return v;
    const m = re.exec(v);
    return m === null ? null : (m[1] ?? m[0]);
  });
}

export async function runLink(file: string, o: LinkCommandOptions, print: (s: string) => void = (s) => process.stdout.write(`${s}\n`)): Promise<LinkCommandResult> {
  const model: MatchModel = loadMatchModel(o.model);
  const t0 = performance.now();
  const records = await readCsvRecords(file);
  const readMs = Math.round(performance.now() - t0);
  const labels = o.labels === undefined ? undefined : labelsOf(records, o.labels, o.labelPattern ?? model.labelPattern);
  const ids = records.map((r, i) => (model.idColumn !== undefined ? (r[model.idColumn] ?? '').trim() : String(i + 1)));
  const result = linkRecords(records, model, { labels, train: o.train });
  const clusters = new Set(result.cluster).size;
  if (!o.quiet) {
    print(`${records.length} records read from ${file} in ${readMs} ms; model ${model.name}`);
    print('blocking:');
    print(textTable([['rule', 'pairs', 'also earlier', 'blocks', 'largest', 'skipped blocks'], ...result.blocked.report.map((r) => [r.name, String(r.pairs), String(r.duplicatePairs), String(r.blocks), String(r.largestBlock), String(r.skippedBlocks)])], 1));
    const p = result.parameters;
    print(`parameters: ${p.trainedOn ? `${p.trainedOn.method}${p.trainedOn.iterations !== undefined ? ` (${p.trainedOn.iterations} iterations)` : ''} over ${p.trainedOn.pairs} pairs` : 'from the model file'}, λ = ${p.lambda.toPrecision(3)} (two random records match; prior ${Math.log2(p.lambda / (1 - p.lambda)).toFixed(2)} bits)`);
    if (p.trainedOn?.prior !== undefined) print(`  λ = ${p.trainedOn.prior.lambdaBlocked.toPrecision(4)} (matches among blocked pairs, EM with m and u fixed) × ${p.trainedOn.prior.blockedPairs} blocked / ${p.trainedOn.prior.allPairs} pairs`);
    for (const s of p.trainedOn?.sessions ?? []) print(`  session ${s.name}: ${s.pairs} pairs, λ ${s.lambda.toFixed(4)}, ${s.iterations} iterations; m estimated for ${s.estimated.join(', ') || 'none'}; held out ${s.heldOut.join(', ') || 'none'}`);
    if (p.trainedOn?.defaultM !== undefined) print(`  default m (estimated by no session): ${p.trainedOn.defaultM.join(', ')}`);
    for (const c of result.comparisons) {
      const cp = p.comparisons[c.name]!;
      print(`  ${c.name}: ${c.labels.slice(1).map((l, k) => `${l} ${Math.log2(cp.m[k]! / cp.u[k]!).toFixed(1)}`).join(' | ')}`);
    }
    print(`${result.blocked.count} pairs compared, ${result.linkPairs} at or above link probability ${model.thresholds.link}, ${result.refused} refused by constraints, ${result.review.length} for review; ${clusters} clusters`);
    print(`timings (ms): ${Object.entries({ read: readMs, ...result.timings }).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  for (let k = 0; k < Math.min(o.explain ?? 0, result.review.length); k++) {
    const pair = result.review[k]!;
    const i = result.blocked.pairs[2 * pair]!;
    const j = result.blocked.pairs[2 * pair + 1]!;
    const e = result.scorer.explain(i, j);
    print(`review ${ids[i]} ~ ${ids[j]}: weight ${e.weight.toFixed(2)} (p ${probabilityOf(e.weight).toFixed(4)}) = prior ${e.priorWeight.toFixed(2)} ${e.comparisons.map((c) => `${c.weight >= 0 ? '+' : '−'} ${Math.abs(c.weight).toFixed(2)} ${c.comparison}:${c.level}`).join(' ')}`);
  }
  let metrics: ReturnType<typeof pairwiseMetrics> | undefined;
  if (labels !== undefined) {
    metrics = pairwiseMetrics(result.cluster, labels);
    print(`precision=${metrics.precision.toFixed(4)} recall=${metrics.recall.toFixed(4)} f1=${metrics.f1.toFixed(4)} (true pairs ${metrics.truePairs}, predicted ${metrics.predictedPairs}, correct ${metrics.truePositives})`);
  }
  if (o.out !== undefined) {
    const out = createWriteStream(o.out);
    out.write('record_id,cluster_id\n');
    for (let i = 0; i < records.length; i++) out.write(`${JSON.stringify(ids[i])},${JSON.stringify(ids[result.cluster[i]!])}\n`);
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  if (o.saveModel !== undefined) await writeFile(o.saveModel, `${JSON.stringify({ ...model, parameters: { ...result.parameters, termFrequencies: undefined } }, null, 2)}\n`);
  return { records: records.length, clusters, result, metrics, ids };
}

export function registerLinkCommand(program: Command): Command {
  return program
    .command('link')
    .description('Link the records of a CSV file with a match model (blocking, Fellegi–Sunter scores trained by EM, clustering with cannot-links); with --labels, report pairwise precision, recall and F1. No database needed.')
    .argument('<file>', 'CSV file (UTF-8, header row)')
    .requiredOption('--model <file>', 'match model JSON (see src/resolve/README.md; e.g. src/resolve/models/febrl3.json)')
    .option('--labels <column>', 'column holding the true entity, for evaluation')
    .option('--label-pattern <regex>', "regex whose first group is the entity in the label column (default: the model's labelPattern)")
    .option('--out <file>', 'write record_id,cluster_id CSV')
    .option('--train <mode>', 'auto (model parameters if present, else EM) | em | labels', 'auto')
    .option('--save-model <file>', 'write the model with the trained parameters')
    .option('--explain <n>', 'print the waterfall of the first n review pairs', (v) => Number(v), 0)
    .action(async (file: string, o: LinkCommandOptions) => {
      await runLink(file, o);
    });
}
