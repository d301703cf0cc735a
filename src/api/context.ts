/**
 * Per-request context: a forked EntityManager (identity map per request), the services built on it
 * (one instance per request, made on first use: `ctx.service(PersonService)`), the request's
 * DataLoaders (one per relation, made on first use: `ctx.loader('person-by-id', () => new DataLoader(…))`)
 * and the viewer (who asks, with which roles; access control itself is issue 7's `access/`).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GridService } from '../services/grid.service';
import type { HubStatusService } from '../services/hub-status.service';
import type { JobsService } from '../services/jobs.service';

/** Who is asking. Roles decide what they may see (raw payloads only for roles that may). */
export interface Viewer {
  user: string;
  roles: readonly string[];
}

/** Roles that may see the raw payloads of source records. */
export const RAW_PAYLOAD_ROLES: readonly string[] = ['admin', 'steward'];

export interface GraphQLContext {
  em: EntityManager;
  grids: GridService;
  status: HubStatusService;
  version: string;
  viewer: Viewer;
  /** The server's job queues (sync, resolve, reconcile); absent when the server runs without Redis queues. */
  jobs?: JobsService;
  /** The request's instance of a service (services take the request's EntityManager). */
  service<T>(ctor: new (em: EntityManager) => T): T;
  /** The request's loader under `key`, made by `make` on first use. */
  loader<L>(key: string, make: () => L): L;
}

export interface ContextDeps {
  orm: MikroORM;
  status: HubStatusService;
  version: string;
  viewer?: Viewer;
  jobs?: JobsService;
}

/** Until issue 7's authentication: the demo viewer is an administrator. */
export const DEFAULT_VIEWER: Viewer = { user: 'demo', roles: ['admin'] };

export function createContext(deps: ContextDeps): GraphQLContext {
  const em = deps.orm.em.fork();
  const services = new Map<unknown, unknown>();
  const loaders = new Map<string, unknown>();
  return {
    em,
    grids: new GridService(em),
    status: deps.status,
    version: deps.version,
    viewer: deps.viewer ?? DEFAULT_VIEWER,
    jobs: deps.jobs,
    service<T>(ctor: new (em: EntityManager) => T): T {
      let s = services.get(ctor) as T | undefined;
      if (s === undefined) {
        s = new ctor(em);
        services.set(ctor, s);
      }
      return s;
    },
    loader<L>(key: string, make: () => L): L {
      let l = loaders.get(key) as L | undefined;
      if (l === undefined) {
        l = make();
        loaders.set(key, l);
      }
      return l;
    },
  };
}
