/**
 * Use case "where does this golden record come from" (数据血缘与解释): for batches of golden entities
 * (persons, organisations, houses, standard addresses) their source records with the link that
 * ties each to the golden record (score, rule, per-comparison level and weight, who decided), the
 * per-attribute provenance expanded to { attribute, value, source record, source, stream, rule, at },
 * and the golden_lineage history (created, merged, split, unmerged, retired, with the reason).
 * Every method takes a batch of ids and answers with one list per id (DataLoader-shaped): one SQL
 * statement per relation whatever the batch size. Raw payloads are read only when asked for.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { LineageRepository, LINEAGE_TABLES, type LineageEntityType, type LineageHistoryRow, type LinkedSourceRecord } from '../db/repositories/lineage.repository';

export type { LineageEntityType, LineageHistoryRow, LinkedSourceRecord };

export interface ExpandedProvenance {
  /** Attribute name; a role of a role attribute is `attribute.role` (e.g. `addresses.hukou`). */
  attribute: string;
  /** The value an entry of a union attribute (tags) stands for; null for single-valued attributes. */
  value: string | null;
  sourceRecordId: number;
  source: string | null;
  stream: string | null;
  rule: string;
  at: string | null;
}

export const LINEAGE_ENTITY_TYPES = Object.keys(LINEAGE_TABLES) as LineageEntityType[];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Expands a stored (compact or legacy expanded) provenance map into one entry per attribute value. */
export function expandProvenance(provenance: Record<string, unknown>, streams: Record<string, string>): ExpandedProvenance[] {
  const records = isObject(provenance.records) ? (provenance.records as Record<string, { source?: string; at?: string }>) : {};
  const out: ExpandedProvenance[] = [];
  const push = (attribute: string, e: Record<string, unknown>) => {
    const id = Number(e.sourceRecordId);
    if (!Number.isFinite(id)) return;
    const r = records[String(id)];
    out.push({
      attribute,
      value: e.value === undefined || e.value === null ? null : typeof e.value === 'string' ? e.value : JSON.stringify(e.value),
      sourceRecordId: id,
      source: (r?.source ?? (typeof e.source === 'string' ? e.source : null)) ?? null,
      stream: streams[String(id)] ?? null,
      rule: typeof e.rule === 'string' ? e.rule : '',
      at: (r?.at ?? (typeof e.at === 'string' ? e.at : null)) ?? null,
    });
  };
  for (const attribute of Object.keys(provenance).sort()) {
    if (attribute === 'records') continue;
    const v = provenance[attribute];
    if (Array.isArray(v)) {
      for (const e of v) if (isObject(e)) push(attribute, e);
    } else if (isObject(v)) {
      if ('sourceRecordId' in v) push(attribute, v);
      else for (const role of Object.keys(v).sort()) if (isObject(v[role])) push(`${attribute}.${role}`, v[role] as Record<string, unknown>);
    }
  }
  return out;
}

function grouped<T>(ids: readonly number[], rows: T[], keysOf: (row: T) => number[]): T[][] {
  const by = new Map<number, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) for (const k of keysOf(r)) by.get(k)?.push(r);
  return ids.map((id) => by.get(id)!);
}

export class LineageService {
  constructor(private readonly em: EntityManager) {}

  private check(entityType: string): LineageEntityType {
    if (!(LINEAGE_ENTITY_TYPES as string[]).includes(entityType)) throw new Error(`no lineage for entity type "${entityType}" (known: ${LINEAGE_ENTITY_TYPES.join(', ')})`);
    return entityType as LineageEntityType;
  }

  /** Per golden id (in the order given): its linked source records; `raw` only with `includeRaw`. */
  async sourceRecords(entityType: LineageEntityType, goldenIds: readonly number[], opts: { includeRaw?: boolean } = {}): Promise<LinkedSourceRecord[][]> {
    const rows = await new LineageRepository(this.em).sourceRecords(this.check(entityType), [...new Set(goldenIds)], opts.includeRaw === true);
    return grouped(goldenIds, rows, (r) => [r.goldenId]);
  }

  /** Per golden id: the provenance of each attribute value (empty for an unknown id). */
  async provenance(entityType: LineageEntityType, goldenIds: readonly number[]): Promise<ExpandedProvenance[][]> {
    const rows = await new LineageRepository(this.em).provenance(this.check(entityType), [...new Set(goldenIds)]);
    const by = new Map(rows.map((r) => [r.goldenId, expandProvenance(r.provenance, r.streams)]));
    return goldenIds.map((id) => by.get(id) ?? []);
  }

  /** Per golden id: the lineage events that created, merged, split, unmerged or retired it, oldest first. */
  async history(entityType: LineageEntityType, goldenIds: readonly number[]): Promise<LineageHistoryRow[][]> {
    const rows = await new LineageRepository(this.em).history(this.check(entityType), [...new Set(goldenIds)]);
    return grouped(goldenIds, rows, (r) => [...new Set([r.fromId, r.toId].filter((x): x is number => x !== null))]);
  }
}
