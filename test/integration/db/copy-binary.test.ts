/**
 * The binary COPY writer against real PostgreSQL: every kind round-trips (the same rows through the
 * text format give the same table), column types come from the catalog, a table with a type the
 * writer does not know falls back to text, fingerprints are the md5 of the encoded fields, and bad
 * values fail with an error naming the table, field and kind.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';
import type { ClientBase } from 'pg';
import { BinaryRowWriter, PgMicros, RowFingerprint, columnKinds, copyRows, copyTarget } from '../../../src/db/copy-binary';
import { copyInto, copyLine } from '../../../src/db/copy-rows';
import { openTestOrm } from '../../support/database';

let orm: MikroORM;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});
afterAll(async () => close());

const knex = () => orm.em.getConnection().getKnex();

const COLUMNS = ['id', 'n', 's', 'c', 't', 'j', 'b', 'd', 'ts', 'f8', 'f4', 'ia', 'sa', 'ra', 'ba'];
const TABLE = `(id bigint, n int, s smallint, c char(18), t text, j jsonb, b boolean, d date, ts timestamptz, f8 float8, f4 real,
  ia int[], sa smallint[], ra real[], ba bigint[])`;

const ROWS: unknown[][] = [
  [1, 7, 3, '11010519491231002X', 'tab\there \\N 张三 😀', JSON.stringify({ q: 'say "hi"\t\\', u: '中文', arr: [1, 'two'] }), true, '2026-01-02', new PgMicros(1763789190123456), 1.25, 0.5, [1, -2, 3], [0, 7], [1.5, -0.25], [9007199254740991, -1]],
  [-9007199254740991, -2147483648, -32768, null, '', '"a json string"', false, '1999-12-31', new Date('2001-02-03T04:05:06.789Z'), -0.1, Infinity, [], [null, 1], [], [4294967296, -4294967297]],
  [3, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
  [4, 2147483647, 32767, 'X', 'new\nline\r\n', '{}', null, '1970-01-01', new PgMicros(0), NaN, 3, [null], null, [1e-7], [0]],
];

/** The table's rows as text, for comparing a binary load with a text load. */
async function dump(client: ClientBase, table: string): Promise<string[]> {
  const r = await client.query<{ row: string }>(`select (x.*)::text as row from ${table} x order by id`);
  return r.rows.map((x) => x.row);
}

/** The text format's value of a row (PgMicros → exact timestamptz text). */
function asText(row: readonly unknown[]): unknown[] {
  return row.map((v) => {
    if (v instanceof PgMicros) {
      const ms = Math.floor(v.micros / 1000);
      return `${new Date(ms).toISOString().slice(0, -1)}${String(v.micros - ms * 1000).padStart(3, '0')}Z`;
    }
    return v;
  });
}

describe('binary COPY', () => {
  it('loads every kind exactly as the text format does, inside the transaction', async () => {
    const [bin, txt, kinds] = await knex().transaction(async (trx) => {
      const client = (await trx.client.acquireConnection()) as ClientBase;
      await client.query(`set local timezone = 'UTC'; create temp table cb_bin ${TABLE} on commit drop; create temp table cb_txt ${TABLE} on commit drop`);
      const kinds = await columnKinds(client, 'cb_bin', COLUMNS);
      expect(await copyRows(client, 'cb_bin', COLUMNS, ROWS)).toBe(ROWS.length);
      await copyInto(client, 'cb_txt', COLUMNS, ROWS.map(asText));
      return [await dump(client, 'cb_bin'), await dump(client, 'cb_txt'), kinds];
    });
    expect(kinds).toEqual(['int8', 'int4', 'int2', 'text', 'text', 'jsonb', 'bool', 'date', 'timestamptz', 'float8', 'float4', 'int4[]', 'int2[]', 'float4[]', 'int8[]']);
    expect(bin).toEqual(txt);
    expect(bin.find((r) => r.startsWith('(1,'))).toContain('2025-11-22 05:26:30.123456+00');
  });

  it('falls back to the text format for a type it does not write, with the same fingerprints as copyLine', async () => {
    await knex().transaction(async (trx) => {
      const client = (await trx.client.acquireConnection()) as ClientBase;
      await client.query(`create temp table cb_num (id bigint, a numeric(10,2), t text, fp text) on commit drop`);
      expect(await columnKinds(client, 'cb_num', ['id', 'a', 't', 'fp'])).toBeUndefined();
      const target = await copyTarget(client, 'cb_num', ['id', 'a', 't', 'fp']);
      expect(target.binary).toBe(false);
      expect(await target.copy([[1, 12.5, 'x\ty', new RowFingerprint(2)]])).toBe(1);
      const r = await client.query<{ a: string; t: string; fp: string }>('select a::text, t, fp from cb_num');
      const md5 = createHash('md5').update(copyLine([1, 12.5, 'x\ty'])).digest('hex');
      expect(r.rows).toEqual([{ a: '12.50', t: 'x\ty', fp: `2:${md5}` }]);
      expect(target.fingerprint([1, 12.5, 'x\ty'])).toBe(md5);
    });
  });

  it('writes a row fingerprint as the md5 of the row’s other encoded fields, as copyTarget computes it', async () => {
    await knex().transaction(async (trx) => {
      const client = (await trx.client.acquireConnection()) as ClientBase;
      await client.query(`create temp table cb_fp (id bigint, j jsonb, d date, fp text) on commit drop`);
      const target = await copyTarget(client, 'cb_fp', ['id', 'j', 'd', 'fp']);
      expect(target.binary).toBe(true);
      const fields = [5, '{"a": "中"}', '2020-02-29'];
      await target.copy([[...fields, new RowFingerprint(1)]]);
      const stored = (await client.query<{ fp: string }>('select fp from cb_fp')).rows[0]!.fp;
      expect(stored).toBe(`1:${target.fingerprint(fields)}`);
      // The hash is over the encoded fields: another value, another fingerprint.
      expect(target.fingerprint([5, '{"a": "中"}', '2020-03-01'])).not.toBe(target.fingerprint(fields));
    });
  });

  it('refuses a bad value with the table, field and kind named, failing the transaction', async () => {
    const w = new BinaryRowWriter(['int8', 'date'], 'golden_x');
    expect(() => w.row([1, '2021-02-30'])).toThrow('copy into golden_x: field 2 is not a valid date: "2021-02-30"');
    expect(() => w.row([1.5, null])).toThrow('copy into golden_x: field 1 is not a valid int8');
    expect(() => w.row([1])).toThrow('copy into golden_x: a row has 1 fields, expected 2');
    await knex().raw('create table cb_rb (id bigint primary key, d date)');
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyRows(client, 'cb_rb', ['id', 'd'], [[1, '2020-01-01'], [1, '2020-01-02']]);
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyRows(client, 'cb_rb', ['id', 'd'], [[2, '2020-01-01'], [3, 'soon']]);
      }),
    ).rejects.toThrow(/field 2 is not a valid date/);
    expect((await knex().raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from cb_rb')).rows[0]!.n).toBe(0);
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyRows(client, 'cb_rb', ['id', 'nope'], [[1, null]]);
      }),
    ).rejects.toThrow('copy into cb_rb: no column "nope"');
  });
});
