/** Reading the append-only audit log (审计日志): who read or changed what, newest first. */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AuditRepository, type AuditEntryRow, type AuditFilter } from '../db/repositories/audit.repository';

export type { AuditEntryRow, AuditFilter };

export class AuditService {
  private readonly audit: AuditRepository;

  constructor(em: EntityManager) {
    this.audit = new AuditRepository(em);
  }

  /** A page of entries (newest first) and whether older ones follow. */
  async page(filter: AuditFilter, first: number, beforeId?: number): Promise<{ rows: AuditEntryRow[]; hasNextPage: boolean }> {
    const rows = await this.audit.list(filter, first + 1, beforeId);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first };
  }
}
