/**
 * CSV (RFC 4180) and JSONL readers: quoted delimiters, escaped quotes, quoted newlines, CRLF/CR,
 * BOM, chunk boundaries anywhere, unterminated quotes, non-UTF-8 (GBK) input refused clearly.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvParser, readCsvRows, type CsvRow } from '../../../src/ingest/files/csv-reader';
import { readJsonlLines } from '../../../src/ingest/files/jsonl-reader';

const dir = mkdtempSync(join(tmpdir(), 'gridhub-csv-'));
function file(name: string, content: string | Buffer): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
async function rows(p: string): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const r of readCsvRows(p)) out.push(r);
  return out;
}

const SAMPLE = '\uFEFF编号,姓名,地址\r\n1,"王,伟","广州市""天河""区\r\n3栋"\r\n2,李静,\r\n3,,"x"\n4,"末",y';
const EXPECTED = [
  { line: 1, fields: ['编号', '姓名', '地址'] },
  { line: 2, fields: ['1', '王,伟', '广州市"天河"区\r\n3栋'] },
  { line: 4, fields: ['2', '李静', ''] },
  { line: 5, fields: ['3', '', 'x'] },
  { line: 6, fields: ['4', '末', 'y'] },
];

describe('CSV reader', () => {
  it('parses quotes, escaped quotes, quoted newlines, CRLF, BOM, empty fields, no final newline', async () => {
    expect(await rows(file('a.csv', SAMPLE))).toEqual(EXPECTED);
  });

  it('gives the same rows whatever the chunk boundaries', () => {
    for (const size of [1, 2, 3, 7]) {
      const p = new CsvParser();
      const out: CsvRow[] = [];
      for (let i = 0; i < SAMPLE.length; i += size) p.push(SAMPLE.slice(i, i + size), out);
      expect(p.end(out)).toBeUndefined();
      expect(out).toEqual(EXPECTED);
    }
  });

  it('handles lone CR line ends and a custom delimiter', () => {
    const p = new CsvParser(';');
    const out: CsvRow[] = [];
    p.push('a;b\rc;"d;e"\r', out);
    p.end(out);
    expect(out.map((r) => r.fields)).toEqual([['a', 'b'], ['c', 'd;e']]);
  });

  it('reports an unterminated quoted field with its line', async () => {
    await expect(rows(file('b.csv', 'a,b\n1,"open\n2,3\n'))).rejects.toThrow(/b\.csv:2: quoted field is never closed/);
  });

  it('refuses GBK input and says to convert to UTF-8', async () => {
    // "王伟" in GBK: CD F5 CE B0
    await expect(rows(file('gbk.csv', Buffer.from([0x61, 0x0a, 0xcd, 0xf5, 0xce, 0xb0, 0x0a])))).rejects.toThrow(/not valid UTF-8 .*GB18030/);
  });
});

describe('JSONL reader', () => {
  it('reads line by line, skips blanks, reports bad lines with their number', async () => {
    const p = file('a.jsonl', '\uFEFF{"id":1}\n\n{"id":2}\r\n[1]\n{"id":\n');
    const out = [];
    for await (const l of readJsonlLines(p)) out.push({ line: l.line, record: l.record, problem: l.problem?.slice(0, 17) });
    expect(out).toEqual([
      { line: 1, record: { id: 1 }, problem: undefined },
      { line: 3, record: { id: 2 }, problem: undefined },
      { line: 4, record: null, problem: 'expected a JSON o' },
      { line: 5, record: null, problem: 'not valid JSON: U' },
    ]);
  });
});
