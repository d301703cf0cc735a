/**
 * Bench support: one timed load of a GraphQL endpoint with autocannon (programmatic API): a POST of
 * one body over `connections` keep-alive connections for `seconds`. Every answer is checked against
 * the expected body (the one the bench checked before loading), so errors and wrong answers are
 * counted, never timed as successes. Used by bench/graphql-vs-postgraphile.ts.
 */

/** The part of autocannon's result this bench reads (autocannon ships no types). */
interface AutocannonResult {
  /** Seconds. */
  duration: number;
  /** total: completed; sent: completed and in flight when the run stopped. */
  requests: { total: number; sent: number };
  errors: number;
  timeouts: number;
  mismatches: number;
  non2xx: number;
  latency: { p50: number; p99: number };
}

type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface LoadFigures {
  /** Completed requests per second over the run. */
  rps: number;
  p50: number;
  p99: number;
  /** Requests sent (completed ones and those still in flight when the run stopped). */
  sent: number;
  completed: number;
  /** Socket errors and timeouts, non-2xx answers, and 2xx answers unlike the expected body. */
  errors: number;
  non2xx: number;
  mismatches: number;
}

export async function autocannonLoad(url: string, body: string, expectBody: string, connections: number, seconds: number): Promise<LoadFigures> {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
    connections,
    pipelining: 1,
    duration: seconds,
    expectBody,
  });
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    sent: r.requests.sent,
    completed: r.requests.total,
    errors: r.errors,
    non2xx: r.non2xx,
    mismatches: r.mismatches,
  };
}
