/**
 * A first build's golden rows on a second core. A first build (a model without members yet) of
 * many records survives every cluster anew: half of the run's Node CPU. The worker thread
 * (golden-stage.worker.ts) reads the full source records itself while the main thread — which then
 * reads them projected onto the match model's fields only — blocks, scores and clusters; given the
 * clusters, it survives and COPYs the golden rows into a stage table while the main thread writes
 * members, pairs, links and lineage. The repository's write moves the stage into the golden table.
 *
 * Used by ResolveService when the model has no members and at least `GOLDEN_STAGE_MIN_RECORDS`
 * valid records (GRIDHUB_RESOLVE_WORKER=off turns it off; =always uses it at any size, for tests).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPO_ROOT } from '../lib/repo-root';
import type { GoldenStageClusters, GoldenStageInit, GoldenStageReply } from './golden-stage.worker';

/** Below this many records a first build survives in the main thread (a worker's start and second read cost more). */
export const GOLDEN_STAGE_MIN_RECORDS = 50000;

/** The values of GRIDHUB_RESOLVE_WORKER (the configuration table in src/main/config.ts lists the same). */
export const RESOLVE_WORKER_MODES = ['auto', 'always', 'off'] as const;
export type ResolveWorkerMode = (typeof RESOLVE_WORKER_MODES)[number];

export function useGoldenStage(records: number, env: NodeJS.ProcessEnv = process.env): boolean {
  const mode = env.GRIDHUB_RESOLVE_WORKER ?? 'auto';
  if (!(RESOLVE_WORKER_MODES as readonly string[]).includes(mode)) {
    throw new Error(`GRIDHUB_RESOLVE_WORKER must be ${RESOLVE_WORKER_MODES.join(', ')}, not "${mode}"`);
  }
  if (mode === 'off') return false;
  if (mode === 'always') return true;
  return records >= GOLDEN_STAGE_MIN_RECORDS;
}

/** The compiled worker: next to this file when running compiled, else (ts under jest) in dist/ (built by `pretest`). */
function workerFile(): string {
  const here = join(__dirname, 'golden-stage.worker.js');
  if (existsSync(here)) return here;
  const built = join(REPO_ROOT, 'dist/src/services/golden-stage.worker.js');
  if (!existsSync(built)) throw new Error(`golden stage worker not built: ${built} is missing (run npm run build)`);
  return built;
}

export interface GoldenStageResult {
  rows: number;
  error?: unknown;
  loadMs?: number;
  surviveMs?: number;
}

export class GoldenStage {
  private readonly worker: Worker;
  /** Settles when the worker has staged every row, or failed (never rejects). */
  readonly done: Promise<GoldenStageResult>;

  private constructor(init: GoldenStageInit) {
    this.worker = new Worker(workerFile(), { workerData: init });
    // A run that fails before handing over its clusters stops the worker; should one not, the
    // worker waiting for them does not keep the process alive.
    this.worker.unref();
    this.done = new Promise<GoldenStageResult>((resolve) => {
      let settled = false;
      const settle = (r: GoldenStageResult): void => {
        if (settled) return;
        settled = true;
        resolve(r);
        void this.worker.terminate();
      };
      this.worker.once('message', (m: GoldenStageReply) =>
        settle(m.kind === 'done' ? { rows: m.rows, loadMs: m.loadMs, surviveMs: m.surviveMs } : { rows: 0, error: new Error(m.message) }),
      );
      this.worker.once('error', (error) => settle({ rows: 0, error }));
      this.worker.once('exit', (code) => settle({ rows: 0, error: new Error(`golden stage worker exited with code ${code} before staging`) }));
    });
  }

  /** Starts the worker, which begins reading the target's source records at once. */
  static start(init: GoldenStageInit): GoldenStage {
    return new GoldenStage(init);
  }

  /** Hands over the clusters: golden id → its members' source record ids. */
  send(clusters: Map<number, readonly number[]>): void {
    let total = 0;
    for (const ids of clusters.values()) total += ids.length;
    const goldens = new Float64Array(clusters.size);
    const offsets = new Uint32Array(clusters.size + 1);
    const records = new Float64Array(total);
    let k = 0;
    let m = 0;
    for (const [g, ids] of clusters) {
      goldens[k] = g;
      offsets[k] = m;
      for (const id of ids) records[m++] = id;
      k++;
    }
    offsets[k] = m;
    const msg: GoldenStageClusters = { kind: 'clusters', goldens, offsets, records };
    this.worker.postMessage(msg, [goldens.buffer, offsets.buffer, records.buffer]);
  }

  /** Stops the worker (a run that failed before handing over its clusters). */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
