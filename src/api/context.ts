/**
 * Per-request context: a forked EntityManager (identity map per request), the services built on it
 * (one instance per request, made on first use: `ctx.service(PersonService)`), the request's
 * DataLoaders (one per relation, made on first use: `ctx.loader('person-by-id', () => new DataLoader(…))`),
 * the principal who asks (src/access) with the request's audited reads, and the row scope of a
 * grid-scoped principal (`gridScope` for per-grid pages, `visibleGridIds` for loaders).
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { AccessError, AuditCollector, can, scopeWithin, type Action, type AuditWriter, type Principal } from '../access';
import { scopeOf, type GridScope } from '../services/directory.service';
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
  /** Who asks (API key, JWT, or the unscoped admin of GRIDHUB_AUTH=off and in-process callers). */
  principal: Principal;
  /** Personal data read by this request, written to the audit log when the response is sent. */
  reads: AuditCollector;
  /** The process's audit writer (absent in tests that execute the schema directly). */
  audit?: AuditWriter;
  /** The scope of a per-grid query as the principal may run it (FORBIDDEN outside its subtree). */
  gridScope(grid: { dbId: number; path: string; code?: string }, includeDescendants: boolean): GridScope;
  /** May the principal do this action at all (memoised per request)? */
  allowed(action: Action): boolean;
  /** Ids of the grids in a scoped principal's subtree (one statement per request); undefined = unscoped. */
  visibleGridIds(): Promise<ReadonlySet<number> | undefined>;
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
  /** Default: an unscoped admin (in-process callers, GRIDHUB_AUTH=off). */
  principal?: Principal;
  audit?: AuditWriter;
  jobs?: JobsService;
}

/** The principal of in-process callers (tests, the CLI): an unscoped admin. */
export const IN_PROCESS_PRINCIPAL: Principal = Object.freeze({ id: 'system:in-process', kind: 'anonymous', name: 'in-process', role: 'admin' }) as Principal;

/** The viewer (user and roles) a principal acts as in stewardship and the event loop. */
export function viewerOf(p: Principal): Viewer {
  return { user: p.kind === 'apikey' || p.kind === 'jwt' ? p.name : p.id, roles: [p.role] };
}

export function createContext(deps: ContextDeps): GraphQLContext {
  const em = deps.orm.em.fork();
  const services = new Map<unknown, unknown>();
  const loaders = new Map<string, unknown>();
  const principal = deps.principal ?? IN_PROCESS_PRINCIPAL;
  let gridIds: Promise<ReadonlySet<number> | undefined> | undefined;
  const allowedActions = new Map<Action, boolean>();
  return {
    em,
    principal,
    reads: new AuditCollector(),
    audit: deps.audit,
    allowed: (action) => {
      let ok = allowedActions.get(action);
      if (ok === undefined) allowedActions.set(action, (ok = can(principal, action)));
      return ok;
    },
    gridScope: (grid, includeDescendants) => {
      try {
        return scopeWithin(principal, scopeOf({ id: grid.dbId, path: grid.path }, includeDescendants));
      } catch (e) {
        // Name the grid by its code, as the client asked for it.
        if (e instanceof AccessError && grid.code) throw new AccessError(e.code, e.message.replace(`Grid ${grid.dbId} `, `Grid ${grid.code} `));
        throw e;
      }
    },
    visibleGridIds: () => (gridIds ??= principal.gridCode === undefined ? Promise.resolve(undefined) : subtreeGridIds(new GridService(em), principal)),
    grids: new GridService(em),
    status: deps.status,
    version: deps.version,
    viewer: viewerOf(principal),
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

/** Every grid id (any version) under a scoped principal's grid; empty when its grid was not resolved. */
async function subtreeGridIds(grids: GridService, p: Principal): Promise<ReadonlySet<number>> {
  if (p.scope === undefined) return new Set();
  return new Set(await grids.subtreeIds(p.scope.path));
}
