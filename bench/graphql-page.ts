/**
 * Bench: the per-grid persons page of issue 8 — a page of persons with their grid and their
 * addresses (residence and hukou, with role) — as a client would ask it. One synced and resolved S
 * district (seed 7); the page of 50 and the page of 20 of the base grid with the most persons:
 *   in-process   graphql() on the schema directly: ms per query and SQL statements per query
 *   HTTP         the served endpoint at concurrency 8 and 20, auth off and with a police API key
 *                (access control, masking and the audit log of every person read)
 * Prints req/s, p50, p99 (median of the runs) and SQL statements per request. Never asserts.
 *
 * Run: npx tsc -p tsconfig.json && NODE_ENV=production node dist/bench/graphql-page.js [requests=600] [runs=3]
 * (NODE_ENV=production as deployed: graphql-js then skips its development-only checks, about 5% of the CPU.)
 * GRIDHUB_BENCH_DB=name keeps the built database under that name and reuses it on the next run
 * (drop it by hand); GRIDHUB_BENCH_IN_PROCESS=only skips the HTTP part (for `node --cpu-prof`).
 */
import 'reflect-metadata';
import { load, type RunFigures } from './support/http-load';
import os from 'node:os';
import { join } from 'node:path';
import { graphql, type GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { AuditWriter, auditSinkFor, createApiKey } from '../src/access';
import { createContext } from '../src/api/context';
import { gridhubSchema } from '../src/api/schema';
import { migrateUp, openOrm } from '../src/db/orm';
import { loadConfig } from '../src/main/config';
import { demoConnectorEnv } from '../src/main/hub';
import { startHttpServer } from '../src/main/http-server';
import { createMetrics } from '../src/main/metrics';
import { HubStatusService } from '../src/services/hub-status.service';
import { MaintenanceService } from '../src/services/maintenance.service';
import { syncAndResolve } from '../src/services/pipeline';
import { SyncService } from '../src/services/sync.service';
import { startFeedServer } from '../src/simulator/feeds/feed-server';
import { createWorld } from '../src/simulator/world/create-world';
import type { MikroORM } from '@mikro-orm/postgresql';

const ADMIN_URL = process.env.DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const QUERY = `query GridPage($code: String!, $first: Int!) { grid(code: $code) { code persons(first: $first) {
  pageInfo { hasNextPage endCursor } nodes { id name gender birthDate kind grid { code name } addresses { role address { id fullText } } } } } }`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = (s: string) => process.stdout.write(`${s}\n`);

/** Counts the SQL statements the ORM's connection sends (every repository goes through it). */
function statementCounter(orm: MikroORM): { reset(): void; readonly n: number } {
  let n = 0;
  orm.em.getConnection().getKnex().on('query', () => (n += 1));
  return {
    reset: () => (n = 0),
    get n() {
      return n;
    },
  };
}

async function inProcess(orm: MikroORM, schema: GraphQLSchema, code: string, first: number, times: number, counter: { reset(): void; readonly n: number }): Promise<{ ms: number; statements: number }> {
  const run = async () => {
    const r = await graphql({ schema, source: QUERY, variableValues: { code, first }, contextValue: createContext({ orm, status: undefined as never, version: 'bench' }) });
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r;
  };
  for (let i = 0; i < 20; i++) await run(); // warm-up
  const ms: number[] = [];
  counter.reset();
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    await run();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return { ms: median(ms), statements: counter.n / times };
}

async function openDistrict(admin: Client): Promise<{ orm: MikroORM; grid: string; keep: boolean; dbName: string }> {
  const keepName = process.env.GRIDHUB_BENCH_DB;
  const dbName = keepName ?? `gridhub_bench_page_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const reuse = keepName !== undefined && (await admin.query('select 1 from pg_database where datname = $1', [dbName])).rowCount === 1;
  if (!reuse) {
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.query(`create database ${dbName}`);
  }
  const orm = await openOrm({ url: url.toString(), poolMax: 8 });
  if (!reuse) {
    await migrateUp(orm);
    const t0 = Date.now();
    const world = createWorld({ size: 'S', seed: 7 });
    const feeds = await startFeedServer({ world, port: 0, host: '127.0.0.1' });
    const env = demoConnectorEnv(feeds);
    const sync = new SyncService(orm.em.fork(), join(__dirname, '../../connectors'), { secrets: env, env, baseUrl: feeds.url });
    await syncAndResolve(orm.em.fork(), sync, loadConfig({}).connectors);
    await feeds.close();
    // Planner statistics, as autovacuum or the nightly maintenance.analyze job would leave them.
    await new MaintenanceService(orm.em.fork()).analyze();
    out(`S district synced, resolved and analysed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    await migrateUp(orm);
  }
  // The base grid with the most live persons: every page asked is full.
  const [top] = await orm.em.fork().getConnection().execute<Array<{ code: string; n: string }>>(
    `select g.code, count(*) as n from person p join grid g on g.id = p.grid_id
     where g.kind = 'base' and g.valid_to is null and p.merged_into_id is null group by g.code order by count(*) desc, g.code limit 1`,
  );
  out(`base grid ${top.code} (${top.n} persons)`);
  return { orm, grid: top.code, keep: keepName !== undefined, dbName };
}

