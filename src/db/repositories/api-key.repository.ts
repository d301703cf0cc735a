/**
 * SQL for API keys: create (hash and prefix only), find by prefix, list, revoke by id or prefix,
 * and the throttled touch of `last_used_at` (one write per key per minute at most).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Department } from '../../domain/vocabulary';
import type { ApiKeyRole } from '../entities/api-key.entity';
import { pgArrayLiteral } from './array-params';

export interface ApiKeyRow {
  id: number;
  name: string;
  prefix: string;
  secretHash: string;
  role: ApiKeyRole;
  department: Department | null;
  gridCode: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface NewApiKey {
  name: string;
  prefix: string;
  secretHash: string;
  role: ApiKeyRole;
  department?: Department;
  gridCode?: string;
  expiresAt?: Date;
}

const COLUMNS = `id, name, prefix, secret_hash as "secretHash", role, department, grid_code as "gridCode", created_at as "createdAt",
  expires_at as "expiresAt", revoked_at as "revokedAt", last_used_at as "lastUsedAt"`;

const date = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

const row = (r: Record<string, unknown>): ApiKeyRow => ({
  ...(r as unknown as ApiKeyRow),
  id: Number(r.id),
  createdAt: date(r.createdAt)!,
  expiresAt: date(r.expiresAt),
  revokedAt: date(r.revokedAt),
  lastUsedAt: date(r.lastUsedAt),
});

export class ApiKeyRepository {
  constructor(private readonly em: EntityManager) {}

  private get conn() {
    return this.em.getConnection();
  }

  /** Inserts a key; resolves null when the prefix is taken (the caller draws a new key). */
  async insert(k: NewApiKey): Promise<ApiKeyRow | null> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `insert into api_key (name, prefix, secret_hash, role, department, grid_code, expires_at) values (?, ?, ?, ?, ?, ?, ?)
       on conflict (prefix) do nothing returning ${COLUMNS}`,
      [k.name, k.prefix, k.secretHash, k.role, k.department ?? null, k.gridCode ?? null, k.expiresAt ?? null],
    );
    return rows[0] ? row(rows[0]) : null;
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRow | null> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${COLUMNS} from api_key where prefix = ?`, [prefix]);
    return rows[0] ? row(rows[0]) : null;
  }

  /** Every key, newest first (revoked and expired ones too: the list is the keys' history). */
  async list(): Promise<ApiKeyRow[]> {
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(`select ${COLUMNS} from api_key order by id desc`);
    return rows.map(row);
  }

  /** Revokes the key with this id or prefix (already revoked keys keep their first revocation time). */
  async revoke(idOrPrefix: string): Promise<ApiKeyRow | null> {
    // A prefix is exactly 8 hex characters (and may be all digits); anything else numeric is an id.
    const byPrefix = /^[0-9a-f]{8}$/.test(idOrPrefix);
    const byId = !byPrefix && /^\d+$/.test(idOrPrefix);
    if (!byPrefix && !byId) return null;
    const rows = await this.conn.execute<Array<Record<string, unknown>>>(
      `update api_key set revoked_at = coalesce(revoked_at, now()) where ${byPrefix ? 'prefix = ?' : 'id = ?'} returning ${COLUMNS}`,
      [byPrefix ? idOrPrefix : Number(idOrPrefix)],
    );
    if (rows[0]) return row(rows[0]);
    // An 8-digit id is possible in principle: fall back to it when no prefix matched.
    if (byPrefix && /^\d+$/.test(idOrPrefix)) {
      const byIdRows = await this.conn.execute<Array<Record<string, unknown>>>(`update api_key set revoked_at = coalesce(revoked_at, now()) where id = ? returning ${COLUMNS}`, [Number(idOrPrefix)]);
      return byIdRows[0] ? row(byIdRows[0]) : null;
    }
    return null;
  }

  /** Revokes every active key with one of these names; resolves how many. */
  async revokeNamed(names: readonly string[]): Promise<number> {
    const res = await this.conn.execute<{ affectedRows?: number }>(
      `update api_key set revoked_at = now() where revoked_at is null and name = any(?::text[])`,
      [pgArrayLiteral(names)],
      'run',
    );
    return res.affectedRows ?? 0;
  }

  /** Sets last_used_at = now() unless it was set less than a minute ago; resolves whether it wrote. */
  async touch(id: number): Promise<boolean> {
    const res = await this.conn.execute<{ affectedRows?: number }>(
      `update api_key set last_used_at = now() where id = ? and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [id],
      'run',
    );
    return (res.affectedRows ?? 0) > 0;
  }
}
