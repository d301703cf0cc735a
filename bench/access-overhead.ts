/**
 * Bench: the cost of access control on the per-grid persons page. One synced and resolved S district
 * (seed 7), three HTTP servers on it, the same persisted query (a page of 50 persons with addresses,
 * employer, tags and grid) under the same load:
 *   off       GRIDHUB_AUTH=off, no audit, and the schema without access control (the floor)
 *   police    an API key of the police department (guarded field resolvers, masking rules, audit of every person read)
 *   worker    an API key of a grid worker scoped to the grid (plus row scope and masking)
 * Prints req/s, p50 and p99 per server (median of the runs) and the ratio to `off`. Never asserts.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/access-overhead.js [requests=600] [concurrency=8] [runs=3]
 * (the district from bench/support/m-district.ts: GRIDHUB_BENCH_DB=name keeps and reuses it)
 */
import 'reflect-metadata';
import { load, type RunFigures } from './support/http-load';
import { openBenchDistrict } from './support/m-district';
import { AuditWriter, auditSinkFor, createApiKey } from '../src/access';
import { openOrm } from '../src/db/orm';
import { startHttpServer } from '../src/main/http-server';
import { unguardedSchemaForBench } from '../src/api/schema';
import { createMetrics } from '../src/main/metrics';
import { HubStatusService } from '../src/services/hub-status.service';

const QUERY = `query GridPersons($code: String!) { grid(code: $code) { persons(first: 50, includeDescendants: true) {
  nodes { id name gender age kind citizenId phone addresses { role address { id fullText } } employer { id name } tags { code name } grid { code name } } } } }`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const [requests = 600, concurrency = 8, runs = 3] = process.argv.slice(2).map(Number);
  const district = await openBenchDistrict('S');
  const orm = await openOrm({ url: district.url, poolMax: 8 });
  const servers: Array<{ close(): Promise<void> }> = [];
  const audit = new AuditWriter(auditSinkFor(() => orm.em.fork()));
  try {
    // The first base grid by code (the page asks its subtree).
    const [{ grid }] = await orm.em.fork().getConnection().execute<Array<{ grid: string }>>(`select min(code) as grid from grid where kind = 'base' and valid_to is null`);
    process.stdout.write(`query: a page of 50 persons of base grid ${grid}, ${requests} requests × ${runs} runs at concurrency ${concurrency}\n`);

    const police = await createApiKey(orm.em.fork(), { name: 'bench-police', role: 'department', department: 'police' });
    const worker = await createApiKey(orm.em.fork(), { name: 'bench-worker', role: 'grid_worker', gridCode: grid });
    const deps = { orm, status: new HubStatusService(orm, async () => 'PONG'), metrics: createMetrics(), version: 'bench', production: true, log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => process.stderr.write(`${m}\n`) } };
    const off = await startHttpServer({ ...deps, auth: 'off', schema: await unguardedSchemaForBench() }, '127.0.0.1', 0);
    const on = await startHttpServer({ ...deps, auth: 'required', audit }, '127.0.0.1', 0);
    servers.push(off, on);
    const body = JSON.stringify({ query: QUERY, variables: { code: grid }, operationName: 'GridPersons' });
    const setups: Array<[string, string, Record<string, string>]> = [
      ['off (no access control)', off.url, {}],
      ['police key + audit', on.url, { authorization: `Bearer ${police.key}` }],
      ['grid worker key + audit', on.url, { authorization: `Bearer ${worker.key}` }],
    ];
    for (const [, u, h] of setups) await load(u, h, body, 100, concurrency); // warm-up (JIT, pools, caches)
    const figures = new Map<string, RunFigures[]>();
    for (let r = 0; r < runs; r++) {
      for (const [name, u, h] of setups) {
        const f = await load(u, h, body, requests, concurrency);
        figures.set(name, [...(figures.get(name) ?? []), f]);
      }
    }
    await audit.flush();
    const base = median(figures.get(setups[0][0])!.map((f) => f.rps));
    process.stdout.write(`${'server'.padEnd(26)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'vs off'.padStart(8)}\n`);
    for (const [name] of setups) {
      const fs = figures.get(name)!;
      const rps = median(fs.map((f) => f.rps));
      process.stdout.write(`${name.padEnd(26)} ${rps.toFixed(0).padStart(8)} ${median(fs.map((f) => f.p50)).toFixed(1).padStart(8)} ${median(fs.map((f) => f.p99)).toFixed(1).padStart(8)} ${(rps / base).toFixed(2).padStart(8)}\n`);
    }
    const written = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(`select count(*) as n from audit_log where action = 'read'`);
    process.stdout.write(`audit entries written (reads of persons): ${written[0].n}\n`);
  } finally {
    for (const s of servers) await s.close();
    await audit.close();
    await orm.close(true);
    await district.drop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
