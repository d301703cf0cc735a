/**
 * An API key of a client (department system, dashboard, steward tool, grid-worker app). The secret
 * is never stored: only its SHA-256 hash and the 8-character prefix that identifies the key in
 * lists and lookups (`ghk_<prefix>_<secret>`). Keys expire and are revoked, never deleted.
 */
import { BigIntType, Check, Entity, Enum, type Opt, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Department } from '../../domain/vocabulary';

export const API_KEY_ROLES = ['admin', 'steward', 'department', 'grid_worker', 'dashboard'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

@Entity({ tableName: 'api_key' })
@Check({ name: 'api_key_department_check_role', expression: `("role" = 'department') = ("department" is not null)` })
@Check({ name: 'api_key_grid_worker_has_grid', expression: `"role" <> 'grid_worker' or "grid_code" is not null` })
export class ApiKey {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  name!: string;

  /** The key's public prefix (8 characters after `ghk_`): shown in lists, used to find the key. */
  @Property({ type: 'text' })
  @Unique()
  prefix!: string;

  /** Hex SHA-256 of the whole key. */
  @Property({ type: 'text' })
  secretHash!: string;

  @Enum({ items: [...API_KEY_ROLES], type: 'text' })
  role!: ApiKeyRole;

  @Enum({ items: Department.values, type: 'text', nullable: true })
  department?: Department;

  /** Grid code of a grid-scoped key (its subtree is the key's). */
  @Property({ type: 'text', nullable: true })
  gridCode?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt?: Date;

  /** Updated at most once a minute. */
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt?: Date;
}
