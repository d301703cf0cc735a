/**
 * Classifies the outcome of one request into an action, Airbyte-style: `retry` (transient: 5xx,
 * 408, timeouts, dropped or refused connections, malformed or truncated bodies, duplicated pages),
 * `rate_limited` (429, wait Retry-After), `reauthenticate` (401 with a refreshable token, once),
 * `fail` (401/403/404 and other 4xx: retrying will not help; the message says what to fix) or
 * `ignore` (404 on a stream declared optional — not used by the built-in connectors yet).
 */
import { parseRetryAfter } from './backoff';

export type Outcome =
  | { kind: 'response'; status: number; headers: Readonly<Record<string, string | undefined>>; bodySnippet: string }
  | { kind: 'network'; code: string | undefined; message: string }
  | { kind: 'bad_body'; reason: 'malformed' | 'truncated' | 'no_records'; message: string }
  | { kind: 'duplicate_page'; message: string };

export type ErrorAction =
  | { action: 'retry'; reason: string; retryAfterMs?: number }
  | { action: 'rate_limited'; reason: string; retryAfterMs?: number }
  | { action: 'reauthenticate'; reason: string }
  | { action: 'fail'; reason: string; message: string }
  | { action: 'ignore'; reason: string };

/** Network error codes that mean "try again": the request may not have reached the server, or the answer was cut. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENETUNREACH',
  'EHOSTUNREACH', 'ENOTFOUND', 'ERR_BAD_RESPONSE', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_NETWORK', 'EPROTO',
]);

const RETRYABLE_MESSAGES = /socket hang up|aborted|timeout|premature close|unexpected end|ECONNRESET/i;

export interface ClassifyContext {
  connector: string;
  url: string;
  nowMs: number;
  /** Whether auth can fetch a new token (OAuth2) and has not just done so for this request. */
  canReauthenticate: boolean;
}

export function classifyOutcome(o: Outcome, ctx: ClassifyContext): ErrorAction {
  switch (o.kind) {
    case 'network': {
      if (o.code === 'ERR_CANCELED') return { action: 'fail', reason: 'aborted', message: `${ctx.connector}: request to ${ctx.url} was cancelled` };
      if ((o.code !== undefined && RETRYABLE_NETWORK_CODES.has(o.code)) || RETRYABLE_MESSAGES.test(o.message)) {
        return { action: 'retry', reason: o.code === 'ECONNABORTED' || o.code === 'ETIMEDOUT' || /timeout/i.test(o.message) ? 'timeout' : 'network' };
      }
      return { action: 'fail', reason: 'network', message: `${ctx.connector}: request to ${ctx.url} failed: ${o.code ?? ''} ${o.message}`.trim() };
    }
    case 'bad_body':
      return { action: 'retry', reason: o.reason };
    case 'duplicate_page':
      return { action: 'retry', reason: 'duplicate_page' };
    case 'response': {
      const s = o.status;
      const retryAfterMs = parseRetryAfter(o.headers['retry-after'], ctx.nowMs);
      if (s === 429) return { action: 'rate_limited', reason: 'http_429', retryAfterMs };
      if (s >= 500 || s === 408) return { action: 'retry', reason: `http_${s}`, retryAfterMs };
      if (s === 401) {
        if (ctx.canReauthenticate) return { action: 'reauthenticate', reason: 'http_401' };
        return { action: 'fail', reason: 'http_401', message: `${ctx.connector}: 401 Unauthorized from ${ctx.url} — check the connector's credentials (secret refs in auth) — ${o.bodySnippet}` };
      }
      if (s === 403) return { action: 'fail', reason: 'http_403', message: `${ctx.connector}: 403 Forbidden from ${ctx.url} — the credentials are valid but not allowed to read this stream — ${o.bodySnippet}` };
      if (s === 404) return { action: 'fail', reason: 'http_404', message: `${ctx.connector}: 404 Not Found for ${ctx.url} — check baseUrl and the stream path in the manifest — ${o.bodySnippet}` };
      return { action: 'fail', reason: `http_${s}`, message: `${ctx.connector}: HTTP ${s} from ${ctx.url} — ${o.bodySnippet}` };
    }
  }
}
