/**
 * Streaming XLSX reader (exceljs' `stream.xlsx.WorkbookReader`): yields the rows of ONE worksheet
 * as strings, row by row, without loading the sheet. The sheet is chosen by name or by its 1-based
 * position in the workbook's tab order (hidden sheets count); the first sheet by default.
 *
 * Memory: the shared-string table (the distinct texts of the workbook) is cached, rows are not.
 * When the zip stores the sheets before the shared strings (Excel does), exceljs spools the sheet
 * XML to a temporary file first, then parses it from there: disk, not memory.
 *
 * Cell → string: text and rich text → plain text; numbers → shortest decimal (integers without
 * '.0'; fractions rounded to 15 significant digits like Excel shows them; integers above 2^53, such
 * as 18-digit IDs typed as numbers, have already lost their last digits in the file — type such
 * columns as text); dates (a date number format) → `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm:ss[.sss]` when
 * there is a time part (wall clock, no zone); booleans → 'true' / 'false'; formulas → their cached
 * result (an error or boolean result has lost its type in exceljs: error → '', boolean → '1'/'0');
 * error cells → the error text ('#N/A'); empty → ''. Trailing empty cells are not returned (a row
 * may be shorter than the header); fully blank rows are skipped.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';

export interface XlsxRow {
  /** Excel row number (1-based, as shown in Excel). */
  line: number;
  fields: string[];
}

export interface XlsxOptions {
  /** Worksheet name, or 1-based position in tab order. Default: the first sheet. */
  sheet?: string | number;
  /** Name used in error messages (defaults to the path). */
  name?: string;
}

export class XlsxReadError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`cannot read XLSX file ${file}: ${reason}`);
    this.name = 'XlsxReadError';
  }
}

/** The subset of exceljs' cell API the reader uses. */
interface CellLike {
  value: unknown;
  numFmt?: string;
}
interface RowLike {
  number: number;
  eachCell(opt: { includeEmpty: boolean }, cb: (cell: CellLike, col: number) => void): void;
}
interface SheetLike extends AsyncIterable<RowLike> {
  name: string;
}

/** Same test as exceljs (which only applies it to plain number cells, not to formula results). */
function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Excel escapes control characters in strings as `_xHHHH_` (`_x005F_` is a literal '_'). */
function unescapeXstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

export function numberToString(n: number): string {
  if (!Number.isFinite(n)) return '';
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n === 0 ? 0 : n) : BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

export function dateToString(d: Date): string {
  const t = d.getTime();
  if (Number.isNaN(t)) return '';
  const iso = d.toISOString();
  if (t % 86_400_000 === 0) return iso.slice(0, 10);
  return d.getUTCMilliseconds() === 0 ? iso.slice(0, 19) : iso.slice(0, 23);
}

function excelSerialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

function richTextToString(runs: unknown): string {
  if (!Array.isArray(runs)) return '';
  let s = '';
  for (const r of runs as { text?: unknown }[]) if (typeof r?.text === 'string') s += r.text;
  return s;
}

export function cellToString(value: unknown, numFmt: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return unescapeXstring(value);
    case 'number':
      return numberToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return dateToString(value);
  const v = value as Record<string, unknown>;
  if ('richText' in v) return unescapeXstring(richTextToString(v.richText));
  if ('formula' in v || 'sharedFormula' in v) {
    const r = v.result;
    if (typeof r === 'number' && Number.isFinite(r) && isDateFormat(numFmt)) return dateToString(excelSerialToDate(r, date1904));
    if (r !== null && typeof r === 'object' && 'error' in r) return '';
    return cellToString(r, undefined, date1904);
  }
  if ('error' in v) return typeof v.error === 'string' ? v.error : '';
  if ('text' in v) return cellToString(v.text, undefined, date1904); // hyperlink cells
  return '';
}

const ZIP_MAGIC = 0x504b0304; // "PK\3\4"
const OLE2_MAGIC = 0xd0cf11e0;

