/**
 * `gridhub import FILE --mapping MAPPING --source NAME [--code-tables FILE]`: stream a CSV, XLSX
 * or JSONL file into source records through a mapping (the connectors' mapping language), with the
 * same validation and quarantine. Runs in this process (needs the database, not Redis).
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CodeTables } from '../ingest';
import { ImportService } from '../services/import.service';
import { withDatabase } from './stores';

export function registerImportCommand(program: Command): Command {
  return program
    .command('import')
    .description('Import a CSV (UTF-8), XLSX or JSONL file into source records through a mapping, validating and quarantining like the feeds; resumes an interrupted import of the same file.')
    .argument('<file>', 'CSV, XLSX or JSONL file (the mapping\'s format says which; XLSX: one sheet, see its sheet option)')
    .requiredOption('--mapping <file>', 'mapping JSON (see connectors/file-import/README.md)')
    .requiredOption('--source <name>', 'source name the records are stored under (e.g. civil-affairs-roster)')
    .option('--code-tables <file>', 'JSON object of code tables the mapping refers to')
    .option('--batch-size <n>', 'rows per committed batch', (v) => Number(v), 1000)
    .action(async (file: string, o: { mapping: string; source: string; codeTables?: string; batchSize: number }) => {
      const codeTables = o.codeTables ? (JSON.parse(readFileSync(o.codeTables, 'utf8')) as CodeTables) : undefined;
      await withDatabase(async (em) => {
        const r = await new ImportService(em).importFile(file, {
          source: o.source,
          mappingFile: o.mapping,
          codeTables,
          batchSize: o.batchSize,
          onProgress: (p) => process.stderr.write(`\r${p.fetched} rows (line ${p.line}): ${p.stored} stored, ${p.unchanged} unchanged, ${p.quarantined} quarantined`),
        });
        process.stderr.write('\n');
        process.stdout.write(
          `imported ${file}${r.resumedFromRow ? ` (resumed after row ${r.resumedFromRow})` : ''}: ${r.fetched} rows read, ${r.stored} stored, ${r.unchanged} unchanged, ${r.quarantined} quarantined, ${r.tombstoned} tombstones (job run ${r.runId})\n`,
        );
      });
    });
}
