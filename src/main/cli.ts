/**
 * The `gridhub` command line. Every command has --help; configuration comes from environment
 * variables (see `gridhub config`), validated before anything starts.
 */
import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, configMarkdownTable, loadConfig, redact, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { runHub, stopOnSignals, type HubMode } from './hub';
import { provisionStores } from './stores';
import { migrateUp, openOrm, pendingMigrations } from '../db/orm';
import { REPO_ROOT } from '../db/orm-config';
import { VERSION } from './version';
import { registerSimulateCommand } from './simulate-command';
import { registerSyncCommand } from './sync-command';
import { registerImportCommand } from './import-command';
import { registerQuarantineCommand } from './quarantine-command';
import { registerLinkCommand } from './link-command';
import { registerResolveCommands } from './resolve-command';
import { registerReconcileCommand } from './reconcile-command';
import { registerDocumentsCommand } from './documents-command';
import { registerApikeyCommand } from './apikey-command';

const SCHEMA_FILE = join(REPO_ROOT, 'schema', 'schema.graphql');

function setup(): { config: Config; log: Logger } {
  const config = loadConfig();
  return { config, log: createLogger(config.logLevel) };
}

async function serveCommand(mode: HubMode): Promise<void> {
  const { config, log } = setup();
  const hub = await runHub(mode, config, log);
  stopOnSignals(hub, config.shutdownTimeoutMs, log);
  const lines = [
    '',
    `gridhub ${VERSION} ${mode === 'worker' ? 'worker is running' : 'is running'} (ready in ${hub.startupMs} ms)`,
  ];
  if (hub.url) {
    lines.push(`  GraphQL:   ${hub.url}${config.nodeEnv === 'production' ? '' : '   (open it in a browser for Apollo Sandbox)'}`);
    const base = hub.url.replace(/\/graphql$/, '');
    lines.push(`  Health:    ${base}/healthz   Ready: ${base}/readyz   Metrics: ${base}/metrics`);
  }
  lines.push(`  Database:  ${hub.stores.embeddedDatabase ? `embedded PostgreSQL (${redact(hub.stores.databaseUrl)}, data in ${config.dataDir}/pg)` : redact(hub.stores.databaseUrl)}`);
  lines.push(`  Redis:     ${hub.stores.privateRedis ? `private redis-server (${hub.stores.redisUrl})` : hub.stores.redisUrl}`);
  if (hub.demo) {
    lines.push(`  Demo feeds: ${hub.demo.url}  (simulated district, size S, seed 7: police /police, health /health, safety /safety, grid /grid-center)`);
    lines.push(`              feed credentials: X-Api-Key ${hub.demo.keys.policeApiKey} · OAuth2 ${hub.demo.keys.healthClientId}/${hub.demo.keys.healthClientSecret} · ApiKey ${hub.demo.keys.safetyApiKey} · X-Grid-Token ${hub.demo.keys.gridToken}`);
    lines.push(`              syncing ${hub.demo.streams} streams now; watch with \`node bin/gridhub.js sync --wait\``);
  }
  if (hub.demo?.apiKeys.length) {
    lines.push('  API keys (demo, one per role, valid 30 days; send as `Authorization: Bearer <key>` or `X-Api-Key: <key>`):');
    for (const k of hub.demo.apiKeys) lines.push(`    ${`${k.role}${k.department ? `/${k.department}` : ''}${k.gridCode ? ` grid ${k.gridCode}` : ''}`.padEnd(32)} ${k.key}`);
  } else if (hub.url) {
    lines.push(config.auth === 'off' ? '  Credentials: none (GRIDHUB_AUTH=off: every request is an admin — development only).' : '  Credentials: create an API key with `gridhub apikey create --name NAME --role ROLE`.');
  }
  lines.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(lines.join('\n') + '\n');
}

