/**
 * A fourth department with no simulator feed: connectors/civil-affairs/ is read through the
 * unchanged runtime from a tiny node:http server that answers with the recorded fixture pages
 * (bearer auth, page numbers from 0, records under result.records, modifiedSince incremental,
 * isDeleted tombstones). A new department is a new folder, nothing else.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { openConnector } from '../../../src/ingest/runtime/open-connector';
import { readStream } from '../../../src/ingest/runtime/read-stream';
import type { MappedRecord } from '../../../src/ingest/mapping/map-record';
import type { StreamState } from '../../../src/ingest/runtime/stream-state';
import { CONNECTORS_DIR } from './ingest-harness';

const DIR = join(CONNECTORS_DIR, 'civil-affairs');
const TOKEN = 'ca-test-token';
function fixture(name: string): string | undefined {
  try {
    return readFileSync(join(DIR, 'fixtures', name), 'utf8');
  } catch {
    return undefined;
  }
}

describe('civil-affairs connector (fixture pages over node:http)', () => {
  let server: Server;
  let url: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      requests.push(`${u.pathname}?${u.searchParams.toString()}`);
      const send = (status: number, body: string | undefined): void => {
        res.writeHead(body === undefined ? 404 : status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(body ?? '{"code":404,"message":"no such fixture"}');
      };
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(401, '{"code":401,"message":"bad token"}');
      if (u.pathname !== '/api/v1/care-objects' || u.searchParams.get('district') !== '440106') return send(404, '{"code":404}');
      const since = u.searchParams.get('modifiedSince');
      if (since !== null) return send(200, fixture(`care-objects-since-${since.replace(/\D/g, '')}-page-${u.searchParams.get('pageNo')}.json`));
      return send(200, fixture(`care-objects-page-${u.searchParams.get('pageNo')}.json`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  async function read(state: StreamState, secrets = { CIVIL_AFFAIRS_TOKEN: TOKEN }): Promise<{ records: MappedRecord[]; state: StreamState }> {
    const c = openConnector(DIR, { secrets, env: { CIVIL_AFFAIRS_FEED_URL: url } });
    const records: MappedRecord[] = [];
    let last = state;
    try {
      for await (const p of readStream(c, 'care_objects', state)) {
        records.push(...p.records);
        last = p.nextState;
      }
    } finally {
      c.close();
    }
    return { records, state: last };
  }

  it('reads the full register, quarantines the bad ID, then reads only what changed', async () => {
    const full = await read({});
    expect(full.records.map((r) => r.key)).toEqual(['MZ2026000001', 'MZ2026000002', 'MZ2026000003', 'MZ2026000004', 'MZ2026000005']);
    expect(requests.filter((r) => r.includes('pageNo'))).toHaveLength(2);
    const first = full.records[0]!;
    expect(first.quarantined).toBe(false);
    expect(first.canonical).toMatchObject({ name: '陈秀英', tagCode: 'elderly_alone', tagGroup: 'care_group', phone: '13800138000', validFrom: '2025-03-01' });
    expect(String(first.canonical.residenceAddress)).toContain('秋德社区');
    const bad = full.records[4]!;
    expect(bad.quarantined).toBe(true);
    expect(bad.issues.map((i) => i.rule)).toContain('CITIZEN_ID_BIRTH_DATE');
    expect(full.state).toEqual({ cursor: { value: '2026-01-01T04:00:00.000Z', tieBreaker: 'MZ2026000005' } });

    const inc = await read(full.state);
    // The boundary record MZ2026000005 (same second as the cursor) is served again and filtered out.
    expect(inc.records.map((r) => r.key)).toEqual(['MZ2026000004', 'MZ2026000006', 'MZ2026000002']);
    expect(inc.records.map((r) => r.isTombstone)).toEqual([false, false, true]);
    expect(requests[requests.length - 1]).toContain('modifiedSince=2026-01-01+11%3A59%3A59');
  });

  it('fails clearly on a wrong token, naming the connector and the status', async () => {
    await expect(read({}, { CIVIL_AFFAIRS_TOKEN: 'wrong' })).rejects.toThrow(/civil-affairs: 401 Unauthorized .*credentials/);
  });

  it('names the missing secret', async () => {
    await expect(read({}, {} as { CIVIL_AFFAIRS_TOKEN: string })).rejects.toThrow(/secret env:CIVIL_AFFAIRS_TOKEN is not set/);
  });
});
