/**
 * `copyInto` against real PostgreSQL, on the connection of a knex transaction (as the resolution
 * writes use it): tricky values round-trip through a temp table, the COPY belongs to the
 * transaction (same txid, rolled back with it), and a bad row fails the transaction.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { ClientBase } from 'pg';
import { copyInto, jsonbValue } from '../../../src/db/copy-rows';
import { openTestOrm } from '../../support/database';

let orm: MikroORM;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});
afterAll(async () => close());

const knex = () => orm.em.getConnection().getKnex();

describe('copyInto', () => {
  it('runs on the transaction connection and round-trips tricky values', async () => {
    const rows: unknown[][] = [
      [1, 'tab\there', ['a b', 'x"y', 'p\\q', null, 'NULL', '{z}', 'new\nline'], [1, 2, 3], { q: 'say "hi"\t\\', n: null, u: '中文 😀', arr: [1, 'two'] }, true, '2026-01-02', 1.25],
      [2, 'new\nline\r\nand back\\slash \\N', [], [], [], false, null, null],
      [3, null, null, null, null, null, null, null],
      [4, '张三 ünïcödé 😀 \u0001 \\t literal', ['é'], [-7], 'a json string', null, '1999-12-31', -0.5],
      [5, '\\N', ['\\N'], [0], { 'key\twith\ttabs': 'v\nw' }, null, null, 0],
    ];
    const out = await knex().transaction(async (trx) => {
      const client = (await trx.client.acquireConnection()) as ClientBase;
      const mine = await trx.raw<{ rows: Array<{ txid: string }> }>('select txid_current()::text as txid');
      const theirs = await client.query<{ txid: string }>('select txid_current()::text as txid');
      expect(theirs.rows[0]!.txid).toBe(mine.rows[0]!.txid);
      await trx.raw('create temp table copy_rt (id int, t text, ta text[], ia int[], j jsonb, b boolean, d date, f float8) on commit drop');
      const n = await copyInto(client, 'copy_rt', ['id', 't', 'ta', 'ia', 'j', 'b', 'd', 'f'], rows.map((r) => r.map((v, k) => (k === 4 ? jsonbValue(v) : v))));
      expect(n).toBe(rows.length);
      const res = await trx.raw<{ rows: Array<Record<string, unknown>> }>(
        `select id, t, ta, ia, j, b, to_char(d, 'YYYY-MM-DD') as d, f from copy_rt order by id`,
      );
      return res.rows;
    });
    expect(out).toEqual(
      rows.map(([id, t, ta, ia, j, b, d, f]) => ({
        id, t, ta, ia, j, b, d, f,
      })),
    );
  });

  it('is rolled back with the transaction', async () => {
    await knex().raw('create table copy_rb (id int primary key, v text)');
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyInto(client, 'copy_rb', ['id', 'v'], [[1, 'a'], [2, 'b']]);
        const c = await trx.raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from copy_rb');
        expect(c.rows[0]!.n).toBe(2);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    const c = await knex().raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from copy_rb');
    expect(c.rows[0]!.n).toBe(0);
  });

  it('fails (and fails the transaction) on a bad row, leaving the pool usable', async () => {
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyInto(client, 'copy_rb', ['id', 'v'], [[1, 'a'], [1, 'duplicate']]);
      }),
    ).rejects.toThrow(/duplicate key/);
    await expect(
      knex().transaction(async (trx) => {
        const client = (await trx.client.acquireConnection()) as ClientBase;
        await copyInto(client, 'copy_rb', ['id', 'v'], [[1, 'a'], [2]]);
      }),
    ).rejects.toThrow(/expected 2/);
    const c = await knex().raw<{ rows: Array<{ n: number }> }>('select count(*)::int as n from copy_rb');
    expect(c.rows[0]!.n).toBe(0);
  });
});
