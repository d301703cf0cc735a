/**
 * Bench: sync throughput of the simulated district (default size M) through the real connectors
 * into PostgreSQL, next to the raw COPY rate of the same rows, as a ratio (see
 * src/main/measure-sync.ts). Never asserts.
 *
 * Run: npm run bench -- sync-throughput, or npx tsc -p tsconfig.json && node dist/bench/sync-throughput.js M
 */
import { measureSync } from '../src/main/measure-sync';
import type { SizeName } from '../src/simulator/world/world-types';
import { printBenchLine } from './support/bench-line';

async function run(): Promise<void> {
  const sizes = (process.argv.length > 2 ? process.argv.slice(2) : ['M']) as SizeName[];
  for (const size of sizes) {
    const f = await measureSync(size);
    process.stdout.write(`${JSON.stringify(f)}\n`);
    printBenchLine('sync-throughput', [
      { name: `sync ${size}`, detail: `${f.records} records, ${f.streams} streams in parallel`, value: Number(f.syncRecordsPerSec), unit: 'records/s', peer: 'raw COPY of the same rows', peerValue: Number(f.copyRowsPerSec) },
      { name: `peak RSS of the sync process (${size})`, value: Number(f.peakRssMb), unit: 'MB', better: 'lower' },
    ]);
  }
}

void run();
