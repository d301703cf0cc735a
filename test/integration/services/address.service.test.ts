/**
 * Standard addresses end to end: the simulated police address register and person/health/safety
 * records are synced through the connectors; the register is built from the police records (codes,
 * parents), every free-text address is matched onto it (incrementally: a re-run matches nothing),
 * and a steward registers an unknown room or maps a text onto an existing address — decisions that
 * later records with the same text follow.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { SourceRecordRepository } from '../../../src/db/repositories/source-record.repository';
import { AddressService } from '../../../src/services/address.service';
import { ResolveService } from '../../../src/services/resolve.service';
import { StewardError } from '../../../src/services/steward.service';
import { contentHash, SyncService } from '../../../src/services/sync.service';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { openTestOrm } from '../../support/database';
import { CONNECTORS_DIR, simulatorSecrets } from '../ingest/ingest-harness';

let orm: MikroORM;
let closeDb: () => Promise<void>;
let server: FeedServer;
const steward = { user: 'steward-zhao', reason: 'verified on site' };

const q = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => orm.em.fork().getConnection().execute<T[]>(sql, params);

beforeAll(async () => {
  ({ orm, close: closeDb } = await openTestOrm());
  server = await startFeedServer({ world: createWorld({ size: 'S', seed: 7 }), port: 0, host: '127.0.0.1' });
  for (const [c, s] of [['police', 'bzdz'], ['police', 'rk'], ['police', 'fw'], ['health', 'jmjkda'], ['safety', 'enterprises']] as const) {
    await new SyncService(orm.em.fork(), CONNECTORS_DIR, { secrets: simulatorSecrets(server), baseUrl: server.url }).syncStream(c, s);
  }
}, 120000);

afterAll(async () => {
  await server.close();
  await closeDb();
});

it('builds the register from the police address records and matches the free-text addresses onto it', async () => {
  const r = await new AddressService(orm.em.fork()).resolve();
  const [{ n: codes }] = await q<{ n: string }>(`select count(distinct canonical->>'addressCode') as n from source_record where entity_type = 'address' and status = 'valid'`);
  expect(r.register.inserted).toBe(Number(codes));
  expect(r.register.parentsLinked).toBeGreaterThan(Number(codes) * 0.9);
  expect(r.register.linked).toBe(Number(codes));
  const [{ n: roots }] = await q<{ n: string }>('select count(*) as n from standard_address where parent_id is null');
  expect(Number(roots)).toBeLessThan(Number(codes) * 0.05);
  // Police residences are written from the register itself: (nearly) all exact.
  const [res] = await q<{ exact: string; all: string }>(
    `select count(*) filter (where m.kind = 'exact') as exact, count(*) as all from address_match m join source_record s on s.id = m.source_record_id
     where s.source = 'police' and s.stream = 'rk' and m.field = 'residenceAddress'`,
  );
  expect(Number(res!.exact) / Number(res!.all)).toBeGreaterThan(0.99);
  // Out-of-district hukou addresses are candidates, not guesses.
  const open = await new AddressService(orm.em.fork()).openTexts(5);
  expect(open.length).toBeGreaterThan(0);
  expect(open[0]!.records).toBeGreaterThanOrEqual(open[open.length - 1]!.records);
});

it('a re-run matches nothing again and rewrites no register row', async () => {
  const [before] = await q<{ t: string }>(`select string_agg(xmin::text, ',' order by id) as t from standard_address`);
  const r = await new AddressService(orm.em.fork()).resolve();
  expect(r).toMatchObject({ matched: 0, register: { inserted: 0, updated: 0, retired: 0, parentsLinked: 0, linked: 0 } });
  const [after] = await q<{ t: string }>(`select string_agg(xmin::text, ',' order by id) as t from standard_address`);
  expect(after!.t).toBe(before!.t);
});

it('a steward registers an unknown room under its building; the decision stays', async () => {
  const [room] = await q<{ id: string; full_text: string; parent_id: string }>(`select id, full_text, parent_id from standard_address where level = '62' and full_text like '%01室' order by id limit 1`);
  const unknown = room!.full_text.replace(/01室$/, '99室');
  await new SourceRecordRepository(orm.em.fork()).commitPage('civil-affairs', 'care', [
    { recordKey: 'C1', entityType: 'tag', raw: { t: unknown }, canonical: { name: '孙丽', residenceAddress: unknown }, contentHash: contentHash({ t: unknown }), status: 'valid', issues: [], sourceUpdatedAt: null },
  ], {}, null, new Date());
  const r = await new AddressService(orm.em.fork()).resolve();
  expect(r).toMatchObject({ matched: 1, partial: 1 });
  const open = (await new AddressService(orm.em.fork()).openTexts(1000)).find((t) => t.text === unknown);
  expect(open).toMatchObject({ kind: 'partial', records: 1 });
  const registered = await new AddressService(orm.em.fork()).register(unknown, steward);
  expect(registered.rows).toBe(1);
  const [created] = await q<{ parent_id: string; level: string; element_name: string; code: string | null }>('select parent_id, level, element_name, code from standard_address where id = ?', [registered.addressId]);
  expect(created).toMatchObject({ level: '62', element_name: /(\d+室)$/.exec(unknown)![1], code: null });
  expect(created!.parent_id).toBe(String(open!.deepestKnownId));
  await new AddressService(orm.em.fork()).resolve();
  const [m] = await q<{ kind: string; standard_address_id: string; decision: string }>(`select kind, standard_address_id, decision from address_match where text = ?`, [unknown]);
  expect(m).toMatchObject({ kind: 'exact', standard_address_id: String(registered.addressId), decision: 'registered' });
  const [audit] = await q<{ action: string; actor: string }>(`select action, actor from audit_log where action like 'steward.address.%'`);
  expect(audit).toMatchObject({ action: 'steward.address.register', actor: 'steward-zhao' });
});

it('a text mapped onto an existing address maps the same way when it appears again', async () => {
  const [target] = await q<{ id: string }>(`select id from standard_address where level = '50' order by id limit 1`);
  const text = '某省某市外区某路1号';
  const store = (key: string) =>
    new SourceRecordRepository(orm.em.fork()).commitPage('civil-affairs', 'care', [
      { recordKey: key, entityType: 'tag', raw: { key }, canonical: { name: '钱七', residenceAddress: text }, contentHash: contentHash({ key }), status: 'valid', issues: [], sourceUpdatedAt: null },
    ], {}, null, new Date());
  await store('C2');
  await new AddressService(orm.em.fork()).resolve();
  await expect(new AddressService(orm.em.fork()).map(text, 987654321, steward)).rejects.toThrow(new StewardError('no standard address 987654321'));
  await new AddressService(orm.em.fork()).map(text, Number(target!.id), steward);
  await store('C3');
  await new AddressService(orm.em.fork()).resolve();
  const rows = await q<{ kind: string; standard_address_id: string; decision: string }>(`select kind, standard_address_id, decision from address_match where text = ? order by source_record_id`, [text]);
  expect(rows).toEqual([
    { kind: 'exact', standard_address_id: target!.id, decision: 'mapped' },
    { kind: 'exact', standard_address_id: target!.id, decision: 'mapped' },
  ]);
});

it('links golden persons and organisations onto the register: addresses by role, differential', async () => {
  await new ResolveService(orm.em.fork()).resolve('person');
  await new ResolveService(orm.em.fork()).resolve('organisation');
  const houses = await new ResolveService(orm.em.fork()).resolve('house');
  const [{ n: fw }] = await q<{ n: string }>(`select count(*) as n from source_record where source = 'police' and stream = 'fw' and status = 'valid'`);
  expect(houses.clusters).toBe(Number(fw)); // the register holds each house once
  const first = await new AddressService(orm.em.fork()).linkGoldens();
  expect(first.personAddressesOpened).toBeGreaterThan(0);
  expect(first.organisationAddresses).toBeGreaterThan(0);
  expect(first.houses).toBe(Number(fw));
  const [h] = await q<{ without: string; owned: string }>(`select count(*) filter (where address_id is null) as without, count(*) filter (where owner_person_id is not null) as owned from house`);
  expect(Number(h!.without)).toBeLessThan(Number(fw) * 0.02);
  expect(Number(h!.owned)).toBeGreaterThan(Number(fw) * 0.5);
  const roles = await q<{ role: string; n: string }>(`select role, count(*) as n from person_address where current group by role order by role`);
  expect(roles.map((r) => r.role)).toEqual(['hukou', 'residence']);
  const [{ n: persons }] = await q<{ n: string }>(`select count(*) as n from person where merged_into_id is null`);
  const residence = Number(roles.find((r) => r.role === 'residence')!.n);
  expect(residence / Number(persons)).toBeGreaterThan(0.95); // nearly everyone lives at a registered address
  const again = await new AddressService(orm.em.fork()).linkGoldens();
  expect(again).toEqual({ personAddressesOpened: 0, personAddressesClosed: 0, personGrids: 0, organisationAddresses: 0, houses: 0 });
}, 120000);
