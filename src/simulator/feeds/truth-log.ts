/**
 * Ground truth lines: one per served record (feed, stream, recordKey, entityType, trueEntityId,
 * invalid, invalidReason, updatedTick), as CSV or JSON Lines. The file is written whole at start
 * and appended with the records that changed whenever the clock advances (last line per key wins).
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { TruthEntry } from './served-record';

export type TruthFormat = 'csv' | 'jsonl';

export const TRUTH_CSV_HEADER = 'feed,stream,recordKey,entityType,trueEntityId,invalid,invalidReason,updatedTick\n';

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function truthLine(t: TruthEntry, format: TruthFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(t)}\n`;
  return `${t.feed},${t.stream},${csvCell(t.recordKey)},${t.entityType},${csvCell(t.trueEntityId)},${t.invalid},${csvCell(t.invalidReason)},${t.updatedTick}\n`;
}

export function truthFormatOf(file: string): TruthFormat {
  return file.toLowerCase().endsWith('.jsonl') ? 'jsonl' : 'csv';
}

function render(entries: Iterable<TruthEntry>, format: TruthFormat): string {
  const parts: string[] = [];
  for (const e of entries) parts.push(truthLine(e, format));
  return parts.join('');
}

export class TruthFile {
  readonly format: TruthFormat;

  constructor(readonly path: string) {
    this.format = truthFormatOf(path);
  }

  writeAll(entries: Iterable<TruthEntry>): void {
    writeFileSync(this.path, (this.format === 'csv' ? TRUTH_CSV_HEADER : '') + render(entries, this.format));
  }

  append(entries: Iterable<TruthEntry>): void {
    appendFileSync(this.path, render(entries, this.format));
  }
}
