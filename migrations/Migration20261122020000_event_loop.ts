import { Migration } from '@mikro-orm/migrations';

/**
 * The event closed loop: the `verified` (已核查) status between feedback and closing; events from
 * department feeds remember their source record and the revision last applied (incremental
 * materialisation: an unchanged record writes nothing); the open events' colour scan.
 */
export class Migration20261122020000_event_loop extends Migration {

  override async up(): Promise<void> {
    const statuses = `('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'verified', 'closed', 'rejected')`;
    this.addSql(`alter table "event" drop constraint if exists "event_status_check";`);
    this.addSql(`alter table "event" add constraint "event_status_check" check ("status" in ${statuses});`);
    this.addSql(`alter table "event_step" drop constraint if exists "event_step_from_status_check";`);
    this.addSql(`alter table "event_step" add constraint "event_step_from_status_check" check ("from_status" in ${statuses});`);
    this.addSql(`alter table "event_step" drop constraint if exists "event_step_to_status_check";`);
    this.addSql(`alter table "event_step" add constraint "event_step_to_status_check" check ("to_status" in ${statuses});`);

    this.addSql(`alter table "event" add column "source_record_id" bigint null, add column "source_revision" int null;`);
    this.addSql(`alter table "event" add constraint "event_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade on delete set null;`);
    this.addSql(`create index "event_source_record_id_index" on "event" ("source_record_id");`);
    this.addSql(`create index event_open_deadline_idx on event (deadline_at) where status not in ('closed', 'rejected');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists event_open_deadline_idx;`);
    this.addSql(`alter table "event" drop constraint "event_source_record_id_foreign";`);
    this.addSql(`drop index if exists "event_source_record_id_index";`);
    this.addSql(`alter table "event" drop column "source_record_id", drop column "source_revision";`);
    this.addSql(`update "event" set "status" = 'fed_back' where "status" = 'verified';`);
    this.addSql(`update "event_step" set "to_status" = 'fed_back' where "to_status" = 'verified';`);
    this.addSql(`update "event_step" set "from_status" = 'fed_back' where "from_status" = 'verified';`);
    const statuses = `('reported', 'accepted', 'dispatched', 'handling', 'fed_back', 'closed', 'rejected')`;
    this.addSql(`alter table "event" drop constraint "event_status_check";`);
    this.addSql(`alter table "event" add constraint "event_status_check" check ("status" in ${statuses});`);
    this.addSql(`alter table "event_step" drop constraint "event_step_from_status_check";`);
    this.addSql(`alter table "event_step" add constraint "event_step_from_status_check" check ("from_status" in ${statuses});`);
    this.addSql(`alter table "event_step" drop constraint "event_step_to_status_check";`);
    this.addSql(`alter table "event_step" add constraint "event_step_to_status_check" check ("to_status" in ${statuses});`);
  }

}
