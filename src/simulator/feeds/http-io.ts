/** Minimal node:http helpers for the feed server: JSON answers and bounded request bodies. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendText(res: ServerResponse, status: number, body: string, contentType: string, headers?: Record<string, string>): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers?: Record<string, string>): void {
  sendText(res, status, typeof body === 'string' ? body : JSON.stringify(body), 'application/json; charset=utf-8', headers);
}

/** Reads the whole request body as UTF-8, rejecting beyond `limit` bytes. */
export function readBody(req: IncomingMessage, limit = 65_536): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      parts.push(b);
    });
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** Parses a JSON or form-encoded body into string fields (other JSON value types are stringified). */
export function parseFields(body: string, contentType: string | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  if (contentType?.includes('json')) {
    let v: unknown;
    try {
      v = JSON.parse(body);
    } catch {
      return undefined;
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== null && x !== undefined) out[k] = String(x);
    return out;
  }
  for (const [k, x] of new URLSearchParams(body)) out[k] = x;
  return out;
}
