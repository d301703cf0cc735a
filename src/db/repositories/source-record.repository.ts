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
  -- One index probe per input row (LIMIT 1 keeps the planner from turning this into a hash join
  -- over every stored row of the stream, which made a stream's sync quadratic in its size).
  select s.id, s.revision, s.raw, s.canonical, s.content_hash, s.status, s.issues, s.fetched_at
  from input i cross join lateral (
    select * from source_record s where s.source = ? and s.stream = ? and s.record_key = i.record_key limit 1
  ) s
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

/** A quarantined record as stewards see it: where it came from and why it was held back. */
export interface QuarantinedRecord {
  id: number;
  source: string;
  stream: string;
  recordKey: string;
  entityType: string;
  issues: ValidationIssue[];
  fetchedAt: Date;
  revision: number;
}

export interface QuarantineFilter {
  source?: string;
  stream?: string;
  /** Only records with an issue of this rule code. */
  rule?: string;
  /** Only records with an issue on this canonical field. */
  field?: string;
}

/** A stored record re-mapped with the current mapping (raw unchanged). */
export interface RemappedRecord {
  id: number;
  canonical: Record<string, unknown> | null;
  status: 'valid' | 'quarantined' | 'tombstoned';
  issues: ValidationIssue[];
}

function quarantineWhere(f: QuarantineFilter): { sql: string; params: unknown[] } {
  const parts = [`status = 'quarantined'`];
  const params: unknown[] = [];
  if (f.source !== undefined) (parts.push('source = ?'), params.push(f.source));
  if (f.stream !== undefined) (parts.push('stream = ?'), params.push(f.stream));
  if (f.rule !== undefined) (parts.push(`issues @> ?::jsonb`), params.push(JSON.stringify([{ rule: f.rule }])));
  if (f.field !== undefined) (parts.push(`issues @> ?::jsonb`), params.push(JSON.stringify([{ field: f.field }])));
  return { sql: parts.join(' and '), params };
}

const REMAP_SQL = `
with input as (
  select * from jsonb_to_recordset(?::jsonb) as x(id bigint, canonical jsonb, status text, issues jsonb)
),
changed as (
  select s.id, s.revision, s.raw, s.canonical, s.content_hash, s.status, s.issues, s.fetched_at
  from source_record s join input i on s.id = i.id
  where s.canonical is distinct from i.canonical or s.status <> i.status or s.issues <> i.issues
),
history as (
  insert into source_record_version (source_record_id, revision, raw, canonical, content_hash, status, issues, fetched_at)
  select id, revision, raw, canonical, content_hash, status, issues, fetched_at from changed
),
written as (
  update source_record s set canonical = i.canonical, status = i.status, issues = i.issues,
         revision = s.revision + 1, last_run_id = ?, updated_at = now()
  from input i where s.id = i.id and s.id in (select id from changed)
  returning s.status
)
select status, count(*)::int as n from written group by status`;

export class QuarantineRepository {
  constructor(private readonly em: EntityManager) {}

  /** Quarantined records, oldest id first, keyset-paged by `afterId`. */
  async list(f: QuarantineFilter, limit: number, afterId = 0): Promise<QuarantinedRecord[]> {
    const w = quarantineWhere(f);
    const rows = await this.em.getConnection().execute<
      Array<{ id: string; source: string; stream: string; record_key: string; entity_type: string; issues: ValidationIssue[]; fetched_at: Date; revision: number }>
    >(
      `select id, source, stream, record_key, entity_type, issues, fetched_at, revision from source_record
       where ${w.sql} and id > ? order by id limit ?`,
      [...w.params, afterId, limit],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      source: r.source,
      stream: r.stream,
      recordKey: r.record_key,
      entityType: r.entity_type,
      issues: r.issues,
      fetchedAt: new Date(r.fetched_at),
      revision: r.revision,
    }));
  }

  /** Quarantined records per (source, stream, field, rule): one record with two issues counts under both. */
  async summary(f: QuarantineFilter = {}): Promise<Array<{ source: string; stream: string; field: string; rule: string; records: number }>> {
    const w = quarantineWhere(f);
    const rows = await this.em.getConnection().execute<Array<{ source: string; stream: string; field: string; rule: string; records: number }>>(
      `select source, stream, i->>'field' as field, i->>'rule' as rule, count(distinct s.id)::int as records
       from source_record s cross join lateral jsonb_array_elements(s.issues) i
       where ${w.sql.replaceAll('issues', 's.issues')} and i->>'severity' = 'error'
       group by 1, 2, 3, 4 order by 1, 2, records desc, 3, 4`,
      w.params,
    );
    return rows;
  }

  /** Stored raw payloads of one stream to re-map (quarantined only, or every record), keyset-paged. */
  async rawBatch(source: string, stream: string, scope: 'quarantined' | 'all', afterId: number, limit: number): Promise<Array<{ id: number; raw: unknown; status: string; issues: ValidationIssue[] }>> {
    const rows = await this.em.getConnection().execute<Array<{ id: string; raw: unknown; status: string; issues: ValidationIssue[] }>>(
      `select id, raw, status, issues from source_record where source = ? and stream = ? and id > ?
       ${scope === 'quarantined' ? `and status = 'quarantined'` : ''} order by id limit ?`,
      [source, stream, afterId, limit],
    );
    return rows.map((r) => ({ id: Number(r.id), raw: r.raw, status: r.status, issues: r.issues }));
  }

  /** Writes re-mapped records (one statement, one transaction); the replaced content goes to history. */
  async applyRemap(records: RemappedRecord[], runId: number): Promise<{ valid: number; quarantined: number; tombstoned: number }> {
    const out = { valid: 0, quarantined: 0, tombstoned: 0 };
    if (records.length === 0) return out;
    const knex = this.em.getKnex();
    const result = await knex.transaction((trx) => trx.raw<{ rows: Array<{ status: keyof typeof out; n: number }> }>(REMAP_SQL, [JSON.stringify(records), runId]));
    for (const r of result.rows) out[r.status] += r.n;
    return out;
  }
}
