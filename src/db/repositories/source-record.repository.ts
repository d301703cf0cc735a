/**
 * SQL for source records and stream checkpoints. `commitPage` stores one page of a sync in ONE
 * transaction with ONE set-based statement: new records are inserted, records whose content hash
 * changed are updated (their previous content copied to source_record_version first), unchanged
 * records are not rewritten at all; then the stream's checkpoint advances. A crash at any point
 * leaves either the whole page with its checkpoint, or neither.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ValidationIssue } from '../../domain/validation-issue';

export interface IncomingRecord {
  recordKey: string;
  entityType: string;
  raw: unknown;
  canonical: Record<string, unknown> | null;
  contentHash: string;
  status: 'valid' | 'quarantined' | 'tombstoned';
  issues: ValidationIssue[];
  sourceUpdatedAt: string | null;
}

export interface PageWriteCounts {
  /** Valid records inserted or changed. */
  stored: number;
  /** Records whose content was already stored (not rewritten). */
  unchanged: number;
  /** Quarantined records inserted or changed (kept, with their reasons). */
  quarantined: number;
  /** Tombstones inserted or changed. */
  tombstoned: number;
  /** Of the written ones: how many were new, how many replaced an earlier content. */
  inserted: number;
  updated: number;
}

const UPSERT_SQL = `
with input as (
  select * from jsonb_to_recordset(?::jsonb) as x(
    record_key text, entity_type text, raw jsonb, canonical jsonb, content_hash text, status text, issues jsonb, source_updated_at timestamptz)
),
changed as (
  select s.id, s.revision, s.raw, s.canonical, s.content_hash, s.status, s.issues, s.fetched_at
  from source_record s join input i on s.source = ? and s.stream = ? and s.record_key = i.record_key
  where s.content_hash <> i.content_hash
),
history as (
  insert into source_record_version (source_record_id, revision, raw, canonical, content_hash, status, issues, fetched_at)
  select id, revision, raw, canonical, content_hash, status, issues, fetched_at from changed
),
written as (
  insert into source_record (source, stream, record_key, entity_type, raw, canonical, content_hash, status, issues,
                             revision, first_seen_at, fetched_at, source_updated_at, last_run_id)
  select ?, ?, record_key, entity_type, raw, canonical, content_hash, status, coalesce(issues, '[]'::jsonb),
         1, ?::timestamptz, ?::timestamptz, source_updated_at, ?
  from input
  on conflict (source, stream, record_key) do update set
    entity_type = excluded.entity_type, raw = excluded.raw, canonical = excluded.canonical,
    content_hash = excluded.content_hash, status = excluded.status, issues = excluded.issues,
    revision = source_record.revision + 1, fetched_at = excluded.fetched_at,
    source_updated_at = excluded.source_updated_at, last_run_id = excluded.last_run_id, updated_at = now()
  where source_record.content_hash <> excluded.content_hash
  returning status, (xmax = 0) as inserted
)
select status, inserted, count(*)::int as n from written group by status, inserted`;

const CHECKPOINT_SQL = `
insert into sync_state (source, stream, cursor, last_synced_at, last_run_id)
values (?, ?, ?::jsonb, ?::timestamptz, ?)
on conflict (source, stream) do update set
  cursor = excluded.cursor, last_synced_at = excluded.last_synced_at, last_run_id = excluded.last_run_id, updated_at = now()`;

export class SourceRecordRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Upserts a page of records of one stream and advances its checkpoint, atomically.
   * Records with the same key in one page: the last one wins (a page never writes a row twice).
   */
  async commitPage(
    source: string,
    stream: string,
    records: IncomingRecord[],
    checkpoint: unknown,
    runId: number | null,
    fetchedAt: Date,
  ): Promise<PageWriteCounts> {
    const byKey = new Map<string, IncomingRecord>();
    for (const r of records) byKey.set(r.recordKey, r);
    const input = JSON.stringify(
      [...byKey.values()].map((r) => ({
        record_key: r.recordKey,
        entity_type: r.entityType,
        raw: r.raw,
        canonical: r.canonical,
        content_hash: r.contentHash,
        status: r.status,
        issues: r.issues,
        source_updated_at: r.sourceUpdatedAt,
      })),
    );
    const at = fetchedAt.toISOString();
    const knex = this.em.getKnex();
    return knex.transaction(async (trx) => {
      const counts: PageWriteCounts = { stored: 0, unchanged: 0, quarantined: 0, tombstoned: 0, inserted: 0, updated: 0 };
      if (byKey.size > 0) {
        const result = await trx.raw<{ rows: Array<{ status: string; inserted: boolean; n: number }> }>(UPSERT_SQL, [
          input, source, stream, source, stream, at, at, runId,
        ]);
        let written = 0;
        for (const row of result.rows) {
          written += row.n;
          if (row.inserted) counts.inserted += row.n;
          else counts.updated += row.n;
          if (row.status === 'quarantined') counts.quarantined += row.n;
          else if (row.status === 'tombstoned') counts.tombstoned += row.n;
          else counts.stored += row.n;
        }
        counts.unchanged = records.length - written;
      }
      await trx.raw(CHECKPOINT_SQL, [source, stream, JSON.stringify(checkpoint ?? {}), at, runId]);
      return counts;
    });
  }

  async loadCheckpoint(source: string, stream: string): Promise<unknown> {
    const rows = await this.em.getConnection().execute<Array<{ cursor: unknown }>>(
      'select cursor from sync_state where source = ? and stream = ?',
      [source, stream],
    );
    return rows[0]?.cursor;
  }
}
