/**
 * SQL of stewardship: the review queue (pairs between the review and link thresholds, not yet
 * decided, strongest first), steward decisions on pairs (kept forever, respected by every run),
 * marking records for re-resolution, golden membership, lineage attribution and the audit trail.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

export interface ReviewItem {
  a: number;
  b: number;
  weight: number;
  levels: number[];
  weights: number[];
  modelVersion: number | null;
  records: Array<{ id: number; source: string; stream: string; recordKey: string; canonical: Record<string, unknown>; goldenId: number | null }>;
}

export interface AuditEntry {
  actor: string;
  actorRole?: string;
  action: string;
  entityType?: string;
  entityId?: number;
  detail: Record<string, unknown>;
}

export class StewardRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** Undecided review pairs of a model, strongest first, keyset-paged by (weight, a, b). */
  async reviewQueue(model: string, limit: number, after?: { weight: number; a: number; b: number }): Promise<ReviewItem[]> {
    const rows = await this.conn.execute<Array<{ a: string; b: string; weight: number; levels: number[]; weights: number[]; model_version: number | null }>>(
      `select a, b, weight, levels, weights, model_version from match_pair
       where model = ? and band = 'review' and decision is null
       ${after ? 'and (weight, a, b) < (?, ?, ?)' : ''}
       order by weight desc, a desc, b desc limit ?`,
      [model, ...(after ? [after.weight, after.a, after.b] : []), limit],
    );
    const ids = rows.flatMap((r) => [Number(r.a), Number(r.b)]);
    const recs = ids.length === 0 ? [] : await this.conn.execute<Array<{ id: string; source: string; stream: string; record_key: string; canonical: Record<string, unknown>; golden_id: string | null }>>(
      `select s.id, s.source, s.stream, s.record_key, s.canonical, m.golden_id from source_record s left join match_member m on m.source_record_id = s.id where s.id in (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    const byId = new Map(recs.map((r) => [Number(r.id), { id: Number(r.id), source: r.source, stream: r.stream, recordKey: r.record_key, canonical: r.canonical, goldenId: r.golden_id === null ? null : Number(r.golden_id) }]));
    return rows.map((r) => ({
      a: Number(r.a),
      b: Number(r.b),
      weight: r.weight,
      levels: r.levels,
      weights: r.weights,
      modelVersion: r.model_version,
      records: [byId.get(Number(r.a))!, byId.get(Number(r.b))!],
    }));
  }

  async pair(a: number, b: number): Promise<{ model: string; band: string; decision: string | null; weight: number | null } | undefined> {
    const rows = await this.conn.execute<Array<{ model: string; band: string; decision: string | null; weight: number | null }>>('select model, band, decision, weight from match_pair where a = ? and b = ?', [a, b]);
    return rows[0];
  }

  /** Model of a source record (the model its entity type is resolved by), from its membership. */
  async memberOf(recordId: number): Promise<{ model: string; goldenId: number } | undefined> {
    const rows = await this.conn.execute<Array<{ model: string; golden_id: string }>>('select model, golden_id from match_member where source_record_id = ?', [recordId]);
    return rows[0] === undefined ? undefined : { model: rows[0].model, goldenId: Number(rows[0].golden_id) };
  }

  async membersOfGolden(model: string, goldenId: number): Promise<number[]> {
    const rows = await this.conn.execute<Array<{ id: string }>>('select source_record_id as id from match_member where model = ? and golden_id = ? order by source_record_id', [model, goldenId]);
    return rows.map((r) => Number(r.id));
  }

  /**
   * Stores steward decisions on pairs (a < b) and marks both records for re-resolution, in one
   * transaction with the audit entries.
   */
  async decide(model: string, decisions: Array<{ a: number; b: number; decision: 'accepted' | 'rejected' }>, user: string, reason: string, audit: AuditEntry[]): Promise<void> {
    const knex = this.em.getKnex();
    await knex.transaction(async (trx) => {
      await trx.raw(
        `insert into match_pair (a, b, model, band, decision, decided_by, decided_at, reason, updated_at)
         select x.a, x.b, ?, 'decided', x.decision, ?, now(), ?, now() from jsonb_to_recordset(?::jsonb) as x(a bigint, b bigint, decision text)
         on conflict (a, b) do update set band = 'decided', decision = excluded.decision, decided_by = excluded.decided_by,
           decided_at = excluded.decided_at, reason = excluded.reason, updated_at = now()`,
        [model, user, reason, JSON.stringify(decisions)],
      );
      const ids = [...new Set(decisions.flatMap((d) => [d.a, d.b]))];
      // revision -1 never equals a record's revision: the next run resolves them (and their components) again.
      await trx.raw(`update match_member set revision = -1 where source_record_id in (${ids.map(() => '?').join(', ')})`, ids);
      for (const e of audit) {
        await trx.raw(`insert into audit_log (actor, actor_role, action, entity_type, entity_id, operation, detail) values (?, ?, ?, ?, ?, 'mutation', ?::jsonb)`, [
          e.actor, e.actorRole ?? 'steward', e.action, e.entityType ?? null, e.entityId ?? null, JSON.stringify(e.detail),
        ]);
      }
    });
  }

  /** Attributes the lineage rows a resolve run wrote to the steward decision that caused it. */
  async attributeLineage(runId: number, user: string, reason: string, splitKind: 'split' | 'unmerge' = 'split'): Promise<number> {
    const rows = await this.conn.execute<Array<{ n: number }>>(
      `with u as (update golden_lineage set decided_by = 'steward', decided_by_user = ?, reason = ? || coalesce(' (' || reason || ')', ''),
                    kind = case when kind = 'split' then ? else kind end
                  where run_id = ? returning 1)
       select count(*)::int as n from u`,
      [user, reason, splitKind, runId],
    );
    return rows[0]!.n;
  }
}
