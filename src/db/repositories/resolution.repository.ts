/**
 * SQL of entity resolution: the records a model resolves, their cluster state (match_member), the
 * scored and decided pairs (match_pair), crosswalk links (entity_link), golden rows (person,
 * organisation) with provenance, and golden lineage. Bulk statements over jsonb recordsets and
 * `COPY … FROM STDIN` streams (binary where the table's column types allow, copy-binary.ts), so a
 * run writes a few statements per table whatever its size.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Knex } from '@mikro-orm/knex';
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { PgMicros, RowFingerprint, copyRows, copyTarget } from '../copy-binary';
import { jsonbValue } from '../copy-rows';
import { provenanceJson } from '../../lib/provenance-json';

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
  /** Blocking tokens by rule position (null: no key for that rule), see resolve/block/block-tokens. */
  tokens: Array<number | null>;
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
  /** `weights` already as JSON text (used instead of `weights` when given). */
  weightsJson?: string;
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
  table: 'person' | 'organisation' | 'house';
  entityType: 'person' | 'organisation' | 'house';
  columns: Array<{ column: string; type: string }>;
  /**
   * The table has a `fingerprint` column: `<version>:<md5 of the row as resolution wrote it>` (of its
   * COPY encoding: binary fields, or the text line where the table needs the text format). While
   * the row's version is the one in its fingerprint (every other writer bumps the version), a
   * rebuild compares its row with the fingerprint instead of re-reading and hashing the stored jsonb.
   * A fingerprint of another encoding (an earlier version's) is rewritten once, values untouched.
   */
  fingerprint?: boolean;
}

/** RESOLVE_SQL_LOG=1: every statement's duration (and Node's CPU time meanwhile) on stderr (profiling). */
const SQL_LOG = process.env.RESOLVE_SQL_LOG === '1';

async function logged<T>(label: string, run: () => Promise<T>): Promise<T> {
  if (!SQL_LOG) return run();
  const t = performance.now();
  const cpu = process.cpuUsage();
  const out = await run();
  const used = process.cpuUsage(cpu);
  process.stderr.write(`[sql] ${label} ${Math.round(performance.now() - t)} ms (node cpu ${Math.round((used.user + used.system) / 1000)} ms)\n`);
  return out;
}

const ids = (xs: Iterable<number>): string => `{${[...xs].join(',')}}`;
const CHUNK = 20000;

/** Consecutive slices of `xs`; an iterable (a generator producing rows lazily) is consumed one chunk at a time. */
function* chunks<T>(xs: Iterable<T>, size = CHUNK): Generator<T[]> {
  if (Array.isArray(xs)) {
    for (let i = 0; i < xs.length; i += size) yield xs.slice(i, i + size);
    return;
  }
  let part: T[] = [];
  for (const x of xs) {
    part.push(x);
    if (part.length >= size) {
      yield part;
      part = [];
    }
  }
  if (part.length > 0) yield part;
}

export const RECORD_COLUMNS = `s.id, s.source, s.stream, s.revision, s.canonical, s.fetched_at, s.source_updated_at`;

/**
 * Shares equal strings between records (source and stream names, timestamps): the driver makes a
 * copy per row, which at a million records is hundreds of MB. Bounded: beyond `max` distinct
 * values it stops remembering new ones.
 */
class Interner {
  private readonly seen = new Map<string | number, string>();
  constructor(private readonly max = 100000) {}
  str(v: string): string {
    const s = this.seen.get(v);
    if (s !== undefined) return s;
    if (this.seen.size < this.max) this.seen.set(v, v);
    return v;
  }
  iso(d: Date | string): string {
    const ms = new Date(d).getTime();
    const s = this.seen.get(ms);
    if (s !== undefined) return s;
    const iso = new Date(ms).toISOString();
    if (this.seen.size < this.max) this.seen.set(ms, iso);
    return iso;
  }
}

export function toRecord(
  r: { id: string; source: string; stream: string; revision: number; canonical: Record<string, unknown>; fetched_at: Date; source_updated_at: Date | null },
  intern: Interner = new Interner(0),
): ResolvableRecord {
  return {
    id: Number(r.id),
    source: intern.str(r.source),
    stream: intern.str(r.stream),
    revision: r.revision,
    canonical: r.canonical,
    fetchedAt: intern.iso(r.fetched_at),
    sourceUpdatedAt: r.source_updated_at === null ? null : intern.iso(r.source_updated_at),
  };
}

export type RecordRow = Parameters<typeof toRecord>[0];

/** Runs one statement with `?` placeholders and returns its rows. */
export type RowsExec = <T>(sql: string, params: unknown[]) => Promise<T[]>;

/**
 * Every valid record of these entity types, in id order, read by id ranges: the next range is asked
 * for while this one is converted (on another connection when `exec` has a pool). With `fields`,
 * canonicals are projected onto those top-level keys (jsonb_build_object: a missing key reads as
 * null, which a match model's preparation treats alike), a fraction of the JSON to parse.
 */
