/**
 * Helpers for the ingest integration tests: open the real connectors against a feed server and
 * read a stream to the end, collecting keys, quarantined keys and the final checkpoint.
 */
import { join } from 'node:path';
import { openConnector } from '../../../src/ingest/runtime/open-connector';
import type { Connector, ConnectorOptions } from '../../../src/ingest/runtime/connector';
import { readStream } from '../../../src/ingest/runtime/read-stream';
import type { StreamState } from '../../../src/ingest/runtime/stream-state';
import type { FeedServer } from '../../../src/simulator/feeds/feed-server';

export const CONNECTORS_DIR = join(__dirname, '../../../connectors');

export function simulatorSecrets(server: FeedServer): Record<string, string> {
  return {
    POLICE_API_KEY: server.keys.policeApiKey,
    HEALTH_CLIENT_ID: server.keys.healthClientId,
    HEALTH_CLIENT_SECRET: server.keys.healthClientSecret,
    SAFETY_API_KEY: server.keys.safetyApiKey,
    GRID_CENTER_TOKEN: server.keys.gridToken,
  };
}

export function openSimulatorConnector(name: string, server: FeedServer, o: Partial<ConnectorOptions> = {}): Connector {
  return openConnector(join(CONNECTORS_DIR, name), { secrets: simulatorSecrets(server), baseUrl: server.url, ...o });
}

export interface StreamRead {
  keys: string[];
  quarantined: Set<string>;
  tombstones: number;
  pages: number;
  skipped: number;
  state: StreamState;
}

export async function readAll(c: Connector, stream: string, state: StreamState = {}, stopAfterPages = Number.POSITIVE_INFINITY): Promise<StreamRead> {
  const out: StreamRead = { keys: [], quarantined: new Set(), tombstones: 0, pages: 0, skipped: 0, state };
  for await (const page of readStream(c, stream, state)) {
    for (const r of page.records) {
      out.keys.push(r.key);
      if (r.quarantined) out.quarantined.add(r.key);
      if (r.isTombstone) out.tombstones++;
    }
    out.pages++;
    out.skipped += page.skipped;
    out.state = page.nextState;
    if (out.pages >= stopAfterPages) break;
  }
  return out;
}
