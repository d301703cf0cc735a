/** Relay global object ids: base64url("Type:id"), opaque to clients, decodable by `node(id:)`. */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * base64url (no padding) of an ASCII string, or undefined when it holds another character. A page
 * of persons makes one id per person: this plain loop costs a fraction of a Buffer round trip.
 */
function base64urlAscii(s: string): string | undefined {
  let out = '';
  const n = s.length;
  for (let i = 0; i < n; i += 3) {
    const a = s.charCodeAt(i);
    const b = i + 1 < n ? s.charCodeAt(i + 1) : 0;
    const c = i + 2 < n ? s.charCodeAt(i + 2) : 0;
    if ((a | b | c) > 0x7f) return undefined;
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)];
    if (i + 1 < n) out += ALPHABET[((b & 15) << 2) | (c >> 6)];
    if (i + 2 < n) out += ALPHABET[c & 63];
  }
  return out;
}

export function toGlobalId(type: string, id: number | string): string {
  const text = `${type}:${id}`;
  return base64urlAscii(text) ?? Buffer.from(text, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: string; id: string } | null {
  const decoded = Buffer.from(globalId, 'base64url').toString('utf8');
  const i = decoded.indexOf(':');
  if (i <= 0 || i === decoded.length - 1) return null;
  return { type: decoded.slice(0, i), id: decoded.slice(i + 1) };
}
