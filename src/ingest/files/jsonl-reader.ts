/**
 * Streaming JSON Lines reader: one JSON object per line, read line by line (never the whole
 * file). Blank lines are skipped; a line that is not a JSON object is reported with its line
 * number instead of aborting the import, so the caller can quarantine it. UTF-8 only.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

export interface JsonlLine {
  line: number;
  record: Record<string, unknown> | null;
  /** Why `record` is null. */
  problem?: string;
  text: string;
}

export async function* readJsonlLines(file: string): AsyncGenerator<JsonlLine, void, void> {
  const rl = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of rl) {
    line++;
    const text = line === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === '') continue;
    try {
      const v: unknown = JSON.parse(text);
      if (typeof v === 'object' && v !== null && !Array.isArray(v)) yield { line, record: v as Record<string, unknown>, text };
      else yield { line, record: null, problem: 'expected a JSON object', text };
    } catch (e) {
      yield { line, record: null, problem: `not valid JSON: ${(e as Error).message}`, text };
    }
  }
}
