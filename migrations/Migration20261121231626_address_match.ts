import { Migration } from '@mikro-orm/migrations';

/** Matches of free-text addresses onto the standard address tree, with the steward's decisions. */
export class Migration20261121231626_address_match extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "address_match" ("source_record_id" bigint not null, "field" text not null, "revision" int not null, "text" text not null, "kind" text not null, "standard_address_id" bigint null, "input_level" smallint null, "matched_level" smallint null, "score" real null, "reason" text null, "decision" text null, "decided_by" text null, "updated_at" timestamptz not null default now(), constraint "address_match_pkey" primary key ("source_record_id", "field"));`);
    this.addSql(`create index address_match_queue_idx on address_match (text) where kind <> 'exact' and decision is null;`);
    this.addSql(`create index "address_match_standard_address_id_index" on "address_match" ("standard_address_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "address_match" cascade;`);
  }

}
