/**
 * Bench support: gridhub's HTTP server (src/main/http-server.ts) over an existing database, alone in
 * its process so that a load generator never shares its event loop — the served side of
 * bench/graphql-vs-postgraphile.ts. Auth off (every request an unscoped admin, no audit), production
 * settings, no Redis (no rate limit), no job queues; it never syncs or migrates.
 *
 *   PG_URL=postgres://postgres@127.0.0.1:5432/gridhub_bench_m_pg POOL_MAX=10 NODE_ENV=production \
 *     node dist/bench/support/serve-gridhub.js
 *
 * Prints `listening <graphql url>` and `stats <url>` once ready. The stats server answers GET with
 * {"statements": n} — the SQL statements the ORM's connection sent (knex 'query' events) since the
 * start or the last POST /reset (which answers the count before resetting).
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { openOrm } from '../../src/db/orm';
import { startHttpServer } from '../../src/main/http-server';
import { createMetrics } from '../../src/main/metrics';
import { HubStatusService } from '../../src/services/hub-status.service';

async function main(): Promise<void> {
  const url = process.env.PG_URL;
  if (!url) throw new Error('PG_URL is not set: give the connection string of the gridhub database to serve.');
  const poolMax = Number(process.env.POOL_MAX ?? 10);
  const port = Number(process.env.PORT ?? 0);
  const orm = await openOrm({ url, poolMax });
  let statements = 0;
  orm.em.getConnection().getKnex().on('query', () => (statements += 1));
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) };
  const server = await startHttpServer(
    { orm, status: new HubStatusService(orm, async () => 'PONG'), metrics: createMetrics(), version: 'bench', production: true, auth: 'off', log },
    '127.0.0.1',
    port,
  );
  const stats = http.createServer((req, res) => {
    const body = JSON.stringify({ statements });
    if (req.method === 'POST' && req.url === '/reset') statements = 0;
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`listening ${server.url}\nstats http://127.0.0.1:${(stats.address() as AddressInfo).port}\n`);
  const stop = async () => {
    stats.close();
    await server.close();
    await orm.close(true);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
