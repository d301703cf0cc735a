/**
 * A small hand-written World for the feed-server tests, until (and beside) the real generator.
 * Deterministic: communities × persons, with a road, buildings, rooms, houses (some rentals),
 * organisations, police and safety events, inspections with hazards, tags (elderly, severe mental
 * disorder), movers (two residences) — and known changes over time:
 *   - person j of a community changes (new phone) at tick k when j % 7 === k (k = 1…6);
 *   - one new person per community appears at every tick k ≥ 1;
 *   - organisation 0 of each community closes at tick 2; a new inspection appears at tick 1;
 *   - a new room address (and its house) appears at tick 3.
 */
import { makeCitizenId } from '../../src/domain/citizen-id';
import { makeUscc } from '../../src/domain/uscc';
import type {
  CommunityChunk, LngLat, SimAddress, SimEvent, SimGrid, SimHouse, SimInspection, SimOrganisation, SimPerson, SimThing, World,
} from '../../src/simulator/world/world-types';

export interface FixtureWorldOptions {
  seed?: number;
  communities?: number;
  personsPerCommunity?: number;
}

const COUNTY = '440106';
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '郑', '孙', '马', '罗', '梁'];
const GIVEN = ['伟', '静', '丽', '军', '明', '华', '国强', '东', '秀英', '婷', '建华', '志明', '红梅', '桂英', '海涛', '丽娟'];
const CHANGE_DAYS = 6;

function square(lng: number, lat: number, d: number): LngLat[] {
  return [[lng, lat], [lng + d, lat], [lng + d, lat + d], [lng, lat + d], [lng, lat]];
}

function rnd(seed: number, n: number): number {
  let h = Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(n, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) / 4294967296;
}

/** Tick of the last change of a person at or before `tick`; undefined when it does not exist yet. */
function personTickAt(j: number, base: number, tick: number): number | undefined {
  if (j >= base) {
    const created = j - base + 1;
    return created <= tick ? created : undefined;
  }
  const k = j % 7;
  return k >= 1 && k <= CHANGE_DAYS && k <= tick ? k : 0;
}

