/** Every resolver class of the schema (one line each; the schema is built from this list). */
import { GridResolver } from './grid.resolver';
import { HubResolver } from './hub.resolver';

export const RESOLVERS = [HubResolver, GridResolver] as const;
