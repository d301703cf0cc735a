/**
 * Bench support: the one machine-readable line every bench prints next to its human-readable
 * report, read by the bench runner (bench/run.ts) to build bench/RESULTS.md:
 *
 *   BENCH {"scenario":"sync-throughput","figures":[{"name":"sync","value":5234,"unit":"records/s",
 *          "better":"higher","peer":"raw COPY of the same rows","peerValue":61000}]}
 *
 * A figure's `peer` is what a user would pick instead, measured in the same run on the same machine;
 * the runner reports the median of value / peerValue over the runs.
 */

export interface BenchFigure {
  /** What is measured, e.g. 'sync' or 'jaroWinkler'. Unique within a scenario. */
  name: string;
  value: number;
  /** e.g. 'records/s', 'ns/call', 'ms', 'MB', '%'. */
  unit: string;
  /** Which direction is better (shown in the results; default 'higher'). */
  better?: 'higher' | 'lower';
  /** The peer measured in the same run, and its value in the same unit. */
  peer?: string;
  peerValue?: number;
  /** Context shown next to the figure (e.g. record counts); keep `name` stable across runs. */
  detail?: string;
}

export interface BenchLine {
  scenario: string;
  figures: BenchFigure[];
}

export const BENCH_PREFIX = 'BENCH ';

/** Prints `BENCH {json}` on stdout (one line). */
export function printBenchLine(scenario: string, figures: BenchFigure[]): void {
  const line: BenchLine = { scenario, figures };
  process.stdout.write(`${BENCH_PREFIX}${JSON.stringify(line)}\n`);
}

/** Every BENCH line of a bench's output (other lines ignored; a malformed BENCH line throws, naming it). */
export function parseBenchLines(output: string): BenchLine[] {
  const out: BenchLine[] = [];
  for (const raw of output.split('\n')) {
    const line = raw.trimEnd();
    if (!line.startsWith(BENCH_PREFIX)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line.slice(BENCH_PREFIX.length));
    } catch (e) {
      throw new Error(`Malformed BENCH line (not JSON: ${e instanceof Error ? e.message : String(e)}): ${line.slice(0, 200)}`);
    }
    const p = parsed as Partial<BenchLine>;
    if (typeof p.scenario !== 'string' || !Array.isArray(p.figures) || p.figures.some((f) => typeof f?.name !== 'string' || typeof f.value !== 'number' || typeof f.unit !== 'string')) {
      throw new Error(`Malformed BENCH line (expected {scenario, figures: [{name, value, unit, …}]}): ${line.slice(0, 200)}`);
    }
    out.push(p as BenchLine);
  }
  return out;
}
