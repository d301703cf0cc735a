/**
 * Bench support: POSTs one GraphQL body `requests` times over keep-alive HTTP from `concurrency`
 * clients and measures throughput and latency percentiles. Any non-200 answer or GraphQL error
 * fails the run (a bench must not time errors).
 */
import http from 'node:http';

export interface RunFigures {
  rps: number;
  p50: number;
  p99: number;
}

export async function load(url: string, headers: Record<string, string>, body: string, requests: number, concurrency: number): Promise<RunFigures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies: number[] = [];
  let next = 0;
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = http.request({ agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          if (res.statusCode !== 200 || text.includes('"errors"')) return reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
          resolve();
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) {
      next += 1;
      await one();
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: requests / seconds, p50: q(0.5), p99: q(0.99) };
}

