import { Migration } from '@mikro-orm/migrations';

/**
 * The 一标三实 master data model: grids, standard addresses, persons, houses, organisations, things,
 * events, tags, source records and links, sync state, job runs and the append-only audit log.
 */
export class Migration20261121201916_initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "at" timestamptz not null default now(), "actor" text not null, "actor_role" text null, "action" text not null, "entity_type" text null, "entity_id" bigint null, "fields" text[] null, "operation" text null, "detail" jsonb not null default '{}');`);
    this.addSql(`create index "audit_log_entity_type_entity_id_index" on "audit_log" ("entity_type", "entity_id");`);
    this.addSql(`create index "audit_log_actor_at_index" on "audit_log" ("actor", "at");`);
    this.addSql(`create index "audit_log_at_index" on "audit_log" ("at");`);

    this.addSql(`create table "division_code" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" text not null, "name" text not null, "parent_code" text null, "table_version" text not null, "valid_from" date null, "valid_to" date null);`);
    this.addSql(`create index "division_code_parent_code_index" on "division_code" ("parent_code");`);
    this.addSql(`alter table "division_code" add constraint "division_code_code_table_version_unique" unique ("code", "table_version");`);

    this.addSql(`create table "grid_level" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "key" text not null, "name" text not null, "rank" smallint not null);`);
    this.addSql(`alter table "grid_level" add constraint "grid_level_key_unique" unique ("key");`);

    this.addSql(`create table "grid" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" text not null, "name" text not null, "kind" text check ("kind" in ('admin', 'base', 'business', 'household_group')) not null, "level_id" bigint not null, "parent_id" bigint null, "path" text not null, "department" text check ("department" in ('police', 'health', 'safety', 'civil_affairs', 'grid_office')) null, "boundary" jsonb null, "min_lng" double precision null, "min_lat" double precision null, "max_lng" double precision null, "max_lat" double precision null, "valid_from" timestamptz not null default now(), "valid_to" timestamptz null, "workers" jsonb not null default '[]');`);
    this.addSql(`create index "grid_valid_to_index" on "grid" ("valid_to");`);
    this.addSql(`create index "grid_parent_id_name_index" on "grid" ("parent_id", "name");`);
    this.addSql(`create index grid_path_idx on grid (path text_pattern_ops);`);
    this.addSql(`create unique index grid_code_current_uq on grid (code) where valid_to is null;`);

    this.addSql(`create table "business_grid_member" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "business_grid_id" bigint not null, "base_grid_id" bigint not null, "valid_from" timestamptz not null default now(), "valid_to" timestamptz null);`);
    this.addSql(`create index "business_grid_member_base_grid_id_index" on "business_grid_member" ("base_grid_id");`);
    this.addSql(`alter table "business_grid_member" add constraint "business_grid_member_business_grid_id_base_grid_i_b1a09_unique" unique ("business_grid_id", "base_grid_id", "valid_from");`);

    this.addSql(`create table "grid_reorganisation" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "name" text not null, "effective_at" timestamptz not null, "note" text null);`);

    this.addSql(`create table "grid_lineage" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "reorganisation_id" bigint not null, "predecessor_id" bigint not null, "successor_id" bigint not null, "kind" text check ("kind" in ('merge', 'split', 'rename', 'recode', 'boundary')) not null);`);
    this.addSql(`create index "grid_lineage_successor_id_index" on "grid_lineage" ("successor_id");`);
    this.addSql(`create index "grid_lineage_predecessor_id_index" on "grid_lineage" ("predecessor_id");`);

    this.addSql(`create table "grid_assignment_history" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "entity_type" text check ("entity_type" in ('person', 'address', 'house', 'organisation', 'thing', 'event', 'tag', 'other')) not null, "entity_id" bigint not null, "from_grid_id" bigint null, "to_grid_id" bigint null, "reorganisation_id" bigint null, "changed_at" timestamptz not null);`);
    this.addSql(`create index "grid_assignment_history_entity_type_entity_id_index" on "grid_assignment_history" ("entity_type", "entity_id");`);

    this.addSql(`create table "job_run" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "kind" text not null, "queue" text null, "queue_job_id" text null, "params" jsonb not null default '{}', "status" text check ("status" in ('queued', 'running', 'succeeded', 'failed', 'cancelled')) not null, "counts" jsonb not null default '{}', "started_at" timestamptz not null, "finished_at" timestamptz null, "error" text null);`);
    this.addSql(`create index "job_run_kind_started_at_index" on "job_run" ("kind", "started_at");`);

    this.addSql(`create table "person" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "citizen_id" char(18) null, "document_no" text null, "name" text not null, "name_pinyin" text null, "gender" text check ("gender" in ('M', 'F', 'U')) not null default 'U', "birth_date" date null, "kind" text check ("kind" in ('hukou', 'floating', 'foreign')) not null, "status" text check ("status" in ('active', 'moved_out', 'deceased')) not null default 'active', "nationality" text null, "ethnicity" text null, "phone" text null, "grid_id" bigint null, "merged_into_id" bigint null);`);
    this.addSql(`create index "person_phone_index" on "person" ("phone");`);
    this.addSql(`create index person_name_trgm on person using gin (name gin_trgm_ops);`);
    this.addSql(`create index "person_birth_date_name_pinyin_index" on "person" ("birth_date", "name_pinyin");`);
    this.addSql(`create index "person_citizen_id_index" on "person" ("citizen_id");`);
    this.addSql(`create index "person_grid_id_id_index" on "person" ("grid_id", "id");`);

    this.addSql(`create table "source_record" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "source" text not null, "stream" text not null, "record_key" text not null, "entity_type" text check ("entity_type" in ('person', 'address', 'house', 'organisation', 'thing', 'event', 'tag', 'other')) not null, "raw" jsonb not null, "canonical" jsonb null, "content_hash" char(64) not null, "status" text check ("status" in ('valid', 'quarantined', 'tombstoned')) not null, "issues" jsonb not null default '[]', "revision" int not null default 1, "first_seen_at" timestamptz not null, "fetched_at" timestamptz not null, "source_updated_at" timestamptz null, "last_run_id" bigint null);`);
    this.addSql(`create index "source_record_entity_type_status_index" on "source_record" ("entity_type", "status");`);
    this.addSql(`create index source_record_quarantined_idx on source_record (source, stream, id) where status = 'quarantined';`);
    this.addSql(`alter table "source_record" add constraint "source_record_source_stream_record_key_unique" unique ("source", "stream", "record_key");`);

    this.addSql(`create table "entity_link" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "source_record_id" bigint not null, "entity_type" text check ("entity_type" in ('person', 'address', 'house', 'organisation', 'thing', 'event', 'tag', 'other')) not null, "entity_id" bigint not null, "score" double precision null, "rule" text not null, "weights" jsonb not null default '{}', "decided_by" text check ("decided_by" in ('auto', 'steward', 'rule')) not null, "decided_by_user" text null, "decided_at" timestamptz not null, "unlinked_at" timestamptz null, "unlink_reason" text null);`);
    this.addSql(`create index "entity_link_entity_type_entity_id_index" on "entity_link" ("entity_type", "entity_id");`);
    this.addSql(`create unique index entity_link_active_uq on entity_link (source_record_id) where unlinked_at is null;`);

    this.addSql(`create table "source_record_version" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "source_record_id" bigint not null, "revision" int not null, "raw" jsonb not null, "canonical" jsonb null, "content_hash" char(64) not null, "status" text check ("status" in ('valid', 'quarantined', 'tombstoned')) not null, "issues" jsonb not null default '[]', "fetched_at" timestamptz not null);`);
    this.addSql(`create index "source_record_version_source_record_id_revision_index" on "source_record_version" ("source_record_id", "revision");`);

    this.addSql(`create table "standard_address" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "code" text null, "parent_id" bigint null, "level" text check ("level" in ('10', '20', '30', '34', '40', '41', '42', '43', '44', '50', '61', '62')) not null, "element_name" text not null, "components" jsonb not null default '{}', "full_text" text not null, "floor" smallint null, "lng" double precision null, "lat" double precision null, "grid_id" bigint null, "police_beat_id" bigint null, "retired_at" timestamptz null);`);
    this.addSql(`create index "standard_address_full_text_index" on "standard_address" ("full_text");`);
    this.addSql(`create index standard_address_full_text_trgm on standard_address using gin (full_text gin_trgm_ops);`);
    this.addSql(`create index "standard_address_parent_id_index" on "standard_address" ("parent_id");`);
    this.addSql(`create index "standard_address_grid_id_id_index" on "standard_address" ("grid_id", "id");`);
    this.addSql(`create unique index standard_address_code_uq on standard_address (code) where code is not null;`);

    this.addSql(`create table "person_address" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "person_id" bigint not null, "address_id" bigint not null, "role" text check ("role" in ('hukou', 'residence', 'work')) not null, "valid_from" date null, "valid_to" date null, "source_record_id" bigint null, "current" boolean not null default true);`);
    this.addSql(`create index "person_address_address_id_index" on "person_address" ("address_id");`);
    this.addSql(`create index "person_address_person_id_role_index" on "person_address" ("person_id", "role");`);

    this.addSql(`create table "organisation" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "uscc" char(18) null, "legacy_registration_no" text null, "name" text not null, "kind" text check ("kind" in ('enterprise', 'individual_business', 'government', 'institution', 'social_organisation', 'community_organisation', 'small_shop', 'small_restaurant', 'small_entertainment', 'other')) not null, "status" text check ("status" in ('active', 'closed', 'suspended')) not null default 'active', "industry_code" text null, "legal_representative_id" bigint null, "legal_representative_name" text null, "phone" text null, "established_on" date null, "address_id" bigint null, "grid_id" bigint null, "merged_into_id" bigint null);`);
    this.addSql(`create index organisation_name_trgm on organisation using gin (name gin_trgm_ops);`);
    this.addSql(`create index "organisation_kind_grid_id_index" on "organisation" ("kind", "grid_id");`);
    this.addSql(`create index "organisation_uscc_index" on "organisation" ("uscc");`);
    this.addSql(`create index "organisation_grid_id_id_index" on "organisation" ("grid_id", "id");`);

    this.addSql(`create table "employment" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "organisation_id" bigint not null, "person_id" bigint not null, "position" text null, "valid_from" date null, "valid_to" date null);`);
    this.addSql(`create index "employment_person_id_index" on "employment" ("person_id");`);
    this.addSql(`create index "employment_organisation_id_index" on "employment" ("organisation_id");`);

    this.addSql(`create table "house" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "code" text null, "kind" text check ("kind" in ('building', 'dwelling')) not null, "address_id" bigint not null, "use" text check ("use" in ('residential', 'commercial', 'office', 'industrial', 'warehouse', 'mixed', 'other')) not null default 'residential', "area_m2" numeric(10,2) null, "owner_person_id" bigint null, "owner_organisation_id" bigint null, "owner_name" text null, "is_rental" boolean not null default false, "rental" jsonb null, "grid_id" bigint null, "merged_into_id" bigint null);`);
    this.addSql(`create index house_rental_idx on house (grid_id, id) where is_rental;`);
    this.addSql(`create index "house_address_id_index" on "house" ("address_id");`);
    this.addSql(`create index "house_grid_id_id_index" on "house" ("grid_id", "id");`);

    this.addSql(`create table "house_occupant" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "house_id" bigint not null, "person_id" bigint not null, "relation" text check ("relation" in ('owner', 'family', 'tenant', 'other')) not null, "valid_from" date null, "valid_to" date null);`);
    this.addSql(`create index "house_occupant_person_id_index" on "house_occupant" ("person_id");`);
    this.addSql(`create index "house_occupant_house_id_index" on "house_occupant" ("house_id");`);

    this.addSql(`create table "event" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "code" text not null, "title" text not null, "description" text null, "origin" text check ("origin" in ('patrol', 'resident', 'department')) not null, "category_scheme" text check ("category_scheme" in ('dispute', 'public_order', 'safety_hazard', 'city_management', 'other')) not null, "category_code" text not null, "scale" text check ("scale" in ('individual', 'group', 'major_group')) not null default 'individual', "grade" text check ("grade" in ('especially_major', 'major', 'larger', 'general')) not null default 'general', "status" text check ("status" in ('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'closed', 'rejected')) not null default 'reported', "colour" text check ("colour" in ('green', 'yellow', 'red')) not null default 'green', "supervision_level" smallint not null default 0, "reported_at" timestamptz not null, "deadline_at" timestamptz null, "closed_at" timestamptz null, "assignee" text null, "grid_id" bigint null, "address_id" bigint null, "lng" double precision null, "lat" double precision null);`);
    this.addSql(`create unique index event_code_uq on event (code);`);
    this.addSql(`create index "event_status_deadline_at_index" on "event" ("status", "deadline_at");`);
    this.addSql(`create index "event_grid_id_status_reported_at_index" on "event" ("grid_id", "status", "reported_at");`);
    this.addSql(`create index "event_grid_id_id_index" on "event" ("grid_id", "id");`);

    this.addSql(`create table "event_step" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" bigint not null, "action" text not null, "from_status" text check ("from_status" in ('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'closed', 'rejected')) null, "to_status" text check ("to_status" in ('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'closed', 'rejected')) not null, "actor" text not null, "actor_role" text null, "at" timestamptz not null, "note" text null, "detail" jsonb not null default '{}');`);
    this.addSql(`create index "event_step_event_id_at_index" on "event_step" ("event_id", "at");`);

    this.addSql(`create table "event_party" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "event_id" bigint not null, "person_id" bigint null, "organisation_id" bigint null, "role" text check ("role" in ('reporter', 'involved', 'responsible', 'witness')) not null);`);
    this.addSql(`create index "event_party_organisation_id_index" on "event_party" ("organisation_id");`);
    this.addSql(`create index "event_party_person_id_index" on "event_party" ("person_id");`);
    this.addSql(`create index "event_party_event_id_index" on "event_party" ("event_id");`);

    this.addSql(`create table "sync_state" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "source" text not null, "stream" text not null, "cursor" jsonb not null default '{}', "last_synced_at" timestamptz null, "last_run_id" bigint null);`);
    this.addSql(`alter table "sync_state" add constraint "sync_state_source_stream_unique" unique ("source", "stream");`);

    this.addSql(`create table "tag_definition" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "code" text not null, "name" text not null, "group" text check ("group" in ('key_group', 'care_group', 'health', 'other')) not null, "owner" text check ("owner" in ('police', 'health', 'safety', 'civil_affairs', 'grid_office')) not null, "sensitivity" text check ("sensitivity" in ('public', 'internal', 'sensitive', 'secret')) not null, "detail_fields" jsonb not null default '[]');`);
    this.addSql(`alter table "tag_definition" add constraint "tag_definition_code_unique" unique ("code");`);

    this.addSql(`create table "person_tag" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "person_id" bigint not null, "tag_id" bigint not null, "source" text not null, "detail" jsonb not null default '{}', "valid_from" date null, "valid_to" date null, "source_record_id" bigint null);`);
    this.addSql(`create index "person_tag_tag_id_person_id_index" on "person_tag" ("tag_id", "person_id");`);
    this.addSql(`create index "person_tag_person_id_index" on "person_tag" ("person_id");`);

    this.addSql(`create table "thing" ("id" bigserial primary key, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "provenance" jsonb not null default '{}', "version" int not null default 1, "code" text null, "kind" text check ("kind" in ('city_part', 'hazard_source', 'safety_equipment')) not null, "major_class" text null, "minor_class" text null, "name" text not null, "status" text not null default 'normal', "lng" double precision null, "lat" double precision null, "address_id" bigint null, "owner_organisation_id" bigint null, "attributes" jsonb not null default '{}', "grid_id" bigint null);`);
    this.addSql(`create unique index thing_code_uq on thing (code) where code is not null;`);
    this.addSql(`create index "thing_kind_major_class_minor_class_index" on "thing" ("kind", "major_class", "minor_class");`);
    this.addSql(`create index "thing_grid_id_id_index" on "thing" ("grid_id", "id");`);

    this.addSql(`alter table "grid" add constraint "grid_level_id_foreign" foreign key ("level_id") references "grid_level" ("id") on update cascade;`);
    this.addSql(`alter table "grid" add constraint "grid_parent_id_foreign" foreign key ("parent_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "business_grid_member" add constraint "business_grid_member_business_grid_id_foreign" foreign key ("business_grid_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "business_grid_member" add constraint "business_grid_member_base_grid_id_foreign" foreign key ("base_grid_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_reorganisation_id_foreign" foreign key ("reorganisation_id") references "grid_reorganisation" ("id") on update cascade;`);
    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_predecessor_id_foreign" foreign key ("predecessor_id") references "grid" ("id") on update cascade;`);
    this.addSql(`alter table "grid_lineage" add constraint "grid_lineage_successor_id_foreign" foreign key ("successor_id") references "grid" ("id") on update cascade;`);

    this.addSql(`alter table "grid_assignment_history" add constraint "grid_assignment_history_from_grid_id_foreign" foreign key ("from_grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "grid_assignment_history" add constraint "grid_assignment_history_to_grid_id_foreign" foreign key ("to_grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "grid_assignment_history" add constraint "grid_assignment_history_reorganisation_id_foreign" foreign key ("reorganisation_id") references "grid_reorganisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "person" add constraint "person_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "person" add constraint "person_merged_into_id_foreign" foreign key ("merged_into_id") references "person" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "entity_link" add constraint "entity_link_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade;`);

    this.addSql(`alter table "source_record_version" add constraint "source_record_version_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade;`);

    this.addSql(`alter table "standard_address" add constraint "standard_address_parent_id_foreign" foreign key ("parent_id") references "standard_address" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "standard_address" add constraint "standard_address_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "standard_address" add constraint "standard_address_police_beat_id_foreign" foreign key ("police_beat_id") references "grid" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "person_address" add constraint "person_address_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "person_address" add constraint "person_address_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade;`);
    this.addSql(`alter table "person_address" add constraint "person_address_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "organisation" add constraint "organisation_legal_representative_id_foreign" foreign key ("legal_representative_id") references "person" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organisation" add constraint "organisation_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organisation" add constraint "organisation_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "organisation" add constraint "organisation_merged_into_id_foreign" foreign key ("merged_into_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "employment" add constraint "employment_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade;`);
    this.addSql(`alter table "employment" add constraint "employment_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);

    this.addSql(`alter table "house" add constraint "house_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade;`);
    this.addSql(`alter table "house" add constraint "house_owner_person_id_foreign" foreign key ("owner_person_id") references "person" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "house" add constraint "house_owner_organisation_id_foreign" foreign key ("owner_organisation_id") references "organisation" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "house" add constraint "house_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "house" add constraint "house_merged_into_id_foreign" foreign key ("merged_into_id") references "house" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "house_occupant" add constraint "house_occupant_house_id_foreign" foreign key ("house_id") references "house" ("id") on update cascade;`);
    this.addSql(`alter table "house_occupant" add constraint "house_occupant_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);

    this.addSql(`alter table "event" add constraint "event_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "event" add constraint "event_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "event_step" add constraint "event_step_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade;`);

    this.addSql(`alter table "event_party" add constraint "event_party_event_id_foreign" foreign key ("event_id") references "event" ("id") on update cascade;`);
    this.addSql(`alter table "event_party" add constraint "event_party_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "event_party" add constraint "event_party_organisation_id_foreign" foreign key ("organisation_id") references "organisation" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "person_tag" add constraint "person_tag_person_id_foreign" foreign key ("person_id") references "person" ("id") on update cascade;`);
    this.addSql(`alter table "person_tag" add constraint "person_tag_tag_id_foreign" foreign key ("tag_id") references "tag_definition" ("id") on update cascade;`);
    this.addSql(`alter table "person_tag" add constraint "person_tag_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "thing" add constraint "thing_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "thing" add constraint "thing_owner_organisation_id_foreign" foreign key ("owner_organisation_id") references "organisation" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "thing" add constraint "thing_grid_id_foreign" foreign key ("grid_id") references "grid" ("id") on update cascade on delete set null;`);

    // The audit log is append-only: updates and deletes are refused by the database itself.
    this.addSql(`create function audit_log_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege'; end $$;`);
    this.addSql(`create trigger audit_log_no_update_delete before update or delete on audit_log for each row execute function audit_log_append_only();`);
    this.addSql(`create trigger audit_log_no_truncate before truncate on audit_log for each statement execute function audit_log_append_only();`);

    // Default grid levels (data, not code: a place with other levels edits or adds rows).
    this.addSql(`insert into grid_level (key, name, rank) values ('city', '市', 0), ('district', '区/县', 1), ('town', '镇/街道', 2), ('community', '村/社区', 3), ('base', '基础网格', 4), ('household_group', '住户小组', 5), ('business', '专业网格', 4);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists audit_log_no_update_delete on audit_log;`);
    this.addSql(`drop trigger if exists audit_log_no_truncate on audit_log;`);
    this.addSql(`drop function if exists audit_log_append_only();`);
    this.addSql(`alter table "grid" drop constraint "grid_level_id_foreign";`);

    this.addSql(`alter table "grid" drop constraint "grid_parent_id_foreign";`);

    this.addSql(`alter table "business_grid_member" drop constraint "business_grid_member_business_grid_id_foreign";`);

    this.addSql(`alter table "business_grid_member" drop constraint "business_grid_member_base_grid_id_foreign";`);

    this.addSql(`alter table "grid_lineage" drop constraint "grid_lineage_predecessor_id_foreign";`);

    this.addSql(`alter table "grid_lineage" drop constraint "grid_lineage_successor_id_foreign";`);

    this.addSql(`alter table "grid_assignment_history" drop constraint "grid_assignment_history_from_grid_id_foreign";`);

    this.addSql(`alter table "grid_assignment_history" drop constraint "grid_assignment_history_to_grid_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_grid_id_foreign";`);

    this.addSql(`alter table "standard_address" drop constraint "standard_address_grid_id_foreign";`);

    this.addSql(`alter table "standard_address" drop constraint "standard_address_police_beat_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_grid_id_foreign";`);

    this.addSql(`alter table "house" drop constraint "house_grid_id_foreign";`);

    this.addSql(`alter table "event" drop constraint "event_grid_id_foreign";`);

    this.addSql(`alter table "thing" drop constraint "thing_grid_id_foreign";`);

    this.addSql(`alter table "grid_lineage" drop constraint "grid_lineage_reorganisation_id_foreign";`);

    this.addSql(`alter table "grid_assignment_history" drop constraint "grid_assignment_history_reorganisation_id_foreign";`);

    this.addSql(`alter table "person" drop constraint "person_merged_into_id_foreign";`);

    this.addSql(`alter table "person_address" drop constraint "person_address_person_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_legal_representative_id_foreign";`);

    this.addSql(`alter table "employment" drop constraint "employment_person_id_foreign";`);

    this.addSql(`alter table "house" drop constraint "house_owner_person_id_foreign";`);

    this.addSql(`alter table "house_occupant" drop constraint "house_occupant_person_id_foreign";`);

    this.addSql(`alter table "event_party" drop constraint "event_party_person_id_foreign";`);

    this.addSql(`alter table "person_tag" drop constraint "person_tag_person_id_foreign";`);

    this.addSql(`alter table "entity_link" drop constraint "entity_link_source_record_id_foreign";`);

    this.addSql(`alter table "source_record_version" drop constraint "source_record_version_source_record_id_foreign";`);

    this.addSql(`alter table "person_address" drop constraint "person_address_source_record_id_foreign";`);

    this.addSql(`alter table "person_tag" drop constraint "person_tag_source_record_id_foreign";`);

    this.addSql(`alter table "standard_address" drop constraint "standard_address_parent_id_foreign";`);

    this.addSql(`alter table "person_address" drop constraint "person_address_address_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_address_id_foreign";`);

    this.addSql(`alter table "house" drop constraint "house_address_id_foreign";`);

    this.addSql(`alter table "event" drop constraint "event_address_id_foreign";`);

    this.addSql(`alter table "thing" drop constraint "thing_address_id_foreign";`);

    this.addSql(`alter table "organisation" drop constraint "organisation_merged_into_id_foreign";`);

    this.addSql(`alter table "employment" drop constraint "employment_organisation_id_foreign";`);

    this.addSql(`alter table "house" drop constraint "house_owner_organisation_id_foreign";`);

    this.addSql(`alter table "event_party" drop constraint "event_party_organisation_id_foreign";`);

    this.addSql(`alter table "thing" drop constraint "thing_owner_organisation_id_foreign";`);

    this.addSql(`alter table "house" drop constraint "house_merged_into_id_foreign";`);

    this.addSql(`alter table "house_occupant" drop constraint "house_occupant_house_id_foreign";`);

    this.addSql(`alter table "event_step" drop constraint "event_step_event_id_foreign";`);

    this.addSql(`alter table "event_party" drop constraint "event_party_event_id_foreign";`);

    this.addSql(`alter table "person_tag" drop constraint "person_tag_tag_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);

    this.addSql(`drop table if exists "division_code" cascade;`);

    this.addSql(`drop table if exists "grid_level" cascade;`);

    this.addSql(`drop table if exists "grid" cascade;`);

    this.addSql(`drop table if exists "business_grid_member" cascade;`);

    this.addSql(`drop table if exists "grid_reorganisation" cascade;`);

    this.addSql(`drop table if exists "grid_lineage" cascade;`);

    this.addSql(`drop table if exists "grid_assignment_history" cascade;`);

    this.addSql(`drop table if exists "job_run" cascade;`);

    this.addSql(`drop table if exists "person" cascade;`);

    this.addSql(`drop table if exists "source_record" cascade;`);

    this.addSql(`drop table if exists "entity_link" cascade;`);

    this.addSql(`drop table if exists "source_record_version" cascade;`);

    this.addSql(`drop table if exists "standard_address" cascade;`);

    this.addSql(`drop table if exists "person_address" cascade;`);

    this.addSql(`drop table if exists "organisation" cascade;`);

    this.addSql(`drop table if exists "employment" cascade;`);

    this.addSql(`drop table if exists "house" cascade;`);

    this.addSql(`drop table if exists "house_occupant" cascade;`);

    this.addSql(`drop table if exists "event" cascade;`);

    this.addSql(`drop table if exists "event_step" cascade;`);

    this.addSql(`drop table if exists "event_party" cascade;`);

    this.addSql(`drop table if exists "sync_state" cascade;`);

    this.addSql(`drop table if exists "tag_definition" cascade;`);

    this.addSql(`drop table if exists "person_tag" cascade;`);

    this.addSql(`drop table if exists "thing" cascade;`);
  }

}
