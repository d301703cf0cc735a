import { parseCitizenId } from '../../../../src/domain/citizen-id';
import { parseUscc } from '../../../../src/domain/uscc';
import type { SimPerson } from '../../../../src/simulator/world/world-types';
import { allChunks, sWorld } from './world-fixture';

describe('identifiers and hard cases (S)', () => {
  const w = sWorld();
  const chunks = allChunks(w);
  const persons = chunks.flatMap((c) => c.persons);
  const byId = new Map(persons.map((p) => [p.id, p]));

  it('every citizen ID validates and matches gender and birth date; hukou IDs carry the district code', () => {
    const ids = new Set<string>();
    for (const p of persons) {
      if (p.kind === 'foreign') {
        expect(p.citizenId).toBeUndefined();
        expect(p.passportNo).toMatch(/^[A-Z]\d{8}$/);
        expect(p.nationality).not.toBe('中国');
        continue;
      }
      const r = parseCitizenId(p.citizenId!, 'citizenId', { today: '2026-12-31' });
      if (!r.ok) throw new Error(`${p.id} ${p.citizenId}: ${JSON.stringify(r.issues)}`);
      expect(r.warnings).toEqual([]);
      expect(r.value.gender).toBe(p.gender);
      expect(r.value.birthDate).toBe(p.birthDate);
      if (p.kind === 'hukou') expect(r.value.areaCode).toBe(w.spec.countyCode);
      else expect(r.value.areaCode).not.toBe(w.spec.countyCode);
      ids.add(p.citizenId!);
    }
    expect(ids.size).toBe(persons.filter((p) => p.citizenId !== undefined).length);
  });

  it('every USCC validates and carries the district code', () => {
    const codes = new Set<string>();
    for (const o of chunks.flatMap((c) => c.organisations)) {
      const r = parseUscc(o.uscc);
      if (!r.ok) throw new Error(`${o.id} ${o.uscc}: ${JSON.stringify(r.issues)}`);
      expect(r.value.divisionCode).toBe(w.spec.countyCode);
      codes.add(o.uscc);
    }
    expect(codes.size).toBe(chunks.reduce((n, c) => n + c.organisations.length, 0));
  });

  it('phones are 11-digit mobiles and unique except deliberately shared ones', () => {
    const holders = new Map<string, SimPerson[]>();
    for (const p of persons) {
      if (p.phone === undefined) continue;
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      holders.set(p.phone, [...(holders.get(p.phone) ?? []), p]);
    }
    for (const ps of holders.values()) {
      if (ps.length === 1) continue;
      expect(ps).toHaveLength(2);
      expect(ps[0]!.sharesPhoneWith).toBe(ps[1]!.id);
    }
    const children = persons.filter((p) => Number(p.birthDate.slice(0, 4)) >= 2016);
    expect(children.filter((p) => p.phone === undefined).length / children.length).toBeGreaterThan(0.8);
  });

  it('has twins: same surname, birth date and household, different given names, consecutive sequences', () => {
    const twins = persons.filter((p) => p.twinOf !== undefined);
    expect(twins.length).toBeGreaterThanOrEqual(2);
    for (const a of twins) {
      const b = byId.get(a.twinOf!)!;
      expect(b.twinOf).toBe(a.id);
      expect(b.birthDate).toBe(a.birthDate);
      expect(b.householdId).toBe(a.householdId);
      expect(b.name).not.toBe(a.name);
      if (!a.name.includes('·')) expect(b.name[0]).toBe(a.name[0]);
      const seqA = Number(a.citizenId!.slice(14, 17));
      const seqB = Number(b.citizenId!.slice(14, 17));
      expect(Math.abs(seqA - seqB)).toBe(a.gender === b.gender ? 2 : 1);
    }
  });

  it('has namesakes in different communities with the same name and birth date', () => {
    const namesakes = persons.filter((p) => p.namesakeOf !== undefined);
    expect(namesakes.length).toBeGreaterThanOrEqual(4);
    for (const a of namesakes) {
      const b = byId.get(a.namesakeOf!);
      expect(b).toBeDefined();
      expect(b!.namesakeOf).toBe(a.id);
      expect(b!.name).toBe(a.name);
      expect(b!.birthDate).toBe(a.birthDate);
      expect(b!.citizenId).not.toBe(a.citizenId);
      expect(b!.householdId).not.toBe(a.householdId);
      expect(Math.floor(Number(b!.id.slice(2)) / 1e6)).not.toBe(Math.floor(Number(a.id.slice(2)) / 1e6));
    }
  });

  it('has spouses sharing one phone', () => {
    const sharing = persons.filter((p) => p.sharesPhoneWith !== undefined);
    expect(sharing.length).toBeGreaterThanOrEqual(2);
    for (const a of sharing) {
      const b = byId.get(a.sharesPhoneWith!)!;
      expect(b.phone).toBe(a.phone);
      expect(b.householdId).toBe(a.householdId);
      expect([a.relationToHead, b.relationToHead].sort()).toEqual(['户主', '配偶']);
    }
  });

  it('names use common surnames and include minority names', () => {
    const surnames = new Map<string, number>();
    for (const p of persons) if (p.kind !== 'foreign' && !p.name.includes('·')) surnames.set(p.name[0]!, (surnames.get(p.name[0]!) ?? 0) + 1);
    const top = [...surnames.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map((e) => e[0]);
    expect(top.filter((s) => '王李张刘陈'.includes(s)).length).toBeGreaterThanOrEqual(3);
    expect(persons.some((p) => p.ethnicity !== '汉族' && p.kind !== 'foreign')).toBe(true);
  });
});
