/**
 * Use case "stewardship": the review queue with explanations, accept/reject of a pair, manual
 * merge of two golden records and unmerge of records out of one. Every decision is stored on the
 * pair (match_pair.decision), audited, and respected by every later run: a rejected pair never
 * links again, an accepted one always does — except that two different values of a distinct field
 * (two valid citizen IDs, two USCCs) never link, so such a request is refused with the reason.
 * Each decision is applied at once by an incremental resolve, whose lineage rows are attributed
 * to the steward.
 */
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StewardRepository, type ReviewItem } from '../db/repositories/steward.repository';
import { ResolutionRepository } from '../db/repositories/resolution.repository';
import { levelLabel, loadMatchModel, probabilityOf, type MatchModel } from '../resolve';
import { MODELS_DIR, RESOLVE_TARGETS } from './resolve-targets';
import { ResolveService, type ResolveSummary } from './resolve.service';

export class StewardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StewardError';
  }
}

export interface ExplainedReviewItem extends ReviewItem {
  probability: number;
  explanation: Array<{ comparison: string; level: string; weight: number }>;
}

export interface Steward {
  user: string;
  reason: string;
}

/** A steward decision names who decided and why; refused otherwise. */
export function requireSteward(s: Steward): void {
  if (s.user.trim() === '') throw new StewardError('a steward decision needs the steward user name');
  if (s.reason.trim() === '') throw new StewardError('a steward decision needs a reason');
}

const ordered = (x: number, y: number): [number, number] => (x < y ? [x, y] : [y, x]);

export class StewardService {
  constructor(
    private readonly em: EntityManager,
    private readonly modelsDir = MODELS_DIR,
  ) {}

  private model(name: string): MatchModel {
    if (RESOLVE_TARGETS[name] === undefined) throw new StewardError(`no model "${name}" (known: ${Object.keys(RESOLVE_TARGETS).join(', ')})`);
    return loadMatchModel(join(this.modelsDir, `${RESOLVE_TARGETS[name]!.model}.json`));
  }

  async reviewQueue(modelName: string, limit = 20, after?: { weight: number; a: number; b: number }): Promise<ExplainedReviewItem[]> {
    const model = this.model(modelName);
    const labels = model.comparisons.map((c) => ['null', ...c.levels.map(levelLabel), 'else']);
    const items = await new StewardRepository(this.em).reviewQueue(modelName, limit, after);
    return items.map((i) => ({
      ...i,
      probability: probabilityOf(i.weight),
      explanation: model.comparisons.map((c, k) => ({ comparison: c.name, level: labels[k]![i.levels[k] ?? 0] ?? String(i.levels[k]), weight: i.weights[k] ?? 0 })),
    }));
  }

  /** Refuses when the records carry different values of a distinct field (two valid IDs never link). */
  private async checkDistinct(model: MatchModel, left: number[], right: number[]): Promise<void> {
    const fields = (model.constraints ?? []).map((c) => ({ name: c.field, from: model.fields[c.field]?.from ?? c.field }));
    if (fields.length === 0) return;
    const records = await new ResolutionRepository(this.em).recordsById([...left, ...right]);
    const byId = new Map(records.map((r) => [r.id, r.canonical]));
    for (const f of fields) {
      const values = (ids: number[]) => new Set(ids.map((id) => byId.get(id)?.[f.from]).filter((v): v is string => typeof v === 'string' && v !== ''));
      const l = values(left);
      const r = values(right);
      for (const a of l) for (const b of r) if (a !== b) throw new StewardError(`cannot link: different ${f.name} (${a} vs ${b}); two different ${f.name} values never link — unmerge or correct the source records instead`);
    }
  }

