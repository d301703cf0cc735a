/**
 * Bench: records per second served by the department feed servers (pages of 500 over loopback,
 * server on one core, clients in worker threads), over the real world (size from argv[2], default
 * S; seconds per stream from argv[3], default 5). Never asserts.
 *
 * From compiled output:  npx tsc -p tsconfig.build.json && node -e "require('./dist/src/simulator/feeds/measure-serving').main()"
 */
import { formatReport, measureServing } from '../src/simulator/feeds/measure-serving';
import { createWorld } from '../src/simulator/world/create-world';
import type { SizeName } from '../src/simulator/world/world-types';
import { printBenchLine } from './support/bench-line';

async function run(): Promise<void> {
  const size = (process.argv[2] ?? 'S') as SizeName;
  const world = createWorld({ size, seed: 1 });
  const report = await measureServing({ world, seconds: Number(process.argv[3] ?? 5) });
  process.stdout.write(`${formatReport(`world ${size}, seed 1`, report)}\n`);
  printBenchLine(
    'feed-serving',
    report.results.map((m) => ({ name: `${m.feed}/${m.stream} (${size})`, detail: `pages of ${m.pageSize}, ${m.clients} clients`, value: m.recordsPerSecond, unit: 'records/s' })),
  );
}

void run();
