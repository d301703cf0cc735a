/**
 * Append-only audit log: every read of personal data and every write. A database trigger
 * (see the initial migration) rejects UPDATE and DELETE on this table.
 */
import { BigIntType, Entity, Index, PrimaryKey, type Opt, Property } from '@mikro-orm/core';

@Entity({ tableName: 'audit_log' })
@Index({ properties: ['at'] })
@Index({ properties: ['actor', 'at'] })
@Index({ properties: ['entityType', 'entityId'] })
export class AuditLog {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date & Opt = new Date();

  /** Principal: API key id, JWT subject, `cli`, `system`. */
  @Property({ type: 'text' })
  actor!: string;

  @Property({ type: 'text', nullable: true })
  actorRole?: string;

  /** read, create, update, merge, unmerge, transition, … */
  @Property({ type: 'text' })
  action!: string;

  @Property({ type: 'text', nullable: true })
  entityType?: string;

  @Property({ type: new BigIntType('number'), nullable: true })
  entityId?: number;

  @Property({ type: 'text[]', nullable: true })
  fields?: string[];

  /** GraphQL operation name or CLI command. */
  @Property({ type: 'text', nullable: true })
  operation?: string;

  @Property({ type: 'jsonb', defaultRaw: `'{}'::jsonb` })
  detail: Record<string, unknown> & Opt = {};
}
