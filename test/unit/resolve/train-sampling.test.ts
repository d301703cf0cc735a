/**
 * Training on a sample of the blocked pairs (train-parameters.ts): a session with more pairs than
 * `training.maxPairsPerSession` (default 200,000) and the prior EM run over a uniform seeded sample
 * of that many, reported as `sampledPairs`; the parameters stay close to those trained on all
 * pairs; the sample is deterministic, uniform and without replacement.
 */
import { linkRecords, validateMatchModel, type MatchModel } from '../../../src/resolve';
import { DEFAULT_MAX_PAIRS_PER_SESSION, samplePairs } from '../../../src/resolve/train/train-parameters';
import { mulberry32 } from '../../../src/lib/mulberry32';

const model: MatchModel = {
  name: 'sampling',
  fields: { name: {}, dob: {}, phone: {}, city: {} },
  comparisons: [
    { name: 'name', field: 'name', levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1 }] },
    { name: 'dob', field: 'dob', levels: [{ kind: 'exact' }] },
    { name: 'phone', field: 'phone', levels: [{ kind: 'exact' }, { kind: 'levenshtein', max: 1 }] },
    { name: 'city', field: 'city', levels: [{ kind: 'exact' }] },
  ],
  // Wide blocks: a city holds many people, nearly all different.
  blocking: [
    { name: 'city', on: ['city'], maxBlockSize: 5000 },
    { name: 'dob', on: ['dob'], maxBlockSize: 5000 },
  ],
  thresholds: { link: 0.95, review: 0.5 },
};

/** n people in `cities` cities; one in four has a second record with a typo in name or phone. */
function population(n: number, cities: number, seed: number): { rows: Array<Record<string, string>>; labels: string[] } {
  const rnd = mulberry32(seed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const word = (k: number): string => Array.from({ length: k }, () => letters[Math.floor(rnd() * 26)]).join('');
  const rows: Array<Record<string, string>> = [];
  const labels: string[] = [];
  for (let p = 0; p < n; p++) {
    const base = {
      name: `${word(5)} ${word(6)}`,
      dob: `19${40 + Math.floor(rnd() * 60)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 10)}`,
      phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
      city: `c${Math.floor(rnd() * cities)}`,
    };
    rows.push(base);
    labels.push(String(p));
    if (p % 4 === 0) {
      const typo = (s: string): string => s.slice(0, 2) + (s[2] === 'x' ? 'y' : 'x') + s.slice(3);
      rows.push(p % 8 === 0 ? { ...base, name: typo(base.name) } : { ...base, phone: typo(base.phone) });
      labels.push(String(p));
    }
  }
  return { rows, labels };
}

describe('samplePairs', () => {
  it('draws max distinct indexes in increasing order, deterministically, or null when all fit', () => {
    expect(samplePairs(10, 10, 1)).toBeNull();
    const a = samplePairs(100_000, 1000, 7)!;
    expect(a.length).toBe(1000);
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThan(a[i - 1]!);
    expect(a[a.length - 1]!).toBeLessThan(100_000);
    expect(Array.from(samplePairs(100_000, 1000, 7)!)).toEqual(Array.from(a));
    expect(Array.from(samplePairs(100_000, 1000, 8)!)).not.toEqual(Array.from(a));
    // Uniform: each tenth of the range gets about a tenth of the sample.
    const tenths = new Array<number>(10).fill(0);
    for (const i of a) tenths[Math.floor(i / 10_000)]!++;
    for (const t of tenths) expect(Math.abs(t - 100)).toBeLessThan(40);
  });
});

describe('EM on a sample of the blocked pairs', () => {
  it('a big set: each session and the prior run over at most the sample size', () => {
    // 4000 people (5000 records) in 20 cities: ≈ 600k pairs in the city session.
    const { rows, labels } = population(4000, 20, 1);
    const r = linkRecords(rows, { ...model, training: { randomPairs: 50_000 } });
    const t = r.parameters.trainedOn!;
    const city = t.sessions!.find((s) => s.name === 'city')!;
    expect(city.pairs).toBeGreaterThan(DEFAULT_MAX_PAIRS_PER_SESSION);
    expect(city.sampledPairs).toBe(DEFAULT_MAX_PAIRS_PER_SESSION);
    for (const s of t.sessions!) expect(s.sampledPairs ?? s.pairs).toBeLessThanOrEqual(DEFAULT_MAX_PAIRS_PER_SESSION);
    expect(t.prior!.blockedPairs).toBe(r.blocked.count);
    expect(t.prior!.sampledPairs).toBe(DEFAULT_MAX_PAIRS_PER_SESSION);
    // Still finds the duplicates.
    let tp = 0;
    let truePairs = 0;
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < Math.min(rows.length, i + 2); j++) {
        if (labels[i] === labels[j]) {
          truePairs++;
          if (r.cluster[i] === r.cluster[j]) tp++;
        }
      }
    }
    expect(tp / truePairs).toBeGreaterThan(0.98);
  });

  it('a medium set: parameters from a sample are close to those from all pairs', () => {
    const { rows } = population(1500, 8, 2);
    const all = linkRecords(rows, { ...model, training: { randomPairs: 50_000, maxPairsPerSession: 0 } });
    const sampled = linkRecords(rows, { ...model, training: { randomPairs: 50_000, maxPairsPerSession: 60_000 } });
    const ta = all.parameters.trainedOn!;
    const ts = sampled.parameters.trainedOn!;
    expect(ta.sessions!.every((s) => s.sampledPairs === undefined)).toBe(true);
    expect(ta.prior!.sampledPairs).toBeUndefined();
    expect(ts.sessions!.find((s) => s.name === 'city')!.pairs).toBeGreaterThan(100_000);
    expect(ts.sessions!.find((s) => s.name === 'city')!.sampledPairs).toBe(60_000);
    expect(ts.prior!.sampledPairs).toBe(60_000);
    // Same u (random pairs); m within 0.03 (a sample of 60k of 220k pairs holds ≈ 100 of the 375 matches), λ within 15 %.
    for (const [name, p] of Object.entries(all.parameters.comparisons)) {
      const q = sampled.parameters.comparisons[name]!;
      expect(q.u).toEqual(p.u);
      p.m.forEach((m, k) => expect(Math.abs(q.m[k]! - m)).toBeLessThan(0.03));
    }
    expect(Math.abs(sampled.parameters.lambda / all.parameters.lambda - 1)).toBeLessThan(0.15);
    expect(sampled.linkPairs).toBe(all.linkPairs);
  });

  it('validates maxPairsPerSession', () => {
    expect(validateMatchModel({ ...model, training: { maxPairsPerSession: 1000 } }).ok).toBe(true);
    const r = validateMatchModel({ ...model, training: { maxPairsPerSession: -1 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(['training.maxPairsPerSession']);
  });
});
