/**
 * The HTTP face: GraphQL at /graphql (Apollo Sandbox landing page outside production), /healthz
 * (process up), /readyz (PostgreSQL and Redis reachable) and /metrics (Prometheus).
 *
 * The GraphQL request pipeline: persisted documents (a `documentId` or APQ hash becomes the
 * registered document; `only` mode refuses free-form queries) → parse → validation with the depth
 * limit → cost limit (with the request's variables) → execution → `formatError`, which gives every
 * error an `extensions.code` and hides unexpected errors' details in production.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContext, type GraphQLContext } from '../api/context';
import { createFormatError } from '../api/errors';
import { queryCostPlugin, queryLimitRules, type QueryLimits } from '../api/limits/query-limits.plugin';
import { loadPersistedDocuments, resolvePersistedRequest, type PersistedDocuments, type PersistedResolution, type TrustedDocumentsMode } from '../api/persisted-documents';
import { gridhubSchema } from '../api/schema';
import type { HubStatusService } from '../services/hub-status.service';
import type { JobsService } from '../services/jobs.service';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { authenticatorFromConfig, createAuthMiddleware, principalFor } from './auth-middleware';
import { createRateLimitMiddleware, RateLimiter } from './rate-limit-middleware';
import type { AuditWriter } from '../access';
import type { Redis } from 'ioredis';
import type { GraphQLSchema } from 'graphql';
import type { HubMetrics } from './metrics';

/** Limits and persisted documents of the GraphQL endpoint. */
export interface GraphQLGuards {
  limits: QueryLimits;
  trustedDocuments: TrustedDocumentsMode;
  /** The manifest's documents (id → text). */
  documents: PersistedDocuments;
}

export function graphqlGuardsFromConfig(config: Config): GraphQLGuards {
  return {
    limits: { maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost, assumedListSize: config.graphqlListSize },
    trustedDocuments: config.trustedDocuments,
    documents: config.trustedDocuments === 'off' ? new Map() : loadPersistedDocuments(config.persistedDocumentsFile),
  };
}

export interface HttpServerDeps {
  orm: MikroORM;
  status: HubStatusService;
  metrics: HubMetrics;
  version: string;
  production: boolean;
  /** Defaults to the environment's configuration (GRIDHUB_GRAPHQL_*, GRIDHUB_TRUSTED_DOCUMENTS, GRIDHUB_PERSISTED_DOCUMENTS). */
  graphql?: GraphQLGuards;
  /** Where unexpected GraphQL errors are logged (default: stderr at info level). */
  log?: Logger;
  /** Job queues for the startSync/startResolve/startReconcile mutations and job queries (owned by the caller). */
  jobs?: JobsService;
  /** Authentication on /graphql (default GRIDHUB_AUTH: `required`); `off` makes every request an unscoped admin (development only). */
  auth?: Config['auth'];
  /** Redis for the per-client rate limit (GRIDHUB_RATE_LIMIT); without it requests are not rate-limited. */
  redis?: Redis;
  /** The process's audit writer (owned by the caller): reads of personal data and writes are recorded through it. */
  audit?: AuditWriter;
  /** Another schema than gridhub's (benchmarks only: the baseline without access control). */
  schema?: GraphQLSchema;
}

export interface RunningHttpServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

function metricsPlugin(metrics: HubMetrics): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      const t0 = process.hrtime.bigint();
      return {
        async willSendResponse(rc) {
          const operation = rc.operationName ?? 'anonymous';
          const type = rc.operation?.operation ?? 'unknown';
          const outcome = rc.errors && rc.errors.length > 0 ? 'error' : 'ok';
          metrics.graphqlOperations.inc({ operation, type, outcome });
          metrics.graphqlDuration.observe({ operation, type }, Number(process.hrtime.bigint() - t0) / 1e9);
        },
      };
    },
  };
}

/**
 * `cache-control: no-store` on GraphQL responses, as Apollo's cache-control plugin answers for a
 * schema without cache hints (gridhub has none: every answer depends on who asks) — without that
 * plugin's hook on every field of every response.
 */
function noStorePlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          if (!rc.response.http.headers.has('cache-control')) rc.response.http.headers.set('cache-control', 'no-store');
        },
      };
    },
  };
}

/** After each operation: the request's reads of personal data go to the audit log (batched, never blocking). */
function auditPlugin(): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const ctx = rc.contextValue;
          if (ctx.audit === undefined) return;
          ctx.reads.flushTo(ctx.audit, ctx.principal, rc.operationName ?? null);
          if (rc.operation?.operation === 'mutation') {
            ctx.audit.recordWrite(ctx.principal, { action: 'mutation', entityType: 'graphql', operation: rc.operationName ?? null, detail: { ok: !(rc.errors && rc.errors.length > 0) } });
          }
        },
      };
    },
  };
}

function refuse(res: express.Response, r: Extract<PersistedResolution, { ok: false }>): void {
  res.status(r.status).json({ errors: [{ message: r.message, extensions: { code: r.code } }] });
}