export function createFixtureWorld(options: FixtureWorldOptions = {}): World {
  const seed = options.seed ?? 7;
  const communities = options.communities ?? 2;
  const base = options.personsPerCommunity ?? 12;
  const grids: SimGrid[] = [{ id: `G:${COUNTY}`, code: COUNTY, name: '示例区', kind: 'admin', levelKey: 'district', polygon: square(113.3, 23.1, 0.1) }];
  const town = `${COUNTY}001`;
  grids.push({ id: `G:${town}`, code: town, name: '示例街道', kind: 'admin', levelKey: 'town', parentCode: COUNTY, polygon: square(113.3, 23.1, 0.1) });
  const communityGrids: SimGrid[] = [];
  const baseGrids: SimGrid[] = [];
  for (let i = 0; i < communities; i++) {
    const code = `${town}${String(i + 1).padStart(3, '0')}`;
    const g: SimGrid = { id: `G:${code}`, code, name: `第${i + 1}社区`, kind: 'admin', levelKey: 'community', parentCode: town, polygon: square(113.3 + i * 0.01, 23.1, 0.01) };
    const b: SimGrid = { id: `G:${code}001`, code: `${code}001`, name: `第${i + 1}社区第1网格`, kind: 'base', levelKey: 'base', parentCode: code, polygon: g.polygon, beatCode: `JW${COUNTY}0${i + 1}` };
    communityGrids.push(g);
    baseGrids.push(b);
    grids.push(g, b, { id: `G:JW${COUNTY}0${i + 1}`, code: `JW${COUNTY}0${i + 1}`, name: `第${i + 1}警务区`, kind: 'business', levelKey: 'business', polygon: g.polygon, memberCodes: [b.code] });
  }

  function chunk(index: number, tick: number): CommunityChunk {
    const community = communityGrids[index];
    const grid = baseGrids[index].code;
    const prefix = `${community.code.slice(-6)}`;
    const cname = community.name;
    const addresses: SimAddress[] = [];
    const addr = (code: string, level: SimAddress['level'], name: string, fullText: string, parentId?: string): SimAddress => {
      const a: SimAddress = {
        id: `A:${code}`, code, parentId, level, elementName: name, fullText, components: {},
        lng: 113.3 + index * 0.01 + rnd(seed, addresses.length) * 0.01, lat: 23.1 + rnd(seed + 1, addresses.length) * 0.01, gridCode: grid,
      };
      addresses.push(a);
      return a;
    };
    const roadText = `广东省广州市示例区示例街道${cname}天元路`;
    const road = addr(`${prefix}0000`, '40', '天元路', roadText);
    const rooms: SimAddress[] = [];
    for (let b = 1; b <= 2; b++) {
      const bld = addr(`${prefix}${b}000`, '50', `${b}栋`, `${roadText}${88 + index}号${b}栋`, road.id);
      const unit = addr(`${prefix}${b}100`, '61', '1单元', `${bld.fullText}1单元`, bld.id);
      const roomCount = b === 1 && tick >= 3 ? 5 : 4;
      for (let r = 1; r <= roomCount; r++) {
        const no = `${Math.ceil(r / 2)}0${((r - 1) % 2) + 1}`;
        rooms.push(addr(`${prefix}${b}1${String(r).padStart(2, '0')}`, '62', `${no}室`, `${unit.fullText}${no}室`, unit.id));
      }
    }
    const persons: SimPerson[] = [];
    const total = base + tick;
    for (let j = 0; j < total; j++) {
      const t = personTickAt(j, base, tick);
      if (t === undefined) continue;
      const n = index * 100_000 + j;
      const year = 1940 + Math.floor(rnd(seed, n * 3) * 80);
      const birth = `${year}-${String(1 + Math.floor(rnd(seed, n * 5) * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd(seed, n * 7) * 28)).padStart(2, '0')}`;
      const gender = j % 2 === 0 ? 'M' : 'F';
      const seq = (j * 2 + (gender === 'M' ? 1 : 0)) % 1000;
      const foreign = j % 23 === 22;
      const room = rooms[j % rooms.length];
      const oldRoom = rooms[(j + 1) % rooms.length];
      const moved = j % 5 === 0;
      const changed = t > 0 && j < base;
      const tags: SimPerson['tags'] = [];
      if (year < 1958 && j % 3 === 0) tags.push({ code: 'elderly_alone', source: 'civil_affairs', detail: {}, validFrom: '2020-01-01' });
      if (j % 11 === 3) tags.push({ code: 'severe_mental_disorder', source: 'health', detail: { riskGrade: j % 6 }, validFrom: '2021-05-01' });
      persons.push({
        id: `P:${n}`,
        citizenId: foreign ? undefined : makeCitizenId(COUNTY, birth.replace(/-/g, ''), seq),
        passportNo: foreign ? `E${String(n).padStart(8, '0')}` : undefined,
        name: SURNAMES[(n + index) % SURNAMES.length] + GIVEN[(j * 7 + index) % GIVEN.length],
        gender,
        birthDate: birth,
        kind: foreign ? 'foreign' : j % 4 === 1 ? 'floating' : 'hukou',
        status: 'active',
        ethnicity: j % 9 === 4 ? '回族' : '汉族',
        nationality: foreign ? 'USA' : 'CHN',
        phone: `138${String(changed ? n + 5_000_000 : n).padStart(8, '0')}`,
        householdId: `HH:${index}:${j % rooms.length}`,
        relationToHead: j < rooms.length ? '户主' : '子女',
        addresses: [
          { role: 'hukou', addressId: room.id, text: room.fullText, validFrom: '2000-01-01' },
          ...(moved ? [{ role: 'residence' as const, addressId: oldRoom.id, text: oldRoom.fullText, validFrom: '2015-01-01' }] : []),
          { role: 'residence', addressId: room.id, text: room.fullText, validFrom: moved ? '2024-06-01' : '2000-01-01' },
        ],
        tags,
        updatedTick: t,
      });
    }
    const houses: SimHouse[] = rooms.map((a, r) => ({
      id: `H:${a.code}`,
      addressId: a.id,
      use: 'residential',
      areaM2: 60 + r * 5,
      ownerPersonId: persons[r % persons.length].id,
      isRental: r % 3 === 0,
      rental: r % 3 === 0
        ? { landlordPersonId: persons[r % persons.length].id, registrationNo: `ZL${a.code}`, registeredOn: '2023-03-01', tenantIds: [persons[(r + 1) % persons.length].id], hazards: [] }
        : undefined,
      updatedTick: a.code.endsWith('105') ? 3 : 0,
    }));
    const organisations: SimOrganisation[] = [0, 1, 2].map((k) => {
      const closes = k === 0 && tick >= 2;
      return {
        id: `O:${index * 100 + k}`,
        uscc: makeUscc('9', '1', COUNTY, String(10_000_000 + index * 100 + k).slice(0, 8)),
        name: `示例${['华东', '国丰', '广达'][k]}贸易有限公司${index + 1}`,
        kind: (['enterprise', 'small_shop', 'small_restaurant'] as const)[k],
        industryCode: ['F51', 'F52', 'H62'][k],
        legalRepPersonId: persons[k].id,
        addressId: road.id,
        employeeIds: [persons[k + 3].id],
        establishedOn: `201${k}-0${k + 1}-1${k}`,
        status: closes ? 'closed' : 'active',
        updatedTick: closes ? 2 : 0,
      };
    });
    const events: SimEvent[] = [
      { id: `E:${index * 10}`, code: `EV${index}0`, title: '邻里噪音纠纷', origin: 'department', categoryScheme: 'dispute', categoryCode: '02', status: 'closed', reportedAt: '2025-12-20T10:15:00+08:00', gridCode: grid, addressId: rooms[0].id, personIds: [persons[0].id, persons[1].id], organisationIds: [], department: 'police', updatedTick: 0 },
      { id: `E:${index * 10 + 1}`, code: `EV${index}1`, title: '盗窃电动车', origin: 'department', categoryScheme: 'public_order', categoryCode: '0301', status: 'handling', reportedAt: '2025-12-28T21:40:00+08:00', gridCode: grid, personIds: [persons[2].id], organisationIds: [], department: 'police', updatedTick: 0 },
      { id: `E:${index * 10 + 2}`, code: `EV${index}2`, title: '消防通道堵塞', origin: 'department', categoryScheme: 'safety_hazard', categoryCode: 'FIRE', status: 'reported', reportedAt: '2025-12-30T09:00:00+08:00', gridCode: grid, addressId: road.id, personIds: [], organisationIds: [organisations[1].id], department: 'safety', updatedTick: 0 },
      { id: `E:${index * 10 + 3}`, code: `EV${index}3`, title: '井盖破损', origin: 'patrol', categoryScheme: 'city_management', categoryCode: '0101', status: 'closed', reportedAt: '2025-12-30T09:00:00+08:00', gridCode: grid, personIds: [], organisationIds: [], updatedTick: 0 },
    ];
    const inspections: SimInspection[] = [
      { id: `I:${index * 10}`, organisationId: organisations[0].id, date: '2025-11-03', inspector: '李安全', result: 'rectify', hazards: [{ id: `HZ:${index * 10}`, category: '消防', description: '灭火器过期', level: 'general', rectified: false }], updatedTick: 0 },
      { id: `I:${index * 10 + 1}`, organisationId: organisations[2].id, date: '2025-12-03', inspector: '王检查', result: 'pass', hazards: [], updatedTick: 0 },
    ];
    if (tick >= 1) {
      inspections.push({ id: `I:${index * 10 + 2}`, organisationId: organisations[1].id, date: '2026-01-02', inspector: '李安全', result: 'fail', hazards: [{ id: `HZ:${index * 10 + 2}`, category: '燃气', description: '燃气管道老化', level: 'major', rectified: false }], updatedTick: 1 });
    }
    const [lng0, lat0] = community.polygon[0];
    const things: SimThing[] = [
      { id: `T:${COUNTY}0116${String(index * 2000 + 1).padStart(6, '0')}`, code: `${COUNTY}0116${String(index * 2000 + 1).padStart(6, '0')}`, kind: 'city_part', majorClass: '01', minorClass: '16', name: '路灯', lng: lng0 + 0.002, lat: lat0 + 0.002, gridCode: grid, updatedTick: 0 },
      { id: `T:${COUNTY}0701${String(index * 2000 + 1).padStart(6, '0')}`, code: `${COUNTY}0701${String(index * 2000 + 1).padStart(6, '0')}`, kind: 'hazard_source', majorClass: '07', minorClass: '01', name: '加油站', lng: lng0 + 0.004, lat: lat0 + 0.003, gridCode: grid, ownerOrgId: organisations[0].id, updatedTick: 0 },
    ];
    return { index, tick, community, baseGrids: [baseGrids[index]], householdGroups: [], addresses, persons, houses, organisations, things, events, inspections };
  }

  return {
    spec: { size: 'S', seed, countyCode: COUNTY, towns: 1, communitiesPerTown: communities, baseGridsPerCommunity: 1, personsPerBaseGrid: base },
    grids,
    communityCount: communities,
    chunk,
  };
}
