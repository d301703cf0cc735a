/**
 * Use case "resolve": source records → clusters → golden records, incrementally.
 *
 * 1. The model's parameters are frozen in match_model_state (trained by EM on first use, when the
 *    model file changes, or on request — then the run is a full rebuild), so every run scores a
 *    pair the same way.
 * 2. The work set: in an incremental run, the new and changed records, the records sharing a
 *    blocking token with them (GIN lookup), every record of the clusters those belong to, and —
 *    repeated until nothing is added — every record linked to one of these by a stored link or an
 *    accepted steward decision. That is a union of whole components of the link graph, and the
 *    clustering is decided per component, so an incremental run gives the clusters a full rebuild
 *    gives. A full rebuild's work set is every record.
 * 3. The engine blocks, scores and clusters the work set, honouring steward decisions (accepted
 *    pairs join first, rejected ones never join) and the distinct constraints.
 * 4. Golden ids stay stable (assignGoldenIds): survivors keep theirs, absorbed ids redirect
 *    (`merged_into`), splits get new ids; lineage rows say what happened and why.
 * 5. Writes are differential: unchanged members, pairs, links and golden rows are not rewritten, so
 *    a run with no change writes nothing. A golden row is compared through its fingerprint when the
 *    table keeps one. A first build is a bulk load (ResolutionRepository.write): new goldens are
 *    survived while a second connection stages them, secondary indexes are rebuilt afterwards.
 */
import { lapTimer } from '../lib/lap-timer';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import { JobRunRepository } from '../db/repositories/job-run.repository';
import { ResolutionRepository, type LineageRow, type LinkRow, type MemberRow, type PairRow, type ResolvableRecord } from '../db/repositories/resolution.repository';
import { stableJson } from '../lib/stable-json';
import {
  assignGoldenIds,
  blockTokens,
  buildFeatureTable,
  compileComparisons,
  termFrequencies,
  compileSurvivorship,
  linkRecords,
  loadMatchModel,
  memberRecord,
  parseSurvivorship,
  weightOf,
  type FeatureTable,
  type LinkResult,
  type MatchModel,
  type MemberRecord,
  type TrainedParameters,
} from '../resolve';
import type { ClientConfig } from 'pg';
import { GoldenStage, useGoldenStage } from './golden-stage';
import { MODELS_DIR, RESOLVE_TARGETS, newColumnsMemo, type ColumnsMemo, type ResolveTarget } from './resolve-targets';

export interface ResolveOptions {
  mode?: 'incremental' | 'full';
  /** Re-estimate the model's parameters (implies a full rebuild). */
  retrain?: boolean;
  /** Folder with `<model>.json` and `<model>.survivorship.json` (default src/resolve/models). */
  modelsDir?: string;
}

export interface ResolveCounts {
  /** New or changed records (all valid records in a full rebuild). */
  touched: number;
  /** Records that left resolution (no longer valid). */
  removed: number;
  /** Records in the work set (touched + their candidates' whole components). */
  workSet: number;
  pairsScored: number;
  links: number;
  review: number;
  refused: number;
  clusters: number;
  goldensCreated: number;
  goldensMerged: number;
  goldensSplit: number;
  goldensRetired: number;
  goldenRowsWritten: number;
  membersWritten: number;
  pairsWritten: number;
  linksWritten: number;
  trained: number;
}

export interface ResolveSummary extends ResolveCounts {
  model: string;
  modelVersion: number;
  mode: 'incremental' | 'full';
  runId: number | null;
  timings: Record<string, number>;
}

const zero = (): ResolveCounts => ({
  touched: 0, removed: 0, workSet: 0, pairsScored: 0, links: 0, review: 0, refused: 0, clusters: 0, goldensCreated: 0, goldensMerged: 0,
  goldensSplit: 0, goldensRetired: 0, goldenRowsWritten: 0, membersWritten: 0, pairsWritten: 0, linksWritten: 0, trained: 0,
});

export function modelHash(model: MatchModel): string {
  return createHash('sha256').update(stableJson({ ...model, parameters: undefined, description: undefined })).digest('hex');
}

/**
 * Term frequencies of values seen once equal the table's minimum, which the scorer uses for unseen values: drop them.
 * The minimum is kept under a key no value has (U+0001: jsonb cannot store U+0000).
 */
