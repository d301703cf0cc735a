/** Values of rows as pg returns them: bigint and numeric columns arrive as strings. */

/** A nullable numeric column as a number (null and undefined stay null). */
export const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
