/**
 * A runnable connector: a validated manifest plus its requester (axios, auth, limits, retries)
 * and, per stream, the compiled mapping, paginator and incremental cursor. Built once per
 * connector and shared by every read of its streams (they share the rate limit and concurrency).
 */
import type { CodeTables, ConnectorManifest, StreamSpec } from '../manifest/manifest-types';
import type { SecretMap } from '../manifest/resolve-secret';
import { compilePath, type PathGetter } from '../mapping/field-path';
import { compileStream, type CompiledStream } from '../mapping/map-record';
import { createAuthProvider } from './auth-provider';
import { systemClock, type Clock } from './clock';
import { IncrementalCursor } from './incremental-cursor';
import { createPaginator, type Paginator } from './paginator';
import { Requester } from './requester';

export interface ConnectorOptions {
  /** Values for the manifest's secret refs (`env:NAME` is looked up as `env:NAME`, then `NAME`). */
  secrets: SecretMap;
  /** Overrides the manifest's baseUrl (first), else `env[manifest.baseUrlEnv]`, else the manifest. */
  baseUrl?: string;
  env?: Readonly<Record<string, string | undefined>>;
  clock?: Clock;
  /** Uniform [0, 1) source for backoff jitter. */
  random?: () => number;
  /** Overrides of the manifest's limits (tests, operators). */
  requestTimeoutMs?: number;
  requestsPerSecond?: number;
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Lowers the manifest's maxPageSize (never raises it). */
  maxPageSize?: number;
}

export interface RuntimeStream {
  spec: StreamSpec;
  compiled: CompiledStream;
  paginator: Paginator;
  cursor: IncrementalCursor | undefined;
  records: PathGetter;
}

export interface Connector {
  name: string;
  manifest: ConnectorManifest;
  baseUrl: string;
  requester: Requester;
  streams: ReadonlyMap<string, RuntimeStream>;
  close(): void;
}

export class UnknownStreamError extends Error {
  constructor(connector: string, stream: string, known: string[]) {
    super(`connector ${connector} has no stream '${stream}' (streams: ${known.join(', ')})`);
    this.name = 'UnknownStreamError';
  }
}

export function createConnector(manifest: ConnectorManifest, codeTables: CodeTables, o: ConnectorOptions): Connector {
  const env = o.env ?? {};
  const fromEnv = manifest.baseUrlEnv === undefined ? undefined : env[manifest.baseUrlEnv];
  const baseUrl = (o.baseUrl ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : manifest.baseUrl)).replace(/\/+$/, '');
  const clock = o.clock ?? systemClock;
  const requester = new Requester({
    connector: manifest.name,
    baseUrl,
    timeoutMs: o.requestTimeoutMs ?? manifest.requestTimeoutMs,
    requestsPerSecond: o.requestsPerSecond ?? manifest.rateLimit.requestsPerSecond,
    burst: manifest.rateLimit.burst ?? Math.max(1, Math.ceil(o.requestsPerSecond ?? manifest.rateLimit.requestsPerSecond)),
    concurrency: o.concurrency ?? manifest.concurrency,
    maxAttempts: o.maxAttempts ?? manifest.retry?.maxAttempts ?? 8,
    backoff: { baseDelayMs: o.baseDelayMs ?? manifest.retry?.baseDelayMs ?? 500, maxDelayMs: o.maxDelayMs ?? manifest.retry?.maxDelayMs ?? 30_000, random: o.random },
    clock,
  });
  const auth = manifest.auth;
  const resolvedAuth = auth.kind === 'oauth2_client_credentials' && !/^https?:\/\//.test(auth.tokenUrl) ? { ...auth, tokenUrl: `${baseUrl}${auth.tokenUrl}` } : auth;
  requester.setAuth(createAuthProvider(resolvedAuth, o.secrets, requester.http, clock, manifest.name));

  const streams = new Map<string, RuntimeStream>();
  for (const spec of manifest.streams) {
    streams.set(spec.name, {
      spec,
      compiled: compileStream(spec, codeTables),
      paginator: createPaginator(spec.pagination, Math.min(manifest.maxPageSize, o.maxPageSize ?? manifest.maxPageSize)),
      cursor: spec.incremental === undefined ? undefined : new IncrementalCursor(spec.incremental),
      records: compilePath(spec.recordSelector),
    });
  }
  return {
    name: manifest.name,
    manifest,
    baseUrl,
    requester,
    streams,
    close: () => {
      requester.close();
    },
  };
}

/** The stream named `name`, or an error listing the known ones. */
export function streamOf(c: Connector, name: string): RuntimeStream {
  const s = c.streams.get(name);
  if (s === undefined) throw new UnknownStreamError(c.name, name, [...c.streams.keys()]);
  return s;
}
