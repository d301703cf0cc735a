/**
 * `importFile(path, fileMapping)`: streams a CSV, XLSX (one worksheet) or JSONL file through the
 * same mapping engine as the HTTP connectors and yields batches of mapped records with a resumable
 * checkpoint (the number of data rows already consumed). A row that cannot even be read (wrong column count, a
 * line that is not JSON) becomes a quarantined record with a FILE_* issue — never dropped.
 */
import { issue } from '../../domain/validation-issue';
import type { CodeTables } from '../manifest/manifest-types';
import { compileStream, mapRecord, type MappedRecord } from '../mapping/map-record';
import { readCsvRows } from './csv-reader';
import type { FileMapping } from './file-mapping';
import { readJsonlLines } from './jsonl-reader';
import { readXlsxRows } from './xlsx-reader';

export const FILE_RULES = {
  /** CSV row with a different number of fields than the header; XLSX row with more cells than the header. */
  ROW_SHAPE: 'FILE_ROW_SHAPE',
  /** JSONL line that is not a JSON object. */
  JSON: 'FILE_JSON',
} as const;

export interface FileImportState {
  /** Data rows (CSV rows / non-blank XLSX rows after the header, non-blank JSONL lines) already yielded. */
  rows: number;
}

export interface FileBatch {
  records: MappedRecord[];
  /** Line (XLSX: Excel row number) of the first and last source row of the batch. */
  fromLine: number;
  toLine: number;
  nextState: FileImportState;
}

export interface ImportOptions {
  codeTables?: CodeTables;
  batchSize?: number;
  state?: FileImportState;
}

interface SourceRow {
  line: number;
  record: Record<string, unknown> | null;
  problem?: { rule: string; message: string; value: string };
}

async function* csvSource(file: string, delimiter: string | undefined): AsyncGenerator<SourceRow, void, void> {
  let header: string[] | undefined;
  for await (const row of readCsvRows(file, { delimiter })) {
    if (row.fields.length === 1 && row.fields[0] === '') continue;
    if (header === undefined) {
      header = row.fields.map((h) => h.trim());
      continue;
    }
    const record: Record<string, unknown> = {};
    const n = Math.min(header.length, row.fields.length);
    for (let i = 0; i < n; i++) record[header[i]!] = row.fields[i];
    if (row.fields.length !== header.length) {
      yield { line: row.line, record, problem: { rule: FILE_RULES.ROW_SHAPE, message: `line ${row.line}: ${row.fields.length} fields, header has ${header.length}`, value: row.fields.join(',') } };
    } else yield { line: row.line, record };
  }
}

/**
 * First non-blank row = header. Excel does not store trailing empty cells, so a shorter row is
 * padded with ''; a row with cells beyond the header is a FILE_ROW_SHAPE problem, as in CSV.
 */
async function* xlsxSource(file: string, sheet: string | number | undefined): AsyncGenerator<SourceRow, void, void> {
  let header: string[] | undefined;
  for await (const row of readXlsxRows(file, { sheet })) {
    if (header === undefined) {
      header = row.fields.map((h) => h.trim());
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = row.fields[i] ?? '';
    if (row.fields.length > header.length) {
      yield { line: row.line, record, problem: { rule: FILE_RULES.ROW_SHAPE, message: `row ${row.line}: ${row.fields.length} columns, header has ${header.length}`, value: row.fields.join(',') } };
    } else yield { line: row.line, record };
  }
}

async function* jsonlSource(file: string): AsyncGenerator<SourceRow, void, void> {
  for await (const l of readJsonlLines(file)) {
    yield l.record === null ? { line: l.line, record: null, problem: { rule: FILE_RULES.JSON, message: `line ${l.line}: ${l.problem ?? ''}`, value: l.text.slice(0, 200) } } : { line: l.line, record: l.record };
  }
}

export async function* importFile(file: string, fm: FileMapping, o: ImportOptions = {}): AsyncGenerator<FileBatch, void, void> {
  const compiled = compileStream(fm, o.codeTables ?? {});
  const batchSize = o.batchSize ?? 1000;
  const skip = o.state?.rows ?? 0;
  let seen = 0;
  let batch: MappedRecord[] = [];
  let fromLine = 0;
  let toLine = 0;
  const source = fm.format === 'csv' ? csvSource(file, fm.delimiter) : fm.format === 'xlsx' ? xlsxSource(file, fm.sheet) : jsonlSource(file);
  for await (const row of source) {
    seen++;
    if (seen <= skip) continue;
    const m = mapRecord(row.record ?? {}, compiled);
    if (row.problem !== undefined) {
      m.issues.push(issue('', row.problem.rule, row.problem.value, row.problem.message));
      m.quarantined = true;
      m.raw = row.record ?? row.problem.value;
    }
    if (batch.length === 0) fromLine = row.line;
    toLine = row.line;
    batch.push(m);
    if (batch.length >= batchSize) {
      yield { records: batch, fromLine, toLine, nextState: { rows: seen } };
      batch = [];
    }
  }
  if (batch.length > 0) yield { records: batch, fromLine, toLine, nextState: { rows: seen } };
}
