/**
 * A source record's place in resolution: the golden entity (cluster) it belongs to, the revision of
 * the record that was resolved (a newer revision means "changed, resolve again"), and its blocking
 * tokens (32-bit hashes of rule + key) by rule position, each position btree-indexed
 * (`match_member_token_<k>` on `tokens[k]` where not null, k = 1…8, see the migration) so an incremental run finds
 * the candidates of new records without scanning.
 */
import { BigIntType, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

@Entity({ tableName: 'match_member' })
@Index({ properties: ['model', 'goldenId'] })
export class MatchMember {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: false })
  sourceRecordId!: number;

  @Property({ type: 'text' })
  model!: string;

  @Property({ type: new BigIntType('number') })
  goldenId!: number;

  @Property({ type: 'integer' })
  revision!: number;

  /** 32-bit hashes of (blocking rule, key), position k for rule k, null without a key: a collision only adds a candidate, which is then scored. */
  @Property({ type: 'integer[]', columnType: 'integer[]' })
  tokens!: Array<number | null>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  resolvedAt!: Date;
}
