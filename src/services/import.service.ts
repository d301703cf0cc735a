/**
 * Use case "import a file" (CSV or JSONL, streamed): the same mapping language, validation and
 * quarantine as the HTTP connectors, the same atomic page commit. The checkpoint (file identity +
 * rows consumed) is stored per (source, mapping name), so re-running an interrupted import of the
 * same file continues after its last committed batch, and re-importing an unchanged file rewrites
 * nothing.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { importFile, loadFileMapping, type CodeTables, type FileImportState } from '../ingest';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { SourceRecordRepository } from '../db/repositories/source-record.repository';
import { toIncomingRecord, type SyncCounts } from './sync.service';

interface FileCheckpoint extends FileImportState {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface ImportFileOptions {
  source: string;
  mappingFile: string;
  codeTables?: CodeTables;
  batchSize?: number;
  onProgress?: (c: SyncCounts & { line: number }) => void;
}

export class ImportService {
  constructor(private readonly em: EntityManager) {}

  async importFile(path: string, o: ImportFileOptions): Promise<SyncCounts & { runId: number; resumedFromRow: number }> {
    const file = resolve(path);
    const { size, mtimeMs } = statSync(file);
    const mapping = loadFileMapping(o.mappingFile, o.codeTables);
    const records = new SourceRecordRepository(this.em);
    const runs = new JobRunRepository(this.em);
    const saved = (await records.loadCheckpoint(o.source, mapping.name)) as Partial<FileCheckpoint> | undefined;
    const sameFile = saved?.file === file && saved.size === size && saved.mtimeMs === mtimeMs;
    const state: FileImportState = { rows: sameFile ? (saved?.rows ?? 0) : 0 };
    await runs.failInterrupted();
    const run = await runs.start('import', { file, source: o.source, mapping: mapping.name, resumedFromRow: state.rows });
    const counts: SyncCounts = { pages: 0, fetched: 0, stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, skipped: 0, inserted: 0, updated: 0 };
    try {
      for await (const batch of importFile(file, mapping, { codeTables: o.codeTables, batchSize: o.batchSize, state })) {
        const written = await records.commitPage(
          o.source,
          mapping.name,
          batch.records.map((r) => toIncomingRecord(r, mapping.entityType)),
          { file, size, mtimeMs, rows: batch.nextState.rows } satisfies FileCheckpoint,
          run.id,
          new Date(),
        );
        counts.pages++;
        counts.fetched += batch.records.length;
        for (const k of ['stored', 'unchanged', 'quarantined', 'tombstoned', 'inserted', 'updated'] as const) counts[k] += written[k];
        o.onProgress?.({ ...counts, line: batch.toLine });
      }
      await runs.finish(run, { counts: { ...counts } });
      return { ...counts, runId: run.id, resumedFromRow: state.rows };
    } catch (e) {
      await runs.finish(run, { counts: { ...counts }, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }
}
