/**
 * Pairwise precision, recall and F1 of a clustering against true entity labels, counted without
 * listing pairs: TP = Σ over (cluster, label) cells of C(n, 2), predicted = Σ clusters C(n, 2),
 * true = Σ labels C(n, 2). Records without a label are left out.
 */
export interface PairwiseMetrics {
  truePairs: number;
  predictedPairs: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairsOf = (n: number): number => (n * (n - 1)) / 2;

export function pairwiseMetrics(clusters: ArrayLike<number | string>, labels: ArrayLike<string | null>): PairwiseMetrics {
  const byCluster = new Map<number | string, number>();
  const byLabel = new Map<string, number>();
  const byCell = new Map<string, number>();
  for (let i = 0; i < clusters.length; i++) {
    const label = labels[i];
    if (label === null || label === undefined) continue;
    const c = clusters[i]!;
    byCluster.set(c, (byCluster.get(c) ?? 0) + 1);
    byLabel.set(label, (byLabel.get(label) ?? 0) + 1);
    const cell = `${String(c)}\u0001${label}`;
    byCell.set(cell, (byCell.get(cell) ?? 0) + 1);
  }
  let predictedPairs = 0;
  for (const n of byCluster.values()) predictedPairs += pairsOf(n);
  let truePairs = 0;
  for (const n of byLabel.values()) truePairs += pairsOf(n);
  let truePositives = 0;
  for (const n of byCell.values()) truePositives += pairsOf(n);
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, truePositives, precision, recall, f1 };
}
