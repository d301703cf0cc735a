/** Opening and closing the ORM, and running migrations. All SQL lives under src/db. */
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig, type OrmConfigInput } from './orm-config';

export async function openOrm(input: OrmConfigInput): Promise<MikroORM> {
  return MikroORM.init(ormConfig(input));
}

/** Applies pending migrations; returns the names applied. */
export async function migrateUp(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

export async function pendingMigrations(orm: MikroORM): Promise<string[]> {
  return (await orm.getMigrator().getPendingMigrations()).map((m) => m.name);
}

/** Cheap liveness probe of the database (used by /readyz). */
export async function pingDatabase(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
