/**
 * MikroORM configuration: PostgreSQL, explicit entity list, migrations in the top-level `migrations/`
 * folder (compiled to dist/migrations; run from .ts under jest).
 */
import { join } from 'node:path';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { ENTITIES } from './entities';

import { REPO_ROOT } from '../lib/repo-root';

export { REPO_ROOT };

const underTs = __filename.endsWith('.ts');

export interface OrmConfigInput {
  url: string;
  poolMax?: number;
  debug?: boolean;
}

export function ormConfig({ url, poolMax = 10, debug = false }: OrmConfigInput): Options {
  return defineConfig({
    clientUrl: url,
    entities: ENTITIES,
    debug,
    pool: { min: 0, max: poolMax },
    preferTs: underTs,
    forceUtcTimezone: true,
    allowGlobalContext: false,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      tableName: 'mikro_orm_migrations',
      path: join(REPO_ROOT, 'dist/migrations'),
      pathTs: join(REPO_ROOT, 'migrations'),
      glob: '!(*.d).{js,ts}',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: 'ts',
      fileName: (timestamp: string, name?: string) => `Migration${timestamp}${name ? `_${name}` : ''}`,
    },
  });
}