export async function readValidRecords(exec: RowsExec, entityTypes: readonly string[], fields?: readonly string[]): Promise<ResolvableRecord[]> {
  const out: ResolvableRecord[] = [];
  const types = entityTypes.map(() => '?').join(', ');
  const canonical = fields === undefined ? 's.canonical' : `jsonb_build_object(${fields.map(() => '?::text, s.canonical -> ?::text').join(', ')}) as canonical`;
  const fieldParams = fields === undefined ? [] : fields.flatMap((f) => [f, f]);
  const columns = RECORD_COLUMNS.replace('s.canonical', canonical);
  const sql = `select ${columns} from source_record s where s.entity_type in (${types}) and s.status = 'valid' and s.id >= ? and s.id < ? order by s.id`;
  const bounds = await exec<{ lo: string | null; hi: string | null }>(`select min(s.id) as lo, max(s.id) as hi from source_record s where s.entity_type in (${types}) and s.status = 'valid'`, [...entityTypes]);
  if (bounds[0]?.lo === null || bounds[0]?.lo === undefined) return out;
  const lo = Number(bounds[0].lo);
  const hi = Number(bounds[0].hi);
  const STEP = 50000;
  const page = (from: number): Promise<RecordRow[]> => exec<RecordRow>(sql, [...fieldParams, ...entityTypes, from, from + STEP]);
  const intern = new Interner();
  let next: Promise<RecordRow[]> | undefined = page(lo);
  for (let from = lo; next !== undefined; from += STEP) {
    const rows: RecordRow[] = await next;
    next = from + STEP <= hi ? page(from + STEP) : undefined;
    for (const r of rows) out.push(toRecord(r, intern));
  }
  return out;
}

