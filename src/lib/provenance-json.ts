/**
 * A golden record's provenance as JSON text, exactly as `JSON.stringify` writes it, but faster for
 * the stored (compact) shape: there most attributes point at the same `{ sourceRecordId, rule }`
 * object (one per member and rule within a cluster, see `sharedProvenance`), so each such object is
 * encoded once per call and its text repeated, and attribute names are quoted once per process.
 * Anything else (union lists, unexpected shapes) goes through `JSON.stringify`.
 */

/** `"name":` per attribute or role name (bounded: names come from configuration, not data). */
const KEYS = new Map<string, string>();
function keyJson(k: string): string {
  let s = KEYS.get(k);
  if (s === undefined) {
    s = `${JSON.stringify(k)}:`;
    if (KEYS.size < 10000) KEYS.set(k, s);
  }
  return s;
}

/** The objects encoded in the current call and their text (identity; a few per cluster). */
const seenObjects: object[] = [];
const seenTexts: string[] = [];
let seenN = 0;

function encoded(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return JSON.stringify(v);
  for (let k = 0; k < seenN; k++) if (seenObjects[k] === v) return seenTexts[k];
  const text = JSON.stringify(v);
  if (seenN < 32) {
    seenObjects[seenN] = v;
    seenTexts[seenN++] = text;
  }
  return text;
}

/** `{…}` of an object whose values are encoded with `encoded` (a role map, the records map). */
function mapJson(o: Record<string, unknown>): string {
  let out = '{';
  for (const k in o) {
    const v = o[k];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    out += out.length === 1 ? `${keyJson(k)}${encoded(v)}` : `,${keyJson(k)}${encoded(v)}`;
  }
  return `${out}}`;
}

/** `JSON.stringify(provenance)` (null for null or undefined), the same text. */
export function provenanceJson(provenance: unknown): string | null {
  if (provenance === null || provenance === undefined) return null;
  if (typeof provenance !== 'object' || Array.isArray(provenance) || typeof (provenance as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(provenance);
  try {
    const p = provenance as Record<string, unknown>;
    let out = '{';
    for (const k in p) {
      if (!Object.prototype.hasOwnProperty.call(p, k)) continue;
      const v = p[k];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
      // A `{ sourceRecordId, rule }` entry, a role map of entries, the records map, or anything else.
      const text =
        typeof v !== 'object' || v === null || Array.isArray(v) || 'sourceRecordId' in v || Object.getPrototypeOf(v) !== Object.prototype
          ? encoded(v)
          : mapJson(v as Record<string, unknown>);
      out += out.length === 1 ? `${keyJson(k)}${text}` : `,${keyJson(k)}${text}`;
    }
    return `${out}}`;
  } finally {
    for (let k = 0; k < seenN; k++) seenObjects[k] = undefined!;
    seenN = 0;
  }
}
