/**
 * Backoff: full jitter within the exponential ceiling, Retry-After (seconds or HTTP date) as a
 * floor, all with an injected random source (no waiting).
 */
import { backoffDelay, parseRetryAfter, retryDelay } from '../../../src/ingest/runtime/backoff';

const policy = (r: number) => ({ baseDelayMs: 100, maxDelayMs: 1000, random: () => r });

describe('backoff', () => {
  it('full jitter: uniform in [0, min(cap, base·2^(n−1)))', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy(0.999)))).toEqual([99, 199, 399, 799, 999, 999]);
    expect(backoffDelay(3, policy(0))).toBe(0);
    expect(backoffDelay(3, policy(0.5))).toBe(200);
  });

  it('parses Retry-After as delta seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:07 GMT', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('never retries before Retry-After, capped at 5 minutes', () => {
    expect(retryDelay(1, policy(0.999), 3000)).toBe(3000);
    expect(retryDelay(5, policy(0.999), 10)).toBe(999);
    expect(retryDelay(1, policy(0), 3_600_000)).toBe(300_000);
  });
});
