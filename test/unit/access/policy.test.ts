/**
 * The authorization matrix at the policy level: every role (departments one by one) × (own grid,
 * other grid) × each query family, each mutation family, each sensitive field and each tag kind,
 * asserting denial, masking or access wherever it must. The expectations are written out here,
 * independently of src/access/policy.ts's tables.
 */
import { AccessError } from '../../../src/access/access-error';
import { assertCan, can, fieldAccess, maskedFieldsOf, protectField, protectRecord, tagVisible, visibleTagCodes, type Action } from '../../../src/access/policy';
import { inScope, principalGridScope, scopeWithin, type Principal } from '../../../src/access/principal';

const OWN = '/1/2/30/';
const OTHER = '/1/9/90/';

const P: Record<string, Principal> = {
  admin: { id: 'apikey:1', kind: 'apikey', name: 'admin', role: 'admin' },
  steward: { id: 'apikey:2', kind: 'apikey', name: 'steward', role: 'steward' },
  police: { id: 'apikey:3', kind: 'apikey', name: 'police', role: 'department', department: 'police' },
  health: { id: 'apikey:4', kind: 'apikey', name: 'health', role: 'department', department: 'health' },
  safety: { id: 'apikey:5', kind: 'apikey', name: 'safety', role: 'department', department: 'safety' },
  civil_affairs: { id: 'apikey:6', kind: 'apikey', name: 'civil', role: 'department', department: 'civil_affairs' },
  grid_worker: { id: 'apikey:7', kind: 'apikey', name: 'wang', role: 'grid_worker', gridCode: 'G2', scope: { gridId: 2, path: '/1/2/' } },
  dashboard: { id: 'apikey:8', kind: 'apikey', name: 'screen', role: 'dashboard' },
};
const WHO = Object.keys(P);

const Y = true;
const N = false;
/** who → may (at all) */
const READS: Record<Action, Record<string, boolean>> = {
  'grid:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: Y },
  'aggregate:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: Y },
  'person:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'place:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'organisation:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'thing:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'event:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'lineage:read': { admin: Y, steward: Y, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: N, dashboard: N },
  'source:raw': { admin: Y, steward: Y, police: N, health: N, safety: N, civil_affairs: N, grid_worker: N, dashboard: N },
  'steward:write': { admin: Y, steward: Y, police: N, health: N, safety: N, civil_affairs: N, grid_worker: N, dashboard: N },
  'event:write': { admin: Y, steward: N, police: Y, health: Y, safety: Y, civil_affairs: Y, grid_worker: Y, dashboard: N },
  'audit:read': { admin: Y, steward: N, police: N, health: N, safety: N, civil_affairs: N, grid_worker: N, dashboard: N },
  'apikey:manage': { admin: Y, steward: N, police: N, health: N, safety: N, civil_affairs: N, grid_worker: N, dashboard: N },
};

/** Person fields: A allow, M mask, D deny */
const FIELDS: Record<string, Record<string, 'allow' | 'mask' | 'deny'>> = {
  citizenId: { admin: 'allow', steward: 'allow', police: 'allow', health: 'allow', safety: 'mask', civil_affairs: 'allow', grid_worker: 'mask', dashboard: 'deny' },
  phone: { admin: 'allow', steward: 'allow', police: 'allow', health: 'allow', safety: 'allow', civil_affairs: 'allow', grid_worker: 'allow', dashboard: 'deny' },
  documentNo: { admin: 'allow', steward: 'allow', police: 'allow', health: 'allow', safety: 'mask', civil_affairs: 'allow', grid_worker: 'mask', dashboard: 'deny' },
  birthDate: { admin: 'allow', steward: 'allow', police: 'allow', health: 'allow', safety: 'mask', civil_affairs: 'allow', grid_worker: 'mask', dashboard: 'deny' },
  name: { admin: 'allow', steward: 'allow', police: 'allow', health: 'allow', safety: 'allow', civil_affairs: 'allow', grid_worker: 'allow', dashboard: 'deny' },
};