export class ResolutionRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  private exec<T>(sql: string, params: unknown[]): Promise<T> {
    return logged(sql.replace(/\s+/g, ' ').slice(0, 70), () => this.conn.execute(sql, params as never[]) as Promise<T>);
  }

  // ---------------------------------------------------------------- model state
  /** Valid records of these entity types (the size of what a model resolves). */
  async countRecords(entityTypes: string[]): Promise<number> {
    const rows = await this.exec<Array<{ n: string }>>(
      `select count(*) as n from source_record where entity_type in (${entityTypes.map(() => '?').join(', ')}) and status = 'valid'`,
      entityTypes,
    );
    return Number(rows[0]!.n);
  }

  async loadModelState(model: string): Promise<{ version: number; modelHash: string; parameters: Record<string, unknown> } | undefined> {
    const rows = await this.exec<Array<{ version: number; model_hash: string; parameters: Record<string, unknown> }>>(
      'select version, model_hash, parameters from match_model_state where model = ?',
      [model],
    );
    return rows[0] === undefined ? undefined : { version: rows[0].version, modelHash: rows[0].model_hash, parameters: rows[0].parameters };
  }

  async saveModelState(model: string, modelHash: string, parameters: unknown, runId: number): Promise<number> {
    const rows = await this.exec<Array<{ version: number }>>(
      `insert into match_model_state (model, version, model_hash, parameters, trained_at, last_run_id) values (?, 1, ?, ?::jsonb, now(), ?)
       on conflict (model) do update set version = match_model_state.version + 1, model_hash = excluded.model_hash,
         parameters = excluded.parameters, trained_at = now(), last_run_id = excluded.last_run_id, updated_at = now()
       returning version`,
      [model, modelHash, JSON.stringify(parameters), runId],
    );
    return rows[0]!.version;
  }

  /** Whether the model has resolved any record yet (a run without is a first build). */
  async hasMembers(model: string): Promise<boolean> {
    const rows = await this.exec<Array<{ any: boolean }>>('select exists (select 1 from match_member where model = ?) as any', [model]);
    return rows[0]!.any;
  }

  // ---------------------------------------------------------------- records
  /**
   * Every valid record of these entity types, in id order; with `fields`, each canonical holds only
   * those top-level keys (missing ones as null), which is all a match model reads.
   */
  allRecords(entityTypes: string[], fields?: readonly string[]): Promise<ResolvableRecord[]> {
    return readValidRecords(<T>(sql: string, params: unknown[]) => this.exec<T[]>(sql, params), entityTypes, fields);
  }

  /** Valid records never resolved, or changed since (a newer revision than the one resolved). */
  async touchedRecords(model: string, entityTypes: string[]): Promise<ResolvableRecord[]> {
    const rows = await this.exec<RecordRow[]>(
      `select ${RECORD_COLUMNS} from source_record s left join match_member m on m.source_record_id = s.id and m.model = ?
       where s.entity_type in (${entityTypes.map(() => '?').join(', ')}) and s.status = 'valid' and (m.source_record_id is null or m.revision <> s.revision)
       order by s.id`,
      [model, ...entityTypes],
    );
    return rows.map((r) => toRecord(r));
  }

  /** Members whose source record is no longer valid (tombstoned or quarantined by a later fetch). */
  async removedMembers(model: string): Promise<Array<{ sourceRecordId: number; goldenId: number }>> {
    const rows = await this.exec<Array<{ id: string; golden_id: string }>>(
      `select m.source_record_id as id, m.golden_id from match_member m join source_record s on s.id = m.source_record_id where m.model = ? and s.status <> 'valid'`,
      [model],
    );
    return rows.map((r) => ({ sourceRecordId: Number(r.id), goldenId: Number(r.golden_id) }));
  }

  async recordsById(recordIds: number[]): Promise<ResolvableRecord[]> {
    const out: ResolvableRecord[] = [];
    for (const part of chunks(recordIds)) {
      const rows = await this.exec<RecordRow[]>(`select ${RECORD_COLUMNS} from source_record s where s.id = any(?::bigint[]) and s.status = 'valid'`, [ids(part)]);
      for (const r of rows) out.push(toRecord(r));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  // ---------------------------------------------------------------- members
  async members(model: string, recordIds?: number[]): Promise<Map<number, MemberRow>> {
    const out = new Map<number, MemberRow>();
    // Tokens as a comma list (an empty field for a null position) with the array's length: split +
    // Number is several times faster than the driver's array parser.
    const token = (x: string): number | null => (x === '' ? null : Number(x));
    const add = (rows: Array<{ source_record_id: string; golden_id: string; revision: number; tokens: string; n: number }>): void => {
      for (const r of rows) {
        const id = Number(r.source_record_id);
        out.set(id, { sourceRecordId: id, goldenId: Number(r.golden_id), revision: r.revision, tokens: r.n === 0 ? [] : r.tokens.split(',').map(token) });
      }
    };
    const columns = `source_record_id, golden_id, revision, coalesce(array_to_string(tokens, ',', ''), '') as tokens, cardinality(tokens) as n`;
    if (recordIds === undefined) {
      // Keyset pages (a million rows in one result is a few hundred MB of row objects at once).
      let after = -1;
      for (;;) {
        const rows = await this.exec<Array<{ source_record_id: string; golden_id: string; revision: number; tokens: string; n: number }>>(
          `select ${columns} from match_member where model = ? and source_record_id > ? order by source_record_id limit 200000`,
          [model, after],
        );
        add(rows);
        if (rows.length < 200000) break;
        after = Number(rows[rows.length - 1]!.source_record_id);
      }
    } else {
      for (const part of chunks(recordIds)) {
        add(await this.exec(`select ${columns} from match_member where model = ? and source_record_id = any(?::bigint[])`, [model, ids(part)]));
      }
    }
    return out;
  }

  /**
   * Record ids sharing a blocking token with the given ones: `tokensByRule[k]` are tokens of rule k,
   * looked up at position k + 1 of the members' token arrays (btree `match_member_token_<k+1>`).
   */
  async recordsWithTokens(model: string, tokensByRule: ReadonlyArray<readonly number[]>): Promise<number[]> {
    const out = new Set<number>();
    // Without statistics on the positions (a bulk load just rebuilt them) the planner expects a list
    // of tokens to match most rows and scans the table, or the model index, testing each row: 3 s
    // per 2,000 tokens at 1.8M members, against milliseconds through the position's btree. The
    // token lookup is materialized first (so the model filter cannot pull in another index), with
    // sequential scans off for it.
    await this.em.getKnex().transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      for (let k = 0; k < tokensByRule.length; k++) {
        for (const part of chunks([...new Set(tokensByRule[k])], 5000)) {
          const res = await logged(`tokens[${k + 1}] ${part.length}`, () =>
            trx.raw<{ rows: Array<{ id: string }> }>(
              `with m as materialized (select source_record_id, model from match_member where tokens[${k + 1}] = any(?::int[])) select source_record_id as id from m where model = ?`,
              [ids(part), model],
            ),
          );
          for (const r of res.rows) out.add(Number(r.id));
        }
      }
    });
    return [...out];
  }

  async recordsOfGoldens(model: string, goldenIds: number[]): Promise<number[]> {
    const out: number[] = [];
    for (const part of chunks(goldenIds)) {
      const rows = await this.exec<Array<{ id: string }>>('select source_record_id as id from match_member where model = ? and golden_id = any(?::bigint[])', [model, ids(part)]);
      for (const r of rows) out.push(Number(r.id));
    }
    return out;
  }

  /** Partners of these records over links and accepted decisions (the edges that hold clusters together). */
  async linkedPartners(recordIds: number[]): Promise<number[]> {
    const out = new Set<number>();
    for (const part of chunks(recordIds)) {
      const arr = ids(part);
      const rows = await this.exec<Array<{ a: string; b: string }>>(
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
      add(await this.exec('select a, b, weight, levels, weights, band, decision from match_pair where model = ?', [model]));
      return out;
    }
    const set = ids(recordIds);
    for (const part of chunks(recordIds)) {
      add(await this.exec('select a, b, weight, levels, weights, band, decision from match_pair where a = any(?::bigint[]) and b = any(?::bigint[])', [ids(part), set]));
    }
    return out;
  }

  // ---------------------------------------------------------------- golden ids
  /**
   * `n` new ids of the golden table, consecutive: the sequence is advanced by `n` at once (a
   * million `nextval` calls took 3–9 s). ALTER SEQUENCE blocks every other session's nextval until
   * this transaction ends, so the block is this run's alone; the increment is back to 1 at commit
   * (and at rollback, ALTER SEQUENCE being transactional).
   */
  async allocateGoldenIds(spec: GoldenTableSpec, n: number): Promise<number[]> {
    if (n === 0) return [];
    const range = await logged(`allocate ${n} ids`, () => this.em.getKnex().transaction(async (trx) => {
      const seq = (await trx.raw<{ rows: Array<{ s: string }> }>(`select pg_get_serial_sequence(?, 'id') as s`, [spec.table])).rows[0]!.s;
      const quoted = seq.split('.').map((p) => `"${p.replace(/^"|"$/g, '')}"`).join('.');
      const next = async (): Promise<number> => Number((await trx.raw<{ rows: Array<{ v: string }> }>(`select nextval(?::regclass) as v`, [seq])).rows[0]!.v);
      const inc = Number((await trx.raw<{ rows: Array<{ i: string }> }>(`select seqincrement as i from pg_sequence where seqrelid = ?::regclass`, [seq])).rows[0]!.i);
      if (inc !== 1) throw new Error(`sequence ${seq} of ${spec.table} must have increment 1 (golden ids are allocated in blocks), has ${inc}`);
      await trx.raw(`alter sequence ${quoted} increment by 1`); // takes the lock; the first nextval of a fresh sequence returns its start
      const first = await next();
      if (n === 1) return { first, last: first };
      await trx.raw(`alter sequence ${quoted} increment by ${n - 1}`);
      const last = await next();
      await trx.raw(`alter sequence ${quoted} increment by 1`);
      return { first, last };
    }));
    if (range.last - range.first !== n - 1) throw new Error(`allocated ids ${range.first}..${range.last} of ${spec.table} are not ${n} consecutive ids`);
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) out[k] = range.first + k;
    return out;
  }

  // ---------------------------------------------------------------- writes (one transaction)
  /**
   * Bulk rows go through `COPY … FROM STDIN` on the transaction's own connection (knex's
   * transaction client hands out that connection): straight into the table for pure inserts
   * (links, lineage, golden rows whose ids do not exist, members and pairs when their table is
   * empty), else into a temp table (dropped at commit) followed by the same set-based upsert.
   * Members, pairs, links and lineage are written first, then the golden rows; many new golden rows
   * (a first build) are meanwhile staged on a second connection (`stageRows`) and moved in with one
   * INSERT … SELECT. A load at least as big as its table runs as a bulk load (`bulkLoad`).
   */
  async write(w: {
    model: string;
    entityType: string;
    rule: string;
    runId: number;
    golden: GoldenTableSpec;
    /** Arrays or iterables (generators producing the rows as they are written). */
    goldenRows: Iterable<{ id: number; values: Record<string, unknown>; provenance: unknown }>;
    /**
     * Golden rows whose ids were just allocated (so certainly not in the table): one COPY straight
     * into it, no comparison with stored rows. `newGoldenCount` of them.
     */
    newGoldenRows?: Iterable<{ id: number; values: Record<string, unknown>; provenance: unknown }>;
    newGoldenCount?: number;
    /**
     * The new golden rows are being staged elsewhere (a worker thread, see services/golden-stage):
     * the table it fills (id, provenance, the spec's columns, fingerprint) and when it is done.
     * Instead of `newGoldenRows`; the table is moved in like a staged one and dropped.
     */
    stagedGoldens?: { table: string; done: Promise<{ rows: number; error?: unknown }> };
    /** How many rows `links` yields (decides the bulk load). */
    linkCount?: number;
    mergedInto: Array<{ from: number; into: number }>;
    members: Iterable<MemberRow>;
    deleteMembers: number[];
    pairs: Iterable<PairRow & { modelVersion: number }>;
    deletePairs: Array<[number, number]>;
    links: Iterable<LinkRow>;
    unlink: Array<{ sourceRecordId: number; reason: string }>;
    lineage: LineageRow[];
  }): Promise<{ goldenWritten: number }> {
    const knex = this.em.getKnex();
    const goldenColumns = [...goldenCopyColumns(w.golden), ...(w.golden.fingerprint === true ? ['fingerprint'] : [])];
    // New rows are inserted at version 1.
    const newRow = newGoldenCopyRow(w.golden);
    // Many new goldens (a first build): staged on a second connection while the transaction writes
    // members, pairs, links and lineage, so a second PostgreSQL backend parses their jsonb text.
    const stage = w.stagedGoldens?.table ?? (w.newGoldenRows !== undefined && (w.newGoldenCount ?? 0) >= BULK_MIN_ROWS ? `_resolve_stage_${w.golden.table}_${w.runId}` : undefined);
    const staged = w.stagedGoldens?.done ?? (stage === undefined ? undefined : this.stageRows(stage, w.golden, map(w.newGoldenRows!, newRow)));
    try {
      return await knex.transaction(async (trx) => {
        // The transaction's connection (a transaction client's acquireConnection returns it).
        const client = (await trx.client.acquireConnection()) as ClientBase;
        // One transaction per run: waiting for its WAL flush at commit buys nothing (a crash before
        // the flush loses a run that is simply redone); index builds of a bulk load get more memory.
        await trx.raw(`set local synchronous_commit = off; set local maintenance_work_mem = '512MB'`);
        // Golden rows' provenance is compressed on insert (TOAST): lz4 where the server has it.
        if (await hasLz4(client)) await trx.raw(`set local default_toast_compression = lz4`);
        await this.writeState(trx, client, w);
        let goldenWritten = 0;
        if (staged !== undefined) {
          const s = await staged;
          if (s.error !== undefined) throw s.error;
          goldenWritten += await bulkLoad(trx, w.golden.table, s.rows, () => logged(`goldens from stage ${s.rows}`, async () => {
            const list = goldenColumns.map((c) => `"${c}"`).join(', ');
            return (await trx.raw<{ rowCount: number }>(`insert into ${w.golden.table} (${list}) select ${list} from ${stage}`)).rowCount;
          }));
        } else if (w.newGoldenRows !== undefined) {
          goldenWritten += await bulkLoad(trx, w.golden.table, w.newGoldenCount ?? 0, () =>
            logged(`goldens copy (new)`, () => copyRows(client, w.golden.table, goldenColumns, map(w.newGoldenRows!, newRow))),
          );
        }
        goldenWritten += await this.writeGoldens(trx, client, w.golden, w.goldenRows);
        // After the goldens: an absorbed golden points at its survivor, which may be new.
        for (const part of chunks(w.mergedInto)) {
          await logged('mergedInto', () => trx.raw(
            `update ${w.golden.table} g set merged_into_id = x.into, version = g.version + 1, updated_at = now()
             from jsonb_to_recordset(?::jsonb) as x("from" bigint, "into" bigint) where g.id = x."from" and g.merged_into_id is distinct from x.into`,
            [JSON.stringify(part)],
          ));
        }
        return { goldenWritten };
      });
    } finally {
      if (staged !== undefined) {
        await staged;
        await this.exec(`drop table if exists ${stage}`, []);
      }
    }
  }

  /**
   * COPYs rows into a new UNLOGGED table `name` (id, provenance, the spec's columns, fingerprint) on
   * a connection of its own, committed as it goes; resolves (never rejects) with the row count or
   * the error. The caller drops the table.
   */
  private async stageRows(name: string, spec: GoldenTableSpec, rows: Iterable<readonly unknown[]>): Promise<{ rows: number; error?: unknown }> {
    const knexClient = this.em.getKnex().client as { acquireConnection(): Promise<unknown>; releaseConnection(c: unknown): Promise<void> };
    let conn: ClientBase | undefined;
    try {
      conn = (await knexClient.acquireConnection()) as ClientBase;
      return { rows: await stageGoldenRows(conn, name, spec, rows) };
    } catch (error) {
      return { rows: 0, error };
    } finally {
      if (conn !== undefined) await knexClient.releaseConnection(conn);
    }
  }

  /** The run's members, pairs, links and lineage (everything but the golden rows), inside `write`'s transaction. */
  private async writeState(
    trx: Knex.Transaction,
    client: ClientBase,
    w: Pick<Parameters<ResolutionRepository['write']>[0], 'model' | 'entityType' | 'rule' | 'runId' | 'members' | 'deleteMembers' | 'pairs' | 'deletePairs' | 'links' | 'linkCount' | 'unlink' | 'lineage'>,
  ): Promise<void> {
    for (const part of chunks(w.deleteMembers)) {
      await logged('deleteMembers', () => trx.raw('delete from match_member where source_record_id = any(?::bigint[])', [ids(part)]));
      // A record that left resolution leaves the review queue too; steward decisions stay (kept forever).
      await trx.raw('delete from match_pair where decision is null and (a = any(?::bigint[]) or b = any(?::bigint[]))', [ids(part), ids(part)]);
    }
    const empty = async (table: string): Promise<boolean> =>
      (await trx.raw<{ rows: Array<{ empty: boolean }> }>(`select not exists (select 1 from ${table}) as empty`)).rows[0]!.empty;
    // Tokens never null (`array(select …)` of a null was an empty array).
    const memberRows = map(w.members, (m) => [m.sourceRecordId, w.model, m.goldenId, m.revision, m.tokens ?? []]);
    const memberColumns = ['source_record_id', 'model', 'golden_id', 'revision', 'tokens'];
    if (await empty('match_member')) {
      const n = Array.isArray(w.members) ? w.members.length : 0;
      await bulkLoad(trx, 'match_member', n, () => logged('members copy', () => copyRows(client, 'match_member', memberColumns, memberRows)));
    } else {
      await trx.raw(`create temp table if not exists _copy_member (source_record_id bigint, model text, golden_id bigint, revision int, tokens int[]) on commit drop; truncate _copy_member`);
      const n = await logged('members copy (temp)', () => copyRows(client, '_copy_member', memberColumns, memberRows));
      if (n > 0) {
        await logged(`members ${n}`, () => trx.raw(
          `insert into match_member (source_record_id, model, golden_id, revision, tokens, resolved_at)
           select x.source_record_id, x.model, x.golden_id, x.revision, x.tokens, now() from _copy_member x
           on conflict (source_record_id) do update set model = excluded.model, golden_id = excluded.golden_id, revision = excluded.revision,
             tokens = excluded.tokens, resolved_at = now()`,
        ));
      }
    }
    for (const part of chunks(w.deletePairs)) {
      await logged('deletePairs', () => trx.raw(`delete from match_pair p using jsonb_to_recordset(?::jsonb) as x(a bigint, b bigint) where p.a = x.a and p.b = x.b`, [JSON.stringify(part.map(([a, b]) => ({ a, b })))]));
    }
    // Levels and weights: a null was an empty array (`array(select … )` of a null).
    const pairRows = map(w.pairs, (p) => [p.a, p.b, w.model, p.weight, p.levels ?? [], p.weights ?? [], p.modelVersion, p.band]);
    const pairColumns = ['a', 'b', 'model', 'weight', 'levels', 'weights', 'model_version', 'band'];
    if (await empty('match_pair')) {
      await bulkLoad(trx, 'match_pair', Array.isArray(w.pairs) ? w.pairs.length : 0, () => logged('pairs copy', () => copyRows(client, 'match_pair', pairColumns, pairRows)));
    } else {
      await trx.raw(`create temp table if not exists _copy_pair (a bigint, b bigint, model text, weight float8, levels smallint[], weights real[], model_version int, band text) on commit drop; truncate _copy_pair`);
      const n = await logged('pairs copy (temp)', () => copyRows(client, '_copy_pair', pairColumns, pairRows));
      if (n > 0) {
        await logged(`pairs ${n}`, () => trx.raw(
          `insert into match_pair (a, b, model, weight, levels, weights, model_version, band, updated_at)
           select x.a, x.b, x.model, x.weight, x.levels, x.weights, x.model_version, x.band, now() from _copy_pair x
           on conflict (a, b) do update set weight = excluded.weight, levels = excluded.levels, weights = excluded.weights,
             model_version = excluded.model_version, band = case when match_pair.decision is null then excluded.band else match_pair.band end, updated_at = now()`,
        ));
      }
    }
    for (const part of chunks(w.unlink)) {
      await logged(`unlink ${part.length}`, () => trx.raw(
        `update entity_link l set unlinked_at = now(), unlink_reason = x.reason, updated_at = now()
         from jsonb_to_recordset(?::jsonb) as x(id bigint, reason text) where l.source_record_id = x.id and l.unlinked_at is null`,
        [JSON.stringify(part.map((u) => ({ id: u.sourceRecordId, reason: u.reason })))],
      ));
    }
    // decided_at has no default: the transaction's now() (exact, microseconds included).
    const now = new PgMicros(Number((await trx.raw<{ rows: Array<{ us: string }> }>(`select (extract(epoch from now()) * 1000000)::bigint as us`)).rows[0]!.us));
    await bulkLoad(trx, 'entity_link', w.linkCount ?? 0, () => logged('links copy', () => copyRows(
      client,
      'entity_link',
      ['source_record_id', 'entity_type', 'entity_id', 'score', 'rule', 'weights', 'decided_by', 'decided_at'],
      map(w.links, (l) => [l.sourceRecordId, w.entityType, l.entityId, l.score, w.rule, l.weightsJson ?? jsonbValue(l.weights), l.decidedBy, now]),
    )));
    await bulkLoad(trx, 'golden_lineage', w.lineage.length, () => logged('lineage copy', () => copyRows(
      client,
      'golden_lineage',
      ['entity_type', 'kind', 'from_id', 'to_id', 'source_record_ids', 'reason', 'decided_by', 'decided_by_user', 'run_id'],
      map(w.lineage, (l) => [w.entityType, l.kind, l.fromId, l.toId, l.sourceRecordIds, l.reason, l.decidedBy, l.decidedByUser ?? null, w.runId]),
    )));
  }

  /**
   * Inserts new golden rows and updates changed ones (no write when values and provenance are equal).
   * Rows whose stored values are certainly equal (plain columns compared as text, jsonb columns by
   * the md5 of PostgreSQL's canonical jsonb text, see `jsonbText`) are not sent at all: parsing
   * megabytes of JSON is most of an unchanged full run's cost. Any doubt sends the row, and the
   * upsert's `is distinct from` decides as before. Rows whose id is not in the table at all are
   * copied straight into it; the others go through a temp table and the upsert.
   */
  private async writeGoldens(
    trx: Knex.Transaction,
    client: ClientBase,
    spec: GoldenTableSpec,
    rows: Iterable<{ id: number; values: Record<string, unknown>; provenance: unknown }>,
  ): Promise<number> {
    const cols = spec.columns;
    const fp = spec.fingerprint === true;
    const jsonCols = cols.filter((c) => c.type === 'jsonb');
    const plainCols = cols.filter((c) => c.type !== 'jsonb');
    // A fingerprint written at the row's current version stands for the row: neither the stored
    // values nor their hash are read then.
    const valid = `split_part(g.fingerprint, ':', 1) = g.version::text`;
    const unlessValid = (e: string): string => (fp ? `case when ${valid} then null else ${e} end` : e);
    const plainSql = plainCols.map((c, k) => unlessValid(c.type === 'date' ? `to_char(g."${c.column}", 'YYYY-MM-DD')` : `g."${c.column}"::text`) + ` as c${k}`);
    const hashSql = unlessValid(`md5(${['g.provenance', ...jsonCols.map((c) => `g."${c.column}"`)].map((e) => `coalesce(${e}::text, '')`).join(` || chr(1) || `)})`);
    const fpSql = fp ? `case when ${valid} then split_part(g.fingerprint, ':', 2) end` : 'null';
    const copyColumns = [...goldenCopyColumns(spec), ...(fp ? ['fingerprint'] : [])];
    const copyRow = goldenCopyRow(cols);
    const temp = `_copy_golden_${spec.table}`;
    // How rows go into the table (binary COPY when its types allow), and so how they are fingerprinted.
    const target = await copyTarget(client, spec.table, copyColumns);
    let tempTarget: Awaited<ReturnType<typeof copyTarget>> | undefined;
    let written = 0;
    for (const part of chunks(rows)) {
      // Each row's COPY fields and fingerprint, computed once: compared, then sent.
      const fields = part.map(copyRow);
      const prints = fp ? fields.map((f) => target.fingerprint(f)) : [];
      const stored = new Map<number, Record<string, string | null>>();
      const present = new Set<number>();
      const existing = await logged(`golden hashes ${part.length}`, () =>
        trx.raw<{ rows: Array<Record<string, string | null>> }>(
          `select g.id, g.merged_into_id is not null as merged, ${fpSql} as fp, ${hashSql} as h, ${plainSql.join(', ')} from ${spec.table} g where g.id = any(?::bigint[])`,
          [ids(part.map((r) => r.id))],
        ),
      );
      for (const e of existing.rows) {
        present.add(Number(e.id));
        if (!(e.merged as unknown as boolean)) stored.set(Number(e.id), e);
      }
      const changed = (r: { id: number; values: Record<string, unknown>; provenance: unknown }, k: number): boolean => {
        const e = stored.get(r.id);
        if (e === undefined) return true;
        if (e.fp !== null && e.fp !== undefined) return e.fp !== prints[k];
        for (let c = 0; c < plainCols.length; c++) {
          const v = r.values[plainCols[c]!.column];
          const db = e[`c${c}`] ?? null;
          if (!(v === null ? db === null : typeof v === 'string' && v === db)) return true;
        }
        const texts: string[] = [];
        for (const v of [r.provenance, ...jsonCols.map((c) => r.values[c.column])]) {
          const t = v === null || v === undefined ? undefined : jsonbText(v);
          if (t === undefined) return true;
          texts.push(t);
        }
        return createHash('md5').update(texts.join('\u0001')).digest('hex') !== e.h;
      };
      const fresh: unknown[][] = [];
      const known: unknown[][] = [];
      part.forEach((r, k) => {
        if (!changed(r, k)) return;
        // New rows get version 1; the upsert below puts the version it writes in front of the hash.
        if (present.has(r.id)) known.push(fp ? [...fields[k]!, prints[k]] : fields[k]!);
        else fresh.push(fp ? [...fields[k]!, `1:${prints[k]}`] : fields[k]!);
      });
      if (fresh.length > 0) {
        written += await logged(`goldens copy ${fresh.length}`, () => target.copy(fresh));
      }
      if (known.length === 0) continue;
      // If not exists: a write nested in an outer transaction keeps the temp table until that commits.
      await trx.raw(`create temp table if not exists ${temp} (id bigint, provenance jsonb, ${cols.map((c) => `"${c.column}" ${c.type}`).join(', ')}${fp ? ', fingerprint text' : ''}) on commit drop`);
      await trx.raw(`truncate ${temp}`);
      tempTarget ??= await copyTarget(client, temp, copyColumns);
      const into = tempTarget;
      await logged(`goldens copy (temp) ${known.length}`, () => into.copy(known));
      const t = spec.table;
      const differs = `(${t}.provenance, ${cols.map((c) => `${t}."${c.column}"`).join(', ')}, ${t}.merged_into_id)
           is distinct from (excluded.provenance, ${cols.map((c) => `excluded."${c.column}"`).join(', ')}, null)`;
      // With a fingerprint: a row whose values are equal but whose stored fingerprint is not this
      // encoding's (written by an earlier version of the encoding) gets the fingerprint only, at its
      // version, so the next run compares it by fingerprint again.
      const newVersion = fp ? `case when ${differs} then ${t}.version + 1 else ${t}.version end` : `${t}.version + 1`;
      const ins = await logged(`goldens ${known.length}`, () => trx.raw<{ rowCount: number }>(
        `insert into ${t} (id, provenance, ${cols.map((c) => `"${c.column}"`).join(', ')}${fp ? ', fingerprint' : ''})
         select x.id, x.provenance, ${cols.map((c) => `x."${c.column}"`).join(', ')}${fp ? `, '1:' || x.fingerprint` : ''} from ${temp} x
         on conflict (id) do update set provenance = excluded.provenance, ${cols.map((c) => `"${c.column}" = excluded."${c.column}"`).join(', ')},
           version = ${newVersion}, merged_into_id = null,
           ${fp ? `updated_at = case when ${differs} then now() else ${t}.updated_at end, fingerprint = (${newVersion})::text || ':' || split_part(excluded.fingerprint, ':', 2)` : 'updated_at = now()'}
         where ${differs}${fp ? ` or ${t}.fingerprint is distinct from ${t}.version::text || ':' || split_part(excluded.fingerprint, ':', 2)` : ''}`,
      ));
      written += ins.rowCount;
    }
    return written;
  }
}

