/**
 * A scored pair of source records at or above the review threshold, or a pair a steward decided:
 * the match weight, the level of every comparison and the weight each added (the explanation), the
 * band (linked automatically, waiting for review, decided), and the steward's decision, which every
 * later run respects (a rejected pair never links again; an accepted one always does).
 */
import { BigIntType, Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { MatchBand, StewardDecision } from '../../domain/vocabulary';

@Entity({ tableName: 'match_pair' })
@Index({ name: 'match_pair_review_idx', expression: `create index match_pair_review_idx on match_pair (model, weight desc) where band = 'review' and decision is null` })
@Index({ properties: ['b'] })
export class MatchPair {
  /** Source record ids, a < b. */
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  a!: number;

  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  b!: number;

  @Property({ type: 'text' })
  model!: string;

  /** Match weight (log2 Bayes factor incl. prior); null for a steward decision on an unscored pair. */
  @Property({ type: 'double precision', nullable: true })
  weight?: number;

  /** Level per comparison (0 = null … else), in model order. */
  @Property({ type: 'smallint[]', columnType: 'smallint[]', nullable: true })
  levels?: number[];

  /** Weight each comparison added, in model order. */
  @Property({ type: 'real[]', columnType: 'real[]', nullable: true })
  weights?: number[];

  /** Model version the pair was scored with. */
  @Property({ type: 'integer', nullable: true })
  modelVersion?: number;

  @Enum({ items: MatchBand.values, type: 'text' })
  band!: MatchBand;

  @Enum({ items: StewardDecision.values, type: 'text', nullable: true })
  decision?: StewardDecision;

  @Property({ type: 'text', nullable: true })
  decidedBy?: string;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt?: Date;

  @Property({ type: 'text', nullable: true })
  reason?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt!: Date;
}