/** The tag definitions of the relations migration (code, group, owner, sensitivity) and who sees them. */
const TAGS: Array<[string, string, string, string, string[]]> = [
  ['released_prisoner', 'key_group', 'police', 'secret', ['admin', 'police']],
  ['community_correction', 'key_group', 'police', 'secret', ['admin', 'police']],
  ['severe_mental_disorder', 'key_group', 'health', 'secret', ['admin', 'police', 'health']],
  ['drug_user', 'key_group', 'police', 'secret', ['admin', 'police']],
  ['hiv_risk', 'key_group', 'health', 'secret', ['admin', 'police', 'health']],
  ['key_youth', 'key_group', 'police', 'secret', ['admin', 'police']],
  ['elderly_alone', 'care_group', 'civil_affairs', 'internal', ['admin', 'steward', 'police', 'health', 'safety', 'civil_affairs', 'grid_worker']],
  ['disabled', 'care_group', 'civil_affairs', 'internal', ['admin', 'steward', 'police', 'health', 'safety', 'civil_affairs', 'grid_worker']],
  ['elderly_65_plus', 'health', 'health', 'sensitive', ['admin', 'health']],
  ['other_public', 'other', 'safety', 'public', ['admin', 'steward', 'police', 'health', 'safety', 'civil_affairs', 'grid_worker']],
  ['other_secret', 'other', 'safety', 'secret', ['admin', 'safety']],
];

let checks = 0;
const check = (actual: unknown, expected: unknown, what: string) => {
  checks++;
  expect([what, actual]).toEqual([what, expected]);
};

describe('query and mutation families × (own grid, other grid)', () => {
  it.each(WHO)('%s', (who) => {
    const p = P[who]!;
    for (const [action, expected] of Object.entries(READS) as Array<[Action, Record<string, boolean>]>) {
      check(can(p, action), expected[who], `${who} ${action}`);
      if (action === 'event:write' || action === 'apikey:manage' || action === 'audit:read') continue;
      // Rows in the principal's own grid: as allowed at all. In another grid: grid-scoped principals never.
      check(can(p, action, { gridPath: OWN }), expected[who], `${who} ${action} own grid`);
      check(can(p, action, { gridPath: OTHER }), expected[who] && who !== 'grid_worker', `${who} ${action} other grid`);
      check(can(p, action, { gridPath: null }), expected[who] && who !== 'grid_worker', `${who} ${action} row without grid`);
    }
  });

  it.each(WHO)('%s: event loop writes', (who) => {
    const p = P[who]!;
    const may = (gridPath: string, dispatchedTo: string | null) => can(p, 'event:write', { gridPath, dispatchedTo });
    const exp: Record<string, [boolean, boolean, boolean, boolean]> = {
      // [own grid undispatched, other grid undispatched, own grid dispatched to police, other grid dispatched to police]
      admin: [Y, Y, Y, Y],
      steward: [N, N, N, N],
      police: [N, N, Y, Y],
      health: [N, N, N, N],
      safety: [N, N, N, N],
      civil_affairs: [N, N, N, N],
      grid_worker: [Y, N, Y, N],
      dashboard: [N, N, N, N],
    };
    check([may(OWN, null), may(OTHER, null), may(OWN, 'police'), may(OTHER, 'police')], exp[who], `${who} event:write`);
  });
});

describe('field level', () => {
  it.each(WHO)('%s: person identifiers allowed, masked or denied', (who) => {
    for (const [field, expected] of Object.entries(FIELDS)) check(fieldAccess(P[who]!, 'Person', field), expected[who], `${who} Person.${field}`);
  });

  it.each(WHO)('%s: raw source payloads only for stewards and admins', (who) => {
    const expected = who === 'admin' || who === 'steward' ? 'allow' : 'deny';
    check(fieldAccess(P[who]!, 'SourceRecordRef', 'rawPayload'), expected, `${who} SourceRecordRef.rawPayload`);
    check(fieldAccess(P[who]!, 'AuditEntry', 'actor'), who === 'admin' ? 'allow' : 'deny', `${who} AuditEntry.actor`);
    check(fieldAccess(P[who]!, 'Dashboard', 'persons'), 'allow', `${who} Dashboard.persons`);
  });

  it('masked values say so and keep their type; no data stays null; denied fields throw FORBIDDEN', () => {
    const w = P.grid_worker!;
    expect(protectField(w, 'Person', 'citizenId', '440606199001011234')).toBe('440606********1234');
    expect(protectField(w, 'Person', 'birthDate', '1990-01-01')).toBe('1990-**-**');
    expect(protectField(w, 'Person', 'phone', '13812345678')).toBe('13812345678');
    expect(protectField(w, 'Person', 'citizenId', null)).toBeNull();
    expect(maskedFieldsOf(w, 'Person')).toEqual(['citizenId', 'documentNo', 'birthDate']);
    expect(maskedFieldsOf(P.police!, 'Person')).toEqual([]);
    expect(() => protectField(P.dashboard!, 'Person', 'name', 'x')).toThrow(new AccessError('FORBIDDEN', 'Field Person.name is not visible to role dashboard.'));
    expect(() => protectField(P.police!, 'SourceRecordRef', 'rawPayload', {})).toThrow(/SourceRecordRef.rawPayload is not visible to role department \(police\)/);
  });
});

