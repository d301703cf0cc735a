/**
 * Bench child of bench/pipeline-scale.ts: the GraphQL API over a built database, in its own
 * process (the load generator runs in the parent). Auth off, production mode (run it with
 * NODE_ENV=production), no rate limit, a pool of POOL connections (default 8); sends
 * `{ type: 'ready', url }`, answers `usage` (peak RSS, CPU) and exits on `stop`.
 *
 * Not run by hand: `node dist/bench/support/pipeline-serve-child.js DATABASE_URL [POOL]` expects an IPC parent.
 */
import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/db/orm';
import { startHttpServer, type RunningHttpServer } from '../../src/main/http-server';
import { createMetrics } from '../../src/main/metrics';
import { HubStatusService } from '../../src/services/hub-status.service';
import { childReporting } from './pipeline-process';

async function main(): Promise<void> {
  const [url, pool = '8'] = process.argv.slice(2);
  if (!url) throw new Error('pipeline-serve-child: the database URL is the first argument');
  let orm: MikroORM | undefined;
  let server: RunningHttpServer | undefined;
  childReporting(async () => {
    await server?.close();
    await orm?.close(true);
  });
  orm = await openOrm({ url, poolMax: Number(pool) });
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => void process.stderr.write(`${m}\n`) };
  server = await startHttpServer(
    { orm, status: new HubStatusService(orm, async () => 'PONG'), metrics: createMetrics(), version: 'bench', production: process.env.NODE_ENV === 'production', auth: 'off', log },
    '127.0.0.1',
    0,
  );
  process.send?.({ type: 'ready', url: server.url });
}

main().catch((e: unknown) => {
  process.stderr.write(`pipeline-serve-child: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
