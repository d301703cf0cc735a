/**
 * The 地/物 base end to end: the grid management centre's `grids` and `parts` of the simulated S
 * district are synced through connectors/grid-center and materialised — the grid tree (versions,
 * parents, paths, police-beat members), addresses re-linked when they were stored before their
 * grids, things placed by point-in-polygon. A reorganisation (new parent, new boundary) opens new
 * versions with lineage and keeps the old ones; a re-run with nothing new writes nothing. Then
 * the synced and resolved S district (every default connector, every stage) has every grid of the
 * world, every address and almost every person in a current base grid, every thing in one.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { GridImportService } from '../../../src/services/grid-import.service';
import { AddressService } from '../../../src/services/address.service';
import { SyncService } from '../../../src/services/sync.service';
import { startFeedServer, type FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createWorld } from '../../../src/simulator/world/create-world';
import { openTestOrm } from '../../support/database';
import { openSDistrictOrm } from '../../support/s-district';
import { CONNECTORS_DIR, simulatorSecrets } from '../ingest/ingest-harness';

const world = createWorld({ size: 'S', seed: 7 });

async function rows<T>(orm: MikroORM, sql: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.fork().getConnection().execute<T[]>(sql, params);
}

describe('grid import (fresh database)', () => {
  let orm: MikroORM;
  let closeDb: () => Promise<void>;
  let server: FeedServer;
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => rows<T>(orm, sql, params);

  beforeAll(async () => {
    ({ orm, close: closeDb } = await openTestOrm());
    server = await startFeedServer({ world, port: 0, host: '127.0.0.1' });
    const sync = new SyncService(orm.em.fork(), CONNECTORS_DIR, { secrets: simulatorSecrets(server), baseUrl: server.url });
    // Addresses first: the register is built before any grid exists (grid_id null), re-linked later.
    await sync.syncStream('police', 'bzdz');
    await new AddressService(orm.em.fork()).resolve();
    for (const s of ['grids', 'parts']) await sync.syncStream('grid-center', s);
  }, 120000);

  afterAll(async () => {
    await server?.close();
    await closeDb?.();
  });

  it('stored addresses have no grid before the grids arrive', async () => {
    const [a] = await q<{ n: number; without: number }>('select count(*)::int as n, count(*) filter (where grid_id is null)::int as without from standard_address');
    expect(a!.n).toBeGreaterThan(1000);
    expect(a!.without).toBe(a!.n);
  });

  it('imports the grid tree: every world grid once, parents, paths, levels, beats; addresses re-linked', async () => {
    const s = await new GridImportService(orm.em.fork()).importGrids();
    expect(s.records).toBe(world.grids.length);
    expect(s.inserted).toBe(world.grids.length);
    expect(s.versioned).toBe(0);
    expect(s.skipped).toEqual([]);
    expect(s.overlaps).toEqual([]);

    const byKind = await q<{ kind: string; n: number }>('select kind, count(*)::int as n from grid where valid_to is null group by kind order by kind');
    const expected = new Map<string, number>();
    for (const g of world.grids) expected.set(g.kind, (expected.get(g.kind) ?? 0) + 1);
    expect(Object.fromEntries(byKind.map((r) => [r.kind, r.n]))).toEqual(Object.fromEntries(expected));

    // Parents by code and paths = ancestors' ids + own id.
    const grids = await q<{ id: string; code: string; parent_code: string | null; path: string; parent_path: string | null; level: string; rank: number; min_lng: number }>(
      `select g.id, g.code, p.code as parent_code, g.path, p.path as parent_path, l.key as level, l.rank, g.min_lng
       from grid g join grid_level l on l.id = g.level_id left join grid p on p.id = g.parent_id where g.valid_to is null`,
    );
    const worldByCode = new Map(world.grids.map((g) => [g.code, g]));
    for (const g of grids) {
      const w = worldByCode.get(g.code)!;
      expect(g.parent_code).toBe(w.parentCode ?? null);
      expect(g.level).toBe(w.levelKey);
      expect(g.path).toBe(`${g.parent_path ?? '/'}${g.id}/`);
      expect(g.min_lng).toBeCloseTo(Math.min(...w.polygon.map((p) => p[0])), 9);
    }
    const ranks = Object.fromEntries(grids.map((g) => [g.level, g.rank]));
    expect(ranks.district).toBeLessThan(ranks.town!);
    expect(ranks.town).toBeLessThan(ranks.community!);
    expect(ranks.community).toBeLessThan(ranks.base!);
    expect(ranks.base).toBeLessThan(ranks.household_group!);
    expect(ranks.business).toBe(ranks.base);

    // Police beats: members = the world's member codes; department police.
    const members = await q<{ beat: string; base: string; department: string }>(
      `select b.code as beat, m.code as base, b.department from business_grid_member bm join grid b on b.id = bm.business_grid_id join grid m on m.id = bm.base_grid_id where bm.valid_to is null`,
    );
    const worldMembers = world.grids.filter((g) => g.memberCodes !== undefined).flatMap((g) => g.memberCodes!.map((m) => `${g.code}>${m}`));
    expect(members.map((m) => `${m.beat}>${m.base}`).sort()).toEqual(worldMembers.sort());
    expect(new Set(members.map((m) => m.department))).toEqual(new Set(['police']));

    // Addresses stored before the grids now point at the current base grid and police beat.
    const [a] = await q<{ n: number; with_grid: number; with_beat: number; wrong: number }>(
      `select count(*)::int as n, count(a.grid_id)::int as with_grid, count(a.police_beat_id)::int as with_beat,
              count(*) filter (where g.kind <> 'base')::int as wrong
       from standard_address a left join grid g on g.id = a.grid_id`,
    );
    expect(a!.with_grid).toBe(a!.n);
    expect(a!.with_beat).toBe(a!.n);
    expect(a!.wrong).toBe(0);

    // One crosswalk row per grid record.
    const [l] = await q<{ n: number }>(`select count(*)::int as n from entity_link where entity_type = 'grid' and unlinked_at is null`);
    expect(l!.n).toBe(world.grids.length);
  });

  it('places every thing in its base grid by point-in-polygon, owners by USCC', async () => {
    const s = await new GridImportService(orm.em.fork()).importThings();
    const things = new Map<string, { gridCode: string; owner: boolean }>();
    for (let c = 0; c < world.communityCount; c++) for (const t of world.chunk(c, 0).things) things.set(t.code, { gridCode: t.gridCode, owner: t.ownerOrgId !== undefined });
    expect(s.records).toBe(things.size);
    expect(s.inserted).toBe(things.size);
    expect(s.withoutGrid).toBe(0);
    const got = await q<{ code: string; grid: string | null; provenance: Record<string, unknown> }>(
      'select t.code, g.code as grid, t.provenance from thing t left join grid g on g.id = t.grid_id',
    );
    expect(got).toHaveLength(things.size);
    for (const t of got) expect(t.grid).toBe(things.get(t.code)!.gridCode);
    expect(got[0]!.provenance).toHaveProperty('records');
    const [l] = await q<{ n: number }>(`select count(*)::int as n from entity_link where entity_type = 'thing' and unlinked_at is null`);
    expect(l!.n).toBe(things.size);
  });

  it('a re-run with nothing new writes nothing', async () => {
    const before = await q<{ g: Date | null; t: Date | null; a: Date | null; n: number }>(
      `select (select max(updated_at) from grid) as g, (select max(updated_at) from thing) as t, (select max(updated_at) from standard_address) as a,
              (select count(*) from grid)::int as n`,
    );
    const svc = new GridImportService(orm.em.fork());
    const g = await svc.importGrids();
    expect({ inserted: g.inserted, retired: g.retired, updated: g.updated, parents: g.parentsLinked, paths: g.pathsSet, opened: g.membersOpened, closed: g.membersClosed, linked: g.linked, addresses: g.addresses })
      .toEqual({ inserted: 0, retired: 0, updated: 0, parents: 0, paths: 0, opened: 0, closed: 0, linked: 0, addresses: { grids: 0, beats: 0 } });
    expect(g.reorganisationId).toBeNull();
    const t = await svc.importThings();
    expect({ inserted: t.inserted, updated: t.updated, linked: t.linked, addresses: t.addresses }).toEqual({ inserted: 0, updated: 0, linked: 0, addresses: { grids: 0, beats: 0 } });
    const after = await q<{ g: Date | null; t: Date | null; a: Date | null; n: number }>(
      `select (select max(updated_at) from grid) as g, (select max(updated_at) from thing) as t, (select max(updated_at) from standard_address) as a,
              (select count(*) from grid)::int as n`,
    );
    expect(after).toEqual(before);
  });

  it('a reorganisation (new parent, new boundary) opens new versions, keeps history and lineage, re-links', async () => {
    const base = world.grids.filter((g) => g.kind === 'base');
    const communities = world.grids.filter((g) => g.levelKey === 'community');
    const moved = base.find((g) => g.parentCode === communities[0]!.code)!;
    const reshaped = base.find((g) => g.parentCode === communities[1]!.code)!;
    const [old] = await q<{ id: string }>('select id from grid where code = ? and valid_to is null', [moved.code]);
    const [oldReshaped] = await q<{ id: string }>('select id from grid where code = ? and valid_to is null', [reshaped.code]);
    // New revisions of two grid records, as a later sync would store them.
    await q(
      `update source_record set canonical = jsonb_set(canonical, '{parentCode}', to_jsonb(?::text)), source_updated_at = source_updated_at + interval '1 day', revision = revision + 1
       where entity_type = 'grid' and canonical->>'code' = ?`,
      [communities[1]!.code, moved.code],
    );
    const ring = reshaped.polygon.map(([x, y], i) => (i === 0 || i === reshaped.polygon.length - 1 ? [x - 0.0001, y] : [x, y]));
    await q(
      `update source_record set canonical = jsonb_set(canonical, '{boundary}', ?::jsonb), source_updated_at = source_updated_at + interval '1 day', revision = revision + 1
       where entity_type = 'grid' and canonical->>'code' = ?`,
      [JSON.stringify({ type: 'Polygon', coordinates: [ring] }), reshaped.code],
    );

    const s = await new GridImportService(orm.em.fork()).importGrids();
    expect(s.versioned).toBe(2);
    expect(s.reorganisationId).not.toBeNull();

    const versions = await q<{ id: string; valid_to: Date | null; parent: string | null; path: string; min_lng: number }>(
      'select g.id, g.valid_to, p.code as parent, g.path, g.min_lng from grid g left join grid p on p.id = g.parent_id where g.code = ? order by g.id',
      [moved.code],
    );
    expect(versions).toHaveLength(2);
    expect(versions[0]!.id).toBe(old!.id);
    expect(versions[0]!.valid_to).not.toBeNull();
    expect(versions[0]!.parent).toBe(moved.parentCode);
    expect(versions[1]!.valid_to).toBeNull();
    expect(versions[1]!.parent).toBe(communities[1]!.code);
    expect(versions[1]!.path.endsWith(`/${versions[1]!.id}/`)).toBe(true);

    const lineage = await q<{ predecessor_id: string; successor_id: string; kind: string; reorganisation_id: string }>(
      'select predecessor_id, successor_id, kind, reorganisation_id from grid_lineage order by predecessor_id',
    );
    expect(lineage.map((l) => [l.predecessor_id, l.kind]).sort()).toEqual([[old!.id, 'boundary'], [oldReshaped!.id, 'boundary']].sort());
    expect(new Set(lineage.map((l) => String(l.reorganisation_id)))).toEqual(new Set([String(s.reorganisationId)]));

    // Children follow the new version: household groups re-parented, their paths under it.
    const kids = await q<{ n: number; wrong: number }>(
      `select count(*)::int as n, count(*) filter (where not c.path like p.path || '%' or p.valid_to is not null)::int as wrong
       from grid c join grid p on p.id = c.parent_id where c.valid_to is null and c.code like ? and c.kind = 'household_group'`,
      [`${moved.code}%`],
    );
    expect(kids[0]!.n).toBeGreaterThan(0);
    expect(kids[0]!.wrong).toBe(0);
    // Addresses and beat members follow the new versions; the old membership rows are closed, not deleted.
    const [stale] = await q<{ n: number }>('select count(*)::int as n from standard_address a join grid g on g.id = a.grid_id where g.valid_to is not null');
    expect(stale!.n).toBe(0);
    const [closedMembers] = await q<{ n: number }>('select count(*)::int as n from business_grid_member where valid_to is not null and base_grid_id in (?, ?)', [old!.id, oldReshaped!.id]);
    expect(closedMembers!.n).toBe(2);
    const [openOld] = await q<{ n: number }>('select count(*)::int as n from business_grid_member where valid_to is null and base_grid_id in (?, ?)', [old!.id, oldReshaped!.id]);
    expect(openOld!.n).toBe(0);

    // And again: nothing new.
    const again = await new GridImportService(orm.em.fork()).importGrids();
    expect(again.inserted + again.retired + again.parentsLinked + again.pathsSet + again.membersOpened + again.membersClosed).toBe(0);
  });

  it('a withdrawn grid (tombstone) closes its current version', async () => {
    const hg = world.grids.find((g) => g.kind === 'household_group')!;
    await q(`update source_record set status = 'tombstoned', source_updated_at = source_updated_at + interval '2 days' where entity_type = 'grid' and canonical->>'code' = ?`, [hg.code]);
    const s = await new GridImportService(orm.em.fork()).importGrids();
    expect(s.retired).toBe(1);
    const [g] = await q<{ n: number; open: number }>('select count(*)::int as n, count(*) filter (where valid_to is null)::int as open from grid where code = ?', [hg.code]);
    expect(g).toEqual({ n: 1, open: 0 });
  });
});

describe('the synced and resolved S district', () => {
  let orm: MikroORM;
  let close: () => Promise<void>;
  const q = <T>(sql: string, params: unknown[] = []): Promise<T[]> => rows<T>(orm, sql, params);

  beforeAll(async () => {
    ({ orm, close } = await openSDistrictOrm());
  }, 300000);

  afterAll(async () => {
    await close?.();
  });

  it('holds every grid of the world by kind, every address and ≥ 99% of persons in a current base grid, every thing in one', async () => {
    const byKind = await q<{ kind: string; n: number }>('select kind, count(*)::int as n from grid where valid_to is null group by kind');
    const expected: Record<string, number> = {};
    for (const g of world.grids) expected[g.kind] = (expected[g.kind] ?? 0) + 1;
    expect(Object.fromEntries(byKind.map((r) => [r.kind, r.n]))).toEqual(expected);

    const [a] = await q<{ n: number; ok: number; beat: number }>(
      `select count(*)::int as n, count(*) filter (where g.kind = 'base' and g.valid_to is null)::int as ok,
              count(*) filter (where b.kind = 'business' and b.department = 'police' and b.valid_to is null)::int as beat
       from standard_address a left join grid g on g.id = a.grid_id left join grid b on b.id = a.police_beat_id where a.retired_at is null`,
    );
    expect(a!.n).toBeGreaterThan(2000);
    expect(a!.ok).toBe(a!.n);
    expect(a!.beat).toBe(a!.n);

    const [p] = await q<{ n: number; ok: number }>(
      `select count(*)::int as n, count(*) filter (where g.kind = 'base' and g.valid_to is null)::int as ok
       from person p left join grid g on g.id = p.grid_id where p.merged_into_id is null`,
    );
    expect(p!.n).toBeGreaterThan(4000);
    expect(p!.ok / p!.n).toBeGreaterThanOrEqual(0.99);

    const [t] = await q<{ n: number; ok: number }>(
      `select count(*)::int as n, count(*) filter (where g.kind = 'base' and g.valid_to is null)::int as ok from thing t left join grid g on g.id = t.grid_id`,
    );
    expect(t!.n).toBeGreaterThan(100);
    expect(t!.ok).toBe(t!.n);
    // Owners by USCC: every part the world gives an owner has its golden organisation.
    let owned = 0;
    for (let c = 0; c < world.communityCount; c++) for (const x of world.chunk(c, 0).things) if (x.ownerOrgId !== undefined) owned++;
    const [o] = await q<{ n: number }>('select count(owner_organisation_id)::int as n from thing');
    expect(owned).toBeGreaterThan(0);
    expect(o!.n).toBe(owned);
    // Figures for the report.
    process.stdout.write(`S district: grids ${JSON.stringify(expected)}; things ${t!.n} (owners ${o!.n}); addresses with grid ${a!.ok}/${a!.n}; persons with grid ${p!.ok}/${p!.n}\n`);
  });
});
