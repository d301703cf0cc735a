/**
 * One connector's HTTP side: an axios instance (base URL, timeout, keep-alive agent), auth,
 * token-bucket rate limit, concurrency limit, and the retry loop driven by the error handler.
 * Bodies are read as text and parsed here, so a malformed or truncated body is a retryable
 * outcome instead of an exception deep inside axios. A `check` callback lets the caller reject a
 * well-formed body (no records array, a duplicated page) and have it retried like any fault.
 */
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import { retryDelay, type BackoffPolicy } from './backoff';
import { AuthError, type AuthProvider } from './auth-provider';
import { AbortedError, type Clock } from './clock';
import { ConcurrencyLimiter } from './concurrency-limiter';
import { classifyOutcome, type ErrorAction, type Outcome } from './error-handler';
import { TokenBucket } from './token-bucket';

export interface RequesterOptions {
  connector: string;
  baseUrl: string;
  timeoutMs: number;
  requestsPerSecond: number;
  burst: number;
  concurrency: number;
  maxAttempts: number;
  backoff: BackoffPolicy;
  clock: Clock;
}

export interface RequestStats {
  requests: number;
  retries: Record<string, number>;
  /** Total ms slept in backoff / Retry-After waits. */
  waitedMs: number;
}

export class RequestFailedError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'RequestFailedError';
  }
}

export interface GetOptions {
  signal?: AbortSignal;
  /** Returns an outcome to retry (bad body, duplicate page) or undefined to accept the body. */
  check?: (body: unknown) => Outcome | undefined;
}

export class Requester {
  readonly http: AxiosInstance;
  readonly stats: RequestStats = { requests: 0, retries: {}, waitedMs: 0 };
  private auth: AuthProvider | undefined;
  private readonly bucket: TokenBucket;
  private readonly limiter: ConcurrencyLimiter;
  /** Set by a 429: no request of this connector starts before this time. */
  private pausedUntil = 0;

  constructor(readonly options: RequesterOptions) {
    const agentOpts = { keepAlive: true, maxSockets: options.concurrency };
    this.http = axios.create({
      baseURL: options.baseUrl,
      timeout: options.timeoutMs,
      httpAgent: new Agent(agentOpts),
      httpsAgent: new HttpsAgent(agentOpts),
      maxRedirects: 0,
    });
    this.bucket = new TokenBucket(options.requestsPerSecond, options.burst, options.clock);
    this.limiter = new ConcurrencyLimiter(options.concurrency);
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    (this.http.defaults.httpAgent as Agent).destroy();
    (this.http.defaults.httpsAgent as HttpsAgent).destroy();
  }

  setAuth(auth: AuthProvider): void {
    this.auth = auth;
  }

  private async once(path: string, params: Record<string, string>, o: GetOptions): Promise<{ body: unknown } | { outcome: Outcome }> {
    const now = this.options.clock.now();
    if (this.pausedUntil > now) await this.options.clock.sleep(this.pausedUntil - now, o.signal);
    await this.bucket.take(o.signal);
    let headers: Record<string, string>;
    try {
      // Fetching a token (OAuth2) is part of the attempt: its timeouts, network errors and 5xx are
      // transient like the data request's, and a 4xx from the token endpoint is reported as such.
      headers = this.auth === undefined ? {} : await this.auth.headers(o.signal);
    } catch (e) {
      if (o.signal?.aborted === true) throw new AbortedError();
      if (e instanceof AuthError && e.status !== undefined) {
        return { outcome: { kind: 'response', status: e.status, headers: {}, bodySnippet: e.message } };
      }
      if (isAxiosError(e)) {
        if (e.response) {
          return { outcome: { kind: 'response', status: e.response.status, headers: {}, bodySnippet: `token endpoint ${e.config?.url ?? ''}: ${String(e.response.data ?? '').slice(0, 160)}` } };
        }
        return { outcome: { kind: 'network', code: e.code, message: `token endpoint: ${e.message}` } };
      }
      throw e;
    }
    this.stats.requests++;
    try {
      const res = await this.http.get<string>(path, {
        params, headers, signal: o.signal, responseType: 'text', transformResponse: [(d: unknown) => d], validateStatus: () => true,
      });
      if (res.status !== 200) {
        const h: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(res.headers)) h[k.toLowerCase()] = v === undefined || v === null ? undefined : String(v);
        return { outcome: { kind: 'response', status: res.status, headers: h, bodySnippet: String(res.data ?? '').slice(0, 200) } };
      }
      let body: unknown;
      try {
        body = JSON.parse(res.data);
      } catch (e) {
        return { outcome: { kind: 'bad_body', reason: 'malformed', message: (e as Error).message } };
      }
      const rejected = o.check?.(body);
      return rejected === undefined ? { body } : { outcome: rejected };
    } catch (e) {
      if (o.signal?.aborted === true) throw new AbortedError();
      if (isAxiosError(e)) return { outcome: { kind: 'network', code: e.code, message: e.message } };
      throw e;
    }
  }

  /** GET `path` with `params`; resolves with the parsed JSON body or throws RequestFailedError. */
  get(path: string, params: Record<string, string>, o: GetOptions = {}): Promise<{ body: unknown; attempts: number }> {
    return this.limiter.run(async () => {
      const { clock, connector, maxAttempts, backoff } = this.options;
      let reauthDone = false;
      for (let attempt = 1; ; attempt++) {
        const r = await this.once(path, params, o);
        if ('body' in r) return { body: r.body, attempts: attempt };
        const url = `${this.options.baseUrl}${path}`;
        const action: ErrorAction = classifyOutcome(r.outcome, { connector, url, nowMs: clock.now(), canReauthenticate: this.auth?.refreshable === true && !reauthDone });
        this.stats.retries[action.reason] = (this.stats.retries[action.reason] ?? 0) + (action.action === 'fail' ? 0 : 1);
        if (action.action === 'fail') throw new RequestFailedError(action.message, action.reason, attempt);
        if (action.action === 'ignore') return { body: undefined, attempts: attempt };
        if (action.action === 'reauthenticate') {
          reauthDone = true;
          this.auth?.invalidate();
          continue;
        }
        if (attempt >= maxAttempts) {
          throw new RequestFailedError(`${connector}: GET ${url} still failing after ${attempt} attempts (last: ${action.reason})`, action.reason, attempt);
        }
        const delay = retryDelay(attempt, backoff, action.retryAfterMs);
        if (action.action === 'rate_limited') this.pausedUntil = Math.max(this.pausedUntil, clock.now() + delay);
        this.stats.waitedMs += delay;
        await clock.sleep(delay, o.signal);
      }
    });
  }
}
