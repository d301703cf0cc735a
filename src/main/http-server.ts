/**
 * The HTTP face: GraphQL at /graphql (Apollo Sandbox landing page outside production), /healthz
 * (process up), /readyz (PostgreSQL and Redis reachable) and /metrics (Prometheus).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createContext, type GraphQLContext } from '../api/context';
import { gridhubSchema } from '../api/schema';
import type { HubStatusService } from '../services/hub-status.service';
import type { HubMetrics } from './metrics';

export interface HttpServerDeps {
  orm: MikroORM;
  status: HubStatusService;
  metrics: HubMetrics;
  version: string;
  production: boolean;
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

export async function startHttpServer(deps: HttpServerDeps, host: string, port: number): Promise<RunningHttpServer> {
  const app = express();
  app.disable('x-powered-by');
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

  const apollo = new ApolloServer<GraphQLContext>({
    schema: await gridhubSchema(),
    introspection: true,
    // gridhub owns SIGINT/SIGTERM (src/main/hub.ts) and stops Apollo in order with everything else.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: !deps.production,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      deps.production ? ApolloServerPluginLandingPageProductionDefault({ footer: false }) : ApolloServerPluginLandingPageLocalDefault({ footer: false }),
      metricsPlugin(deps.metrics),
    ],
  });
  await apollo.start();
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async () => createContext({ orm: deps.orm, status: deps.status, version: deps.version }),
    }),
  );
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
