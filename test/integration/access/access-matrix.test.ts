/**
 * The authorization matrix (权限矩阵), over the synced and resolved S district, through the real
 * schema: every role × (own grid, other grid) × (each query family, each sensitive field, each
 * mutation family), asserting access, denial (FORBIDDEN), invisibility (null / left out) or masking
 * wherever it must. Expectations are written out here by hand — not read from the policy — so the
 * test checks the policy rather than restating it.
 */
import 'reflect-metadata';
import { graphql, type ExecutionResult } from 'graphql';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Principal } from '../../../src/access';
import { createContext } from '../../../src/api/context';
import { toGlobalId } from '../../../src/api/global-id';
import { gridhubSchema } from '../../../src/api/schema';
import { HubStatusService } from '../../../src/services/hub-status.service';
import { openSDistrictOrm } from '../../support/s-district';

let s: Awaited<ReturnType<typeof openSDistrictOrm>>;
let orm: MikroORM;

type Who = 'admin' | 'steward' | 'police' | 'health' | 'safety' | 'civil' | 'worker' | 'dashboard';
const WHO: Who[] = ['admin', 'steward', 'police', 'health', 'safety', 'civil', 'worker', 'dashboard'];
const P: Record<Who, Principal> = {} as Record<Who, Principal>;

/** The grid worker's own base grid, and a base grid of the other community. */
let own: { code: string; id: number; path: string };
let other: { code: string; id: number; path: string };
/** A person, an organisation and a house in each grid, for lookups and fields. */
const sample: Record<'own' | 'other', { personId: number; citizenId: string; uscc: string; addressId: number }> = {} as never;
let cells = 0;

async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  return orm.em.getConnection().execute<T[]>(text, params);
}

