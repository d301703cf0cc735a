/**
 * XLSX reader: cell values to strings (numbers, dates, rich text, booleans, formulas, errors),
 * Excel row numbers, blank rows skipped, shared strings before or after the sheets in the zip,
 * sheet choice by name or position, unreadable files refused with a message naming the file, and
 * a 50k-row sheet streamed row by row.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { stream, Workbook } from 'exceljs';
import { cellToString, readXlsxRows, type XlsxOptions, type XlsxRow } from '../../../src/ingest/files/xlsx-reader';

const dir = mkdtempSync(join(tmpdir(), 'gridhub-xlsx-'));
const path = (name: string): string => join(dir, name);

async function rows(p: string, o: XlsxOptions = {}): Promise<XlsxRow[]> {
  const out: XlsxRow[] = [];
  for await (const r of readXlsxRows(p, o)) out.push(r);
  return out;
}

/** A zip with entries stored in the given order (deflated), to control what exceljs sees first. */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function zip(entries: [string, string][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const packed = deflateRawSync(data);
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x0800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(crc, 16);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(data.length, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    central.push(cen, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
/** A hand-written workbook whose shared strings come BEFORE the sheets (exceljs then streams the sheet straight from the zip). */
function handMade(sheets: { name: string; data: string }[], sharedStrings: string[], date1904 = false): Buffer {
  return zip([
    ['[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    ['_rels/.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ['xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`],
    ['xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`],
    ['xl/styles.xml', `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`],
    ['xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8"?><sst ${NS} count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.join('')}</sst>`],
    ...sheets.map((s, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${s.data}</sheetData></worksheet>`]),
  ]);
}

describe('cellToString', () => {
  it('converts numbers, dates, booleans, rich text, formulas and errors', () => {
    expect(cellToString(42, undefined)).toBe('42');
    expect(cellToString(-3, undefined)).toBe('-3');
    expect(cellToString(42.0, undefined)).toBe('42');
    expect(cellToString(0.1 + 0.2, undefined)).toBe('0.3');
    expect(cellToString(110105194912310021, undefined)).toBe('110105194912310020'); // > 15 digits: already rounded in the file
    expect(cellToString(1e22, undefined)).toBe('10000000000000000000000');
    expect(cellToString(new Date(Date.UTC(1949, 11, 31)), undefined)).toBe('1949-12-31');
    expect(cellToString(new Date(Date.UTC(2024, 1, 29, 8, 30, 5)), undefined)).toBe('2024-02-29T08:30:05');
    expect(cellToString(true, undefined)).toBe('true');
    expect(cellToString(false, undefined)).toBe('false');
    expect(cellToString({ richText: [{ text: '陈' }, { text: '秀英' }] }, undefined)).toBe('陈秀英');
    expect(cellToString({ formula: 'A1&B1', result: 'ab' }, undefined)).toBe('ab');
    expect(cellToString({ formula: 'A1+1', result: 45000 }, 'yyyy-mm-dd')).toBe('2023-03-15');
    expect(cellToString({ formula: 'A1+1', result: 45000 }, 'General')).toBe('45000');
    expect(cellToString({ sharedFormula: 'A2', result: 7 }, undefined)).toBe('7');
    expect(cellToString({ formula: '1/0' }, undefined)).toBe('');
    expect(cellToString({ error: '#N/A' }, undefined)).toBe('#N/A');
    expect(cellToString('line1_x000D_\nline2 a_x005F_x0041_b', undefined)).toBe('line1\r\nline2 a_x0041_b');
    expect(cellToString(null, undefined)).toBe('');
  });
});

describe('XLSX reader', () => {
  it('reads typed cells written by exceljs (shared strings after the sheet), skips blank rows, keeps Excel row numbers', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('名册');
    ws.getCell('A1').value = '编号';
    ws.getCell('B1').value = '姓名';
    ws.getCell('C1').value = '出生日期';
    ws.getCell('D1').value = '金额';
    ws.getCell('E1').value = '在册';
    ws.getRow(2).values = [1, { richText: [{ text: '陈', font: { bold: true } }, { text: '秀英' }] }, new Date(Date.UTC(1949, 11, 31)), 12.5, true];
    // row 3: styled but empty cells only — blank
    ws.getCell('A3').numFmt = '0.00';
    ws.getCell('B3').value = '';
    // row 4 empty (not even in the file); row 5 has a gap and no trailing cells
    ws.getCell('A5').value = 110105194912310021;
    ws.getCell('C5').value = new Date(Date.UTC(2024, 1, 29, 8, 30, 0));
    ws.getRow(6).values = [3, '陈秀英', { formula: 'C2+1', result: new Date(Date.UTC(1950, 0, 1)) }, { formula: 'D2*2', result: 25 }, false];
    ws.getCell('C6').numFmt = 'yyyy-mm-dd';
    ws.getRow(7).values = [4, '编号'];
    await wb.xlsx.writeFile(path('typed.xlsx'));
    expect(await rows(path('typed.xlsx'))).toEqual([
      { line: 1, fields: ['编号', '姓名', '出生日期', '金额', '在册'] },
      { line: 2, fields: ['1', '陈秀英', '1949-12-31', '12.5', 'true'] },
      { line: 5, fields: ['110105194912310020', '', '2024-02-29T08:30:00'] },
      { line: 6, fields: ['3', '陈秀英', '1950-01-01', '25', 'false'] },
      { line: 7, fields: ['4', '编号'] },
    ]);
  });

  it('reads a workbook whose shared strings precede the sheets; inline strings, errors, 1904 dates', async () => {
    const sst = ['<si><t>编号</t></si>', '<si><t>姓名</t></si>', '<si><r><t>王</t></r><r><rPr><b/></rPr><t>伟</t></r></si>', '<si><t xml:space="preserve"> 李 静 </t></si>'];
    const data =
      '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2"><v>1</v></c></row>' +
      '<row r="3"><c r="A3" s="1"/><c r="B3" t="inlineStr"><is><t>  </t></is></c></row>' +
      '<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" s="1"><v>0</v></c><c r="D4" t="e"><v>#N/A</v></c></row>' +
      '<row r="5"><c r="A5"><v>2</v></c><c r="B5" t="s"><v>3</v></c><c r="C5" s="2"><v>0.5</v></c><c r="D5" t="b"><v>1</v></c></row>' +
      '<row r="6"><c r="A6" t="str"><v>3</v></c><c r="B6" t="inlineStr"><is><t>赵</t></is></c></row>';
    writeFileSync(path('hand.xlsx'), handMade([{ name: 'S', data }], sst, true));
    expect(await rows(path('hand.xlsx'))).toEqual([
      { line: 2, fields: ['编号', '姓名', '1'] },
      { line: 4, fields: ['1', '王伟', '1904-01-01', '#N/A'] },
      { line: 5, fields: ['2', ' 李 静 ', '1904-01-01T12:00:00', 'true'] },
      { line: 6, fields: ['3', '赵'] },
    ]);
  });

  it('chooses the sheet by name or 1-based position (tab order), the first by default', async () => {
    const wb = new Workbook();
    wb.addWorksheet('说明').addRow(['本表为样例']);
    wb.addWorksheet('数据').addRows([['编号', '姓名'], ['1', '陈秀英']]);
    await wb.xlsx.writeFile(path('two.xlsx'));
    const fields = (r: XlsxRow[]): string[][] => r.map((x) => x.fields);
    expect(fields(await rows(path('two.xlsx')))).toEqual([['本表为样例']]);
    expect(fields(await rows(path('two.xlsx'), { sheet: 2 }))).toEqual([['编号', '姓名'], ['1', '陈秀英']]);
    expect(fields(await rows(path('two.xlsx'), { sheet: '数据' }))).toEqual([['编号', '姓名'], ['1', '陈秀英']]);
    await expect(rows(path('two.xlsx'), { sheet: 'Data' })).rejects.toThrow(`cannot read XLSX file ${path('two.xlsx')}: no sheet named "Data" (sheets: "说明", "数据")`);
    await expect(rows(path('two.xlsx'), { sheet: 3 })).rejects.toThrow(/no sheet number 3 \(sheets: "说明", "数据"\)/);
    // Same with the shared strings before the sheets (sheets streamed straight from the zip).
    const hand = handMade([{ name: 'A', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }, { name: 'B', data: '<row r="1"><c r="A1" t="s"><v>1</v></c></row>' }], ['<si><t>a</t></si>', '<si><t>b</t></si>']);
    writeFileSync(path('two-hand.xlsx'), hand);
    expect(fields(await rows(path('two-hand.xlsx'), { sheet: 'B' }))).toEqual([['b']]);
    expect(fields(await rows(path('two-hand.xlsx')))).toEqual([['a']]);
  });

  it('refuses unreadable files with a message naming the file', async () => {
    writeFileSync(path('roster.xlsx'), '编号,姓名\n1,陈秀英\n');
    await expect(rows(path('roster.xlsx'))).rejects.toThrow(`cannot read XLSX file ${path('roster.xlsx')}: not an XLSX file (an XLSX file is a zip archive)`);
    writeFileSync(path('old.xlsx'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    await expect(rows(path('old.xlsx'))).rejects.toThrow(/old\.xlsx: this is an old \.xls or a password-protected workbook/);
    writeFileSync(path('empty.xlsx'), '');
    await expect(rows(path('empty.xlsx'))).rejects.toThrow(/empty\.xlsx: the file is empty/);
    await expect(rows(path('missing.xlsx'))).rejects.toThrow(/cannot read XLSX file .*missing\.xlsx: ENOENT/);
    const wb = new Workbook();
    wb.addWorksheet('S').addRows(Array.from({ length: 200 }, (_, i) => [i, `name ${i}`]));
    await wb.xlsx.writeFile(path('whole.xlsx'));
    const whole = readFileSync(path('whole.xlsx'));
    writeFileSync(path('truncated.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(rows(path('truncated.xlsx'))).rejects.toThrow(/cannot read XLSX file .*truncated\.xlsx: the file is truncated/);
    const corrupt = Buffer.from(whole);
    corrupt.fill(0x41, 200, 260);
    writeFileSync(path('corrupt.xlsx'), corrupt);
    await expect(rows(path('corrupt.xlsx'))).rejects.toThrow(/cannot read XLSX file .*corrupt\.xlsx: corrupt zip archive/);
    writeFileSync(path('notbook.xlsx'), zip([['readme.txt', 'hello']]));
    await expect(rows(path('notbook.xlsx'))).rejects.toThrow(/notbook\.xlsx: no worksheet found/);
  });

  it('streams a 50k-row sheet row by row', async () => {
    const n = 50_000;
    const writer = new stream.xlsx.WorkbookWriter({ filename: path('big.xlsx'), useSharedStrings: true, useStyles: true });
    const ws = writer.addWorksheet('big');
    ws.addRow(['编号', '姓名', '出生日期']).commit();
    for (let i = 1; i <= n; i++) ws.addRow([i, `姓名${i % 1000}`, new Date(Date.UTC(1950, 0, 1 + (i % 20000)))]).commit();
    ws.commit();
    await writer.commit();
    let count = 0;
    let last: XlsxRow | undefined;
    for await (const r of readXlsxRows(path('big.xlsx'))) {
      count++;
      last = r;
    }
    expect(count).toBe(n + 1);
    expect(last).toEqual({ line: n + 1, fields: [String(n), `姓名${n % 1000}`, '1977-05-19'] });
  });

  it('stops cleanly when the consumer stops early', async () => {
    const first: XlsxRow[] = [];
    for await (const r of readXlsxRows(path('big.xlsx'))) {
      first.push(r);
      if (first.length === 3) break;
    }
    expect(first.map((r) => r.line)).toEqual([1, 2, 3]);
  });
});
