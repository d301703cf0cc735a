/**
 * A stored reconciliation report (对账报告): per source stream fetched / valid / quarantined / linked
 * counts, conflicting attributes between sources and coverage gaps, as the `reconcile.report` job
 * computed it (src/services/reconcile.service.ts), kept so it can be read later.
 */
import { BigIntType, Entity, Index, PrimaryKey, type Opt, Property } from '@mikro-orm/core';

@Entity({ tableName: 'reconciliation_report' })
@Index({ properties: ['createdAt'] })
export class ReconciliationReport {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  /** Who asked: a user name, `schedule`, `cli`. */
  @Property({ type: 'text', nullable: true })
  requestedBy?: string;

  /** The report (`ReconciliationReport` of the reconcile service). */
  @Property({ type: 'jsonb' })
  report!: Record<string, unknown>;
}
