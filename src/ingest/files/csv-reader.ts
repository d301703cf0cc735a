/**
 * Streaming RFC 4180 CSV reader: quoted fields with `""` escapes and embedded newlines, CRLF / LF /
 * CR line ends, a leading UTF-8 BOM. Input must be UTF-8: invalid UTF-8 (typically a GBK/GB18030
 * export from Excel) stops the read with an error that says so — convert first
 * (`iconv -f GB18030 -t UTF-8`). Reads chunk by chunk; memory is bounded by the longest row.
 * A stray quote inside an unquoted field is kept literally (real exports do this).
 */
import { createReadStream } from 'node:fs';
import { TextDecoder } from 'node:util';

export interface CsvRow {
  /** Physical line where the row starts (1-based). */
  line: number;
  fields: string[];
}

export class FileFormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'FileFormatError';
  }
}

export interface CsvOptions {
  delimiter?: string;
  /** Name used in error messages (defaults to the path). */
  name?: string;
}

/** Parses CSV text chunks into rows; feed with `push`, finish with `end`. */
export class CsvParser {
  private field = '';
  private fields: string[] = [];
  private inQuotes = false;
  /** A quote seen inside quotes: either an escape (next is ") or the closing quote. */
  private quotePending = false;
  private afterCr = false;
  private quotedCr = false;
  private line = 1;
  private rowLine = 1;
  private started = false;
  private first = true;

  constructor(private readonly delimiter = ',') {}

  private endRow(out: CsvRow[]): void {
    this.fields.push(this.field);
    out.push({ line: this.rowLine, fields: this.fields });
    this.fields = [];
    this.field = '';
    this.started = false;
  }

  push(text: string, out: CsvRow[]): void {
    let s = text;
    if (this.first) {
      this.first = false;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    const d = this.delimiter;
    for (let i = 0; i < s.length; i++) {
      const c = s[i]!;
      if (this.afterCr) {
        this.afterCr = false;
        if (c === '\n') continue;
      }
      if (this.quotePending) {
        this.quotePending = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
      }
      if (this.inQuotes) {
        if (c === '"') this.quotePending = true;
        else {
          // CRLF inside quotes counts as one line, even when split across chunks.
          if (c === '\r' || (c === '\n' && !this.quotedCr)) this.line++;
          this.field += c;
        }
        this.quotedCr = c === '\r';
        continue;
      }
      if (!this.started) {
        this.started = true;
        this.rowLine = this.line;
      }
      if (c === d) {
        this.fields.push(this.field);
        this.field = '';
      } else if (c === '\n' || c === '\r') {
        this.endRow(out);
        this.line++;
        if (c === '\r') this.afterCr = true;
      } else if (c === '"' && this.field === '') {
        this.inQuotes = true;
      } else {
        this.field += c;
      }
    }
  }

  /** Flushes the last row; returns the line of an unterminated quoted field, if any. */
  end(out: CsvRow[]): number | undefined {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
    }
    if (this.inQuotes) return this.rowLine;
    if (this.started || this.fields.length > 0 || this.field !== '') this.endRow(out);
    return undefined;
  }
}

/** Yields the rows of a UTF-8 CSV file, the header row included. */
export async function* readCsvRows(file: string, options: CsvOptions = {}): AsyncGenerator<CsvRow, void, void> {
  const name = options.name ?? file;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parser = new CsvParser(options.delimiter ?? ',');
  const out: CsvRow[] = [];
  const decode = (chunk: Buffer | undefined, stream: boolean): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream });
    } catch {
      const at = out.length > 0 ? out[out.length - 1]!.line : 1;
      throw new FileFormatError(name, at, 'not valid UTF-8 (GBK/GB18030 exports must be converted to UTF-8 first, e.g. iconv -f GB18030 -t UTF-8)');
    }
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    parser.push(decode(chunk as Buffer, true), out);
    while (out.length > 0) yield out.shift()!;
  }
  parser.push(decode(undefined, false), out);
  const open = parser.end(out);
  while (out.length > 0) yield out.shift()!;
  if (open !== undefined) throw new FileFormatError(name, open, 'quoted field is never closed');
}
