import { Migration } from '@mikro-orm/migrations';

/**
 * Entity resolution state: frozen model parameters, each source record's cluster and blocking
 * tokens, scored and steward-decided pairs, and the lineage of golden identities.
 */
export class Migration20261121230027_resolution extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "person" add column "attributes" jsonb not null default '{}';`);
    this.addSql(`alter table "organisation" add column "attributes" jsonb not null default '{}';`);
    this.addSql(`create table "golden_lineage" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "entity_type" text check ("entity_type" in ('person', 'address', 'house', 'organisation', 'thing', 'event', 'tag', 'other')) not null, "kind" text check ("kind" in ('create', 'merge', 'split', 'unmerge', 'retire')) not null, "from_id" bigint null, "to_id" bigint null, "source_record_ids" bigint[] null, "reason" text null, "decided_by" text check ("decided_by" in ('auto', 'steward', 'rule')) not null, "decided_by_user" text null, "run_id" bigint null);`);
    this.addSql(`create index "golden_lineage_entity_type_to_id_index" on "golden_lineage" ("entity_type", "to_id");`);
    this.addSql(`create index "golden_lineage_entity_type_from_id_index" on "golden_lineage" ("entity_type", "from_id");`);

    this.addSql(`create table "match_member" ("source_record_id" bigint not null, "model" text not null, "golden_id" bigint not null, "revision" int not null, "tokens" integer[] not null, "resolved_at" timestamptz not null default now(), constraint "match_member_pkey" primary key ("source_record_id"));`);
    this.addSql(`create index match_member_tokens_gin on match_member using gin (tokens);`);
    this.addSql(`create index "match_member_model_golden_id_index" on "match_member" ("model", "golden_id");`);

    this.addSql(`create table "match_model_state" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "model" text not null, "version" int not null default 1, "model_hash" text not null, "parameters" jsonb not null, "trained_at" timestamptz not null, "last_run_id" bigint null);`);
    this.addSql(`alter table "match_model_state" add constraint "match_model_state_model_unique" unique ("model");`);

    this.addSql(`create table "match_pair" ("a" bigint not null, "b" bigint not null, "model" text not null, "weight" double precision null, "levels" smallint[] null, "weights" real[] null, "model_version" int null, "band" text check ("band" in ('link', 'review', 'decided')) not null, "decision" text check ("decision" in ('accepted', 'rejected')) null, "decided_by" text null, "decided_at" timestamptz null, "reason" text null, "updated_at" timestamptz not null default now(), constraint "match_pair_pkey" primary key ("a", "b"));`);
    this.addSql(`create index "match_pair_b_index" on "match_pair" ("b");`);
    this.addSql(`create index match_pair_review_idx on match_pair (model, weight desc) where band = 'review' and decision is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person" drop column "attributes";`);
    this.addSql(`alter table "organisation" drop column "attributes";`);
    this.addSql(`drop table if exists "golden_lineage" cascade;`);

    this.addSql(`drop table if exists "match_member" cascade;`);

    this.addSql(`drop table if exists "match_model_state" cascade;`);

    this.addSql(`drop table if exists "match_pair" cascade;`);
  }

}
