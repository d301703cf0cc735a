import { Migration } from '@mikro-orm/migrations';

/**
 * Access control: API keys of clients (hashed secret, public prefix, role, department, grid scope,
 * expiry, revocation, last use). Keys are revoked, never deleted. The audit log itself exists since
 * the initial migration (append-only by trigger); a reader's queries by actor, entity and time
 * already have their indexes.
 */
export class Migration20261122060000_access extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "api_key" (
      "id" bigserial primary key,
      "name" text not null,
      "prefix" text not null,
      "secret_hash" text not null,
      "role" text check ("role" in ('admin', 'steward', 'department', 'grid_worker', 'dashboard')) not null,
      "department" text check ("department" in ('police', 'health', 'safety', 'civil_affairs', 'grid_office')) null,
      "grid_code" text null,
      "created_at" timestamptz not null default now(),
      "expires_at" timestamptz null,
      "revoked_at" timestamptz null,
      "last_used_at" timestamptz null);`);
    this.addSql(`alter table "api_key" add constraint "api_key_prefix_unique" unique ("prefix");`);
    this.addSql(`alter table "api_key" add constraint "api_key_department_check_role" check (("role" = 'department') = ("department" is not null));`);
    this.addSql(`alter table "api_key" add constraint "api_key_grid_worker_has_grid" check ("role" <> 'grid_worker' or "grid_code" is not null);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "api_key" cascade;`);
  }

}