  private async apply(modelName: string, decisions: Array<{ a: number; b: number; decision: 'accepted' | 'rejected' }>, steward: Steward, action: string, detail: Record<string, unknown>, entityId: number | undefined, splitKind: 'split' | 'unmerge' = 'split'): Promise<ResolveSummary> {
    requireSteward(steward);
    const target = RESOLVE_TARGETS[modelName]!;
    const repo = new StewardRepository(this.em);
    await repo.decide(modelName, decisions, steward.user, steward.reason, [
      { actor: steward.user, action, entityType: target.entityType, entityId, detail: { ...detail, reason: steward.reason, pairs: decisions } },
    ]);
    const summary = await new ResolveService(this.em).resolve(modelName, { modelsDir: this.modelsDir });
    if (summary.runId !== null) await repo.attributeLineage(summary.runId, steward.user, steward.reason, splitKind);
    return summary;
  }

  private async membership(recordId: number): Promise<{ model: string; goldenId: number }> {
    const m = await new StewardRepository(this.em).memberOf(recordId);
    if (m === undefined) throw new StewardError(`source record ${recordId} is not resolved (unknown, invalid, or not resolved yet)`);
    return m;
  }

  /** Accept (same entity) or reject (different entities) a pair of source records. */
  async decide(x: number, y: number, decision: 'accepted' | 'rejected', steward: Steward): Promise<ResolveSummary> {
    if (x === y) throw new StewardError('a pair needs two different source records');
    const [a, b] = ordered(x, y);
    const ma = await this.membership(a);
    const mb = await this.membership(b);
    if (ma.model !== mb.model) throw new StewardError(`records ${a} and ${b} are resolved by different models (${ma.model}, ${mb.model})`);
    const model = this.model(ma.model);
    if (decision === 'accepted') await this.checkDistinct(model, [a], [b]);
    return this.apply(ma.model, [{ a, b, decision }], steward, decision === 'accepted' ? 'steward.accept' : 'steward.reject', { a, b, goldens: [ma.goldenId, mb.goldenId] }, ma.goldenId);
  }

  /** Manual merge: the two golden records are one entity (the survivor keeps its id, the other redirects). */
  async merge(modelName: string, goldenA: number, goldenB: number, steward: Steward): Promise<ResolveSummary> {
    const model = this.model(modelName);
    if (goldenA === goldenB) throw new StewardError('merge needs two different golden records');
    const repo = new StewardRepository(this.em);
    const left = await repo.membersOfGolden(modelName, goldenA);
    const right = await repo.membersOfGolden(modelName, goldenB);
    if (left.length === 0) throw new StewardError(`${modelName} ${goldenA} has no source records (merged away, retired or unknown)`);
    if (right.length === 0) throw new StewardError(`${modelName} ${goldenB} has no source records (merged away, retired or unknown)`);
    await this.checkDistinct(model, left, right);
    const [a, b] = ordered(left[0]!, right[0]!);
    return this.apply(modelName, [{ a, b, decision: 'accepted' }], steward, 'steward.merge', { goldens: [goldenA, goldenB] }, goldenA);
  }

  /** Unmerge: these source records are not the entity the rest of the golden record is. */
  async unmerge(modelName: string, goldenId: number, recordIds: number[], steward: Steward): Promise<ResolveSummary> {
    this.model(modelName);
    const members = await new StewardRepository(this.em).membersOfGolden(modelName, goldenId);
    const out = [...new Set(recordIds)];
    const strangers = out.filter((id) => !members.includes(id));
    if (strangers.length > 0) throw new StewardError(`source records ${strangers.join(', ')} are not members of ${modelName} ${goldenId} (members: ${members.join(', ')})`);
    const rest = members.filter((id) => !out.includes(id));
    if (out.length === 0 || rest.length === 0) throw new StewardError('unmerge needs some, but not all, of the golden record\'s source records');
    const decisions = out.flatMap((r) =>
      rest.map((m) => {
        const [a, b] = ordered(r, m);
        return { a, b, decision: 'rejected' as const };
      }),
    );
    return this.apply(modelName, decisions, steward, 'steward.unmerge', { golden: goldenId, records: out }, goldenId, 'unmerge');
  }
}
