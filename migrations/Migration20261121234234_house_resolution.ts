import { Migration } from '@mikro-orm/migrations';

/** Houses are resolved like persons: golden attributes with provenance; the address is linked once registered. */
export class Migration20261121234234_house_resolution extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "house" drop constraint "house_address_id_foreign";`);

    this.addSql(`alter table "house" add column "attributes" jsonb not null default '{}';`);
    this.addSql(`alter table "house" alter column "address_id" drop not null;`);
    this.addSql(`alter table "house" add constraint "house_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "house" drop constraint "house_address_id_foreign";`);

    this.addSql(`alter table "house" drop column "attributes";`);

    this.addSql(`alter table "house" alter column "address_id" set not null;`);
    this.addSql(`alter table "house" add constraint "house_address_id_foreign" foreign key ("address_id") references "standard_address" ("id") on update cascade on delete no action;`);
  }

}
