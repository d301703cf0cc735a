/**
 * Loads `connectors/<name>/` from disk (manifest + code tables, validated) and builds the runnable
 * connector: the one call a sync service needs.
 */
import { loadManifest } from '../manifest/load-manifest';
import { createConnector, type Connector, type ConnectorOptions } from './connector';

export function openConnector(dir: string, options: ConnectorOptions): Connector {
  const { manifest, codeTables } = loadManifest(dir);
  return createConnector(manifest, codeTables, options);
}