/**
 * Creates the UNLOGGED stage table `name` (id, provenance, the spec's columns, fingerprint) on
 * `conn` and COPYs the encoded new golden rows (`newGoldenCopyRow`) into it; returns the count.
 */
export async function stageGoldenRows(conn: ClientBase, name: string, spec: GoldenTableSpec, rows: Iterable<readonly unknown[]>): Promise<number> {
  const fingerprint = spec.fingerprint === true ? ', fingerprint text' : '';
  // The rows keep the compression they get here when moved into the golden table: lz4 where the
  // server has it (several times faster than pglz at compressing provenance).
  const lz4 = await hasLz4(conn);
  if (lz4) await conn.query(`set default_toast_compression = lz4`);
  try {
    await conn.query(`drop table if exists ${name}; create unlogged table ${name} (id bigint, provenance jsonb, ${spec.columns.map((c) => `"${c.column}" ${c.type}`).join(', ')}${fingerprint})`);
    const columns = [...goldenCopyColumns(spec), ...(spec.fingerprint === true ? ['fingerprint'] : [])];
    return await logged(`goldens stage`, () => copyRows(conn, name, columns, rows));
  } finally {
    if (lz4) await conn.query(`reset default_toast_compression`);
  }
}

/** Whether the server was built with lz4 (an allowed `default_toast_compression`). */
async function hasLz4(conn: ClientBase): Promise<boolean> {
  const r = await conn.query<{ ok: boolean }>(`select coalesce('lz4' = any(enumvals), false) as ok from pg_settings where name = 'default_toast_compression'`);
  return r.rows[0]?.ok === true;
}

