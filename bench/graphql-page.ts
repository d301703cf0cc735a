/**
 * Bench: the per-grid persons page of issue 8 — a page of persons with their grid and their
 * addresses (residence and hukou, with role) — as a client would ask it. One synced and resolved S
 * district (seed 7); the page of 50 and the page of 20 of the base grid with the most persons:
 *   in-process   graphql() on the schema directly: ms per query and SQL statements per query
 *   HTTP         the served endpoint at concurrency 8 and 20, auth off and with a police API key
 *                (access control, masking and the audit log of every person read)
 * The HTTP servers run in a child process (this file, forked with GRIDHUB_BENCH_SERVE set), so the
 * load generator never shares their event loop. Prints req/s, p50, p99 (median of the runs), SQL
 * statements per request, and the CPU each request cost the server process and the PostgreSQL
 * backends (from /proc; shown as - when PostgreSQL runs elsewhere) — on a shared machine the CPU per
 * request moves far less than req/s does. Never asserts; prints one BENCH line.
 *
 * Run: npx tsc -p tsconfig.json && NODE_ENV=production node dist/bench/graphql-page.js [requests=600] [runs=3]
 * (NODE_ENV=production as deployed: graphql-js then skips its development-only checks, about 5% of the CPU.)
 * GRIDHUB_BENCH_DB=name keeps the built database under that name and reuses it on the next run
 * (drop it by hand); GRIDHUB_BENCH_IN_PROCESS=only skips the HTTP part (for `node --cpu-prof`).
 */