async function main(): Promise<void> {
  const [requests = 600, runs = 3] = process.argv.slice(2).map(Number);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { orm, grid, keep, dbName } = await openDistrict(admin);
  const servers: Array<{ close(): Promise<void> }> = [];
  const audit = new AuditWriter(auditSinkFor(() => orm.em.fork()));
  try {
    out(`node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const counter = statementCounter(orm);
    const schema = await gridhubSchema();
    out(`${'in-process graphql()'.padEnd(26)} ${'ms'.padStart(8)} ${'SQL/q'.padStart(8)}`);
    for (const first of [50, 20]) {
      const f = await inProcess(orm, schema, grid, first, 200, counter);
      out(`${`page of ${first}`.padEnd(26)} ${f.ms.toFixed(2).padStart(8)} ${f.statements.toFixed(1).padStart(8)}`);
    }
    if (process.env.GRIDHUB_BENCH_IN_PROCESS === 'only') return;

    const police = await createApiKey(orm.em.fork(), { name: `bench-page-police-${process.pid}`, role: 'department', department: 'police' });
    const deps = { orm, status: new HubStatusService(orm, async () => 'PONG'), metrics: createMetrics(), version: 'bench', production: true, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) } };
    const off = await startHttpServer({ ...deps, auth: 'off' }, '127.0.0.1', 0);
    const on = await startHttpServer({ ...deps, auth: 'required', audit }, '127.0.0.1', 0);
    servers.push(off, on);
    const setups: Array<[string, string, Record<string, string>]> = [
      ['auth off', off.url, {}],
      ['police API key + audit', on.url, { authorization: `Bearer ${police.key}` }],
    ];
    out(`HTTP: ${requests} requests × ${runs} runs per line (median), one server process, pool of 8 connections`);
    out(`${'server'.padEnd(24)} ${'page'.padStart(5)} ${'conc'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'SQL/req'.padStart(8)}`);
    for (const first of [50, 20]) {
      const body = JSON.stringify({ query: QUERY, variables: { code: grid, first }, operationName: 'GridPage' });
      for (const [, u, h] of setups) await load(u, h, body, 100, 8); // warm-up (JIT, pools, caches)
      for (const concurrency of [8, 20]) {
        for (const [name, u, h] of setups) {
          const fs: RunFigures[] = [];
          counter.reset();
          for (let r = 0; r < runs; r++) fs.push(await load(u, h, body, requests, concurrency));
          const perRequest = counter.n / (requests * runs);
          out(`${name.padEnd(24)} ${String(first).padStart(5)} ${String(concurrency).padStart(5)} ${median(fs.map((f) => f.rps)).toFixed(0).padStart(8)} ${median(fs.map((f) => f.p50)).toFixed(1).padStart(8)} ${median(fs.map((f) => f.p99)).toFixed(1).padStart(8)} ${perRequest.toFixed(2).padStart(8)}`);
        }
      }
    }
    await audit.flush();
    out(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    for (const s of servers) await s.close();
    await audit.close();
    await orm.close(true);
    if (!keep) await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
