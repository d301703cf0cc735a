/**
 * SQL of entity resolution: the records a model resolves, their cluster state (match_member), the
 * scored and decided pairs (match_pair), crosswalk links (entity_link), golden rows (person,
 * organisation) with provenance, and golden lineage. Bulk statements over jsonb recordsets, so a
 * run writes a few statements per table whatever its size.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';

export interface ResolvableRecord {
  id: number;
  source: string;
  stream: string;
  revision: number;
  canonical: Record<string, unknown>;
  fetchedAt: string;
  sourceUpdatedAt: string | null;
}

export interface MemberRow {
  sourceRecordId: number;
  goldenId: number;
  revision: number;
  tokens: number[];
}

export interface PairRow {
  a: number;
  b: number;
  weight: number | null;
  levels: number[] | null;
  weights: number[] | null;
  band: 'link' | 'review' | 'decided';
  decision: 'accepted' | 'rejected' | null;
}

export interface LinkRow {
  sourceRecordId: number;
  entityId: number;
  score: number | null;
  weights: Record<string, { level: string; weight: number }>;
  decidedBy: 'auto' | 'steward';
}

export interface LineageRow {
  kind: 'create' | 'merge' | 'split' | 'unmerge' | 'retire';
  fromId: number | null;
  toId: number | null;
  sourceRecordIds: number[] | null;
  reason: string;
  decidedBy: 'auto' | 'steward';
  decidedByUser?: string | null;
}

/** A golden table: which columns survivorship fills, with their SQL types. */
export interface GoldenTableSpec {
  table: 'person' | 'organisation';
  entityType: 'person' | 'organisation';
  columns: Array<{ column: string; type: string }>;
}

const ids = (xs: Iterable<number>): string => `{${[...xs].join(',')}}`;
const CHUNK = 20000;

function* chunks<T>(xs: T[], size = CHUNK): Generator<T[]> {
  for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
}

const RECORD_COLUMNS = `s.id, s.source, s.stream, s.revision, s.canonical, s.fetched_at, s.source_updated_at`;

function toRecord(r: { id: string; source: string; stream: string; revision: number; canonical: Record<string, unknown>; fetched_at: Date; source_updated_at: Date | null }): ResolvableRecord {
  return {
    id: Number(r.id),
    source: r.source,
    stream: r.stream,
    revision: r.revision,
    canonical: r.canonical,
    fetchedAt: new Date(r.fetched_at).toISOString(),
    sourceUpdatedAt: r.source_updated_at === null ? null : new Date(r.source_updated_at).toISOString(),
  };
}

type RecordRow = Parameters<typeof toRecord>[0];

