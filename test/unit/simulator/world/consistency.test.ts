import { pointInRing } from '../../../../src/simulator/world/geometry';
import { allChunks, gridsBy, sWorld } from './world-fixture';

describe('cross-entity consistency (S)', () => {
  const w = sWorld();
  const chunks = allChunks(w);
  const bases = new Map(gridsBy(w, 'base').map((g) => [g.code, g]));

  it('employment: employerId and employeeIds agree; legal representatives are residents', () => {
    for (const c of chunks) {
      const persons = new Map(c.persons.map((p) => [p.id, p]));
      const orgs = new Map(c.organisations.map((o) => [o.id, o]));
      for (const o of c.organisations) {
        expect(persons.has(o.legalRepPersonId)).toBe(true);
        for (const id of o.employeeIds) expect(persons.get(id)!.employerId).toBe(o.id);
        expect(c.addresses.some((a) => a.id === o.addressId)).toBe(true);
      }
      for (const p of c.persons) if (p.employerId !== undefined) expect(orgs.get(p.employerId)!.employeeIds).toContain(p.id);
      expect(c.persons.filter((p) => p.employerId !== undefined).length).toBeGreaterThan(c.persons.length * 0.1);
    }
  });

  it('houses: one per dwelling; rental tenants live there, landlords are residents', () => {
    for (const c of chunks) {
      const addresses = new Map(c.addresses.map((a) => [a.id, a]));
      const persons = new Map(c.persons.map((p) => [p.id, p]));
      const dwellings = c.addresses.filter((a) => a.level === '62' || (a.level === '40' && a.components.naturalVillage !== undefined));
      const houseAddresses = new Set(c.houses.map((h) => h.addressId));
      for (const d of dwellings) expect(houseAddresses.has(d.id)).toBe(true);
      expect(new Set(c.houses.map((h) => h.id)).size).toBe(c.houses.length);
      for (const h of c.houses) {
        expect(h.id).toBe(`H:${addresses.get(h.addressId)!.code}`);
        if (h.ownerPersonId !== undefined) expect(persons.has(h.ownerPersonId)).toBe(true);
        if (!h.isRental) continue;
        expect(h.rental!.registrationNo).toMatch(/^ZL/);
        for (const id of h.rental!.tenantIds) {
          const t = persons.get(id)!;
          expect(t.kind).not.toBe('hukou');
          expect(t.addresses.find((a) => a.role === 'residence')!.addressId).toBe(h.addressId);
        }
      }
    }
  });

  it('things have 16-character codes inside their base grid; events reference the community', () => {
    for (const c of chunks) {
      const persons = new Set(c.persons.map((p) => p.id));
      const orgs = new Set(c.organisations.map((o) => o.id));
      for (const t of c.things) {
        expect(t.code).toMatch(new RegExp(`^${w.spec.countyCode}${t.majorClass}${t.minorClass}\\d{6}$`));
        expect(pointInRing(bases.get(t.gridCode)!.polygon, t.lng, t.lat)).toBe(true);
      }
      expect(new Set(c.things.map((t) => t.code)).size).toBe(c.things.length);
      for (const e of c.events) {
        expect(bases.get(e.gridCode)!.parentCode).toBe(c.community.code);
        for (const id of e.personIds) expect(persons.has(id)).toBe(true);
        for (const id of e.organisationIds) expect(orgs.has(id)).toBe(true);
        if (e.department === 'police') expect(e.categoryScheme).toBe('public_order');
        if (e.department === 'safety') expect(e.categoryScheme).toBe('safety_hazard');
      }
      for (const i of c.inspections) expect(orgs.has(i.organisationId)).toBe(true);
    }
    const all = chunks.flatMap((c) => c.things);
    expect(all.some((t) => t.kind === 'hazard_source') || all.some((t) => t.kind === 'safety_equipment')).toBe(true);
    const statuses = new Set(chunks.flatMap((c) => c.events.map((e) => e.status)));
    expect(statuses.size).toBeGreaterThanOrEqual(5);
  });
});
