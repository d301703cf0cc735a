/**
 * Bench child of bench/pipeline-scale.ts: the simulated department feeds in their own process.
 * Generates the world (timed apart from starting the feed server, whose catalog walks the world
 * once), serves it on a free loopback port, and sends `{ type: 'ready', url, keys, worldMs,
 * serverMs, records, invalid }` to the parent; answers `usage` (peak RSS, CPU) and exits on `stop`.
 *
 * Not run by hand: `node dist/bench/support/pipeline-feed-child.js SIZE SEED` expects an IPC parent.
 */
import { startFeedServer, type FeedServer } from '../../src/simulator/feeds/feed-server';
import { createWorld } from '../../src/simulator/world/create-world';
import type { SizeName } from '../../src/simulator/world/world-types';
import { childReporting } from './pipeline-process';

async function main(): Promise<void> {
  const [size = 'S', seed = '7'] = process.argv.slice(2);
  if (!['S', 'M', 'L', 'XL'].includes(size)) throw new Error(`pipeline-feed-child: size must be S, M, L or XL, got '${size}'`);
  let server: FeedServer | undefined;
  childReporting(async () => {
    await server?.close();
  });
  const t0 = performance.now();
  const world = createWorld({ size: size as SizeName, seed: Number(seed) });
  const worldMs = performance.now() - t0;
  const t1 = performance.now();
  server = await startFeedServer({ world, port: 0, host: '127.0.0.1' });
  const serverMs = performance.now() - t1;
  const { totals } = server.stats();
  process.send?.({ type: 'ready', url: server.url, keys: server.keys, worldMs: Math.round(worldMs), serverMs: Math.round(serverMs), records: totals.records, invalid: totals.invalid });
}

main().catch((e: unknown) => {
  process.stderr.write(`pipeline-feed-child: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
