/**
 * `gridhub link` over the public FEBRL3 benchmark with the shipped model: parameters estimated by
 * EM from the file itself (no labels used for training), clusters evaluated pairwise against the
 * true entity in rec_id. Published: expert-tuned Splink F1 0.965, exact rules 0.948.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLink } from '../../../src/main/link-command';

const REPO = join(__dirname, '../../..');
const FEBRL = join(REPO, 'bench/data/febrl3/dataset3.csv');
const MODEL = join(REPO, 'src/resolve/models/febrl3.json');

it('links FEBRL3 with F1 ≥ 0.99 and writes the clusters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-link-'));
  const out = join(dir, 'clusters.csv');
  const printed: string[] = [];
  const r = await runLink(FEBRL, { model: MODEL, labels: 'rec_id', out, explain: 2 }, (s) => printed.push(s));
  expect(r.records).toBe(5000);
  expect(r.metrics!.truePairs).toBe(6538);
  expect(r.metrics!.f1).toBeGreaterThanOrEqual(0.99);
  expect(printed.some((l) => /^precision=[01]\.\d{4} recall=[01]\.\d{4} f1=(0\.99\d\d|1\.0000)/.test(l))).toBe(true);
  expect(printed.join('\n')).toMatch(/^soc_sec_id +5601 /m); // the blocking report, pairs per rule
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('record_id,cluster_id');
  expect(lines).toHaveLength(5001);
}, 60000);

it('trains from labels when asked, and a saved model re-links without training', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-link-'));
  const saved = join(dir, 'trained.json');
  const first = await runLink(FEBRL, { model: MODEL, labels: 'rec_id', train: 'labels', saveModel: saved, quiet: true }, () => undefined);
  expect(first.result.parameters.trainedOn?.method).toBe('labels');
  const again = await runLink(FEBRL, { model: saved, labels: 'rec_id', quiet: true }, () => undefined);
  expect(again.result.parameters.trainedOn?.method).toBe('labels'); // carried in the file, not re-estimated
  expect(again.metrics!.f1).toBeCloseTo(first.metrics!.f1, 6);
}, 60000);

it('names a missing label column and an invalid model', async () => {
  await expect(runLink(FEBRL, { model: MODEL, labels: 'nope', quiet: true }, () => undefined)).rejects.toThrow(/--labels: no column "nope" \(columns: rec_id, given_name/);
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-link-'));
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ name: 'x', fields: {}, comparisons: [], blocking: [], thresholds: {} }));
  await expect(runLink(FEBRL, { model: bad }, () => undefined)).rejects.toThrow(/invalid match model .*bad\.json:\n {2}- fields: expected an object/);
});