async function checkSignature(file: string, name: string): Promise<void> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch (e) {
    throw new XlsxReadError(name, (e as Error).message);
  }
  try {
    const buf = Buffer.alloc(4);
    const { bytesRead } = await fh.read(buf, 0, 4, 0);
    if (bytesRead === 0) throw new XlsxReadError(name, 'the file is empty');
    const magic = bytesRead === 4 ? buf.readUInt32BE(0) : 0;
    if (magic === OLE2_MAGIC) throw new XlsxReadError(name, 'this is an old .xls or a password-protected workbook, not an XLSX file: save it in Excel as .xlsx (without password) or as CSV UTF-8');
    if (magic !== ZIP_MAGIC) throw new XlsxReadError(name, 'not an XLSX file (an XLSX file is a zip archive)');
  } finally {
    await fh.close();
  }
}

function explain(e: unknown): string {
  const m = (e instanceof Error ? e.message : String(e)).replace(/^Error: /, '');
  const code = (e as { code?: unknown } | null)?.code;
  if (m === 'FILE_ENDED') return 'the file is truncated (incomplete download or copy?)';
  if (m.startsWith('invalid signature') || (typeof code === 'string' && code.startsWith('Z_'))) return `corrupt zip archive (${m})`;
  return m;
}

/** Yields the non-blank rows of one worksheet, the header row included. */
export async function* readXlsxRows(file: string, options: XlsxOptions = {}): AsyncGenerator<XlsxRow, void, void> {
  const name = options.name ?? file;
  const want = options.sheet;
  await checkSignature(file, name);
  const { stream } = await import('exceljs');

  // A read error of the file itself would not reach exceljs' zip parser (pipe() does not forward
  // errors): remember it, end the input, and report it instead of whatever the parser says.
  let ioError: Error | undefined;
  const src = createReadStream(file, { highWaterMark: 256 * 1024 });
  const input = new PassThrough();
  src.on('error', (e) => {
    ioError = e;
    input.end();
  });
  src.pipe(input);

  const reader = new stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles are read only to know which numbers are dates (styles.xml is small); hyperlinks ignored.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const book = reader as unknown as { model?: { sheets?: { name: string }[] }; properties?: { model?: { date1904?: boolean } } };
  const sheetNames = (): string[] => (book.model?.sheets ?? []).map((s) => s.name);

  let found = false;
  let seen = 0;
  try {
    for await (const ws of reader as unknown as AsyncIterable<SheetLike>) {
      seen++;
      const pos = sheetNames().indexOf(ws.name) + 1;
      // pos 0: exceljs could not name the sheet from workbook.xml; by default take the first one then.
      const match = want === undefined ? pos === 1 || (pos === 0 && seen === 1) : typeof want === 'number' ? pos === want : ws.name === want;
      if (!match) {
        // Not the wanted sheet: consume it so the zip entry / spooled file is released.
        for await (const _row of ws) void _row;
        continue;
      }
      found = true;
      const date1904 = book.properties?.model?.date1904 === true;
      let last = 0;
      for await (const row of ws) {
        const line = Number.isInteger(row.number) && row.number > 0 ? row.number : last + 1;
        last = line;
        const fields: string[] = [];
        let blank = true;
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const s = cellToString(cell.value, cell.numFmt, date1904);
          if (s === '') return;
          while (fields.length < col - 1) fields.push('');
          fields[col - 1] = s;
          if (blank && s.trim() !== '') blank = false;
        });
        if (!blank) yield { line, fields };
      }
      break;
    }
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw new XlsxReadError(name, ioError !== undefined ? ioError.message : explain(e));
  } finally {
    src.destroy();
    input.destroy();
  }
  if (ioError !== undefined) throw new XlsxReadError(name, ioError.message);
  if (!found) {
    const names = sheetNames();
    if (names.length === 0) throw new XlsxReadError(name, 'no worksheet found (not an Excel workbook?)');
    throw new XlsxReadError(name, `no sheet ${typeof want === 'number' ? `number ${want}` : `named "${String(want)}"`} (sheets: ${names.map((n) => `"${n}"`).join(', ')})`);
  }
}
