/** Plain-text tables for the CLI: columns padded to their widest cell, the first `leftColumns` left-aligned (names), the rest right-aligned (numbers). */
export function textTable(rows: ReadonlyArray<ReadonlyArray<string>>, leftColumns: number): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
