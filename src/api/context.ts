/** Per-request context: a forked EntityManager (identity map per request) and the services built on it. */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GridService } from '../services/grid.service';
import type { HubStatusService } from '../services/hub-status.service';

export interface GraphQLContext {
  em: EntityManager;
  grids: GridService;
  status: HubStatusService;
  version: string;
}

export interface ContextDeps {
  orm: MikroORM;
  status: HubStatusService;
  version: string;
}

export function createContext(deps: ContextDeps): GraphQLContext {
  const em = deps.orm.em.fork();
  return { em, grids: new GridService(em), status: deps.status, version: deps.version };
}
