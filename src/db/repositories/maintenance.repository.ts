/** Planner maintenance of the master tables. */
import type { EntityManager } from '@mikro-orm/postgresql';

export const MASTER_TABLES = [
  'grid', 'standard_address', 'person', 'person_address', 'person_tag', 'house', 'house_occupant',
  'organisation', 'employment', 'thing', 'event', 'event_step', 'source_record', 'entity_link',
] as const;

export class MaintenanceRepository {
  constructor(private readonly em: EntityManager) {}

  /** ANALYZE each table (names checked against MASTER_TABLES) and return the planner's row estimates. */
  async analyze(tables: readonly string[]): Promise<Record<string, number>> {
    const conn = this.em.getConnection();
    for (const t of tables) await conn.execute(`analyze "${t}"`);
    const rows = await conn.execute<Array<{ relname: string; estimate: string }>>(
      `select relname, greatest(reltuples, 0)::bigint as estimate from pg_class where relname in (${tables.map(() => '?').join(', ')}) and relkind in ('r','p')`,
      [...tables],
    );
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.estimate)]));
  }
}