describe('tags', () => {
  it.each(TAGS)('%s (%s, owner %s, %s)', (code, group, owner, sensitivity, visibleTo) => {
    for (const who of WHO) check(tagVisible(P[who]!, { group, owner, sensitivity }), visibleTo.includes(who), `${who} sees ${code}`);
  });

  it('visibleTagCodes filters definitions for SQL', () => {
    const defs = TAGS.map(([code, group, owner, sensitivity]) => ({ code, group, owner, sensitivity }));
    expect(visibleTagCodes(P.health!, defs)).toEqual(['severe_mental_disorder', 'hiv_risk', 'elderly_alone', 'disabled', 'elderly_65_plus', 'other_public']);
    expect(visibleTagCodes(P.dashboard!, defs)).toEqual([]);
  });
});

describe('scope and refusals', () => {
  it('grid scope is a path prefix; a scoped principal whose grid is unknown sees nothing', () => {
    expect(inScope(P.grid_worker!, '/1/2/')).toBe(true);
    expect(inScope(P.grid_worker!, '/1/2/30/31/')).toBe(true);
    expect(inScope(P.grid_worker!, '/1/20/')).toBe(false);
    expect(inScope({ ...P.grid_worker!, scope: undefined }, '/1/2/')).toBe(false);
    expect(inScope(P.police!, null)).toBe(true);
  });

  it('assertCan names who, what and why', () => {
    expect(() => assertCan(P.dashboard!, 'person:read')).toThrow('Forbidden for dashboard: role dashboard may not person:read.');
    expect(() => assertCan(P.grid_worker!, 'person:read', { gridPath: OTHER })).toThrow('Forbidden for grid_worker of grid G2: the target lies outside grid G2 and its subtree.');
    expect(() => assertCan(P.health!, 'event:write', { dispatchedTo: 'police' })).toThrow('Forbidden for department (health): the event is dispatched to police, not to health.');
    expect(() => assertCan(P.admin!, 'audit:read')).not.toThrow();
  });
});

afterAll(() => {
  // The matrix size, for the closing note.
  process.stdout.write(`policy matrix: ${checks} checks\n`);
});

describe('records and grid scopes', () => {
  it('protectRecord masks in place and lists the masked fields', () => {
    const person = { dbId: 1, name: '张三', citizenId: '440606199001011234', phone: '13812345678', documentNo: null, birthDate: '1990-01-01' };
    expect(protectRecord(P.safety!, 'Person', { ...person })).toEqual({ ...person, citizenId: '440606********1234', birthDate: '1990-**-**', maskedFields: ['citizenId', 'documentNo', 'birthDate'] });
    expect(protectRecord(P.police!, 'Person', { ...person })).toEqual({ ...person, maskedFields: [] });
  });

  it('scopeWithin keeps requests inside the subtree and refuses others; principalGridScope scopes searches', () => {
    const own = { gridId: 30, path: '/1/2/30/', includeDescendants: true };
    expect(scopeWithin(P.grid_worker!, own)).toBe(own);
    expect(() => scopeWithin(P.grid_worker!, { gridId: 1, path: '/1/', includeDescendants: true })).toThrow(/Grid 1 lies outside grid G2 and its subtree/);
    expect(scopeWithin(P.police!, { gridId: 1, path: '/1/', includeDescendants: true }).gridId).toBe(1);
    expect(principalGridScope(P.grid_worker!)).toEqual({ gridId: 2, path: '/1/2/', includeDescendants: true });
    expect(principalGridScope(P.admin!)).toBeUndefined();
  });
});
