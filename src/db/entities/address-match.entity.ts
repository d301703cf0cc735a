/**
 * Where a free-text address of a source record (a person's residence or hukou address, an
 * organisation's address, an event's place) sits on the standard address tree: matched exactly,
 * only down to an ancestor (partial: the element itself is not registered), or not at all
 * (candidate). Partial and candidate addresses wait for a steward, who maps them onto an existing
 * standard address or registers a new one; the decision is kept.
 */
import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'address_match' })
@Index({ properties: ['standardAddressId'] })
@Index({ name: 'address_match_queue_idx', expression: `create index address_match_queue_idx on address_match (text) where kind <> 'exact' and decision is null` })
export class AddressMatch {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  sourceRecordId!: number;

  /** Canonical field holding the address, e.g. `residenceAddress`. */
  @PrimaryKey({ type: 'text' })
  field!: string;

  /** Revision of the source record that was matched. */
  @Property({ type: 'integer' })
  revision!: number;

  /** The canonical address text. */
  @Property({ type: 'text' })
  text!: string;

  /** exact | partial | candidate */
  @Property({ type: 'text' })
  kind!: string;

  /** Exact: the address; partial/candidate: the deepest registered ancestor, when known. */
  @Property({ type: new BigIntType('number'), nullable: true })
  standardAddressId?: number;

  /** GA/T level of the input's deepest element, and of the matched standard address. */
  @Property({ type: 'smallint', nullable: true })
  inputLevel?: number;

  @Property({ type: 'smallint', nullable: true })
  matchedLevel?: number;

  @Property({ type: 'real', nullable: true })
  score?: number;

  /** Why not exact (ambiguous, unknown room, outside the district …). */
  @Property({ type: 'text', nullable: true })
  reason?: string;

  /** Steward decision on this text: mapped (onto an existing address) or registered (a new address). */
  @Property({ type: 'text', nullable: true })
  decision?: string;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
