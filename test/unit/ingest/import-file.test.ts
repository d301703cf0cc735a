/**
 * File imports reuse the stream mapping language: a CSV, an XLSX and a JSONL file mapped in batches, bad
 * rows quarantined with FILE_* issues (never dropped), resumable from the batch checkpoint, and
 * mapping files validated with paths.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workbook } from 'exceljs';
import { validateFileMapping, type FileMapping } from '../../../src/ingest/files/file-mapping';
import { importFile, type FileBatch } from '../../../src/ingest/files/import-file';

const dir = mkdtempSync(join(tmpdir(), 'gridhub-import-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

const mapping: FileMapping = {
  name: 'care-roster',
  entityType: 'tag',
  format: 'csv',
  primaryKey: ['编号'],
  deletion: { field: '状态', values: ['注销'] },
  mapping: {
    fields: {
      name: { from: '姓名', transforms: [{ kind: 'personName' }], required: true },
      citizenId: { from: '身份证号', transforms: [{ kind: 'citizenId' }] },
      birthDate: { from: '出生日期', transforms: [{ kind: 'date' }] },
      kind: { from: '类别', transforms: [{ kind: 'codeTable', table: 'care' }] },
    },
  },
};
const tables = { care: { 独居老人: 'elderly_alone', 残疾人: 'disabled' } };

async function all(path: string, fm: FileMapping, batchSize = 2, state?: { rows: number }): Promise<FileBatch[]> {
  const out: FileBatch[] = [];
  for await (const b of importFile(path, fm, { codeTables: tables, batchSize, state })) out.push(b);
  return out;
}

const CSV = '编号,姓名,身份证号,出生日期,类别,状态\n1,陈 秀英,11010519491231002x,1949年12月31日,独居老人,在册\n2,李静,110105194912310021,1949/12/31,残疾人,在册\n3,王伟,,1950-02-30,独居老人,注销\n4,赵,x\n\n5,孙丽,,1960-01-01,其他,在册\n';

describe('importFile', () => {
  it('maps CSV rows in batches; bad values and bad rows are quarantined, never dropped', async () => {
    const batches = await all(file('a.csv', CSV), mapping);
    const recs = batches.flatMap((b) => b.records);
    expect(recs.map((r) => r.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(recs[0]).toMatchObject({ quarantined: false, canonical: { name: '陈秀英', citizenId: '11010519491231002X', birthDate: '1949-12-31', kind: 'elderly_alone' } });
    expect(recs.map((r) => r.issues.filter((i) => i.severity === 'error').map((i) => i.rule))).toEqual([
      [], ['CITIZEN_ID_CHECK_CHAR'], ['DATE_INVALID'], ['CITIZEN_ID_LENGTH', 'FILE_ROW_SHAPE'], ['MAPPING_CODE_UNKNOWN'],
    ]);
    expect(recs[2]!.isTombstone).toBe(true);
    expect(batches.map((b) => [b.fromLine, b.toLine, b.nextState.rows])).toEqual([[2, 3, 2], [4, 5, 4], [7, 7, 5]]);
  });

  it('resumes after the last committed batch', async () => {
    const p = file('b.csv', CSV);
    const rest = await all(p, mapping, 2, { rows: 2 });
    expect(rest.flatMap((b) => b.records.map((r) => r.key))).toEqual(['3', '4', '5']);
  });

  it('maps JSONL with the same mapping language; an unreadable line is quarantined', async () => {
    const p = file('c.jsonl', '{"编号":"1","姓名":"陈秀英","类别":"残疾人"}\nnot json\n{"编号":"3","类别":"残疾人"}\n');
    const recs = (await all(p, { ...mapping, format: 'jsonl' }, 10)).flatMap((b) => b.records);
    expect(recs.map((r) => [r.key, r.quarantined, r.issues.map((i) => i.rule)])).toEqual([
      ['1', false, []],
      ['', true, ['MAPPING_REQUIRED', 'MAPPING_KEY_MISSING', 'FILE_JSON']],
      ['3', true, ['MAPPING_REQUIRED']],
    ]);
  });

  it('maps an XLSX sheet to the same records as the equivalent CSV; short rows padded, extra cells quarantined', async () => {
    const header = ['编号', '姓名', '身份证号', '出生日期', '类别', '状态'];
    const csv = file('d.csv', `${header.join(',')}\n1,陈 秀英,11010519491231002x,1949-12-31,独居老人,在册\n2,李静,110105194912310021,1949/12/31,残疾人,在册\n3,王伟,,1950-02-30,独居老人,注销\n4,赵,,,,\n5,孙丽,,1960-01-01,其他,在册\n`);
    const wb = new Workbook();
    wb.addWorksheet('说明').addRow(['民政局 关爱对象名册']);
    const ws = wb.addWorksheet('名册');
    ws.getRow(1).values = header;
    ws.getRow(2).values = [1, { richText: [{ text: '陈 ' }, { text: '秀英', font: { bold: true } }] }, '11010519491231002x', new Date(Date.UTC(1949, 11, 31)), '独居老人', '在册'];
    ws.getRow(3).values = [2, '李静', '110105194912310021', '1949/12/31', '残疾人', '在册'];
    // row 4 blank
    ws.getRow(5).values = [3, '王伟', null, '1950-02-30', '独居老人', '注销'];
    ws.getRow(6).values = [4, '赵']; // Excel stores no trailing empty cells
    ws.getRow(7).values = [5, '孙丽', null, new Date(Date.UTC(1960, 0, 1)), '其他', '在册'];
    ws.getRow(8).values = [6, '钱', null, null, null, '在册', '备注在表头外'];
    const xlsx = join(dir, 'd.xlsx');
    await wb.xlsx.writeFile(xlsx);

    const fromCsv = (await all(csv, mapping, 10)).flatMap((b) => b.records);
    const batches = await all(xlsx, { ...mapping, format: 'xlsx', sheet: '名册' }, 2);
    const fromXlsx = batches.flatMap((b) => b.records);
    expect(fromXlsx.slice(0, 5)).toEqual(fromCsv);
    expect(fromCsv.map((r) => r.issues.filter((i) => i.severity === 'error').map((i) => i.rule))).toEqual([[], ['CITIZEN_ID_CHECK_CHAR'], ['DATE_INVALID'], [], ['MAPPING_CODE_UNKNOWN']]);
    expect(fromXlsx[5]).toMatchObject({ key: '6', quarantined: true });
    expect(fromXlsx[5]!.issues.map((i) => i.rule)).toContain('FILE_ROW_SHAPE');
    expect(batches.map((b) => [b.fromLine, b.toLine, b.nextState.rows])).toEqual([[2, 3, 2], [5, 6, 4], [7, 8, 6]]);
    // resumable like CSV, and the sheet can be given by position
    const rest = await all(xlsx, { ...mapping, format: 'xlsx', sheet: 2 }, 2, { rows: 4 });
    expect(rest.flatMap((b) => b.records.map((r) => r.key))).toEqual(['5', '6']);
  });

  it('refuses an unreadable XLSX file with an error naming it', async () => {
    const p = file('e.xlsx', '编号,姓名\n1,陈秀英\n');
    await expect(all(p, { ...mapping, format: 'xlsx' })).rejects.toThrow(`cannot read XLSX file ${p}: not an XLSX file`);
  });

  it('validates a file mapping with JSON paths', () => {
    const r = validateFileMapping({ ...mapping, format: 'xls', mapping: { fields: { name: { from: '姓名', transforms: [{ kind: 'codeTable', table: 'nope' }] } } } }, tables);
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'format: expected one of csv, jsonl, xlsx (an old .xls: save it as .xlsx or CSV UTF-8 first)',
      'mapping.fields.name.transforms[0].table: expected the name of a table in code-tables.json (known: care), got "nope"',
    ]);
    const problems = (json: unknown): string[] => {
      const v = validateFileMapping(json, tables);
      return v.ok ? [] : v.problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect(problems({ ...mapping, format: 'xlsx', sheet: '名册' })).toEqual([]);
    expect(problems({ ...mapping, format: 'xlsx', sheet: 2 })).toEqual([]);
    expect(problems({ ...mapping, format: 'xlsx', sheet: 0 })).toEqual(['sheet: expected a sheet name or a 1-based sheet number']);
    expect(problems({ ...mapping, format: 'xlsx', sheet: '' })).toEqual(['sheet: expected a sheet name or a 1-based sheet number']);
    expect(problems({ ...mapping, format: 'csv', sheet: 1 })).toEqual(['sheet: only for format xlsx']);
  });
});
