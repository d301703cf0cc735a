/**
 * SQL for the append-only audit log: a batch of entries in one statement (`insert … select from
 * unnest(…)`: nine array parameters whatever the batch size), and the admins' reading of it
 * (newest first, keyset paging by id).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayParamConnection, pgArrayLiteral } from './array-params';

export interface AuditEntryInput {
  at?: Date;
  /** Principal id: `apikey:<id>`, `jwt:<sub>`, `cli:<user>`, `system`. */
  actor: string;
  actorRole?: string | null;
  /** read, create, update, merge, unmerge, transition, … */
  action: string;
  entityType?: string | null;
  entityId?: number | null;
  fields?: readonly string[] | null;
  /** GraphQL operation name or CLI command. */
  operation?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEntryRow {
  id: number;
  at: Date;
  actor: string;
  actorRole: string | null;
  action: string;
  entityType: string | null;
  entityId: number | null;
  fields: string[] | null;
  operation: string | null;
  detail: Record<string, unknown>;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: number;
  since?: Date;
  until?: Date;
}

export class AuditRepository {
  constructor(private readonly em: EntityManager) {}

  /** Appends the entries in one statement; resolves the number written. */
  async append(entries: readonly AuditEntryInput[]): Promise<number> {
    if (entries.length === 0) return 0;
    const now = new Date().toISOString();
    await arrayParamConnection(this.em).execute(
      `insert into audit_log (at, actor, actor_role, action, entity_type, entity_id, fields, operation, detail)
       select t.at, t.actor, t.actor_role, t.action, t.entity_type, t.entity_id, t.fields::text[], t.operation, coalesce(t.detail::jsonb, '{}'::jsonb)
       from unnest(?::timestamptz[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[])
         as t(at, actor, actor_role, action, entity_type, entity_id, fields, operation, detail)`,
      [
        entries.map((e) => e.at?.toISOString() ?? now),
        entries.map((e) => e.actor),
        entries.map((e) => e.actorRole ?? null),
        entries.map((e) => e.action),
        entries.map((e) => e.entityType ?? null),
        entries.map((e) => e.entityId ?? null),
        entries.map((e) => (e.fields ? pgArrayLiteral(e.fields) : null)),
        entries.map((e) => e.operation ?? null),
        entries.map((e) => (e.detail ? JSON.stringify(e.detail) : null)),
      ],
    );
    return entries.length;
  }

  /** Entries matching the filter, newest first; `beforeId` continues a page. */
  async list(filter: AuditFilter, limit: number, beforeId?: number): Promise<AuditEntryRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      where.push(sql);
      params.push(v);
    };
    if (filter.actor !== undefined) add('actor = ?', filter.actor);
    if (filter.action !== undefined) add('action = ?', filter.action);
    if (filter.entityType !== undefined) add('entity_type = ?', filter.entityType);
    if (filter.entityId !== undefined) add('entity_id = ?', filter.entityId);
    if (filter.since !== undefined) add('at >= ?', filter.since);
    if (filter.until !== undefined) add('at < ?', filter.until);
    if (beforeId !== undefined) add('id < ?', beforeId);
    params.push(limit);
    const rows = await this.em.getConnection().execute<Array<Record<string, unknown>>>(
      `select id, at, actor, actor_role as "actorRole", action, entity_type as "entityType", entity_id as "entityId", fields, operation, detail
       from audit_log ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`,
      params,
    );
    return rows.map((r) => ({
      ...(r as unknown as AuditEntryRow),
      id: Number(r.id),
      at: r.at instanceof Date ? r.at : new Date(String(r.at)),
      entityId: r.entityId === null ? null : Number(r.entityId),
      fields: Array.isArray(r.fields) ? (r.fields as string[]) : r.fields === null ? null : parseTextArray(String(r.fields)),
    }));
  }
}

/** A text[] as pg returns it when the type parser is not applied (`{a,b}`); plain names only (field names). */
function parseTextArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, '');
  return inner === '' ? [] : inner.split(',').map((s) => s.replace(/^"|"$/g, ''));
}
