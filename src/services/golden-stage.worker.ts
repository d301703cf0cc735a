/**
 * Worker thread of a first build (see golden-stage.ts): survives and stages the golden rows of
 * every cluster while the main thread blocks, scores, clusters and writes members, pairs and links.
 *
 * 1. On start it reads the model's valid source records in full (its own connection), which the
 *    main thread then needs only projected onto the match model's fields.
 * 2. It waits for the clusters (golden id → member record ids, as typed arrays).
 * 3. It survives each cluster (the target's survivorship file, compact provenance), turns the
 *    values into the golden table's columns and COPYs the rows into the UNLOGGED stage table the
 *    main thread moves into the golden table inside its transaction.
 * Posts `{ kind: 'done', rows, loadMs, surviveMs }` or `{ kind: 'error', message }`.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Client, type ClientConfig } from 'pg';
import { RECORD_COLUMNS, newGoldenCopyRow, readValidRecords, stageGoldenRows, toRecord, type RecordRow } from '../db/repositories/resolution.repository';
import { compileSurvivorship, memberRecord, parseSurvivorship, type MemberRecord } from '../resolve/survivorship';
import { RESOLVE_TARGETS, newColumnsMemo } from './resolve-targets';

export interface GoldenStageInit {
  connection: ClientConfig;
  /** A key of RESOLVE_TARGETS. */
  target: string;
  survivorshipFile: string;
  /** The stage table to create and fill. */
  stage: string;
}

export interface GoldenStageClusters {
  kind: 'clusters';
  /** Golden id of cluster k. */
  goldens: Float64Array;
  /** Members of cluster k: records[offsets[k] … offsets[k + 1]). */
  offsets: Uint32Array;
  records: Float64Array;
}

export type GoldenStageReply = { kind: 'done'; rows: number; loadMs: number; surviveMs: number } | { kind: 'error'; message: string };

/** `?` placeholders (the repository's knex style) as pg's `$n`. */
function dollars(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}


async function run(init: GoldenStageInit, clusters: Promise<GoldenStageClusters>): Promise<GoldenStageReply> {
  const target = RESOLVE_TARGETS[init.target];
  if (target === undefined) throw new Error(`golden stage: no resolve target "${init.target}"`);
  const file = init.survivorshipFile;
  const survivor = compileSurvivorship(parseSurvivorship(JSON.parse(readFileSync(file, 'utf8')) as unknown, file), file, { compact: true });
  const client = new Client(init.connection);
  await client.connect();
  try {
    await client.query(`set application_name = 'gridhub resolve golden stage'`);
    const exec = async <T>(sql: string, params: unknown[]): Promise<T[]> => (await client.query(dollars(sql), params)).rows as T[];
    const t0 = performance.now();
    const byId = new Map<number, MemberRecord>();
    for (const r of await readValidRecords(exec, target.recordEntityTypes)) byId.set(r.id, memberRecord(r));
    const loadMs = performance.now() - t0;
    const c = await clusters;
    // A record that stopped being valid between the main thread's read and this one is read as it is
    // now (source records are never deleted): the cluster keeps the members the engine saw.
    const missing: number[] = [];
    for (const id of c.records) if (!byId.has(id)) missing.push(id);
    if (missing.length > 0) {
      const rows = await exec<RecordRow>(`select ${RECORD_COLUMNS} from source_record s where s.id = any(?::bigint[])`, [`{${missing.join(',')}}`]);
      for (const r of rows) byId.set(Number(r.id), memberRecord(toRecord(r)));
    }
    const memo = newColumnsMemo();
    const toRow = newGoldenCopyRow(target.golden);
    let surviveMs = 0;
    function* rows(): Generator<ReturnType<typeof toRow>> {
      for (let k = 0; k < c.goldens.length; k++) {
        const t = performance.now();
        const members: MemberRecord[] = [];
        for (let m = c.offsets[k]!; m < c.offsets[k + 1]!; m++) {
          const r = byId.get(c.records[m]!);
          if (r === undefined) throw new Error(`golden stage: source record ${c.records[m]} of golden ${c.goldens[k]} not found`);
          members.push(r);
        }
        const survived = survivor(members);
        const row = toRow({ id: c.goldens[k]!, values: target!.toColumns(survived.values, memo), provenance: survived.provenance });
        surviveMs += performance.now() - t;
        yield row;
      }
    }
    const n = await stageGoldenRows(client, init.stage, target.golden, rows());
    return { kind: 'done', rows: n, loadMs: Math.round(loadMs), surviveMs: Math.round(surviveMs) };
  } finally {
    await client.end();
  }
}

if (parentPort !== null) {
  const port = parentPort;
  const clusters = new Promise<GoldenStageClusters>((resolve) => port.once('message', (m: GoldenStageClusters) => resolve(m)));
  run(workerData as GoldenStageInit, clusters).then(
    (reply) => port.postMessage(reply),
    (e: unknown) => port.postMessage({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies GoldenStageReply),
  );
}
