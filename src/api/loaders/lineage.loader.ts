/**
 * Per-request DataLoaders of lineage (数据血缘), keyed by golden id per entity type:
 * `source-records-by-<type>`, `provenance-by-<type>`, `history-by-<type>` — one SQL statement per
 * relation and batch. Raw payloads are read only when the viewer has a RAW_PAYLOAD_ROLES role.
 */
import DataLoader from 'dataloader';
import { RAW_PAYLOAD_ROLES, type GraphQLContext } from '../context';
import { LineageService, type LineageEntityType } from '../../services/lineage.service';
import type { AttributeProvenanceType, GoldenLineageEventType, SourceRecordRefType } from '../types/lineage.type';

/** Whether the request's viewer may see raw payloads of source records. */
export function mayReadRawPayloads(ctx: GraphQLContext): boolean {
  return ctx.viewer.roles.some((r) => RAW_PAYLOAD_ROLES.includes(r));
}

export function sourceRecordsLoader(ctx: GraphQLContext, type: LineageEntityType): DataLoader<number, SourceRecordRefType[]> {
  return ctx.loader(`source-records-by-${type}`, () => {
    const raw = mayReadRawPayloads(ctx);
    return new DataLoader<number, SourceRecordRefType[]>(async (ids) => {
      const lists = await ctx.service(LineageService).sourceRecords(type, ids, { includeRaw: raw });
      return lists.map((rows) =>
        rows.map((r) => ({
          id: r.id,
          source: r.source,
          stream: r.stream,
          recordKey: r.recordKey,
          status: r.status,
          fetchedAt: r.fetchedAt,
          updatedAt: r.updatedAt,
          sourceUpdatedAt: r.sourceUpdatedAt,
          canonical: r.canonical,
          rawPayload: raw ? (r.raw ?? null) : null,
          link: {
            score: r.link.score,
            rule: r.link.rule,
            decidedBy: r.link.decidedBy,
            decidedByUser: r.link.decidedByUser,
            decidedAt: r.link.decidedAt,
            weights: Object.entries(r.link.weights).map(([comparison, w]) => ({ comparison, level: String(w.level), weight: Number(w.weight) })),
          },
        })),
      );
    }, { maxBatchSize: 1000 });
  });
}

export function provenanceLoader(ctx: GraphQLContext, type: LineageEntityType): DataLoader<number, AttributeProvenanceType[]> {
  return ctx.loader(`provenance-by-${type}`, () => new DataLoader<number, AttributeProvenanceType[]>((ids) => ctx.service(LineageService).provenance(type, ids), { maxBatchSize: 1000 }));
}

export function historyLoader(ctx: GraphQLContext, type: LineageEntityType): DataLoader<number, GoldenLineageEventType[]> {
  return ctx.loader(`history-by-${type}`, () => new DataLoader<number, GoldenLineageEventType[]>((ids) => ctx.service(LineageService).history(type, ids), { maxBatchSize: 1000 }));
}
