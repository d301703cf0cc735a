/**
 * Use case "stewards work the quarantine": list the records held back with their reasons, and
 * re-process them after a mapping or code-table fix. Re-processing re-maps the STORED raw payload
 * with the connector's (or file mapping's) current mapping — nothing is fetched again. A record
 * whose outcome changes is rewritten with its previous content kept in source_record_version;
 * read-level problems of a file row (FILE_* rules: wrong column count, broken JSON) stay, because
 * no mapping can fix them. Each run is a job_run of kind `reprocess` with its counts.
 */
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { compileStream, loadFileMapping, loadManifest, mapRecord, type CodeTables, type CompiledStream } from '../ingest';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { QuarantineRepository, type RemappedRecord } from '../db/repositories/source-record.repository';
import { stableJson } from '../lib/stable-json';

export interface ReprocessOptions {
  source: string;
  /** Streams to re-process (default: every stream of the connector, or the file mapping's). */
  streams?: string[];
  /** For a file import source: its mapping JSON (the stream is the mapping's name). */
  mappingFile?: string;
  codeTables?: CodeTables;
  /** `quarantined` (default) re-maps only quarantined records; `all` re-maps every record of the streams. */
  scope?: 'quarantined' | 'all';
  batchSize?: number;
  onProgress?: (c: ReprocessCounts & { stream: string }) => void;
}

export interface ReprocessCounts {
  /** Records re-mapped. */
  examined: number;
  /** Records whose outcome (canonical, status or issues) changed and were rewritten. */
  rewritten: number;
  /** Quarantined records that are now valid (or tombstones). */
  released: number;
  /** Quarantined records that still fail (possibly for other reasons now). */
  stillQuarantined: number;
  /** Valid records that the current mapping rejects (scope `all` only). */
  newlyQuarantined: number;
}

const FILE_RULE_PREFIX = 'FILE_';

export class QuarantineService {
  constructor(
    private readonly em: EntityManager,
    private readonly connectorsDir: string,
  ) {}

  private compiled(o: ReprocessOptions): Array<{ stream: string; compiled: CompiledStream }> {
    if (o.mappingFile !== undefined) {
      const fm = loadFileMapping(o.mappingFile, o.codeTables);
      if (o.streams !== undefined && o.streams.some((s) => s !== fm.name)) {
        throw new Error(`mapping ${o.mappingFile} is for stream ${fm.name}, not ${o.streams.join(', ')}`);
      }
      return [{ stream: fm.name, compiled: compileStream(fm, o.codeTables ?? {}) }];
    }
    const { manifest, codeTables } = loadManifest(join(this.connectorsDir, o.source));
    const known = manifest.streams.map((s) => s.name);
    const unknown = (o.streams ?? []).filter((s) => !known.includes(s));
    if (unknown.length > 0) throw new Error(`connector ${o.source} has no stream ${unknown.join(', ')} (it has ${known.join(', ')})`);
    return manifest.streams
      .filter((s) => o.streams === undefined || o.streams.includes(s.name))
      .map((s) => ({ stream: s.name, compiled: compileStream(s, { ...codeTables, ...o.codeTables }) }));
  }

  async reprocess(o: ReprocessOptions): Promise<ReprocessCounts & { runId: number }> {
    const targets = this.compiled(o);
    const scope = o.scope ?? 'quarantined';
    const batchSize = o.batchSize ?? 1000;
    const repo = new QuarantineRepository(this.em);
    const runs = new JobRunRepository(this.em);
    const run = await runs.start('reprocess', { source: o.source, streams: targets.map((t) => t.stream), scope, mappingFile: o.mappingFile });
    const counts: ReprocessCounts = { examined: 0, rewritten: 0, released: 0, stillQuarantined: 0, newlyQuarantined: 0 };
    try {
      for (const { stream, compiled } of targets) {
        let after = 0;
        for (;;) {
          const batch = await repo.rawBatch(o.source, stream, scope, after, batchSize);
          if (batch.length === 0) break;
          after = batch[batch.length - 1]!.id;
          const out: RemappedRecord[] = [];
          for (const r of batch) {
            const m = mapRecord(r.raw, compiled);
            const readProblems = r.issues.filter((i) => i.rule.startsWith(FILE_RULE_PREFIX));
            const issues = [...m.issues, ...readProblems];
            const quarantined = m.quarantined || readProblems.some((i) => i.severity === 'error');
            const status = quarantined ? 'quarantined' : m.isTombstone ? 'tombstoned' : 'valid';
            counts.examined++;
            if (r.status === 'quarantined') {
              if (quarantined) counts.stillQuarantined++;
              else counts.released++;
            } else if (quarantined) counts.newlyQuarantined++;
            out.push({ id: r.id, canonical: m.canonical, status, issues });
          }
          const written = await repo.applyRemap(out, run.id);
          counts.rewritten += written.valid + written.quarantined + written.tombstoned;
          o.onProgress?.({ ...counts, stream });
        }
      }
      await runs.finish(run, { counts: { ...counts } });
      return { ...counts, runId: run.id };
    } catch (e) {
      await runs.finish(run, { counts: { ...counts }, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }
}

/** One line per issue, for the CLI and logs: `field RULE "value": message`. */
export function describeIssue(i: { field: string; rule: string; value: string; message: string }): string {
  return `${i.field === '' ? '(record)' : i.field} ${i.rule}${i.value === '' ? '' : ` ${stableJson(i.value.length > 60 ? `${i.value.slice(0, 57)}...` : i.value)}`}: ${i.message}`;
}
