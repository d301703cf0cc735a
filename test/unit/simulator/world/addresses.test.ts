import { parseAddress } from '../../../../src/domain/address';
import { pointInRing } from '../../../../src/simulator/world/geometry';
import { allChunks, gridsBy, sWorld } from './world-fixture';

describe('addresses (S)', () => {
  const w = sWorld();
  const chunks = allChunks(w);
  const addresses = chunks.flatMap((c) => c.addresses);
  const byId = new Map(addresses.map((a) => [a.id, a]));
  const bases = new Map(gridsBy(w, 'base').map((g) => [g.code, g]));
  const groups = new Map(gridsBy(w, 'household_group').map((g) => [g.code, g]));

  it('codes are unique and every point lies inside the polygon of its base grid (and household group)', () => {
    expect(new Set(addresses.map((a) => a.code)).size).toBe(addresses.length);
    for (const a of addresses) {
      expect(a.id).toBe(`A:${a.code}`);
      expect(pointInRing(bases.get(a.gridCode)!.polygon, a.lng, a.lat)).toBe(true);
      if (a.householdGroupCode !== undefined) expect(pointInRing(groups.get(a.householdGroupCode)!.polygon, a.lng, a.lat)).toBe(true);
    }
  });

  it('forms a tree of GA/T levels with canonical full texts', () => {
    const levels = new Set(addresses.map((a) => a.level));
    for (const l of ['30', '34', '40', '42', '44', '50', '61', '62']) expect(levels).toContain(l);
    for (const a of addresses) {
      if (a.level !== '30') {
        const parent = byId.get(a.parentId!)!;
        expect(parent).toBeDefined();
        expect(a.fullText.startsWith(parent.fullText)).toBe(true);
      }
      const parsed = parseAddress(a.fullText);
      expect(parsed.canonical).toBe(a.fullText);
      expect(parsed.issues).toEqual([]);
      if (a.level === '62') {
        expect(a.floor).toBeGreaterThan(0);
        expect(a.components.room).toBe(a.elementName.replace('室', ''));
      }
    }
  });

  it('persons live at dwelling addresses of their community; 人户分离 hukou addresses exist elsewhere in the district', () => {
    let separated = 0;
    for (const c of chunks) {
      const own = new Set(c.addresses.map((a) => a.id));
      for (const p of c.persons) {
        const residence = p.addresses.find((a) => a.role === 'residence')!;
        expect(own.has(residence.addressId!)).toBe(true);
        expect(['62', '40']).toContain(byId.get(residence.addressId!)!.level);
        const hukou = p.addresses.find((a) => a.role === 'hukou');
        if (p.kind === 'hukou') {
          expect(byId.get(hukou!.addressId!)!.fullText).toBe(hukou!.text);
          if (hukou!.addressId !== residence.addressId) separated++;
        } else if (p.kind === 'floating') {
          expect(hukou!.addressId).toBeUndefined();
          expect(hukou!.text.includes(w.grids[0]!.name)).toBe(false);
        } else {
          expect(hukou).toBeUndefined();
        }
      }
    }
    expect(separated).toBeGreaterThan(0);
  });
});