export class ResolutionRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  // ---------------------------------------------------------------- model state
  async loadModelState(model: string): Promise<{ version: number; modelHash: string; parameters: Record<string, unknown> } | undefined> {
    const rows = await this.conn.execute<Array<{ version: number; model_hash: string; parameters: Record<string, unknown> }>>(
      'select version, model_hash, parameters from match_model_state where model = ?',
      [model],
    );
    return rows[0] === undefined ? undefined : { version: rows[0].version, modelHash: rows[0].model_hash, parameters: rows[0].parameters };
  }

  async saveModelState(model: string, modelHash: string, parameters: unknown, runId: number): Promise<number> {
    const rows = await this.conn.execute<Array<{ version: number }>>(
      `insert into match_model_state (model, version, model_hash, parameters, trained_at, last_run_id) values (?, 1, ?, ?::jsonb, now(), ?)
       on conflict (model) do update set version = match_model_state.version + 1, model_hash = excluded.model_hash,
         parameters = excluded.parameters, trained_at = now(), last_run_id = excluded.last_run_id, updated_at = now()
       returning version`,
      [model, modelHash, JSON.stringify(parameters), runId],
    );
    return rows[0]!.version;
  }

  // ---------------------------------------------------------------- records
  /** Every valid record of these entity types, in id order. */
  async allRecords(entityTypes: string[]): Promise<ResolvableRecord[]> {
    const out: ResolvableRecord[] = [];
    let after = 0;
    for (;;) {
      const rows = await this.conn.execute<RecordRow[]>(
        `select ${RECORD_COLUMNS} from source_record s where s.entity_type in (${entityTypes.map(() => '?').join(', ')}) and s.status = 'valid' and s.id > ? order by s.id limit ?`,
        [...entityTypes, after, 50000],
      );
      if (rows.length === 0) break;
      for (const r of rows) out.push(toRecord(r));
      after = out[out.length - 1]!.id;
    }
    return out;
  }

  /** Valid records never resolved, or changed since (a newer revision than the one resolved). */
  async touchedRecords(model: string, entityTypes: string[]): Promise<ResolvableRecord[]> {
    const rows = await this.conn.execute<RecordRow[]>(
      `select ${RECORD_COLUMNS} from source_record s left join match_member m on m.source_record_id = s.id and m.model = ?
       where s.entity_type in (${entityTypes.map(() => '?').join(', ')}) and s.status = 'valid' and (m.source_record_id is null or m.revision <> s.revision)
       order by s.id`,
      [model, ...entityTypes],
    );
    return rows.map(toRecord);
  }

  /** Members whose source record is no longer valid (tombstoned or quarantined by a later fetch). */
  async removedMembers(model: string): Promise<Array<{ sourceRecordId: number; goldenId: number }>> {
    const rows = await this.conn.execute<Array<{ id: string; golden_id: string }>>(
      `select m.source_record_id as id, m.golden_id from match_member m join source_record s on s.id = m.source_record_id where m.model = ? and s.status <> 'valid'`,
      [model],
    );
    return rows.map((r) => ({ sourceRecordId: Number(r.id), goldenId: Number(r.golden_id) }));
  }

  async recordsById(recordIds: number[]): Promise<ResolvableRecord[]> {
    const out: ResolvableRecord[] = [];
    for (const part of chunks(recordIds)) {
      const rows = await this.conn.execute<RecordRow[]>(`select ${RECORD_COLUMNS} from source_record s where s.id = any(?::bigint[]) and s.status = 'valid'`, [ids(part)]);
      for (const r of rows) out.push(toRecord(r));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  // ---------------------------------------------------------------- members
  async members(model: string, recordIds?: number[]): Promise<Map<number, MemberRow>> {
    const out = new Map<number, MemberRow>();
    const add = (rows: Array<{ source_record_id: string; golden_id: string; revision: number; tokens: number[] }>): void => {
      for (const r of rows) out.set(Number(r.source_record_id), { sourceRecordId: Number(r.source_record_id), goldenId: Number(r.golden_id), revision: r.revision, tokens: r.tokens });
    };
    if (recordIds === undefined) {
      add(await this.conn.execute('select source_record_id, golden_id, revision, tokens from match_member where model = ?', [model]));
    } else {
      for (const part of chunks(recordIds)) {
        add(await this.conn.execute('select source_record_id, golden_id, revision, tokens from match_member where model = ? and source_record_id = any(?::bigint[])', [model, ids(part)]));
      }
    }
    return out;
  }

  /** Record ids sharing a blocking token with the given tokens. */
  async recordsWithTokens(model: string, tokens: number[]): Promise<number[]> {
    const out = new Set<number>();
    for (const part of chunks([...new Set(tokens)], 5000)) {
      const rows = await this.conn.execute<Array<{ id: string }>>('select source_record_id as id from match_member where model = ? and tokens && ?::int[]', [model, ids(part)]);
      for (const r of rows) out.add(Number(r.id));
    }
    return [...out];
  }

  async recordsOfGoldens(model: string, goldenIds: number[]): Promise<number[]> {
    const out: number[] = [];
    for (const part of chunks(goldenIds)) {
      const rows = await this.conn.execute<Array<{ id: string }>>('select source_record_id as id from match_member where model = ? and golden_id = any(?::bigint[])', [model, ids(part)]);
      for (const r of rows) out.push(Number(r.id));
    }
    return out;
  }

  /** Partners of these records over links and accepted decisions (the edges that hold clusters together). */
  async linkedPartners(recordIds: number[]): Promise<number[]> {
    const out = new Set<number>();
    for (const part of chunks(recordIds)) {
      const arr = ids(part);
      const rows = await this.conn.execute<Array<{ a: string; b: string }>>(
        `select a, b from match_pair where (band = 'link' or decision = 'accepted') and (a = any(?::bigint[]) or b = any(?::bigint[]))`,
        [arr, arr],
      );
      for (const r of rows) {
        out.add(Number(r.a));
        out.add(Number(r.b));
      }
    }
    return [...out];
  }

  /** Stored pairs with both records in the set (all pairs of the model when no set is given). */
  async pairs(model: string, recordIds?: number[]): Promise<Map<string, PairRow>> {
    const out = new Map<string, PairRow>();
    const add = (rows: Array<{ a: string; b: string; weight: number | null; levels: number[] | null; weights: number[] | null; band: PairRow['band']; decision: PairRow['decision'] }>): void => {
      for (const r of rows) out.set(`${r.a}:${r.b}`, { a: Number(r.a), b: Number(r.b), weight: r.weight, levels: r.levels, weights: r.weights, band: r.band, decision: r.decision });
    };
    if (recordIds === undefined) {
      add(await this.conn.execute('select a, b, weight, levels, weights, band, decision from match_pair where model = ?', [model]));
      return out;
    }
    const set = ids(recordIds);
    for (const part of chunks(recordIds)) {
      add(await this.conn.execute('select a, b, weight, levels, weights, band, decision from match_pair where a = any(?::bigint[]) and b = any(?::bigint[])', [ids(part), set]));
    }
    return out;
  }

  // ---------------------------------------------------------------- golden ids
  async allocateGoldenIds(spec: GoldenTableSpec, n: number): Promise<number[]> {
    if (n === 0) return [];
    const rows = await this.conn.execute<Array<{ id: string }>>(`select nextval(pg_get_serial_sequence('${spec.table}', 'id')) as id from generate_series(1, ?)`, [n]);
    return rows.map((r) => Number(r.id));
  }

  // ---------------------------------------------------------------- writes (one transaction)
  async write(w: {
    model: string;
    entityType: string;
    rule: string;
    runId: number;
    golden: GoldenTableSpec;
    goldenRows: Array<{ id: number; values: Record<string, unknown>; provenance: unknown }>;
    mergedInto: Array<{ from: number; into: number }>;
    members: MemberRow[];
    deleteMembers: number[];
    pairs: Array<PairRow & { modelVersion: number }>;
    deletePairs: Array<[number, number]>;
    links: LinkRow[];
    unlink: Array<{ sourceRecordId: number; reason: string }>;
    lineage: LineageRow[];
  }): Promise<{ goldenWritten: number }> {
    const knex = this.em.getKnex();
    return knex.transaction(async (trx) => {
      const goldenWritten = await this.writeGoldens(trx, w.golden, w.goldenRows);
      for (const part of chunks(w.mergedInto)) {
        await trx.raw(
          `update ${w.golden.table} g set merged_into_id = x.into, version = g.version + 1, updated_at = now()
           from jsonb_to_recordset(?::jsonb) as x("from" bigint, "into" bigint) where g.id = x."from" and g.merged_into_id is distinct from x.into`,
          [JSON.stringify(part)],
        );
      }
      for (const part of chunks(w.deleteMembers)) {
        await trx.raw('delete from match_member where source_record_id = any(?::bigint[])', [ids(part)]);
        // A record that left resolution leaves the review queue too; steward decisions stay (kept forever).
        await trx.raw('delete from match_pair where decision is null and (a = any(?::bigint[]) or b = any(?::bigint[]))', [ids(part), ids(part)]);
      }
      for (const part of chunks(w.members)) {
        await trx.raw(
          `insert into match_member (source_record_id, model, golden_id, revision, tokens, resolved_at)
           select x.id, ?, x.golden, x.revision, array(select jsonb_array_elements_text(x.tokens)::int), now()
           from jsonb_to_recordset(?::jsonb) as x(id bigint, golden bigint, revision int, tokens jsonb)
           on conflict (source_record_id) do update set model = excluded.model, golden_id = excluded.golden_id, revision = excluded.revision,
             tokens = excluded.tokens, resolved_at = now()`,
          [w.model, JSON.stringify(part.map((m) => ({ id: m.sourceRecordId, golden: m.goldenId, revision: m.revision, tokens: m.tokens })))],
        );
      }
      for (const part of chunks(w.deletePairs)) {
        await trx.raw(`delete from match_pair p using jsonb_to_recordset(?::jsonb) as x(a bigint, b bigint) where p.a = x.a and p.b = x.b`, [JSON.stringify(part.map(([a, b]) => ({ a, b })))]);
      }
      for (const part of chunks(w.pairs)) {
        await trx.raw(
          `insert into match_pair (a, b, model, weight, levels, weights, model_version, band, updated_at)
           select x.a, x.b, ?, x.weight, array(select jsonb_array_elements_text(x.levels)::smallint), array(select jsonb_array_elements_text(x.weights)::real), x.mv, x.band, now()
           from jsonb_to_recordset(?::jsonb) as x(a bigint, b bigint, weight float8, levels jsonb, weights jsonb, mv int, band text)
           on conflict (a, b) do update set weight = excluded.weight, levels = excluded.levels, weights = excluded.weights,
             model_version = excluded.model_version, band = case when match_pair.decision is null then excluded.band else match_pair.band end, updated_at = now()`,
          [w.model, JSON.stringify(part.map((p) => ({ a: p.a, b: p.b, weight: p.weight, levels: p.levels, weights: p.weights, mv: p.modelVersion, band: p.band })))],
        );
      }
      for (const part of chunks(w.unlink)) {
        await trx.raw(
          `update entity_link l set unlinked_at = now(), unlink_reason = x.reason, updated_at = now()
           from jsonb_to_recordset(?::jsonb) as x(id bigint, reason text) where l.source_record_id = x.id and l.unlinked_at is null`,
          [JSON.stringify(part.map((u) => ({ id: u.sourceRecordId, reason: u.reason })))],
        );
      }
      for (const part of chunks(w.links)) {
        await trx.raw(
          `insert into entity_link (source_record_id, entity_type, entity_id, score, rule, weights, decided_by, decided_at)
           select x.id, ?, x.entity, x.score, ?, x.weights, x.by, now() from jsonb_to_recordset(?::jsonb) as x(id bigint, entity bigint, score float8, weights jsonb, by text)`,
          [w.entityType, w.rule, JSON.stringify(part.map((l) => ({ id: l.sourceRecordId, entity: l.entityId, score: l.score, weights: l.weights, by: l.decidedBy })))],
        );
      }
      for (const part of chunks(w.lineage)) {
        await trx.raw(
          `insert into golden_lineage (entity_type, kind, from_id, to_id, source_record_ids, reason, decided_by, decided_by_user, run_id)
           select ?, x.kind, x.from_id, x.to_id, case when x.ids is null then null else array(select jsonb_array_elements_text(x.ids)::bigint) end, x.reason, x.by, x.user_name, ?
           from jsonb_to_recordset(?::jsonb) as x(kind text, from_id bigint, to_id bigint, ids jsonb, reason text, by text, user_name text)`,
          [w.entityType, w.runId, JSON.stringify(part.map((l) => ({ kind: l.kind, from_id: l.fromId, to_id: l.toId, ids: l.sourceRecordIds, reason: l.reason, by: l.decidedBy, user_name: l.decidedByUser ?? null })))],
        );
      }
      return { goldenWritten };
    });
  }

  /** Inserts new golden rows and updates changed ones (no write when values and provenance are equal). */
  private async writeGoldens(trx: Knex.Transaction, spec: GoldenTableSpec, rows: Array<{ id: number; values: Record<string, unknown>; provenance: unknown }>): Promise<number> {
    if (rows.length === 0) return 0;
    const cols = spec.columns;
    const recordset = `jsonb_to_recordset(?::jsonb) as x(id bigint, provenance jsonb, ${cols.map((c) => `"${c.column}" ${c.type}`).join(', ')})`;
    let written = 0;
    for (const part of chunks(rows)) {
      const json = JSON.stringify(part.map((r) => ({ id: r.id, provenance: r.provenance, ...r.values })));
      const ins = await trx.raw<{ rowCount: number }>(
        `insert into ${spec.table} (id, provenance, ${cols.map((c) => `"${c.column}"`).join(', ')})
         select x.id, x.provenance, ${cols.map((c) => `x."${c.column}"`).join(', ')} from ${recordset}
         on conflict (id) do update set provenance = excluded.provenance, ${cols.map((c) => `"${c.column}" = excluded."${c.column}"`).join(', ')},
           version = ${spec.table}.version + 1, updated_at = now(), merged_into_id = null
         where (${spec.table}.provenance, ${cols.map((c) => `${spec.table}."${c.column}"`).join(', ')}, ${spec.table}.merged_into_id)
           is distinct from (excluded.provenance, ${cols.map((c) => `excluded."${c.column}"`).join(', ')}, null)`,
        [json],
      );
      written += ins.rowCount;
    }
    return written;
  }
}
