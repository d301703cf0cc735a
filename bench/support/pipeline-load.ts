/**
 * Bench support for bench/pipeline-scale.ts: closed-loop HTTP load against a GraphQL endpoint for
 * a fixed time — `clients` keep-alive clients, each sending its next request as soon as the previous
 * one answered, each request's body from `body()` (e.g. a random grid). Several loads may run at
 * once (a mix). Any non-200 answer or GraphQL error fails the run, naming the answer: a bench must
 * not time errors.
 */
import http from 'node:http';

export interface LoadFigures {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export interface LoadSpec {
  /** POST target, e.g. http://127.0.0.1:4000/graphql. */
  url: string;
  body: () => string;
  clients: number;
  seconds: number;
  /** Requests sent (per client, in turn) before the timed window, not counted. */
  warmup?: number;
}

function post(agent: http.Agent, target: URL, body: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => {
        if (res.statusCode !== 200 || text.startsWith('{"errors"') || text.includes('"errors":[')) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)} (body ${body.slice(0, 200)})`));
        resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function timedLoad(spec: LoadSpec): Promise<LoadFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.clients });
  const target = new URL(spec.url);
  try {
    for (let i = 0; i < (spec.warmup ?? 0); i++) await Promise.all(Array.from({ length: spec.clients }, () => post(agent, target, spec.body())));
    const latencies: number[] = [];
    const started = performance.now();
    const until = started + spec.seconds * 1000;
    await Promise.all(
      Array.from({ length: spec.clients }, async () => {
        while (performance.now() < until) latencies.push(await post(agent, target, spec.body()));
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN) * 10) / 10;
    return { requests: latencies.length, rps: Math.round((latencies.length / seconds) * 10) / 10, p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1) };
  } finally {
    agent.destroy();
  }
}