function compactParameters(p: TrainedParameters): TrainedParameters {
  if (p.termFrequencies === undefined) return p;
  const tf: Record<string, Record<string, number>> = {};
  for (const [name, freq] of Object.entries(p.termFrequencies)) {
    let min = 1;
    for (const v of Object.values(freq)) if (v < min) min = v;
    const kept: Record<string, number> = { '\u0001min': min };
    for (const [value, f] of Object.entries(freq)) if (f > min * 1.5) kept[value] = f;
    tf[name] = kept;
  }
  return { ...p, termFrequencies: tf };
}

/**
 * The golden columns' name pinyin (`pinyinKey(name) || null`) is what a feature prepared with
 * exactly `["pinyin"]` holds for its raw string: taken from the engine's table, not computed again.
 */
function seedPinyinMemo(memo: ColumnsMemo, model: MatchModel, table: FeatureTable, canonicals: ReadonlyArray<Record<string, unknown>>): void {
  for (const [name, f] of Object.entries(model.fields)) {
    const from = f.from ?? name;
    const col = table.columns[name];
    if (f.prepare?.length !== 1 || f.prepare[0] !== 'pinyin' || from.includes('.') || col === undefined) continue;
    for (let i = 0; i < canonicals.length; i++) {
      const raw = canonicals[i]![from];
      const v = col[i];
      if (typeof raw === 'string' && raw !== '' && (typeof v === 'string' || v === null)) memo.pinyin.set(raw, v);
    }
  }
}

const pairKey = (a: number, b: number): string => `${a}:${b}`;

/** The top-level canonical keys a match model reads (its fields' `from`, first path segment). */
function modelKeys(model: MatchModel): string[] {
  return [...new Set(Object.entries(model.fields).map(([name, f]) => (f.from ?? name).split('.')[0]!))];
}

export class ResolveService {
  constructor(private readonly em: EntityManager) {}

  static targets(): string[] {
    return Object.keys(RESOLVE_TARGETS);
  }

