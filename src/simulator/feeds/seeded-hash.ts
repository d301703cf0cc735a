/**
 * Deterministic hashing for the feeds: uniform draws keyed by strings (noise, faults, intra-day
 * offsets) and the departments' own stable record keys. Same inputs → same outputs, on every run
 * and every machine; nothing here reads a clock or Math.random.
 */
import * as crypto from 'node:crypto';

/** 32-bit FNV-1a over the UTF-16 code units of `text`, mixed with `seed`, finished with murmur3 fmix32. */
export function hash32(seed: number, text: string): number {
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) determined by `seed` and `text`. */
export function unitDraw(seed: number, text: string): number {
  return hash32(seed, text) / 4294967296;
}

/** An integer in [0, n) determined by `seed` and `text`. */
export function pickIndex(seed: number, text: string, n: number): number {
  return Math.floor(unitDraw(seed, text) * n);
}

/** SHA-1 hex of the joined parts (used once per record at build time, for record keys). */
export function sha1Hex(...parts: Array<string | number>): string {
  const text = parts.join('|');
  // crypto.hash (Node ≥ 20.12) is the one-shot form: same digest, no Hash object per call.
  return ONE_SHOT !== undefined ? ONE_SHOT('sha1', text, 'hex') : crypto.createHash('sha1').update(text).digest('hex');
}

const ONE_SHOT = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** Value of hex digit character code c. */
function nibble(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** `digits` decimal digits derived from a hex digest (re-hashing when it runs out). */
export function digitsFromHex(hex: string, digits: number): string {
  let out = '';
  let source = hex;
  while (out.length < digits) {
    for (let i = 0; i + 2 <= source.length && out.length < digits; i += 2) out += String(((nibble(source.charCodeAt(i)) << 4) | nibble(source.charCodeAt(i + 1))) % 10);
    source = sha1Hex(source);
  }
  return out;
}
