import { Migration } from '@mikro-orm/migrations';

/** Reconciliation reports per source (fetched, valid, quarantined, linked, conflicts, coverage), kept to be read later. */
export class Migration20261122040000_stewardship extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reconciliation_report" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "requested_by" text null, "report" jsonb not null);`);
    this.addSql(`create index "reconciliation_report_created_at_index" on "reconciliation_report" ("created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "reconciliation_report" cascade;`);
  }

}
