/** Maintenance use cases run by jobs: refresh statistics, recorded as a job run. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { MASTER_TABLES, MaintenanceRepository } from '../db/repositories/maintenance.repository';

export class UnknownTableError extends Error {
  readonly code = 'UNKNOWN_TABLE';
  constructor(readonly table: string) {
    super(`Table ${JSON.stringify(table)} is not a master table; expected one of ${MASTER_TABLES.join(', ')}.`);
  }
}

export class MaintenanceService {
  constructor(private readonly em: EntityManager) {}

  async analyze(tables: readonly string[] = MASTER_TABLES, queue?: { name: string; jobId?: string }): Promise<Record<string, number>> {
    for (const t of tables) if (!(MASTER_TABLES as readonly string[]).includes(t)) throw new UnknownTableError(t);
    const runs = new JobRunRepository(this.em);
    const run = await runs.start('maintenance.analyze', { tables }, queue);
    try {
      const counts = await new MaintenanceRepository(this.em).analyze(tables);
      await runs.finish(run, { counts });
      return counts;
    } catch (e) {
      await runs.finish(run, { error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }
}
