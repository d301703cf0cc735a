/**
 * The trained parameters a match model resolves with (m/u per level, λ, term frequencies), frozen
 * between trainings so that incremental runs and a full rebuild score every pair the same way.
 */
import { BigIntType, Entity, type Opt, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

@Entity({ tableName: 'match_model_state' })
@Unique({ properties: ['model'] })
export class MatchModelState extends BaseEntity {
  /** Model name, e.g. `person`. */
  @Property({ type: 'text' })
  model!: string;

  /** Incremented on every training. */
  @Property({ type: 'integer', default: 1 })
  version: number & Opt = 1;

  /** sha256 of the model file's configuration (without parameters): a changed model needs retraining. */
  @Property({ type: 'text' })
  modelHash!: string;

  @Property({ type: 'jsonb' })
  parameters!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  trainedAt!: Date;

  @Property({ type: new BigIntType('number'), nullable: true })
  lastRunId?: number;
}
