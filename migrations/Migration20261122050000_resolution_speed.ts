import { Migration } from '@mikro-orm/migrations';

/**
 * Resolution speed:
 * - entity_link no longer checks its source record by foreign key. Source records are never
 *   deleted (kept forever, tombstoned by status), and links are written only by resolution for
 *   records it has just read; the check took a row lock on the source record for every link
 *   inserted, rewriting pages of the biggest table in the hub during a first build.
 * - person.fingerprint: `<version>:<md5>` of the row as resolution last wrote it, so a full rebuild
 *   compares a golden with it instead of re-reading and hashing the stored jsonb (valid while the
 *   row's version is the one written; null on rows written before).
 */
export class Migration20261122050000_resolution_speed extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "entity_link" drop constraint if exists "entity_link_source_record_id_foreign";`);
    this.addSql(`alter table "person" add column "fingerprint" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "person" drop column "fingerprint";`);
    this.addSql(`alter table "entity_link" add constraint "entity_link_source_record_id_foreign" foreign key ("source_record_id") references "source_record" ("id") on update cascade;`);
  }

}
