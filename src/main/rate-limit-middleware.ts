/**
 * Per-client rate limits of /graphql (Express + Redis): a token bucket per client — the principal
 * id when the auth middleware found one, else the client IP — as GCRA (the generic cell rate
 * algorithm: a token bucket kept as one number, the "theoretical arrival time") in one Lua script.
 *
 * Why GCRA in Lua rather than INCR + PEXPIRE fixed windows: a fixed window lets a client send twice
 * the limit across a window boundary and then starves it for the rest of the window; the bucket
 * refills smoothly (one request every period/limit) while allowing bursts up to the limit. The
 * script is atomic, one round trip, one key per client with a TTL (idle clients cost nothing), and
 * reads Redis's clock so several hub processes agree.
 *
 * Over the limit: HTTP 429, `Retry-After` (seconds) and a GraphQL-shaped error
 * `{ errors: [{ message, extensions: { code: 'RATE_LIMITED', retryAfterMs } }] }`. When Redis fails
 * the request is served (fail open: the limiter protects the hub, it must not take it down) and
 * the error is logged.
 */
import type { Request, RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { principalIfAny } from './auth-middleware';

/** KEYS[1] bucket; ARGV[1] emission interval (ms per request), ARGV[2] burst (requests) → {allowed, retryAfterMs, remaining}. */
const GCRA = `
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local newTat = tat + interval
local allowAt = newTat - interval * burst
if allowAt > now then
  return {0, math.ceil(allowAt - now), 0}
end
redis.call('SET', KEYS[1], tostring(newTat), 'PX', math.ceil(newTat - now))
return {1, 0, math.floor((now + interval * burst - newTat) / interval)}
`;

export interface RateLimit {
  /** Requests per period (also the largest burst). */
  limit: number;
  periodMs: number;
}

export interface RateDecision {
  allowed: boolean;
  retryAfterMs: number;
  remaining: number;
}

export class RateLimiter {
  constructor(
    private readonly redis: Redis,
    /** e.g. `<GRIDHUB_QUEUE_PREFIX>:ratelimit` */
    private readonly prefix: string,
    readonly rate: RateLimit,
  ) {}

  async take(client: string): Promise<RateDecision> {
    const [allowed, retryAfterMs, remaining] = (await this.redis.eval(GCRA, 1, `${this.prefix}:${client}`, String(this.rate.periodMs / this.rate.limit), String(this.rate.limit))) as [number, number, number];
    return { allowed: allowed === 1, retryAfterMs, remaining };
  }
}

/** The client a request counts against: its principal, else its IP. */
export function rateLimitClient(req: Request): string {
  const p = principalIfAny(req);
  return p !== undefined && p.kind !== 'anonymous' ? p.id : `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

export interface RateLimitMiddlewareOptions {
  limiter: RateLimiter;
  clientOf?: (req: Request) => string;
  onError?: (message: string) => void;
}

export function createRateLimitMiddleware(options: RateLimitMiddlewareOptions): RequestHandler {
  const clientOf = options.clientOf ?? rateLimitClient;
  const { limit, periodMs } = options.limiter.rate;
  return (req, res, next) => {
    const client = clientOf(req);
    options.limiter.take(client).then(
      (d) => {
        res.set('ratelimit-limit', String(limit));
        res.set('ratelimit-remaining', String(d.remaining));
        if (d.allowed) return next();
        res.set('retry-after', String(Math.max(1, Math.ceil(d.retryAfterMs / 1000))));
        res.status(429).json({
          errors: [
            {
              message: `Rate limit exceeded: at most ${limit} requests per ${periodMs / 1000} s for this client (${client.startsWith('ip:') ? 'by IP address' : client}); retry in ${d.retryAfterMs} ms.`,
              extensions: { code: 'RATE_LIMITED', retryAfterMs: d.retryAfterMs },
            },
          ],
        });
      },
      (e: unknown) => {
        options.onError?.(`rate limiter unavailable, request served without a limit: ${e instanceof Error ? e.message : String(e)}`);
        next();
      },
    );
  };
}
