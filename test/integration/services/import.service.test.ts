/**
 * File import into source records: every row stored (valid or quarantined with reasons), a rerun
 * of an unchanged file writes nothing, a changed file keeps history, and the shipped example works.
 */
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SourceRecord } from '../../../src/db/entities';
import { ImportService } from '../../../src/services/import.service';
import { openTestOrm } from '../../support/database';

const EXAMPLE = join(__dirname, '../../../connectors/file-import');
const options = {
  source: 'civil-affairs-roster',
  mappingFile: join(EXAMPLE, 'care-roster.mapping.json'),
  codeTables: JSON.parse(readFileSync(join(EXAMPLE, 'code-tables.json'), 'utf8')) as Record<string, Record<string, string>>,
  batchSize: 2,
};
let orm: MikroORM;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});
afterAll(async () => close());

it('imports the shipped example: valid rows stored, bad ones quarantined with reasons, nothing dropped', async () => {
  const r = await new ImportService(orm.em.fork()).importFile(join(EXAMPLE, 'care-roster.sample.csv'), options);
  expect(r).toMatchObject({ fetched: 5, inserted: 5 });
  expect(r.fetched).toBe(r.stored + r.unchanged + r.quarantined + r.tombstoned);
  const rows = await orm.em.fork().find(SourceRecord, { source: 'civil-affairs-roster' }, { orderBy: { recordKey: 'asc' } });
  expect(rows.map((x) => [x.recordKey, x.status])).toEqual([
    ['CA-0001', 'valid'], ['CA-0002', 'quarantined'], ['CA-0003', 'quarantined'], ['CA-0004', 'valid'], ['CA-0005', 'quarantined'],
  ]);
  expect(rows[1].issues.map((i) => i.rule)).toContain('CITIZEN_ID_CHECK_CHAR');
  expect(rows[2].issues.map((i) => i.rule)).toContain('DATE_INVALID');
  expect(rows[4].issues.map((i) => i.rule)).toContain('MAPPING_CODE_UNKNOWN');
  expect(rows[0].canonical).toMatchObject({ name: '陈秀英', citizenId: '11010519491231002X', birthDate: '1949-12-31', tag: 'elderly_alone', phone: '13800138000' });
});

it('re-importing an unchanged file writes nothing; a changed row keeps its history', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-import-'));
  const file = join(dir, 'roster.csv');
  const csv = readFileSync(join(EXAMPLE, 'care-roster.sample.csv'), 'utf8');
  writeFileSync(file, csv);
  const service = () => new ImportService(orm.em.fork());
  const first = await service().importFile(file, { ...options, source: 'roster-2' });
  expect(first.inserted).toBe(5);
  const again = await service().importFile(file, { ...options, source: 'roster-2' });
  expect(again.fetched).toBe(0);
  expect(again.resumedFromRow).toBe(5);
  writeFileSync(file, csv.replace('13600000000', '13600000001'));
  utimesSync(file, new Date(), new Date(Date.now() + 5000));
  const changed = await service().importFile(file, { ...options, source: 'roster-2' });
  expect(changed).toMatchObject({ fetched: 5, updated: 1, unchanged: 4, inserted: 0 });
  const row = await orm.em.fork().findOneOrFail(SourceRecord, { source: 'roster-2', recordKey: 'CA-0004' });
  expect(row.revision).toBe(2);
});
