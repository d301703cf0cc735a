/**
 * `gridhub quarantine summary | list | reprocess`: the stewards' view of records held back by
 * validation, and re-processing after a mapping or code-table fix (re-maps the stored raw
 * payloads; nothing is fetched again). Runs in this process (needs the database, not Redis).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CodeTables } from '../ingest';
import { QuarantineRepository, type QuarantineFilter } from '../db/repositories/source-record.repository';
import { describeIssue, QuarantineService } from '../services/quarantine.service';
import { withDatabase } from './stores';
import { textTable } from './text-table';

interface FilterOptions {
  source?: string;
  stream?: string;
  rule?: string;
  field?: string;
}

const filterOf = (o: FilterOptions): QuarantineFilter => ({ source: o.source, stream: o.stream, rule: o.rule, field: o.field });

function withFilters(c: Command): Command {
  return c
    .option('--source <name>', 'connector or import source')
    .option('--stream <name>', 'stream (or file mapping name)')
    .option('--rule <code>', 'only records with an issue of this rule, e.g. CITIZEN_ID_CHECK_CHAR')
    .option('--field <name>', 'only records with an issue on this canonical field, e.g. citizenId');
}

export function registerQuarantineCommand(program: Command): Command {
  const q = program.command('quarantine').description('Records held back by validation: summary by reason, listing with reasons, re-processing after a mapping fix.');

  withFilters(q.command('summary').description('Quarantined records per source, stream, field and rule.')).action(async (o: FilterOptions) => {
    await withDatabase(async (em) => {
      const rows = await new QuarantineRepository(em).summary(filterOf(o));
      if (rows.length === 0) return void process.stdout.write('no quarantined records\n');
      const cells = [['source', 'stream', 'field', 'rule', 'records'], ...rows.map((r) => [r.source, r.stream, r.field || '(record)', r.rule, String(r.records)])];
      process.stdout.write(`${textTable(cells, 4)}\n`);
    });
  });

  withFilters(q.command('list').description('Quarantined records with their reasons (field, rule, value, message), oldest first.'))
    .option('--limit <n>', 'records to show', (v) => Number(v), 50)
    .option('--after <id>', 'continue after this record id (keyset paging)', (v) => Number(v), 0)
    .option('--json', 'one JSON object per line instead of text')
    .action(async (o: FilterOptions & { limit: number; after: number; json?: boolean }) => {
      await withDatabase(async (em) => {
        const rows = await new QuarantineRepository(em).list(filterOf(o), o.limit, o.after);
        for (const r of rows) {
          if (o.json) process.stdout.write(`${JSON.stringify(r)}\n`);
          else process.stdout.write(`#${r.id} ${r.source}/${r.stream} key=${r.recordKey} (rev ${r.revision}, ${r.fetchedAt.toISOString()})\n${r.issues.map((i) => `  ${i.severity === 'error' ? '✗' : '!'} ${describeIssue(i)}`).join('\n')}\n`);
        }
        if (!o.json && rows.length === o.limit) process.stdout.write(`… more: --after ${rows[rows.length - 1]!.id}\n`);
      });
    });

  q.command('reprocess')
    .description('Re-map stored records of a source with its current mapping (after a fix to the manifest, file mapping or code tables); records that now pass are released, every change keeps its history.')
    .argument('<source>', 'connector name (reads connectors/<source>/manifest.json) or import source (with --mapping)')
    .argument('[streams...]', 'streams to re-process (default: all)')
    .option('--mapping <file>', 'file mapping JSON, for a source filled by `gridhub import`')
    .option('--code-tables <file>', 'JSON object of code tables the mapping refers to (file imports)')
    .option('--all', 're-map every record of the streams, not only quarantined ones')
    .action(async (source: string, streams: string[], o: { mapping?: string; codeTables?: string; all?: boolean }) => {
      const codeTables = o.codeTables ? (JSON.parse(readFileSync(o.codeTables, 'utf8')) as CodeTables) : undefined;
      await withDatabase(async (em, { connectorsDir }) => {
        const r = await new QuarantineService(em, connectorsDir).reprocess({
          source,
          streams: streams.length > 0 ? streams : undefined,
          mappingFile: o.mapping,
          codeTables,
          scope: o.all ? 'all' : 'quarantined',
          onProgress: (p) => process.stderr.write(`\r${p.stream}: ${p.examined} examined, ${p.released} released, ${p.stillQuarantined} still quarantined`),
        });
        process.stderr.write('\n');
        process.stdout.write(
          `reprocessed ${source}: ${r.examined} examined, ${r.rewritten} rewritten, ${r.released} released, ${r.stillQuarantined} still quarantined, ${r.newlyQuarantined} newly quarantined (job run ${r.runId})\n`,
        );
      });
    });
  return q;
}
