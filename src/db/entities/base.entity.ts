/**
 * Columns every table has: a bigint identity key (mapped to a JS number: safe to 2^53) and timestamps.
 * Golden entities add provenance: for each attribute, the source record it came from.
 */
import { BigIntType, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

export abstract class BaseEntity {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date & Opt = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}

/** Where a golden attribute's value came from (survivorship result), expanded. */
export interface AttributeProvenance {
  sourceRecordId: number;
  source: string;
  rule: string;
  at: string;
}

/**
 * Provenance as stored (compact, see src/resolve/survivorship/README.md): per attribute
 * `{ sourceRecordId, rule }` (a union: one entry per value and record, with `value`; roles: role →
 * entry), and once per source record its `{ source, at }` under `records`. The expanded form of an
 * entry is `{ ...entry, ...records[entry.sourceRecordId] }`. Rows written before the compact format
 * hold expanded entries and no `records`.
 */
export type StoredProvenance = Record<string, unknown> & { records?: Record<string, { source: string; at: string }> };

export abstract class GoldenEntity extends BaseEntity {
  /** attribute name → provenance of its current value (compact: see `StoredProvenance`) */
  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  provenance: StoredProvenance & Opt = {};

  /** Optimistic concurrency and change detection for incremental resolution. */
  @Property({ version: true, type: 'integer' })
  version: number & Opt = 1;
}