/** A new golden row (inserted at version 1) as its COPY fields, with its fingerprint when the table keeps one. */
export function newGoldenCopyRow(spec: GoldenTableSpec): (r: { id: number; values: Record<string, unknown>; provenance: unknown }) => unknown[] {
  const toFields = goldenCopyRow(spec.columns);
  if (spec.fingerprint !== true) return toFields;
  const first = new RowFingerprint(1);
  return (r) => {
    const fields = toFields(r);
    fields.push(first);
    return fields;
  };
}

/** The COPY columns of a golden row (`goldenCopyRow`'s fields): id, provenance, the spec's columns. */
function goldenCopyColumns(spec: GoldenTableSpec): string[] {
  return ['id', 'provenance', ...spec.columns.map((c) => c.column)];
}

/**
 * A golden row as COPY fields (id, provenance, the spec's columns). As jsonb_to_recordset read
 * them: jsonb columns take JSON text; an object or array in another column becomes its jsonb text.
 */
function goldenCopyRow(cols: GoldenTableSpec['columns']): (r: { id: number; values: Record<string, unknown>; provenance: unknown }) => unknown[] {
  const isJson = cols.map((c) => c.type === 'jsonb');
  return (r) => {
    const out: unknown[] = [r.id, provenanceJson(r.provenance)];
    for (let k = 0; k < cols.length; k++) {
      const v = r.values[cols[k]!.column];
      if (isJson[k]) out.push(jsonbValue(v));
      else if (typeof v === 'object' && v !== null && !(v instanceof Date)) out.push(jsonbText(v) ?? JSON.stringify(v));
      else out.push(v);
    }
    return out;
  };
}