import 'reflect-metadata';
import { load, type RunFigures } from './support/http-load';
import { openBenchDistrict, type BenchDistrict } from './support/m-district';
import { printBenchLine, type BenchFigure } from './support/bench-line';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { graphql, type GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { AuditWriter, auditSinkFor, createApiKey } from '../src/access';
import { createContext } from '../src/api/context';
import { gridhubSchema } from '../src/api/schema';
import { openOrm } from '../src/db/orm';
import { startHttpServer } from '../src/main/http-server';
import { createMetrics } from '../src/main/metrics';
import { HubStatusService } from '../src/services/hub-status.service';
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

/** The S district (bench/support/m-district.ts: built, or reused under GRIDHUB_BENCH_DB) and its fullest base grid. */
async function openDistrict(): Promise<{ orm: MikroORM; grid: string; district: BenchDistrict }> {
  const district = await openBenchDistrict('S');
  const orm = await openOrm({ url: district.url, poolMax: 8 });
  // The base grid with the most live persons: every page asked is full.
  const [top] = await orm.em.fork().getConnection().execute<Array<{ code: string; n: string }>>(
    `select g.code, count(*) as n from person p join grid g on g.id = p.grid_id
     where g.kind = 'base' and g.valid_to is null and p.merged_into_id is null group by g.code order by count(*) desc, g.code limit 1`,
  );
  out(`base grid ${top.code} (${top.n} persons)`);
  return { orm, grid: top.code, district };
}

async function main(): Promise<void> {
  const [requests = 600, runs = 3] = process.argv.slice(2).map(Number);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  const { orm, grid, district } = await openDistrict();
  const dbName = district.dbName;
  const figures: BenchFigure[] = [];
  let server: ServerChild | undefined;
  try {
    out(`node ${process.version}, NODE_ENV=${process.env.NODE_ENV ?? '(unset)'}, ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const counter = statementCounter(orm);
    const schema = await gridhubSchema();
    out(`${'in-process graphql()'.padEnd(26)} ${'ms'.padStart(8)} ${'SQL/q'.padStart(8)}`);
    for (const first of [50, 20]) {
      const f = await inProcess(orm, schema, grid, first, 200, counter);
      out(`${`page of ${first}`.padEnd(26)} ${f.ms.toFixed(2).padStart(8)} ${f.statements.toFixed(1).padStart(8)}`);
      figures.push({ name: `in-process-${first}`, value: Number(f.ms.toFixed(2)), unit: 'ms', better: 'lower' });
    }
    if (process.env.GRIDHUB_BENCH_IN_PROCESS === 'only') return;

    server = await forkServer(dbName);
    const pgCpu = pgCpuMeter(admin, dbName);
    const setups: Array<[string, string, Record<string, string>]> = [
      ['auth off', server.offUrl, {}],
      ['police API key + audit', server.onUrl, { authorization: `Bearer ${server.key}` }],
    ];
    out(`HTTP: ${requests} requests × ${runs} runs per line (median), servers in a child process, pool of 8 connections`);
    out(`${'server'.padEnd(24)} ${'page'.padStart(5)} ${'conc'.padStart(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'SQL/req'.padStart(8)} ${'node ms'.padStart(8)} ${'PG ms'.padStart(8)}  (CPU per request)`);
    for (const first of [50, 20]) {
      const body = JSON.stringify({ query: QUERY, variables: { code: grid, first }, operationName: 'GridPage' });
      for (const [, u, h] of setups) await load(u, h, body, 100, 8); // warm-up (JIT, pools, caches)
      for (const concurrency of [8, 20]) {
        for (const [name, u, h] of setups) {
          const fs: RunFigures[] = [];
          await server.stats(); // resets the child's counters
          const pg0 = await pgCpu();
          for (let r = 0; r < runs; r++) fs.push(await load(u, h, body, requests, concurrency));
          const st = await server.stats();
          const pg1 = await pgCpu();
          const n = requests * runs;
          const f = { rps: median(fs.map((x) => x.rps)), p50: median(fs.map((x) => x.p50)), p99: median(fs.map((x) => x.p99)), sql: st.statements / n, nodeMs: st.cpuMs / n, pgMs: pg0 === undefined || pg1 === undefined ? undefined : (pg1 - pg0) / n };
          out(`${name.padEnd(24)} ${String(first).padStart(5)} ${String(concurrency).padStart(5)} ${f.rps.toFixed(0).padStart(8)} ${f.p50.toFixed(1).padStart(8)} ${f.p99.toFixed(1).padStart(8)} ${f.sql.toFixed(2).padStart(8)} ${f.nodeMs.toFixed(2).padStart(8)} ${(f.pgMs === undefined ? '-' : f.pgMs.toFixed(2)).padStart(8)}`);
          const tag = `${name === 'auth off' ? 'off' : 'police'}-${first}-c${concurrency}`;
          figures.push({ name: `rps-${tag}`, value: Math.round(f.rps), unit: 'req/s' }, { name: `p99-${tag}`, value: Number(f.p99.toFixed(1)), unit: 'ms', better: 'lower' });
          figures.push({ name: `node-cpu-${tag}`, value: Number(f.nodeMs.toFixed(2)), unit: 'ms/req', better: 'lower', detail: `${f.sql.toFixed(2)} SQL/req` });
        }
      }
    }
    await server.close();
    out(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    printBenchLine('graphql-page', figures);
  } finally {
    server?.kill();
    await orm.close(true);
    await district.drop();
    await admin.end();
  }
}

/** The child: both servers over the bench database; answers `stats` (CPU and statements since the last stats) and `close`. */
async function serve(dbName: string): Promise<void> {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${dbName}`;
  const orm = await openOrm({ url: url.toString(), poolMax: 8 });
  const audit = new AuditWriter(auditSinkFor(() => orm.em.fork()));
  const counter = statementCounter(orm);
  const police = await createApiKey(orm.em.fork(), { name: `bench-page-police-${process.pid}`, role: 'department', department: 'police' });
  const deps = { orm, status: new HubStatusService(orm, async () => 'PONG'), metrics: createMetrics(), version: 'bench', production: true, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) } };
  const off = await startHttpServer({ ...deps, auth: 'off' }, '127.0.0.1', 0);
  const on = await startHttpServer({ ...deps, auth: 'required', audit }, '127.0.0.1', 0);
  let cpu = process.cpuUsage();
  const send = (m: unknown) => process.send?.(m);
  process.on('message', (m: string) => {
    if (m === 'stats') {
      const used = process.cpuUsage(cpu);
      send({ statements: counter.n, cpuMs: (used.user + used.system) / 1000 });
      counter.reset();
      cpu = process.cpuUsage();
    } else if (m === 'close') {
      void (async () => {
        await off.close();
        await on.close();
        await audit.close();
        await orm.close(true);
        send({ closed: true });
        process.disconnect();
      })();
    }
  });
  send({ offUrl: off.url, onUrl: on.url, key: police.key });
}

interface ServerChild {
  offUrl: string;
  onUrl: string;
  key: string;
  stats(): Promise<{ statements: number; cpuMs: number }>;
  close(): Promise<void>;
  /** Ends the child if it still runs (the bench failed before closing it). */
  kill(): void;
}

function forkServer(dbName: string): Promise<ServerChild> {
  const child: ChildProcess = fork(__filename, [], { env: { ...process.env, GRIDHUB_BENCH_SERVE: dbName } });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`The bench's server process exited (code ${code}) before answering.`));
      child.once('exit', onExit);
      child.once('message', (m) => {
        child.off('exit', onExit);
        resolve(m as T);
      });
    });
  return next<{ offUrl: string; onUrl: string; key: string }>().then((ready) => ({
    ...ready,
    stats: () => {
      const r = next<{ statements: number; cpuMs: number }>();
      child.send('stats');
      return r;
    },
    close: async () => {
      const r = next<unknown>();
      child.send('close');
      await r;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null && child.connected) child.kill();
    },
  }));
}

/** CPU (ms) the PostgreSQL backends of `dbName` have used, from /proc; undefined when they are not local. */
function pgCpuMeter(admin: Client, dbName: string): () => Promise<number | undefined> {
  const tickMs = 1000 / 100; // USER_HZ
  return async () => {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
    if (!existsSync('/proc/self/stat')) return undefined;
    let ticks = 0;
    for (const { pid } of rows) {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
      } catch {
        return undefined; // not a local process (PostgreSQL elsewhere, or in another PID namespace)
      }
    }
    return ticks * tickMs;
  };
}

const serveDb = process.env.GRIDHUB_BENCH_SERVE;
void (serveDb ? serve(serveDb) : main()).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
