/**
 * The 一标三实 master data model against a real PostgreSQL database cloned from the migrated template:
 * every entity round-trips, constraints hold, subtree queries use the materialised path, and the
 * audit log refuses updates and deletes.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import {
  AuditLog, BusinessGridMember, Employment, EntityLink, Event, EventParty, EventStep, Grid, GridLevel, House, HouseOccupant,
  Organisation, Person, PersonAddress, PersonTag, SourceRecord, SourceRecordVersion, StandardAddress, SyncState, TagDefinition, Thing,
} from '../../../src/db/entities';
import { openTestOrm } from '../../support/database';

let orm: MikroORM;
let close: () => Promise<void>;
let em: EntityManager;

beforeAll(async () => {
  ({ orm, close } = await openTestOrm());
});
afterAll(async () => close());
beforeEach(() => {
  em = orm.em.fork();
});

async function level(key: string): Promise<GridLevel> {
  return em.findOneOrFail(GridLevel, { key });
}

async function seedGrids() {
  const district = em.create(Grid, { code: '440106000000', name: '天河区', kind: 'admin', level: await level('district'), path: '' });
  await em.flush();
  district.path = `/${district.id}/`;
  const town = em.create(Grid, { code: '440106001000', name: '石牌街道', kind: 'admin', level: await level('town'), parent: district, path: '' });
  await em.flush();
  town.path = `${district.path}${town.id}/`;
  const community = em.create(Grid, { code: '440106001001', name: '华师社区', kind: 'admin', level: await level('community'), parent: town, path: '' });
  await em.flush();
  community.path = `${town.path}${community.id}/`;
  const bases: Grid[] = [];
  for (const n of [1, 2]) {
    const g = em.create(Grid, {
      code: `44010600100100${n}`,
      name: `华师社区第${n}网格`,
      kind: 'base',
      level: await level('base'),
      parent: community,
      path: '',
      boundary: { type: 'Polygon', coordinates: [[[113.3, 23.1], [113.31, 23.1], [113.31, 23.11], [113.3, 23.11], [113.3, 23.1]]] },
      minLng: 113.3, minLat: 23.1, maxLng: 113.31, maxLat: 23.11,
    });
    await em.flush();
    g.path = `${community.path}${g.id}/`;
    bases.push(g);
  }
  await em.flush();
  return { district, town, community, bases };
}

describe('grids', () => {
  it('stores a hierarchy and answers subtree queries through the materialised path', async () => {
    const { district, town, bases } = await seedGrids();
    const subtree = await em.find(Grid, { path: { $like: `${town.path}%` } });
    expect(subtree.map((g) => g.code).sort()).toEqual(['440106001000', '440106001001', '440106001001001', '440106001001002']);
    expect(await em.count(Grid, { path: { $like: `${district.path}%` }, kind: 'base' })).toBe(2);
    expect(bases[0].boundary?.type).toBe('Polygon');
  });

  it('keeps one current grid per code but allows retired versions with the same code', async () => {
    const l = await level('base');
    em.create(Grid, { code: 'X-1', name: 'old', kind: 'base', level: l, path: '/x/', validTo: new Date('2024-01-01') });
    em.create(Grid, { code: 'X-1', name: 'new', kind: 'base', level: l, path: '/y/' });
    await em.flush();
    em.create(Grid, { code: 'X-1', name: 'clash', kind: 'base', level: l, path: '/z/' });
    await expect(em.flush()).rejects.toThrow(/grid_code_current_uq/);
  });

  it('models a business grid as a set of whole base grids', async () => {
    const base = await level('base');
    const bases = [1, 2, 3].map((n) => em.create(Grid, { code: `BG-${n}`, name: `网格${n}`, kind: 'base', level: base, path: `/b${n}/` }));
    const beat = em.create(Grid, { code: 'JW-001', name: '石牌警务区', kind: 'business', department: 'police', level: await level('business'), path: '/beat/' });
    for (const b of bases.slice(0, 2)) em.create(BusinessGridMember, { businessGrid: beat, baseGrid: b });
    await em.flush();
    const members = await orm.em.fork().find(BusinessGridMember, { businessGrid: beat.id }, { populate: ['baseGrid'] });
    expect(members.map((m) => m.baseGrid.code).sort()).toEqual(['BG-1', 'BG-2']);
  });
});

describe('一标三实 golden entities', () => {
  it('round-trips address tree, person with roles and tags, house with tenants, organisation with employees, thing and event timeline', async () => {
    const base = (await em.findOne(Grid, { kind: 'base' })) ?? (await seedGrids()).bases[0];
    const road = em.create(StandardAddress, { level: '40', elementName: '中山大道西', fullText: '广东省广州市天河区中山大道西', grid: base });
    const building = em.create(StandardAddress, { level: '50', elementName: '3栋', parent: road, fullText: '广东省广州市天河区中山大道西55号3栋', grid: base });
    const room = em.create(StandardAddress, {
      code: 'SA-0001', level: '62', elementName: '501室', parent: building, floor: 5, lng: 113.305, lat: 23.105,
      fullText: '广东省广州市天河区中山大道西55号3栋2单元501室', components: { road: '中山大道西', roadNumber: '55', building: '3', unit: '2', room: '501' }, grid: base,
    });
    const person = em.create(Person, { citizenId: '11010519491231002X', name: '李小明', namePinyin: 'li xiao ming', gender: 'F', birthDate: '1949-12-31', kind: 'floating', phone: '13800138000', grid: base,
      provenance: { name: { sourceRecordId: 1, rule: 'sourcePriority:police/rk' }, records: { 1: { source: 'police', at: '2026-01-01T00:00:00Z' } } } });
    em.create(PersonAddress, { person, address: room, role: 'residence', validFrom: '2020-01-01' });
    const hukou = em.create(StandardAddress, { level: '62', elementName: '101室', fullText: '北京市西城区某路1号101室' });
    em.create(PersonAddress, { person, address: hukou, role: 'hukou' });
    const tagDef = em.create(TagDefinition, { code: 'test_elderly_alone', name: '独居老人', group: 'care_group', owner: 'civil_affairs', sensitivity: 'internal', detailFields: ['livingCondition'] });
    em.create(PersonTag, { person, tag: tagDef, source: 'civil_affairs', detail: { livingCondition: 'alone' }, validFrom: '2024-01-01' });
    const house = em.create(House, { kind: 'dwelling', address: room, use: 'residential', isRental: true, areaM2: '89.50', ownerName: '王某', grid: base,
      rental: { landlordName: '王某', registrationNo: 'ZL-2024-001', hazards: ['消防通道堵塞'], tenantsCount: 2 } });
    em.create(HouseOccupant, { house, person, relation: 'tenant', validFrom: '2024-03-01' });
    const org = em.create(Organisation, { uscc: '91350100M000100Y43', name: '示例小吃店', kind: 'small_restaurant', legalRepresentative: person, address: room, grid: base });
    em.create(Employment, { organisation: org, person, position: '店员' });
    em.create(Thing, { code: '4401060101000001', kind: 'city_part', majorClass: '01', minorClass: '01', name: '上水井盖', lng: 113.3, lat: 23.1, grid: base });
    const event = em.create(Event, { code: 'EV-1', title: '楼道堆放杂物', origin: 'patrol', categoryScheme: 'safety_hazard', categoryCode: 'fire', reportedAt: new Date(), grid: base, address: room });
    em.create(EventStep, { event, action: 'report', toStatus: 'reported', actor: 'grid-worker-7', actorRole: 'grid_worker', at: new Date() });
    em.create(EventParty, { event, person, role: 'reporter' });
    await em.flush();

    const read = orm.em.fork();
    const p = await read.findOneOrFail(Person, { citizenId: '11010519491231002X' });
    expect(p).toMatchObject({ name: '李小明', kind: 'floating', status: 'active', birthDate: '1949-12-31', version: 1 });
    expect(p.provenance.records?.[1]?.source).toBe('police');
    const roles = await read.find(PersonAddress, { person: p }, { populate: ['address'], orderBy: { role: 'asc' } });
    expect(roles.map((r) => r.role)).toEqual(['hukou', 'residence']);
    const leaf = await read.findOneOrFail(StandardAddress, { code: 'SA-0001' }, { populate: ['parent.parent'] });
    expect(leaf.parent?.parent?.elementName).toBe('中山大道西');
    const h = await read.findOneOrFail(House, { address: leaf });
    expect(h.rental?.hazards).toEqual(['消防通道堵塞']);
    expect(h.areaM2).toBe('89.50');
    expect(await read.count(Employment, { organisation: { uscc: '91350100M000100Y43' } })).toBe(1);
    const steps = await read.find(EventStep, { event: { code: 'EV-1' } });
    expect(steps[0]).toMatchObject({ action: 'report', toStatus: 'reported' });
  });

  it('rejects codes outside the vocabulary with a check constraint', async () => {
    await expect(
      em.getConnection().execute(`insert into person (name, kind) values ('x', 'alien')`),
    ).rejects.toThrow(/person_kind_check/);
  });
});

describe('source records, links and sync state', () => {
  it('keeps one row per (source, stream, key), versions, links with explanation, and checkpoints', async () => {
    const rec = em.create(SourceRecord, {
      source: 'police', stream: 'population', recordKey: 'P-1', entityType: 'person', raw: { XM: '李小明' }, canonical: { name: '李小明' },
      contentHash: 'a'.repeat(64), status: 'quarantined', firstSeenAt: new Date(), fetchedAt: new Date(),
      issues: [{ field: 'citizenId', rule: 'CITIZEN_ID_CHECK_CHAR', value: '110105194912310021', message: 'check character should be X', severity: 'error' }],
    });
    await em.flush();
    em.create(SourceRecordVersion, { sourceRecord: rec, revision: 1, raw: rec.raw, contentHash: rec.contentHash, status: rec.status, fetchedAt: rec.fetchedAt });
    em.create(EntityLink, { sourceRecord: rec, entityType: 'person', entityId: 1, score: 23.4, rule: 'person@1', weights: { citizenId: { level: 'exact', weight: 14.2 } }, decidedBy: 'auto', decidedAt: new Date() });
    em.create(SyncState, { source: 'police', stream: 'population', cursor: { updatedAt: '2026-01-01T00:00:00Z', key: 'P-1' } });
    await em.flush();

    const dup = orm.em.fork();
    dup.create(SourceRecord, { source: 'police', stream: 'population', recordKey: 'P-1', entityType: 'person', raw: {}, contentHash: 'b'.repeat(64), status: 'valid', firstSeenAt: new Date(), fetchedAt: new Date() });
    await expect(dup.flush()).rejects.toThrow(/unique/);

    const second = orm.em.fork();
    second.create(EntityLink, { sourceRecord: rec.id, entityType: 'person', entityId: 2, rule: 'person@1', decidedBy: 'auto', decidedAt: new Date() });
    await expect(second.flush()).rejects.toThrow(/entity_link_active_uq/);

    const read = orm.em.fork();
    const stored = await read.findOneOrFail(SourceRecord, { source: 'police', stream: 'population', recordKey: 'P-1' });
    expect(stored.issues[0].rule).toBe('CITIZEN_ID_CHECK_CHAR');
    expect((await read.findOneOrFail(SyncState, { source: 'police', stream: 'population' })).cursor).toEqual({ updatedAt: '2026-01-01T00:00:00Z', key: 'P-1' });
  });
});

describe('audit log', () => {
  it('is append-only: inserts work, updates, deletes and truncates are refused by the database', async () => {
    em.create(AuditLog, { actor: 'steward-1', actorRole: 'steward', action: 'read', entityType: 'person', entityId: 1, fields: ['citizenId'], operation: 'PersonPage' });
    await em.flush();
    const conn = em.getConnection();
    await expect(conn.execute(`update audit_log set actor = 'x'`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`delete from audit_log`)).rejects.toThrow(/append-only/);
    await expect(conn.execute(`truncate audit_log`)).rejects.toThrow(/append-only/);
    expect(await orm.em.fork().count(AuditLog, {})).toBe(1);
  });
});