/** Below this many incoming rows a load keeps the table's indexes. */
const BULK_MIN_ROWS = 10000;

/**
 * Runs `load` (which inserts about `incoming` rows into `table`) as a bulk load when the table
 * holds no more rows than that (a first build): its secondary indexes (neither the primary key nor
 * a constraint's) are dropped first and built again afterwards from their stored definitions —
 * building an index over a million rows costs a fraction of maintaining it row by row. Names and
 * definitions come back unchanged; a unique index that no longer holds fails the build and with it
 * the transaction, as the row-by-row insert would have. The drop locks the table against readers
 * until the transaction ends, which is why it is reserved for loads at least as big as the table.
 * The table is analyzed afterwards (its statistics described the table before the load).
 */
async function bulkLoad<T>(trx: Knex.Transaction, table: string, incoming: number, load: () => Promise<T>): Promise<T> {
  if (incoming < BULK_MIN_ROWS) return load();
  const big = await trx.raw<{ rows: Array<{ n: string }> }>(`select count(*) as n from (select 1 from ${table} limit ?) x`, [incoming + 1]);
  if (Number(big.rows[0]!.n) > incoming) return load();
  const found = await trx.raw<{ rows: Array<{ name: string; def: string }> }>(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indexrelid
     where i.indrelid = ?::regclass and not i.indisprimary and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
     order by c.relname`,
    [table],
  );
  const indexes = found.rows;
  if (indexes.length > 0) await trx.raw(indexes.map((x) => `drop index "${x.name}"`).join('; '));
  const out = await load();
  for (const x of indexes) await logged(`index ${x.name}`, () => trx.raw(x.def));
  // Statistics of the loaded table (a sample): the next incremental run plans its lookups on them.
  await logged(`analyze ${table}`, () => trx.raw(`analyze ${table}`));
  return out;
}

/** `f` over an iterable, lazily (a generator stays a generator). */
function* map<T, U>(xs: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of xs) yield f(x);
}

/**
 * PostgreSQL's text output of the jsonb that `JSON.stringify(v)` becomes (keys ordered by byte
 * length then bytes, `", "` and `": "` separators), or undefined when unsure (numbers in exponent
 * notation, whose numeric output differs; lone surrogates, NUL).
 */
export function jsonbText(v: unknown): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number': {
      if (!Number.isFinite(v)) return 'null';
      const s = String(v);
      return s.includes('e') ? undefined : s;
    }
    case 'string': {
      // JSON.stringify escapes exactly what PostgreSQL's escape_json escapes, but for lone
      // surrogates (escaped as \udxxx: unsure, as is anything that looks like it).
      const s = JSON.stringify(v);
      return s.includes('\\u') ? undefined : s;
    }
    case 'object': {
      if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return jsonbText((v as { toJSON(): unknown }).toJSON());
      if (Array.isArray(v)) {
        let out = '[';
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          const t = x === undefined || typeof x === 'function' || typeof x === 'symbol' ? 'null' : jsonbText(x);
          if (t === undefined) return undefined;
          out += i === 0 ? t : `, ${t}`;
        }
        return `${out}]`;
      }
      const o = v as Record<string, unknown>;
      const keys: string[] = [];
      for (const k of Object.keys(o)) {
        const x = o[k];
        if (x !== undefined && typeof x !== 'function' && typeof x !== 'symbol') keys.push(k);
      }
      if (keys.length > 1) keys.sort(jsonbKeyOrder);
      let out = '{';
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        const key = jsonbText(k);
        const t = jsonbText(o[k]);
        if (key === undefined || t === undefined) return undefined;
        out += i === 0 ? `${key}: ${t}` : `, ${key}: ${t}`;
      }
      return `${out}}`;
    }
    default:
      return undefined;
  }
}

/** UTF-8 byte length of object keys (they repeat: remembered, up to a bound). */
const KEY_BYTES = new Map<string, number>();
function keyBytes(k: string): number {
  let n = KEY_BYTES.get(k);
  if (n === undefined) {
    n = Buffer.byteLength(k, 'utf8');
    if (KEY_BYTES.size < 100000) KEY_BYTES.set(k, n);
  }
  return n;
}

/** jsonb's key order: shorter (in UTF-8 bytes) first, then bytewise (UTF-16 order equals UTF-8 byte order outside surrogates). */
function jsonbKeyOrder(a: string, b: string): number {
  const x = keyBytes(a);
  const y = keyBytes(b);
  if (x !== y) return x - y;
  if (a.length === x && b.length === y) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