async function run(who: Who | Principal, source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult<any>> {
  const schema = await gridhubSchema();
  const principal = typeof who === 'string' ? P[who] : who;
  return graphql({ schema, source, variableValues, contextValue: createContext({ orm, status: new HubStatusService(orm, async () => 'PONG'), version: 'test', principal }) }) as Promise<ExecutionResult<any>>;
}

const codes = (r: ExecutionResult) => (r.errors ?? []).map((e) => e.extensions?.code);

/** ok: data without errors; forbidden: a FORBIDDEN error; null: no error, the value is null. */
type Outcome = 'ok' | 'forbidden' | 'null';
function outcome(r: ExecutionResult<any>, pick: (d: any) => unknown): Outcome {
  if (r.errors?.length) {
    if (codes(r).every((c) => c === 'FORBIDDEN')) return 'forbidden';
    throw new Error(`unexpected errors: ${r.errors.map((e) => `${e.extensions?.code} ${e.message}`).join('; ')}`);
  }
  return pick(r.data) === null ? 'null' : 'ok';
}

beforeAll(async () => {
  s = await openSDistrictOrm();
  orm = s.orm;
  const [a, b] = await sql<{ code: string; id: string; path: string }>(
    `select distinct on (g.parent_id) g.code, g.id, g.path from grid g
     where g.kind = 'base' and g.valid_to is null and exists (select 1 from person p where p.grid_id = g.id) order by g.parent_id, g.code`,
  );
  own = { code: a.code, id: Number(a.id), path: a.path };
  other = { code: b.code, id: Number(b.id), path: b.path };
  for (const [k, g] of [['own', own], ['other', other]] as const) {
    const [p] = await sql<{ id: string; citizen_id: string }>(`select id, citizen_id from person where grid_id = ? and citizen_id is not null and merged_into_id is null and phone is not null order by id limit 1`, [g.id]);
    const [o] = await sql<{ uscc: string }>(`select uscc from organisation where grid_id = ? and uscc is not null order by id limit 1`, [g.id]);
    const [ad] = await sql<{ id: string }>(`select id from standard_address where grid_id = ? order by id limit 1`, [g.id]);
    sample[k] = { personId: Number(p.id), citizenId: p.citizen_id, uscc: o.uscc, addressId: Number(ad.id) };
  }
  const key = (n: number): Pick<Principal, 'id' | 'kind'> => ({ id: `apikey:${n}`, kind: 'apikey' });
  P.admin = { ...key(1), name: 'admin', role: 'admin' };
  P.steward = { ...key(2), name: 'steward', role: 'steward' };
  P.police = { ...key(3), name: 'police', role: 'department', department: 'police' };
  P.health = { ...key(4), name: 'health', role: 'department', department: 'health' };
  P.safety = { ...key(5), name: 'safety', role: 'department', department: 'safety' };
  P.civil = { ...key(6), name: 'civil', role: 'department', department: 'civil_affairs' };
  P.worker = { ...key(7), name: 'worker', role: 'grid_worker', gridCode: own.code, scope: { gridId: own.id, path: own.path } };
  P.dashboard = { ...key(8), name: 'dashboard', role: 'dashboard' };
}, 600000);
afterAll(async () => s?.close());

const FAMILIES: Record<string, string> = {
  persons: 'persons(first: 3) { nodes { id name } }',
  addresses: 'addresses(first: 3) { nodes { id fullText } }',
  houses: 'houses(first: 3) { nodes { id use } }',
  organisations: 'organisations(first: 3) { nodes { id name } }',
  things: 'things(first: 3) { nodes { id code } }',
  events: 'events(first: 3) { nodes { id title } }',
};

/** Per-grid query families: [family][who] → [own grid, other grid]. */
const LIST: Record<string, Record<Who, [Outcome, Outcome]>> = Object.fromEntries(
  Object.keys(FAMILIES).map((f) => [f, {
    admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'],
    worker: ['ok', 'forbidden'], dashboard: ['forbidden', 'forbidden'],
  }]),
);

describe('per-grid query families', () => {
  for (const family of Object.keys(FAMILIES)) {
    for (const who of WHO) {
      test(`${family} × ${who}`, async () => {
        for (const [i, g] of [own, other].entries()) {
          const r = await run(who, `query($code: String!) { grid(code: $code) { code ${FAMILIES[family]} } }`, { code: g.code });
          expect([family, who, i === 0 ? 'own' : 'other', outcome(r, (d) => d.grid)]).toEqual([family, who, i === 0 ? 'own' : 'other', LIST[family][who][i]]);
          cells++;
        }
      });
    }
  }
});

/** Lookups by id, citizen ID, USCC, node(id:), relations and aggregates: [who] → [own, other]. */
const LOOKUPS: Record<string, { doc: (k: 'own' | 'other') => [string, Record<string, unknown>]; pick: (d: any) => unknown; expect: Record<Who, [Outcome, Outcome]> }> = {
  personById: {
    doc: (k) => ['query($id: ID!) { person(id: $id) { id name } }', { id: toGlobalId('Person', sample[k].personId) }],
    pick: (d) => d.person,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  personByCitizenId: {
    doc: (k) => ['query($c: String!) { personByCitizenId(citizenId: $c) { id } }', { c: sample[k].citizenId }],
    pick: (d) => d.personByCitizenId,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  node: {
    doc: (k) => ['query($id: ID!) { node(id: $id) { id } }', { id: toGlobalId('Person', sample[k].personId) }],
    pick: (d) => d.node,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  organisationByUscc: {
    doc: (k) => ['query($u: String!) { organisationByUscc(uscc: $u) { id } }', { u: sample[k].uscc }],
    pick: (d) => d.organisationByUscc,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  addressResidents: {
    doc: (k) => ['query($id: ID!) { address(id: $id) { id children { id } } }', { id: toGlobalId('Address', sample[k].addressId) }],
    pick: (d) => d.address,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  dashboard: {
    doc: (k) => ['query($code: String!) { dashboard(gridCode: $code) { personsByKind { key count } } }', { code: (k === 'own' ? own : other).code }],
    pick: (d) => d.dashboard,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['ok', 'forbidden'], dashboard: ['ok', 'ok'] },
  },
  lineage: {
    doc: (k) => ['query($id: ID!) { person(id: $id) { sourceRecords { source stream recordKey } } }', { id: toGlobalId('Person', sample[k].personId) }],
    pick: (d) => d.person,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['ok', 'ok'], health: ['ok', 'ok'], safety: ['ok', 'ok'], civil: ['ok', 'ok'], worker: ['forbidden', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
  rawPayload: {
    doc: (k) => ['query($id: ID!) { person(id: $id) { sourceRecords { rawPayload } } }', { id: toGlobalId('Person', sample[k].personId) }],
    pick: (d) => d.person,
    expect: { admin: ['ok', 'ok'], steward: ['ok', 'ok'], police: ['forbidden', 'forbidden'], health: ['forbidden', 'forbidden'], safety: ['forbidden', 'forbidden'], civil: ['forbidden', 'forbidden'], worker: ['forbidden', 'null'], dashboard: ['forbidden', 'forbidden'] },
  },
};

describe('lookups, relations, aggregates and lineage', () => {
  for (const [name, l] of Object.entries(LOOKUPS)) {
    for (const who of WHO) {
      test(`${name} × ${who}`, async () => {
        for (const [i, k] of (['own', 'other'] as const).entries()) {
          const [doc, vars] = l.doc(k);
          expect([name, who, k, outcome(await run(who, doc, vars), l.pick)]).toEqual([name, who, k, l.expect[who][i]]);
          cells++;
        }
      });
    }
  }
});

/** Sensitive person fields: plain, masked, or (the whole type) forbidden. */
const FIELDS: Record<Who, { citizenId: 'plain' | 'masked'; phone: 'plain' | 'masked'; birthDate: 'plain' | 'masked' } | 'forbidden'> = {
  admin: { citizenId: 'plain', phone: 'plain', birthDate: 'plain' },
  steward: { citizenId: 'plain', phone: 'plain', birthDate: 'plain' },
  police: { citizenId: 'plain', phone: 'plain', birthDate: 'plain' },
  health: { citizenId: 'plain', phone: 'plain', birthDate: 'plain' },
  civil: { citizenId: 'plain', phone: 'plain', birthDate: 'plain' },
  safety: { citizenId: 'masked', phone: 'plain', birthDate: 'masked' },
  worker: { citizenId: 'masked', phone: 'plain', birthDate: 'masked' },
  dashboard: 'forbidden',
};

describe('sensitive fields: identifiers masked or plain, and maskedFields says which', () => {
  for (const who of WHO) {
    test(`identifiers × ${who}`, async () => {
      const [truth] = await sql<{ citizen_id: string; phone: string; birth_date: string }>(`select citizen_id, phone, to_char(birth_date, 'YYYY-MM-DD') birth_date from person where id = ?`, [sample.own.personId]);
      const r = await run(who, 'query($id: ID!) { person(id: $id) { citizenId phone birthDate maskedFields } }', { id: toGlobalId('Person', sample.own.personId) });
      const want = FIELDS[who];
      if (want === 'forbidden') {
        expect(codes(r)).toContain('FORBIDDEN');
        cells += 3;
        return;
      }
      expect(r.errors).toBeUndefined();
      const p = r.data.person;
      const masked: string[] = [];
      for (const f of ['citizenId', 'phone', 'birthDate'] as const) {
        const plain = { citizenId: truth.citizen_id, phone: truth.phone, birthDate: truth.birth_date }[f];
        if (want[f] === 'plain') expect([f, p[f]]).toEqual([f, plain]);
        else {
          masked.push(f);
          expect(p[f]).not.toBe(plain);
          expect(p[f]).toMatch(/\*/);
        }
        cells++;
      }
      if (want.citizenId === 'masked') expect(p.citizenId).toBe(`${truth.citizen_id.slice(0, 6)}********${truth.citizen_id.slice(14)}`);
      for (const f of masked) expect(p.maskedFields).toContain(f);
    });
  }
});

/** Tags by kind: which roles see a key-group tag (severe mental disorder, health-owned), a health tag, a care-group tag. */
const TAGS: Record<Who, { key_group: boolean; health: boolean; care_group: boolean } | 'forbidden'> = {
  admin: { key_group: true, health: true, care_group: true },
  steward: { key_group: false, health: false, care_group: true },
  police: { key_group: true, health: false, care_group: true },
  health: { key_group: true, health: true, care_group: true },
  safety: { key_group: false, health: false, care_group: true },
  civil: { key_group: false, health: false, care_group: true },
  worker: { key_group: false, health: false, care_group: true },
  dashboard: 'forbidden',
};

describe('sensitive tags: listed, filtered and counted only for the roles that may see them', () => {
  for (const who of WHO) {
    test(`tags × ${who}`, async () => {
      for (const group of ['key_group', 'health', 'care_group'] as const) {
        const [t] = await sql<{ code: string; person_id: string; grid_code: string; grid_id: string; path: string }>(
          `select td.code, pt.person_id, g.code as grid_code, g.id as grid_id, g.path from person_tag pt join tag_definition td on td.id = pt.tag_id join person p on p.id = pt.person_id join grid g on g.id = p.grid_id
           where td."group" = ? and pt.valid_to is null and p.merged_into_id is null order by pt.person_id limit 1`,
          [group],
        );
        expect(t).toBeDefined();
        const want = TAGS[who];
        // The grid worker of the tagged person's own grid (its visibility of other grids is the per-grid families' business).
        const asWho: Who | Principal = who === 'worker' ? { ...P.worker, gridCode: t.grid_code, scope: { gridId: Number(t.grid_id), path: t.path } } : who;
        const listed = await run(asWho, 'query($id: ID!) { person(id: $id) { tags { code } } }', { id: toGlobalId('Person', Number(t.person_id)) });
        const filtered = await run(asWho, 'query($code: String!, $tag: String!) { grid(code: $code) { persons(first: 1, filter: {tags: [$tag]}) { totalCount } } }', { code: t.grid_code, tag: t.code });
        const counted = await run(asWho, 'query($code: String!) { dashboard(gridCode: $code) { personsByTag { key count } } }', { code: t.grid_code });
        if (want === 'forbidden') {
          expect(codes(listed)).toContain('FORBIDDEN');
          expect(codes(filtered)).toContain('FORBIDDEN');
          expect(counted.data.dashboard.personsByTag.map((c: any) => c.key)).not.toContain(t.code);
        } else {
          expect(listed.errors).toBeUndefined();
          expect([group, listed.data.person.tags.map((x: any) => x.code).includes(t.code)]).toEqual([group, want[group]]);
          if (want[group]) expect(filtered.data.grid.persons.totalCount).toBeGreaterThan(0);
          else expect(codes(filtered)).toContain('FORBIDDEN');
          expect([group, counted.data.dashboard.personsByTag.map((c: any) => c.key).includes(t.code)]).toEqual([group, want[group]]);
        }
        cells += 3;
      }
    });
  }
});

/** Mutations: the event loop (own grid, other grid) and stewardship; the audit log (admins only). */
const EVENT_WRITE: Record<Who, [Outcome, Outcome]> = {
  admin: ['ok', 'ok'], steward: ['forbidden', 'forbidden'], police: ['forbidden', 'forbidden'], health: ['forbidden', 'forbidden'],
  safety: ['forbidden', 'forbidden'], civil: ['forbidden', 'forbidden'], worker: ['ok', 'forbidden'], dashboard: ['forbidden', 'forbidden'],
};
const STEWARD_WRITE: Record<Who, boolean> = { admin: true, steward: true, police: false, health: false, safety: false, civil: false, worker: false, dashboard: false };
const AUDIT_READ: Record<Who, boolean> = { admin: true, steward: false, police: false, health: false, safety: false, civil: false, worker: false, dashboard: false };

describe('mutations and the audit log', () => {
  for (const who of WHO) {
    test(`event loop × ${who}`, async () => {
      for (const [i, g] of [own, other].entries()) {
        const reported = await run('admin', `mutation($code: String!) { reportEvent(input: {title: "占道经营", origin: patrol, categoryScheme: city_management, categoryCode: "0101", gridCode: $code}) { id } }`, { code: g.code });
        expect(reported.errors).toBeUndefined();
        const r = await run(who, 'mutation($id: ID!) { acceptEvent(id: $id, note: "受理") { id status } }', { id: reported.data.reportEvent.id });
        expect([who, i === 0 ? 'own' : 'other', outcome(r, (d) => d.acceptEvent)]).toEqual([who, i === 0 ? 'own' : 'other', EVENT_WRITE[who][i]]);
        cells++;
      }
    });
    test(`stewardship × ${who}`, async () => {
      const r = await run(who, 'mutation { decidePair(a: 1, b: 1, decision: REJECT, reason: "矩阵测试") { __typename } }');
      // Allowed roles reach the service (which refuses a pair of one record); denied ones are stopped at the door.
      if (STEWARD_WRITE[who]) expect(codes(r)).not.toContain('FORBIDDEN');
      else expect(codes(r)).toContain('FORBIDDEN');
      const q = await run(who, '{ reviewQueue(model: person, first: 1) { a b } }');
      if (STEWARD_WRITE[who]) expect(q.errors).toBeUndefined();
      else expect(codes(q)).toContain('FORBIDDEN');
      cells += 2;
    });
    test(`audit log × ${who}`, async () => {
      const r = await run(who, '{ auditLog(first: 1) { nodes { id actor action } hasNextPage } }');
      if (AUDIT_READ[who]) expect(r.errors).toBeUndefined();
      else expect(codes(r)).toContain('FORBIDDEN');
      cells++;
    });
  }
});

afterAll(() => {
  process.stdout.write(`authorization matrix: ${cells} cells over ${WHO.length} roles\n`);
});
