/**
 * SQL of lineage (数据血缘): for a batch of golden entities of one type, the source records linked to
 * them (with each link's score, rule, per-comparison weights and decider), their stored provenance
 * (with the streams of the records it names), and their golden_lineage history. One statement per
 * relation whatever the batch size, so DataLoaders can batch a page of golden records.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

/** Golden entity types with lineage, and the table holding their golden rows. */
export const LINEAGE_TABLES = { person: 'person', organisation: 'organisation', house: 'house', address: 'standard_address' } as const;
export type LineageEntityType = keyof typeof LINEAGE_TABLES;

export interface LinkedSourceRecord {
  goldenId: number;
  id: number;
  source: string;
  stream: string;
  recordKey: string;
  status: string;
  fetchedAt: Date;
  updatedAt: Date;
  sourceUpdatedAt: Date | null;
  revision: number;
  canonical: Record<string, unknown> | null;
  /** Only when asked for (`includeRaw`); undefined otherwise. */
  raw?: Record<string, unknown>;
  link: {
    score: number | null;
    rule: string;
    weights: Record<string, { level: string; weight: number }>;
    decidedBy: string;
    decidedByUser: string | null;
    decidedAt: Date;
  };
}

export interface StoredProvenanceRow {
  goldenId: number;
  provenance: Record<string, unknown>;
  /** source record id (as text) → stream, for every record the provenance names. */
  streams: Record<string, string>;
}

export interface LineageHistoryRow {
  id: number;
  at: Date;
  kind: string;
  fromId: number | null;
  toId: number | null;
  sourceRecordIds: number[];
  reason: string | null;
  decidedBy: string;
  decidedByUser: string | null;
  runId: number | null;
}

export class LineageRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** Active links of the golden entities, ordered by golden id then source record id. */
  async sourceRecords(entityType: LineageEntityType, goldenIds: readonly number[], includeRaw: boolean): Promise<LinkedSourceRecord[]> {
    if (goldenIds.length === 0) return [];
    const rows = await this.conn.execute<
      Array<{
        entity_id: string; id: string; source: string; stream: string; record_key: string; status: string; fetched_at: Date; updated_at: Date;
        source_updated_at: Date | null; revision: number; canonical: Record<string, unknown> | null; raw?: Record<string, unknown>;
        score: number | null; rule: string; weights: Record<string, { level: string; weight: number }>; decided_by: string; decided_by_user: string | null; decided_at: Date;
      }>
    >(
      `select l.entity_id, s.id, s.source, s.stream, s.record_key, s.status, s.fetched_at, s.updated_at, s.source_updated_at, s.revision, s.canonical,
              ${includeRaw ? 's.raw,' : ''} l.score, l.rule, l.weights, l.decided_by, l.decided_by_user, l.decided_at
       from entity_link l join source_record s on s.id = l.source_record_id
       where l.entity_type = ? and l.entity_id = any(?::bigint[]) and l.unlinked_at is null
       order by l.entity_id, s.id`,
      [entityType, `{${goldenIds.join(',')}}`],
    );
    return rows.map((r) => ({
      goldenId: Number(r.entity_id),
      id: Number(r.id),
      source: r.source,
      stream: r.stream,
      recordKey: r.record_key,
      status: r.status,
      fetchedAt: new Date(r.fetched_at),
      updatedAt: new Date(r.updated_at),
      sourceUpdatedAt: r.source_updated_at === null ? null : new Date(r.source_updated_at),
      revision: r.revision,
      canonical: r.canonical,
      raw: includeRaw ? r.raw : undefined,
      link: { score: r.score, rule: r.rule, weights: r.weights ?? {}, decidedBy: r.decided_by, decidedByUser: r.decided_by_user, decidedAt: new Date(r.decided_at) },
    }));
  }

  /** Stored provenance of the golden rows, with the stream of every source record it names. */
  async provenance(entityType: LineageEntityType, goldenIds: readonly number[]): Promise<StoredProvenanceRow[]> {
    if (goldenIds.length === 0) return [];
    const rows = await this.conn.execute<Array<{ id: string; provenance: Record<string, unknown>; streams: Record<string, string> | null }>>(
      `select g.id, g.provenance,
              (select jsonb_object_agg(s.id::text, s.stream) from source_record s
               where s.id in (select (e.value ->> 'sourceRecordId')::bigint from jsonb_path_query(g.provenance, 'strict $.**') e(value)
                              where jsonb_typeof(e.value) = 'object' and e.value ->> 'sourceRecordId' is not null)) as streams
       from ${LINEAGE_TABLES[entityType]} g where g.id = any(?::bigint[])`,
      [`{${goldenIds.join(',')}}`],
    );
    return rows.map((r) => ({ goldenId: Number(r.id), provenance: r.provenance ?? {}, streams: r.streams ?? {} }));
  }

  /** golden_lineage rows naming the golden entities (as the id changed from or to), oldest first. */
  async history(entityType: LineageEntityType, goldenIds: readonly number[]): Promise<LineageHistoryRow[]> {
    if (goldenIds.length === 0) return [];
    const ids = `{${goldenIds.join(',')}}`;
    const rows = await this.conn.execute<
      Array<{ id: string; created_at: Date; kind: string; from_id: string | null; to_id: string | null; source_record_ids: string[] | null; reason: string | null; decided_by: string; decided_by_user: string | null; run_id: string | null }>
    >(
      `select id, created_at, kind, from_id, to_id, source_record_ids, reason, decided_by, decided_by_user, run_id from golden_lineage
       where entity_type = ? and (to_id = any(?::bigint[]) or from_id = any(?::bigint[])) order by created_at, id`,
      [entityType, ids, ids],
    );
    return rows.map((r) => ({
      id: Number(r.id),
      at: new Date(r.created_at),
      kind: r.kind,
      fromId: r.from_id === null ? null : Number(r.from_id),
      toId: r.to_id === null ? null : Number(r.to_id),
      sourceRecordIds: (r.source_record_ids ?? []).map(Number),
      reason: r.reason,
      decidedBy: r.decided_by,
      decidedByUser: r.decided_by_user,
      runId: r.run_id === null ? null : Number(r.run_id),
    }));
  }

  /** The golden record (model, id) each source record belongs to (match_member); absent when not resolved. */
  async goldensOfRecords(recordIds: readonly number[]): Promise<Map<number, { model: string; goldenId: number }>> {
    if (recordIds.length === 0) return new Map();
    const rows = await this.conn.execute<Array<{ source_record_id: string; model: string; golden_id: string }>>(
      'select source_record_id, model, golden_id from match_member where source_record_id = any(?::bigint[])',
      [`{${[...new Set(recordIds)].join(',')}}`],
    );
    return new Map(rows.map((r) => [Number(r.source_record_id), { model: r.model, goldenId: Number(r.golden_id) }]));
  }
}