/** Resolves persisted-document ids of POST bodies and GET parameters before Apollo Server sees them. */
function persistedDocumentsMiddleware(mode: TrustedDocumentsMode, documents: PersistedDocuments): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === 'POST') {
      const body: unknown = req.body;
      const one = (b: unknown) => (b !== null && typeof b === 'object' && !Array.isArray(b) ? resolvePersistedRequest(b as Record<string, unknown>, mode, documents) : undefined);
      if (Array.isArray(body)) {
        // A batch (refused by Apollo unless batching is enabled) passes only when each of its requests does.
        const all = body.map(one);
        const refused = all.find((r) => r !== undefined && !r.ok);
        if (refused !== undefined && !refused.ok) return refuse(res, refused);
        req.body = body.map((b, i) => (all[i]?.ok ? all[i].body : b));
      } else {
        const r = one(body);
        if (r !== undefined && !r.ok) return refuse(res, r);
        if (r !== undefined) req.body = r.body;
      }
      return next();
    }
    if (req.method === 'GET') {
      const url = new URL(req.url, 'http://localhost');
      const p = url.searchParams;
      if (!p.has('documentId') && !p.has('extensions') && !(mode === 'only' && p.has('query'))) return next();
      let extensions: unknown;
      try {
        extensions = p.has('extensions') ? JSON.parse(p.get('extensions')!) : undefined;
      } catch {
        return refuse(res, { ok: false, status: 400, code: 'BAD_REQUEST', message: 'The "extensions" parameter is not valid JSON.' });
      }
      const r = resolvePersistedRequest({ query: p.get('query') ?? undefined, documentId: p.get('documentId') ?? undefined, extensions }, mode, documents);
      if (!r.ok) return refuse(res, r);
      p.delete('documentId');
      if (typeof r.body.query === 'string') p.set('query', r.body.query);
      if (r.body.extensions !== undefined) p.set('extensions', JSON.stringify(r.body.extensions));
      else p.delete('extensions');
      req.url = url.pathname + url.search;
    }
    return next();
  };
}

export async function startHttpServer(deps: HttpServerDeps, host: string, port: number): Promise<RunningHttpServer> {
  const app = express();
  app.disable('x-powered-by');
  // No ETag: GraphQL answers are `no-store` and depend on who asks, so a validator is never used —
  // and Express would hash every response body (SHA-1 of a whole page of persons) to make one.
  app.set('etag', false);
  const httpServer = http.createServer(app);

  app.use((req, res, next) => {
    const t0 = process.hrtime.bigint();
    res.on('finish', () => {
      const route = req.path === '/graphql' || req.path === '/healthz' || req.path === '/readyz' || req.path === '/metrics' ? req.path : 'other';
      deps.metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - t0) / 1e9);
    });
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', version: deps.version, uptimeSeconds: Math.round(process.uptime()) });
  });

  app.get('/readyz', async (_req, res) => {
    const checks = await deps.status.checks();
    const ready = checks.every((c) => c.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.get('/metrics', async (_req, res) => {
    res.set('content-type', deps.metrics.registry.contentType);
    res.send(await deps.metrics.registry.metrics());
  });

  const guards = deps.graphql ?? graphqlGuardsFromConfig(loadConfig());
  const log = deps.log ?? createLogger('info', 'graphql');
  const apollo = new ApolloServer<GraphQLContext>({
    schema: deps.schema ?? (await gridhubSchema()),
    introspection: true,
    // Fragment bombs are refused before the depth rule runs (Apollo's bound on expanded selections).
    maxRecursiveSelections: true,
    validationRules: queryLimitRules(guards.limits),
    // Apollo's APQ cache serves `allow` mode's unregistered hashes; `only` and `off` never register a query.
    ...(guards.trustedDocuments === 'allow' ? {} : { persistedQueries: false as const }),
    formatError: createFormatError({ production: deps.production, log }),
    // gridhub owns SIGINT/SIGTERM (src/main/hub.ts) and stops Apollo in order with everything else.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !deps.production,
    // Compact JSON (Apollo's default indents every response by two spaces: a third more bytes to
    // build and send for a page of persons, and no difference to any JSON client).
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginCacheControlDisabled(),
      noStorePlugin(),
      deps.production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      metricsPlugin(deps.metrics),
      queryCostPlugin<GraphQLContext>(guards.limits),
      auditPlugin(),
    ],
  });
  await apollo.start();
  const config = loadConfig();
  const authMode = deps.auth ?? config.auth;
  const limiter = config.rateLimit && deps.redis ? new RateLimiter(deps.redis, `${config.queuePrefix}:ratelimit`, config.rateLimit) : undefined;
  app.use(
    '/graphql',
    // Who asks (API key or JWT; 401 without), then their rate limit, then the body (1 MB at most).
    createAuthMiddleware({ mode: authMode, authenticator: authMode === 'required' ? authenticatorFromConfig(config, () => deps.orm.em.fork(), log) : undefined }),
    ...(limiter ? [createRateLimitMiddleware({ limiter, onError: (m) => log.warn(m) })] : []),
    express.json({ limit: '1mb' }),
    persistedDocumentsMiddleware(guards.trustedDocuments, guards.documents),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext({ orm: deps.orm, status: deps.status, version: deps.version, jobs: deps.jobs, principal: principalFor(req), audit: deps.audit }),
    }),
  );
  // A body over the limit or not JSON: a GraphQL-shaped error with a code, never an HTML page.
  app.use((err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction) => {
    const e = err as { type?: string; status?: number; limit?: number; message?: string };
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ errors: [{ message: `The request body is over the limit of ${e.limit ?? 1048576} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE', limit: e.limit } }] });
      return;
    }
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ errors: [{ message: `The request body is not valid JSON: ${e.message ?? ''}`, extensions: { code: 'BAD_REQUEST' } }] });
      return;
    }
    next(err);
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'NOT_FOUND', message: 'Not found. GraphQL is served at /graphql; health at /healthz and /readyz; metrics at /metrics.' });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new Error(`Cannot listen on ${host}:${port}: the port is in use. Set PORT to a free port.`) : e),
    );
    httpServer.listen(port, host, () => resolve());
  });
  const actualPort = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${host}:${actualPort}/graphql`,
    port: actualPort,
    close: async () => {
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
