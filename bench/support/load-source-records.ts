/**
 * Bench support: stores the served, mapped person-model records of a simulated world (police `rk`,
 * health `jmjkda`, `gazdx`, `yzjsza` — what `servedRecords` yields for the person model, minus the
 * safety legal representatives, which are part of organisation records and never stored as person
 * records) straight into `source_record` as valid revision-1 records, without HTTP or the sync
 * pipeline. One community at a time (bounded memory), multi-row `insert … select from
 * jsonb_to_recordset` in big chunks, one insert in flight while the next community is generated.
 * `raw` holds the canonical object too (a stand-in of similar size for the served JSON).
 */
import type { Client } from 'pg';
import { servedRecords } from './served-records';
import type { World } from '../../src/simulator/world/world-types';

const ENTITY_TYPE: Record<string, 'person' | 'tag'> = {
  'police/rk': 'person',
  'health/jmjkda': 'person',
  'health/gazdx': 'tag',
  'health/yzjsza': 'tag',
};

const INSERT_SQL = `
insert into source_record (source, stream, record_key, entity_type, raw, canonical, content_hash, status, issues, revision, first_seen_at, fetched_at, source_updated_at)
select x.source, x.stream, x.k, x.t, x.c, x.c, encode(sha256(convert_to(x.c::text, 'UTF8')), 'hex'), 'valid', '[]'::jsonb, 1, now(), now(), null
from jsonb_to_recordset($1::jsonb) as x(source text, stream text, k text, t text, c jsonb)
on conflict (source, stream, record_key) do nothing`;

export interface LoadFigures {
  records: number;
  perSource: Record<string, number>;
  generateMs: number;
  insertMs: number;
  totalMs: number;
}

/** A view of `world` holding only community `c` (servedRecords walks every community of the world it gets). */
function oneCommunity(world: World, c: number): World {
  return { spec: world.spec, grids: world.grids, communityCount: 1, chunk: (_i: number, tick: number) => world.chunk(c, tick) };
}

export async function loadPersonSourceRecords(client: Client, world: World, chunkSize = 25000): Promise<LoadFigures> {
  const t0 = performance.now();
  const perSource: Record<string, number> = {};
  let records = 0;
  let generateMs = 0;
  let insertMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let buffer: Array<{ source: string; stream: string; k: string; t: string; c: Record<string, unknown> }> = [];
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const json = JSON.stringify(buffer);
    buffer = [];
    await pending;
    pending = (async () => {
      const t = performance.now();
      await client.query(INSERT_SQL, [json]);
      insertMs += performance.now() - t;
    })();
  };
  for (let c = 0; c < world.communityCount; c++) {
    const tg = performance.now();
    const served = servedRecords(oneCommunity(world, c));
    generateMs += performance.now() - tg;
    for (const r of served.persons) {
      const t = ENTITY_TYPE[r.source];
      if (t === undefined) continue;
      const [source, stream] = r.source.split('/') as [string, string];
      buffer.push({ source, stream, k: r.key, t, c: r.canonical });
      perSource[r.source] = (perSource[r.source] ?? 0) + 1;
      records++;
      if (buffer.length >= chunkSize) await flush();
    }
  }
  await flush();
  await pending;
  await client.query('vacuum analyze source_record');
  return { records, perSource, generateMs: Math.round(generateMs), insertMs: Math.round(insertMs), totalMs: Math.round(performance.now() - t0) };
}