  async resolve(targetName: string, o: ResolveOptions = {}): Promise<ResolveSummary> {
    const target: ResolveTarget | undefined = RESOLVE_TARGETS[targetName];
    if (target === undefined) throw new Error(`no resolve target "${targetName}" (known: ${Object.keys(RESOLVE_TARGETS).join(', ')})`);
    const dir = o.modelsDir ?? MODELS_DIR;
    const model = loadMatchModel(join(dir, `${target.model}.json`));
    const survivorshipFile = join(dir, `${target.model}.survivorship.json`);
    // Compact provenance (survivorship README): each record's source and time once, not per attribute.
    const survivor = compileSurvivorship(parseSurvivorship(JSON.parse(readFileSync(survivorshipFile, 'utf8')) as unknown, survivorshipFile), survivorshipFile, { compact: true });
    const repo = new ResolutionRepository(this.em);
    const hash = modelHash(model);
    const state = await repo.loadModelState(target.model);
    // Parameters estimated on little data (the first sync of a new hub) are re-estimated once the
    // data has doubled: a retraining is always a full rebuild, so runs stay consistent.
    const trainedOn = (state?.parameters.trainedOn as { records?: number } | undefined)?.records;
    const grown = model.parameters === undefined && trainedOn !== undefined && state !== undefined && o.retrain !== true
      ? await repo.countRecords(target.recordEntityTypes).then((n) => n >= 2 * trainedOn && n - trainedOn >= 500)
      : false;
    const mustTrain = o.retrain === true || state === undefined || state.modelHash !== hash || grown;
    const mode: 'incremental' | 'full' = mustTrain ? 'full' : (o.mode ?? 'incremental');
    const counts = zero();
    const { timings, lap } = lapTimer();

    // ------------------------------------------------------------------ work set
    let records: ResolvableRecord[];
    let removed: Array<{ sourceRecordId: number; goldenId: number }>;
    let oldMembers: Map<number, MemberRow>;
    // A first build of many records survives its golden rows in a worker thread (golden-stage.ts),
    // which reads the full records itself: this thread then reads only what the match model reads.
    let stage: { worker: GoldenStage; table: string } | undefined;
    if (mode === 'full' && !(await repo.hasMembers(target.model)) && useGoldenStage(await repo.countRecords(target.recordEntityTypes))) {
      const table = `_resolve_stage_${target.golden.table}_${randomBytes(4).toString('hex')}`;
      // Plain values only (the options also carry the driver's type parsers, which a worker cannot take).
      const o = this.em.getConnection().getConnectionOptions();
      const connection: ClientConfig = { host: o.host, port: o.port, user: o.user, password: typeof o.password === 'string' ? o.password : undefined, database: o.database };
      stage = { table, worker: GoldenStage.start({ connection, target: targetName, survivorshipFile, stage: table }) };
    }
    if (mode === 'full') {
      // Both reads at once (two pooled connections): PostgreSQL reads members while Node converts records.
      try {
        [records, oldMembers] = await Promise.all([repo.allRecords(target.recordEntityTypes, stage === undefined ? undefined : modelKeys(model)), repo.members(target.model)]);
      } catch (e) {
        await stage?.worker.stop();
        throw e;
      }
      const valid = new Set(records.map((r) => r.id));
      removed = [...oldMembers.values()].filter((m) => !valid.has(m.sourceRecordId)).map((m) => ({ sourceRecordId: m.sourceRecordId, goldenId: m.goldenId }));
      counts.touched = records.length;
    } else {
      const touched = await repo.touchedRecords(target.model, target.recordEntityTypes);
      removed = await repo.removedMembers(target.model);
      counts.touched = touched.length;
      if (touched.length === 0 && removed.length === 0) {
        lap('load');
        return { model: target.model, modelVersion: state!.version, mode, runId: null, ...counts, timings };
      }
      const touchedTable = buildFeatureTable(touched.map((r) => r.canonical), model);
      const touchedTokens = blockTokens(touchedTable, model.blocking);
      const byRule = model.blocking.map((_, k) => touchedTokens.map((t) => t[k]).filter((x): x is number => x !== null && x !== undefined));
      const work = new Set<number>([...touched.map((r) => r.id), ...(await repo.recordsWithTokens(target.model, byRule))]);
      // Every record enters the frontier once: its membership is read once, each golden expanded once.
      const members = new Map<number, MemberRow>();
      const expanded = new Set<number>();
      let pendingGoldens = [...new Set(removed.map((r) => r.goldenId))];
      let frontier = [...work];
      while (frontier.length > 0) {
        for (const [id, m] of await repo.members(target.model, frontier)) {
          members.set(id, m);
          if (!expanded.has(m.goldenId)) pendingGoldens.push(m.goldenId);
        }
        const goldens = [...new Set(pendingGoldens)].filter((g) => !expanded.has(g));
        for (const g of goldens) expanded.add(g);
        pendingGoldens = [];
        const next: number[] = [];
        for (const id of [...(await repo.recordsOfGoldens(target.model, goldens)), ...(await repo.linkedPartners(frontier))]) {
          if (!work.has(id)) {
            work.add(id);
            next.push(id);
          }
        }
        frontier = next;
      }
      records = await repo.recordsById([...work]);
      oldMembers = members;
    }
    counts.removed = removed.length;
    counts.workSet = records.length;
    lap('load');

    const runs = new JobRunRepository(this.em);
    const run = await runs.start('resolve', { model: target.model, mode });
    let handedOver = false;
    try {
      // ---------------------------------------------------------------- parameters, engine
      // Stored pairs first: steward decisions are must-links and cannot-links of the clustering.
      const index = new Map<number, number>();
      records.forEach((r, i) => index.set(r.id, i));
      const stored = await repo.pairs(target.model, mode === 'full' ? undefined : records.map((r) => r.id));
      const mustLink: Array<[number, number]> = [];
      const cannotLink: Array<[number, number]> = [];
      for (const p of stored.values()) {
        const a = index.get(p.a);
        const b = index.get(p.b);
        if (a === undefined || b === undefined || p.decision === null) continue;
        (p.decision === 'accepted' ? mustLink : cannotLink).push([a, b]);
      }
      const canonicals = records.map((r) => r.canonical);
      let parameters: TrainedParameters;
      let version: number;
      let result: LinkResult;
      if (mustTrain && !(model.parameters !== undefined && o.retrain !== true)) {
        // EM and linking in one engine pass (features, blocks and comparison vectors built once);
        // scored with the compacted parameters that are stored, exactly as a later run scores.
        result = linkRecords(canonicals, { ...model, parameters: undefined }, { train: 'em', finishParameters: compactParameters, mustLink, cannotLink });
        parameters = result.parameters;
        counts.trained = records.length;
        version = await repo.saveModelState(target.model, hash, parameters, run.id);
        lap('train');
      } else {
        if (mustTrain) {
          // A model file that carries trained parameters is used as shipped.
          const tf = model.parameters!.termFrequencies ?? termFrequencies(compileComparisons(model, buildFeatureTable(canonicals, model)));
          parameters = compactParameters({ ...model.parameters!, termFrequencies: tf });
          version = await repo.saveModelState(target.model, hash, parameters, run.id);
          lap('train');
        } else {
          parameters = state!.parameters as unknown as TrainedParameters;
          version = state!.version;
        }
        result = linkRecords(canonicals, { ...model, parameters }, { mustLink, cannotLink });
      }
      counts.pairsScored = result.blocked.count;
      counts.links = result.linkPairs;
      counts.refused = result.refused;
      lap('engine');

      const assignment = assignGoldenIds({
        cluster: result.cluster,
        oldGolden: records.map((r) => oldMembers.get(r.id)?.goldenId ?? -1),
        removedGoldens: removed.map((r) => r.goldenId),
      });
      const fresh = await repo.allocateGoldenIds(target.golden, assignment.newGoldens);
      const real = (g: number): number => (g < 0 ? fresh[-g - 1]! : g);
      const goldenOf = assignment.golden.map(real);

      // ---------------------------------------------------------------- golden rows
      const clusterMembers = new Map<number, number[]>();
      goldenOf.forEach((g, i) => {
        const l = clusterMembers.get(g);
        if (l === undefined) clusterMembers.set(g, [i]);
        else l.push(i);
      });
      counts.clusters = clusterMembers.size;
      // Golden rows are survived lazily, chunk by chunk as the write consumes them: a million
      // clusters' values and provenance never sit in memory at once. Their time is reported as
      // `survive` (and taken out of `write`).
      let surviveMs = 0;
      const columnsMemo = newColumnsMemo(); // per run: name pinyin over a million goldens
      if (stage === undefined) seedPinyinMemo(columnsMemo, model, result.table, canonicals);
      // Goldens with freshly allocated ids are not in the table: streamed straight into it (survived
      // while PostgreSQL inserts the previous ones); the others are compared with the stored rows.
      const freshIds = new Set(fresh);
      function* goldenRows(isNew: boolean): Generator<{ id: number; values: Record<string, unknown>; provenance: unknown }> {
        for (const [g, members] of clusterMembers) {
          if (freshIds.has(g) !== isNew) continue;
          const t = performance.now();
          const m: MemberRecord[] = members.map((i) => memberRecord(records[i]!));
          const survived = survivor(m);
          const row = { id: g, values: target!.toColumns(survived.values, columnsMemo), provenance: survived.provenance };
          surviveMs += performance.now() - t;
          yield row;
        }
      }
      lap('survive');

      // ---------------------------------------------------------------- members, pairs, links
      const tokens = blockTokens(result.table, model.blocking);
      const members: MemberRow[] = [];
      // Links as (record index, best pair index or -1, accepted); rows (with the explanation) built lazily by the write.
      const linkOf: number[] = [];
      const unlink: Array<{ sourceRecordId: number; reason: string }> = [];
      // Best edge per record inside its cluster (pair index, -1 for none): the link's score and explanation.
      const best = new Int32Array(records.length).fill(-1);
      const pairs: Array<PairRow & { modelVersion: number }> = [];
      // Pairs explained for writing (index into `pairs`, total weight): a link to the same pair reuses the explanation.
      const explainedAs = new Int32Array(result.blocked.count).fill(-1);
      const explainedWeight = new Float64Array(result.blocked.count);
      const reviewWeight = weightOf(model.thresholds.review);
      const linkWeight = weightOf(model.thresholds.link);
      const seen = new Set<string>();
      const C = result.comparisons.length;
      for (let p = 0; p < result.blocked.count; p++) {
        const w = result.weights[p]!;
        const i = result.blocked.pairs[2 * p]!;
        const j = result.blocked.pairs[2 * p + 1]!;
        const sameCluster = goldenOf[i] === goldenOf[j];
        if (sameCluster) {
          if (!(best[i]! >= 0 && result.weights[best[i]!]! >= w)) best[i] = p;
          if (!(best[j]! >= 0 && result.weights[best[j]!]! >= w)) best[j] = p;
        }
        if (w < reviewWeight) continue;
        const a = records[i]!.id;
        const b = records[j]!.id;
        const band: PairRow['band'] = w >= linkWeight || sameCluster ? 'link' : 'review';
        if (band === 'review') counts.review++;
        // (No stored pairs, as in a first build: no keys to make.)
        const key = stored.size === 0 ? '' : pairKey(a, b);
        if (stored.size > 0) seen.add(key);
        const old = stored.size === 0 ? undefined : stored.get(key);
        // Unchanged pairs are not rewritten: explain (allocating) only the ones that are.
        if (old === undefined || old.band !== (old.decision === null ? band : old.band) || old.weight === null || Math.abs(old.weight - w) > 1e-6) {
          // The explanation from the pair's comparison vector (as `scorer.explain` gives it, without comparing again).
          const levels = new Array<number>(C);
          const byComparison = new Array<number>(C);
          let total = result.scorer.priorWeight;
          for (let c = 0; c < C; c++) {
            const level = result.vectors[p * C + c]!;
            const cw = result.scorer.contributionOf(c, level, i);
            total += cw;
            levels[c] = level;
            byComparison[c] = Math.round(cw * 1000) / 1000;
          }
          explainedAs[p] = pairs.length;
          explainedWeight[p] = total;
          pairs.push({ a, b, weight: w, levels, weights: byComparison, band, decision: null, modelVersion: version });
        }
      }
      const deletePairs: Array<[number, number]> = [];
      for (const p of stored.values()) if (p.decision === null && !seen.has(pairKey(p.a, p.b)) && index.has(p.a) && index.has(p.b)) deletePairs.push([p.a, p.b]);

      const lineage: LineageRow[] = [];
      const acceptedRecords = new Set<number>(mustLink.flat());
      records.forEach((r, i) => {
        const old = oldMembers.get(r.id);
        const g = goldenOf[i]!;
        const tk = tokens[i]!;
        if (old === undefined || old.goldenId !== g || old.revision !== r.revision || old.tokens.length !== tk.length || old.tokens.some((x, k) => x !== tk[k])) {
          members.push({ sourceRecordId: r.id, goldenId: g, revision: r.revision, tokens: tk });
        }
        if (old === undefined || old.goldenId !== g) {
          if (old !== undefined) unlink.push({ sourceRecordId: r.id, reason: `moved from ${target.entityType} ${old.goldenId} to ${g} (resolve run ${run.id})` });
          linkOf.push(i, best[i]!, acceptedRecords.has(i) ? 1 : 0);
        }
      });
      // Per comparison: `"name":{"level":` and each level's `"label","weight":` as JSON text.
      const weightJson = result.comparisons.map((c) => ({ key: `${JSON.stringify(c.name)}:{"level":`, labels: c.labels.map((l) => `${JSON.stringify(l)},"weight":`) }));
      // Each comparison's piece per (level, weight): weights repeat (one per level unless a term
      // frequency adjusts it), so most pieces are built once. Bounded per level.
      const pieces = weightJson.map((w) => w.labels.map(() => new Map<number, string>()));
      const explanationJson = (levels: readonly number[], weights: readonly number[]): string => {
        let json = '{';
        for (let n = 0; n < weightJson.length; n++) {
          const memo = pieces[n]![levels[n]!]!;
          const weight = weights[n]!;
          let piece = memo.get(weight);
          if (piece === undefined) {
            piece = `${weightJson[n]!.key}${weightJson[n]!.labels[levels[n]!]}${JSON.stringify(weight)}}`;
            if (memo.size < 4096) memo.set(weight, piece);
          }
          json += n === 0 ? piece : `,${piece}`;
        }
        return `${json}}`;
      };
      const NO_WEIGHTS = {};
      function* links(): Generator<LinkRow> {
        for (let k = 0; k < linkOf.length; k += 3) {
          const i = linkOf[k]!;
          const bp = linkOf[k + 1]!;
          const sourceRecordId = records[i]!.id;
          const entityId = goldenOf[i]!;
          const decidedBy = linkOf[k + 2] === 1 ? ('steward' as const) : ('auto' as const);
          // No pair inside its cluster (a singleton): no score, no explanation.
          if (bp < 0) {
            yield { sourceRecordId, entityId, decidedBy, score: null, weights: NO_WEIGHTS, weightsJson: '{}' };
            continue;
          }
          const written = explainedAs[bp]!;
          if (written >= 0) {
            // The pair's explanation as JSON text directly (a million links: no object per link to stringify).
            const { levels, weights } = pairs[written]!;
            yield { sourceRecordId, entityId, decidedBy, score: explainedWeight[bp]!, weights: NO_WEIGHTS, weightsJson: explanationJson(levels!, weights!) };
            continue;
          }
          const explanation = result.scorer.explain(result.blocked.pairs[2 * bp]!, result.blocked.pairs[2 * bp + 1]!);
          yield {
            sourceRecordId,
            entityId,
            decidedBy,
            score: explanation.weight,
            weights: Object.fromEntries(explanation.comparisons.map((c) => [c.comparison, { level: c.level, weight: Math.round(c.weight * 1000) / 1000 }])),
          };
        }
      }
      for (const r of removed) unlink.push({ sourceRecordId: r.sourceRecordId, reason: `source record no longer valid (resolve run ${run.id})` });

      const recordIdsOf = (g: number): number[] => (clusterMembers.get(g) ?? []).map((i) => records[i]!.id);
      const splitTargets = new Set(assignment.splits.map((s) => s.to));
      for (let k = 1; k <= assignment.newGoldens; k++) {
        if (!splitTargets.has(-k)) lineage.push({ kind: 'create', fromId: null, toId: real(-k), sourceRecordIds: recordIdsOf(real(-k)), reason: 'new cluster', decidedBy: 'auto' });
      }
      for (const m of assignment.merges) lineage.push({ kind: 'merge', fromId: m.from, toId: real(m.into), sourceRecordIds: recordIdsOf(real(m.into)), reason: 'clusters joined by links', decidedBy: 'auto' });
      for (const s of assignment.splits) lineage.push({ kind: 'split', fromId: s.from, toId: real(s.to), sourceRecordIds: recordIdsOf(real(s.to)), reason: 'records no longer linked to the rest of their cluster', decidedBy: 'auto' });
      for (const r of assignment.retired) lineage.push({ kind: 'retire', fromId: r, toId: null, sourceRecordIds: null, reason: 'no valid source record left', decidedBy: 'auto' });
      counts.goldensCreated = assignment.newGoldens;
      counts.goldensMerged = assignment.merges.length;
      counts.goldensSplit = assignment.splits.length;
      counts.goldensRetired = assignment.retired.length;
      lap('diff');
      // Free what the write no longer needs (hundreds of MB at a million records) before it runs:
      // the survivorship and link rows it produces lazily need the records, clusters and scorer only.
      oldMembers.clear();
      stored.clear();
      seen.clear();
      index.clear();
      tokens.length = 0;

      if (stage !== undefined) {
        // A first build: every cluster is new, and the worker survives them all.
        if (freshIds.size !== clusterMembers.size) throw new Error(`first build of ${target.model}: ${clusterMembers.size - freshIds.size} clusters kept an old golden id`);
        const ofRecords = new Map<number, number[]>();
        for (const [g, members] of clusterMembers) ofRecords.set(g, members.map((i) => records[i]!.id));
        stage.worker.send(ofRecords);
        handedOver = true;
      }
      const staged = stage?.worker.done;
      const written = await repo.write({
        model: target.model,
        entityType: target.entityType,
        rule: `${target.model}@${version}`,
        runId: run.id,
        golden: target.golden,
        goldenRows: goldenRows(false),
        newGoldenRows: stage === undefined && freshIds.size > 0 ? goldenRows(true) : undefined,
        stagedGoldens: stage === undefined ? undefined : { table: stage.table, done: staged! },
        newGoldenCount: freshIds.size,
        linkCount: linkOf.length / 3,
        mergedInto: assignment.merges.map((m) => ({ from: m.from, into: real(m.into) })),
        members,
        deleteMembers: removed.map((r) => r.sourceRecordId),
        pairs,
        deletePairs,
        links: links(),
        unlink,
        lineage,
      });
      counts.goldenRowsWritten = written.goldenWritten;
      counts.membersWritten = members.length + removed.length;
      counts.pairsWritten = pairs.length + deletePairs.length;
      counts.linksWritten = linkOf.length / 3;
      lap('write');
      if (staged !== undefined) {
        // The worker's time ran alongside this thread's: reported, not taken out of `write`.
        const s = await staged;
        timings.workerLoad = s.loadMs ?? 0;
        timings.workerSurvive = s.surviveMs ?? 0;
      } else {
        timings.write = Math.max(0, timings.write! - Math.round(surviveMs));
        timings.survive = (timings.survive ?? 0) + Math.round(surviveMs);
      }
      await runs.finish(run, { counts: { ...counts } });
      return { model: target.model, modelVersion: version, mode, runId: run.id, ...counts, timings };
    } catch (e) {
      if (stage !== undefined && !handedOver) await stage.worker.stop();
      await runs.finish(run, { counts: { ...counts }, error: e instanceof Error ? e.message : String(e) });
      throw e;
    }
  }
}
