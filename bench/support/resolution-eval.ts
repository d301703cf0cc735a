/**
 * Bench/test support: runs a match model over labelled served records (EM, no labels) and
 * measures the clustering against the truth: pairwise precision / recall / F1, plus the false-merge
 * and missed pairs classified by a cheap cause (twins, namesakes, missing ID, stale address …).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { linkRecords, loadMatchModel, pairwiseMetrics, type LinkResult, type MatchModel, type PairwiseMetrics } from '../../src/resolve';
import type { LabelledRecord } from './served-records';

export function loadShippedModel(name: 'person' | 'organisation'): MatchModel {
  // src/resolve/models relative to the repo root (run from source or from dist/bench/support).
  for (const up of [['..', '..'], ['..', '..', '..']]) {
    const file = join(__dirname, ...up, 'src', 'resolve', 'models', `${name}.json`);
    if (existsSync(file)) return loadMatchModel(file);
  }
  throw new Error(`model ${name}.json not found`);
}

export interface Evaluation {
  result: LinkResult;
  metrics: PairwiseMetrics;
  /** False-merge pairs (same cluster, different truth) by cause. */
  falseMerges: Record<string, number>;
  /** Missed pairs (same truth, different clusters) by cause. */
  missed: Record<string, number>;
  /** A few examples per cause: record index pairs. */
  examples: Record<string, Array<[number, number]>>;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const addr = (r: LabelledRecord): string | null => str(r.canonical.residenceAddress) ?? str(r.canonical.address);

function mergeCause(a: LabelledRecord, b: LabelledRecord, twins: Map<string, string>): string {
  if (twins.get(a.truth) === b.truth) return 'twins';
  const ida = str(a.canonical.citizenId);
  const idb = str(b.canonical.citizenId);
  if (ida !== null && ida === idb) return 'same ID';
  if (a.canonical.name === b.canonical.name) return ida === null || idb === null ? 'namesake, missing ID' : 'namesake';
  if (ida === null || idb === null) return 'missing ID';
  return 'other';
}

function missCause(a: LabelledRecord, b: LabelledRecord): string {
  const ida = str(a.canonical.citizenId);
  const idb = str(b.canonical.citizenId);
  const parts: string[] = [];
  if (a.source.endsWith('legalRep') || b.source.endsWith('legalRep')) parts.push('legal rep');
  if (ida === null || idb === null) parts.push('missing ID');
  else if (ida !== idb) parts.push('different ID');
  if (a.canonical.name !== b.canonical.name) parts.push('name differs');
  const aa = addr(a);
  const ab = addr(b);
  if (aa !== null && ab !== null && aa !== ab) parts.push('address differs');
  return parts.length === 0 ? 'other' : parts.join(' + ');
}

export function evaluate(records: readonly LabelledRecord[], model: MatchModel, twins: Map<string, string> = new Map()): Evaluation {
  const result = linkRecords(records.map((r) => r.canonical), model, { train: 'em' });
  const labels = records.map((r) => r.truth);
  const metrics = pairwiseMetrics(result.cluster, labels);
  const falseMerges: Record<string, number> = {};
  const missed: Record<string, number> = {};
  const examples: Record<string, Array<[number, number]>> = {};
  const note = (into: Record<string, number>, cause: string, i: number, j: number): void => {
    into[cause] = (into[cause] ?? 0) + 1;
    const ex = (examples[cause] ??= []);
    if (ex.length < 3) ex.push([i, j]);
  };
  // Clusters holding several truths, and truths spread over several clusters (small groups: list pairs).
  const byCluster = new Map<number, number[]>();
  const byTruth = new Map<string, number[]>();
  for (let i = 0; i < records.length; i++) {
    const c = result.cluster[i]!;
    const l = byCluster.get(c);
    if (l === undefined) byCluster.set(c, [i]);
    else l.push(i);
    const t = byTruth.get(labels[i]!);
    if (t === undefined) byTruth.set(labels[i]!, [i]);
    else t.push(i);
  }
  for (const members of byCluster.values()) {
    if (members.length < 2) continue;
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) {
      const i = members[x]!;
      const j = members[y]!;
      if (labels[i] !== labels[j]) note(falseMerges, mergeCause(records[i]!, records[j]!, twins), i, j);
    }
  }
  for (const members of byTruth.values()) {
    if (members.length < 2) continue;
    for (let x = 0; x < members.length; x++) for (let y = x + 1; y < members.length; y++) {
      const i = members[x]!;
      const j = members[y]!;
      if (result.cluster[i] !== result.cluster[j]) note(missed, `missed: ${missCause(records[i]!, records[j]!)}`, i, j);
    }
  }
  return { result, metrics, falseMerges, missed, examples };
}