async function migrateCommand(opts: { status?: boolean; create?: string | boolean }): Promise<void> {
  const { config, log } = setup();
  const stores = await provisionStores(config, log, { redis: false });
  const orm = await openOrm({ url: stores.databaseUrl, poolMax: 2 });
  try {
    if (opts.create) {
      const name = typeof opts.create === 'string' ? opts.create : undefined;
      const result = await orm.getMigrator().createMigration(join(REPO_ROOT, 'migrations'), false, false, name);
      process.stdout.write(result.fileName ? `created migrations/${result.fileName}\n` : 'no schema changes: no migration created\n');
    } else if (opts.status) {
      const pending = await pendingMigrations(orm);
      const executed = await orm.getMigrator().getExecutedMigrations();
      process.stdout.write(`${executed.length} applied, ${pending.length} pending${pending.length ? `: ${pending.join(', ')}` : ''}\n`);
      if (pending.length) process.exitCode = 1;
    } else {
      const applied = await migrateUp(orm);
      process.stdout.write(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'database is up to date\n');
    }
  } finally {
    await orm.close(true);
    await stores.stop();
  }
}

async function schemaCommand(opts: { write?: boolean; check?: boolean }): Promise<void> {
  const { printSchemaSdl } = await import('../api/schema');
  const sdl = await printSchemaSdl();
  if (opts.write) {
    await writeFile(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  } else if (opts.check) {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    if (committed !== sdl) {
      process.stderr.write('schema/schema.graphql is out of date with the type-graphql classes: run `npm run build` (or `gridhub schema --write`) and commit it.\n');
      process.exitCode = 1;
    } else process.stdout.write('schema/schema.graphql is up to date\n');
  } else process.stdout.write(sdl);
}

function configCommand(opts: { markdown?: boolean }): void {
  if (opts.markdown) {
    process.stdout.write(configMarkdownTable() + '\n');
    return;
  }
  const config = loadConfig();
  const shown = { ...config, databaseUrl: config.databaseUrl ? redact(config.databaseUrl) : '(embedded PostgreSQL)', redisUrl: config.redisUrl ?? '(private redis-server)' };
  process.stdout.write(JSON.stringify(shown, null, 2) + '\n');
}

export function buildCli(): Command {
  const program = new Command('gridhub')
    .description('gridhub — GraphQL data-integration hub for grid-based community governance (网格化服务管理).\nConfiguration is read from environment variables: see `gridhub config --help`.')
    .version(VERSION)
    .showHelpAfterError();
  program
    .command('start')
    .description('All in one: embedded PostgreSQL/private Redis when no URLs are set, migrations, GraphQL server and workers.')
    .action(() => serveCommand('start'));
  program.command('serve').description('Run only the GraphQL/HTTP server (the database must be migrated: `gridhub migrate`).').action(() => serveCommand('serve'));
  program.command('worker').description('Run only the job workers (BullMQ on Redis).').action(() => serveCommand('worker'));
  program
    .command('migrate')
    .description('Apply pending database migrations (the default), show their status, or create a new one from entity changes.')
    .option('--status', 'list applied and pending migrations; exit 1 when some are pending')
    .addOption(new Option('--create [name]', 'create a migration in migrations/ from the difference between entities and the database (developers)'))
    .action(migrateCommand);
  program
    .command('schema')
    .description('Print the GraphQL schema (SDL) generated from the code, write it to schema/schema.graphql, or check that file for drift.')
    .option('--write', 'write schema/schema.graphql')
    .option('--check', 'exit 1 when schema/schema.graphql differs from the code')
    .action(schemaCommand);
  program
    .command('config')
    .description('Show the effective configuration (passwords hidden), or the table of environment variables.')
    .option('--markdown', 'print the environment variable table as Markdown (as in the README)')
    .action(configCommand);
  registerSimulateCommand(program);
  registerSyncCommand(program);
  registerImportCommand(program);
  registerQuarantineCommand(program);
  registerLinkCommand(program);
  registerResolveCommands(program);
  registerReconcileCommand(program);
  registerDocumentsCommand(program);
  registerApikeyCommand(program);
  return program;
}

export async function main(argv = process.argv): Promise<void> {
  try {
    await buildCli().parseAsync(argv);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nSee \`gridhub config --markdown\` or the README for every variable.\n`);
      process.exit(2);
    }
    process.stderr.write(`gridhub: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
