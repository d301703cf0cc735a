/**
 * Exponential backoff with full jitter (delay = random(0, min(cap, base · 2^attempt))) and the
 * `Retry-After` header (delta seconds or an HTTP date). A server's Retry-After is a floor: the
 * client never comes back earlier than asked.
 */
export interface BackoffPolicy {
  baseDelayMs: number;
  maxDelayMs: number;
  /** Uniform [0, 1) source; Math.random by default, injectable for tests. */
  random?: () => number;
}

/** Full-jitter delay before retry number `attempt` (1 = first retry). */
export function backoffDelay(attempt: number, p: BackoffPolicy): number {
  const ceiling = Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor((p.random ?? Math.random)() * ceiling);
}

/** Retry-After in ms from now, or undefined when absent/unreadable. Negative dates give 0. */
export function parseRetryAfter(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined) return undefined;
  const h = header.trim();
  if (h === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(h)) return Math.round(Number(h) * 1000);
  const at = Date.parse(h);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** The wait before the next attempt: Retry-After (if any, capped at `maxRetryAfterMs`) or the jittered backoff, whichever is longer. */
export function retryDelay(attempt: number, p: BackoffPolicy, retryAfterMs?: number, maxRetryAfterMs = 300_000): number {
  const jitter = backoffDelay(attempt, p);
  return retryAfterMs === undefined ? jitter : Math.max(Math.min(retryAfterMs, maxRetryAfterMs), jitter);
}
