/**
 * What the stewards' API reads besides decisions (数据治理查询): quarantined records as keyset pages
 * and their summary by reason, and where source records sit after a decision (their golden ids).
 * Decisions themselves are StewardService's and AddressService's; re-processing is
 * QuarantineService's (which needs the connectors folder, so it is made here on demand).
 */
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { REPO_ROOT } from '../db/orm-config';
import type { Page } from '../domain/page';
import { LineageRepository } from '../db/repositories/lineage.repository';
import { StewardRepository } from '../db/repositories/steward.repository';
import { QuarantineRepository, type QuarantineFilter, type QuarantinedRecord } from '../db/repositories/source-record.repository';
import { QuarantineService, type ReprocessCounts } from './quarantine.service';

export type { QuarantineFilter, QuarantinedRecord };

/** The repository's connectors folder, for servers started without one. */
export const DEFAULT_CONNECTORS_DIR = join(REPO_ROOT, 'connectors');

export class StewardshipService {
  constructor(private readonly em: EntityManager) {}

  /** Quarantined records, oldest first, `first` per page after the record id `afterId`. */
  async quarantined(filter: QuarantineFilter, first: number, afterId = 0): Promise<Page<QuarantinedRecord>> {
    const rows = await new QuarantineRepository(this.em).list(filter, first + 1, afterId);
    const page = rows.slice(0, first);
    return { rows: page, keys: page.map((r) => [r.id]), hasNextPage: rows.length > first };
  }

  /** Quarantined records per (source, stream, field, rule). */
  quarantineSummary(filter: QuarantineFilter = {}) {
    return new QuarantineRepository(this.em).summary(filter);
  }

  /** Re-maps stored records of a connector's streams with its current mapping (see QuarantineService). */
  reprocess(connectorsDir: string, source: string, streams?: string[]): Promise<ReprocessCounts & { runId: number }> {
    return new QuarantineService(this.em, connectorsDir).reprocess({ source, streams: streams !== undefined && streams.length > 0 ? streams : undefined });
  }

  /** Source record ids of a golden record of a model (empty when merged away, retired or unknown). */
  membersOfGolden(model: string, goldenId: number): Promise<number[]> {
    return new StewardRepository(this.em).membersOfGolden(model, goldenId);
  }

  /** The golden record each source record belongs to now (absent when not resolved). */
  goldensOfRecords(recordIds: readonly number[]): Promise<Map<number, { model: string; goldenId: number }>> {
    return new LineageRepository(this.em).goldensOfRecords(recordIds);
  }
}
