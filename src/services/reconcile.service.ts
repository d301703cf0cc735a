/**
 * Use case "reconcile the sources" (对账): a report per source stream — fetched, valid, quarantined
 * (by reason), linked to a golden entity shared with another feed ("existing") or only its own
 * ("new"), and where its values contradict another feed's on the same golden entity — plus the
 * conflicting attributes between sources with examples, and the coverage gaps of the master data
 * (persons without a current address or grid, addresses without grid, organisations and houses
 * without address). A report can be stored (the `reconcile.report` job does) and read later.
 *
 * Invariants the report keeps: fetched = valid + quarantined + tombstoned; linkedExisting +
 * linkedNew = linked; linked + unlinked = valid.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import {
  ReconcileRepository,
  type AttributeConflictCount,
  type ConflictAttributes,
  type CoverageCounts,
  type StoredReport,
  type StreamCounts,
} from '../db/repositories/reconcile.repository';

/** Canonical fields compared between the source records of one golden entity. */
export const CONFLICT_ATTRIBUTES: ConflictAttributes = {
  person: ['name', 'birthDate', 'gender', 'phone', 'citizenId', 'passportNo', 'ethnicity'],
  organisation: ['name', 'uscc', 'kind', 'phone', 'legalRepName', 'establishedOn'],
  house: ['ownerName', 'use', 'addressCode', 'areaM2'],
};

export interface StreamReconciliation extends StreamCounts {
  /** Quarantined records by field and rule (a record with two reasons counts under both). */
  quarantineReasons: Array<{ field: string; rule: string; records: number }>;
  /** Valid records linked to a golden entity. */
  linked: number;
  /** Linked to a golden entity that another feed's records describe too. */
  linkedExisting: number;
  /** Linked to a golden entity only this feed describes. */
  linkedNew: number;
  /** Valid records without a golden entity (events, inspections, or not resolved yet). */
  unlinked: number;
  /** Per attribute: golden entities where this stream's value is contradicted by another feed's. */
  conflicts: Array<{ entityType: string; attribute: string; goldens: number }>;
}

export interface ReconciliationReport {
  generatedAt: string;
  streams: StreamReconciliation[];
  conflicts: AttributeConflictCount[];
  coverage: CoverageCounts;
  totals: { fetched: number; valid: number; quarantined: number; tombstoned: number; linked: number; linkedExisting: number; linkedNew: number };
}

export interface StoredReconciliationReport {
  id: number;
  createdAt: Date;
  requestedBy: string | null;
  report: ReconciliationReport;
}

const stored = (s: StoredReport): StoredReconciliationReport => ({ ...s, report: s.report as unknown as ReconciliationReport });

export class ReconcileService {
  constructor(private readonly em: EntityManager) {}

  async report(opts: { examplesPerAttribute?: number } = {}): Promise<ReconciliationReport> {
    const repo = new ReconcileRepository(this.em);
    const counts = await repo.streamCounts();
    const reasons = await repo.quarantineReasons();
    const links = await repo.linkCounts();
    const streamConflicts = await repo.streamConflicts(CONFLICT_ATTRIBUTES);
    const conflicts = await repo.attributeConflicts(CONFLICT_ATTRIBUTES, opts.examplesPerAttribute ?? 3);
    const coverage = await repo.coverage();
    const key = (r: { source: string; stream: string }) => `${r.source}\u0000${r.stream}`;
    const linkOf = new Map(links.map((l) => [key(l), l]));
    const streams = counts.map((c): StreamReconciliation => {
      const l = linkOf.get(key(c));
      const linked = l?.linked ?? 0;
      const linkedExisting = l?.linkedShared ?? 0;
      return {
        ...c,
        quarantineReasons: reasons.filter((r) => key(r) === key(c)).map((r) => ({ field: r.field, rule: r.rule, records: r.records })),
        linked,
        linkedExisting,
        linkedNew: linked - linkedExisting,
        unlinked: c.valid - linked,
        conflicts: streamConflicts.filter((x) => key(x) === key(c)).map((x) => ({ entityType: x.entityType, attribute: x.attribute, goldens: x.goldens })),
      };
    });
    const sum = (f: (s: StreamReconciliation) => number) => streams.reduce((n, s) => n + f(s), 0);
    return {
      generatedAt: new Date().toISOString(),
      streams,
      conflicts,
      coverage,
      totals: {
        fetched: sum((s) => s.fetched),
        valid: sum((s) => s.valid),
        quarantined: sum((s) => s.quarantined),
        tombstoned: sum((s) => s.tombstoned),
        linked: sum((s) => s.linked),
        linkedExisting: sum((s) => s.linkedExisting),
        linkedNew: sum((s) => s.linkedNew),
      },
    };
  }

  /**
   * Computes a report and stores it (reconciliation_report) so it can be read later; the run is a
   * job_run of kind `reconcile` with the totals as its counts.
   */
  async run(requestedBy?: string, queue?: { name: string; jobId?: string }): Promise<StoredReconciliationReport> {
    const runs = new JobRunRepository(this.em);
    const run = await runs.start('reconcile', { requestedBy }, queue);
    try {
      const report = await this.report();
      const out = stored(await new ReconcileRepository(this.em).store(report as unknown as Record<string, unknown>, requestedBy ?? null));
      await runs.finish(run, { counts: { ...report.totals, reportId: out.id } });
      return out;
    } catch (e) {
      await runs.finish(run, { error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }

  /** The newest stored report, or undefined when none was made yet. */
  async latest(): Promise<StoredReconciliationReport | undefined> {
    const [r] = await new ReconcileRepository(this.em).latest(1);
    return r === undefined ? undefined : stored(r);
  }

  async byId(id: number): Promise<StoredReconciliationReport | undefined> {
    const r = await new ReconcileRepository(this.em).byId(id);
    return r === undefined ? undefined : stored(r);
  }
}
