/**
 * Stewards' quarantine: records held back are listed with their reasons and summarised per rule;
 * after a mapping fix (here: a code table that lacked a code), re-processing the STORED raw
 * payloads releases the records that now pass, keeps the earlier content as history, leaves the
 * still-bad ones quarantined, and a second re-process changes nothing.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MikroORM } from '@mikro-orm/postgresql';
import { SourceRecord } from '../../../src/db/entities';
import { QuarantineRepository, SourceRecordRepository } from '../../../src/db/repositories/source-record.repository';
import { compileStream, loadManifest, mapRecord } from '../../../src/ingest';
import { ImportService } from '../../../src/services/import.service';
import { QuarantineService } from '../../../src/services/quarantine.service';
import { toIncomingRecord } from '../../../src/services/sync.service';
import { openTestOrm } from '../../support/database';

const REPO = join(__dirname, '../../..');
const EXAMPLE = join(REPO, 'connectors/file-import');
const codeTables = JSON.parse(readFileSync(join(EXAMPLE, 'code-tables.json'), 'utf8')) as Record<string, Record<string, string>>;
let orm: MikroORM;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});
afterAll(async () => close());

const versions = async (source: string): Promise<number> => {
  const [r] = await orm.em.fork().getConnection().execute<Array<{ n: string }>>(
    'select count(*) as n from source_record_version v join source_record s on s.id = v.source_record_id where s.source = ?',
    [source],
  );
  return Number(r!.n);
};

describe('file import source', () => {
  const source = 'roster-q';
  const mappingFile = join(EXAMPLE, 'care-roster.mapping.json');

  beforeAll(async () => {
    await new ImportService(orm.em.fork()).importFile(join(EXAMPLE, 'care-roster.sample.csv'), { source, mappingFile, codeTables });
  });

  it('lists quarantined records with field, rule and value, filtered and keyset-paged', async () => {
    const repo = new QuarantineRepository(orm.em.fork());
    const all = await repo.list({ source }, 10);
    expect(all.map((r) => r.recordKey)).toEqual(['CA-0002', 'CA-0003', 'CA-0005']);
    const unknownCode = await repo.list({ source, rule: 'MAPPING_CODE_UNKNOWN' }, 10);
    expect(unknownCode.map((r) => r.recordKey)).toEqual(['CA-0005']);
    expect(unknownCode[0]!.issues).toContainEqual(expect.objectContaining({ field: 'tag', rule: 'MAPPING_CODE_UNKNOWN', value: '其他', severity: 'error' }));
    expect((await repo.list({ source, field: 'birthDate' }, 10)).map((r) => r.recordKey)).toEqual(['CA-0003']);
    const page2 = await repo.list({ source }, 2, all[1]!.id);
    expect(page2.map((r) => r.recordKey)).toEqual(['CA-0005']);
    const summary = await repo.summary({ source });
    expect(summary).toContainEqual({ source, stream: 'care-roster', field: 'tag', rule: 'MAPPING_CODE_UNKNOWN', records: 1 });
    expect(summary).toContainEqual({ source, stream: 'care-roster', field: 'citizenId', rule: 'CITIZEN_ID_CHECK_CHAR', records: 1 });
  });

  it('re-processes after a code-table fix: released with history, the rest still quarantined, a rerun writes nothing', async () => {
    const fixed = { care: { ...codeTables.care, 其他: 'other' } };
    const service = new QuarantineService(orm.em.fork(), join(REPO, 'connectors'));
    const r = await service.reprocess({ source, mappingFile, codeTables: fixed });
    expect(r).toMatchObject({ examined: 3, released: 1, stillQuarantined: 2, newlyQuarantined: 0, rewritten: 1 });
    const row = await orm.em.fork().findOneOrFail(SourceRecord, { source, recordKey: 'CA-0005' });
    expect(row.status).toBe('valid');
    expect(row.canonical).toMatchObject({ name: '孙丽', tag: 'other' });
    expect(row.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(row.revision).toBe(2);
    expect(await versions(source)).toBe(1);

    const again = await new QuarantineService(orm.em.fork(), join(REPO, 'connectors')).reprocess({ source, mappingFile, codeTables: fixed });
    expect(again).toMatchObject({ examined: 2, released: 0, stillQuarantined: 2, rewritten: 0 });
    expect(await versions(source)).toBe(1);
  });

  it('scope all re-maps valid records too and reports the ones a stricter mapping rejects', async () => {
    const strict = { care: { 独居老人: 'elderly_alone' } };
    const r = await new QuarantineService(orm.em.fork(), join(REPO, 'connectors')).reprocess({ source, mappingFile, codeTables: strict, scope: 'all' });
    expect(r.examined).toBe(5);
    expect(r.newlyQuarantined).toBe(2); // CA-0004 veteran and CA-0005 other are no longer in the table
    const row = await orm.em.fork().findOneOrFail(SourceRecord, { source, recordKey: 'CA-0004' });
    expect(row.status).toBe('quarantined');
  });

  it('names what is wrong with a bad request', async () => {
    const service = new QuarantineService(orm.em.fork(), join(REPO, 'connectors'));
    await expect(service.reprocess({ source, mappingFile, codeTables, streams: ['nope'] })).rejects.toThrow(/is for stream care-roster, not nope/);
    await expect(service.reprocess({ source: 'civil-affairs', streams: ['nope'] })).rejects.toThrow(/has no stream nope \(it has care_objects\)/);
  });
});

it('connector source: re-maps with the connector folder as it is now', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gridhub-connectors-'));
  cpSync(join(REPO, 'connectors/civil-affairs'), join(dir, 'civil-affairs'), { recursive: true });
  const tablesFile = join(dir, 'civil-affairs/code-tables.json');
  const tables = JSON.parse(readFileSync(tablesFile, 'utf8')) as { care_type: Record<string, string> };
  // The department's code table as first shipped lacked 05 (elderly living alone).
  const { ['05']: _missing, ...without } = tables.care_type;
  writeFileSync(tablesFile, JSON.stringify({ care_type: without }));
  const { manifest, codeTables: shipped } = loadManifest(join(dir, 'civil-affairs'));
  const stream = manifest.streams[0]!;
  const compiled = compileStream(stream, shipped);
  const raws = (JSON.parse(readFileSync(join(dir, 'civil-affairs/fixtures/care-objects-page-0.json'), 'utf8')) as { result: { records: unknown[] } }).result.records;
  const page = raws.map((raw) => toIncomingRecord(mapRecord(raw, compiled), stream.entityType));
  await new SourceRecordRepository(orm.em.fork()).commitPage('civil-affairs', stream.name, page, {}, null, new Date());
  const held = await new QuarantineRepository(orm.em.fork()).list({ source: 'civil-affairs', rule: 'MAPPING_CODE_UNKNOWN' }, 10);
  expect(held.length).toBeGreaterThan(0);

  writeFileSync(tablesFile, JSON.stringify(tables)); // the fix
  const r = await new QuarantineService(orm.em.fork(), dir).reprocess({ source: 'civil-affairs' });
  expect(r.released).toBe(held.length);
  expect(await new QuarantineRepository(orm.em.fork()).list({ source: 'civil-affairs', rule: 'MAPPING_CODE_UNKNOWN' }, 10)).toEqual([]);
  const run = await orm.em.fork().getConnection().execute<Array<{ kind: string; status: string; counts: Record<string, number> }>>(
    'select kind, status, counts from job_run where id = ?',
    [r.runId],
  );
  expect(run[0]).toMatchObject({ kind: 'reprocess', status: 'succeeded', counts: { released: held.length } });
});
