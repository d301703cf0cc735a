import { Migration } from '@mikro-orm/migrations';

const TABLES = ['source_record', 'entity_link', 'golden_lineage', 'grid_assignment_history'];
const WITH_GRID = `'person', 'address', 'grid', 'house', 'organisation', 'thing', 'event', 'tag', 'other'`;
const WITHOUT_GRID = `'person', 'address', 'house', 'organisation', 'thing', 'event', 'tag', 'other'`;

/** Grids arrive through a feed (the grid management centre): `grid` becomes an entity type of source records and links. */
export class Migration20261122010000_grid_center extends Migration {

  override async up(): Promise<void> {
    for (const t of TABLES) {
      this.addSql(`alter table "${t}" drop constraint if exists "${t}_entity_type_check";`);
      this.addSql(`alter table "${t}" add constraint "${t}_entity_type_check" check ("entity_type" in (${WITH_GRID}));`);
    }
  }

  override async down(): Promise<void> {
    for (const t of TABLES) {
      this.addSql(`alter table "${t}" drop constraint if exists "${t}_entity_type_check";`);
      this.addSql(`alter table "${t}" add constraint "${t}_entity_type_check" check ("entity_type" in (${WITHOUT_GRID}));`);
    }
  }

}
