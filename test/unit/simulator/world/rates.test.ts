import { THREE_SMALL_KINDS } from '../../../../src/domain/vocabulary';
import { allChunks, sWorld } from './world-fixture';

describe('rates (S, roughly as configured)', () => {
  const w = sWorld();
  const chunks = allChunks(w);
  const persons = chunks.flatMap((c) => c.persons);
  const share = (n: number, d: number): number => n / d;

  it('has ≈ 5k persons in 60 / 38 / 2 kinds and household sizes 1–5', () => {
    expect(persons.length).toBeGreaterThan(4000);
    expect(persons.length).toBeLessThan(6000);
    const kind = (k: string): number => share(persons.filter((p) => p.kind === k).length, persons.length);
    expect(kind('hukou')).toBeGreaterThan(0.52);
    expect(kind('hukou')).toBeLessThan(0.68);
    expect(kind('floating')).toBeGreaterThan(0.3);
    expect(kind('floating')).toBeLessThan(0.46);
    expect(kind('foreign')).toBeGreaterThan(0.005);
    expect(kind('foreign')).toBeLessThan(0.04);
    const sizes = new Map<string, number>();
    for (const p of persons) sizes.set(p.householdId, (sizes.get(p.householdId) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(5);
  });

  it('has 20–30 % rentals, ≈ 1 organisation per 30–40 persons, ≈ 40 % 三小场所', () => {
    const houses = chunks.flatMap((c) => c.houses).filter((h) => h.use !== 'commercial');
    const rentals = share(houses.filter((h) => h.isRental).length, houses.length);
    expect(rentals).toBeGreaterThan(0.18);
    expect(rentals).toBeLessThan(0.32);
    const orgs = chunks.flatMap((c) => c.organisations);
    expect(persons.length / orgs.length).toBeGreaterThan(28);
    expect(persons.length / orgs.length).toBeLessThan(42);
    const small = share(orgs.filter((o) => THREE_SMALL_KINDS.includes(o.kind)).length, orgs.length);
    expect(small).toBeGreaterThan(0.28);
    expect(small).toBeLessThan(0.52);
  });

  it('tags at plausible rates with sources and detail', () => {
    const tagged = (code: string): number => persons.filter((p) => p.tags.some((t) => t.code === code)).length;
    const elderly = persons.filter((p) => Number(p.birthDate.slice(0, 4)) <= 1960);
    const alone = elderly.filter((p) => p.tags.some((t) => t.code === 'elderly_alone')).length;
    expect(alone / elderly.length).toBeGreaterThan(0.01);
    expect(alone / elderly.length).toBeLessThan(0.06);
    expect(share(tagged('disabled'), persons.length)).toBeGreaterThan(0.008);
    expect(share(tagged('disabled'), persons.length)).toBeLessThan(0.035);
    expect(share(tagged('minimum_subsistence'), persons.length)).toBeGreaterThan(0.003);
    expect(share(tagged('minimum_subsistence'), persons.length)).toBeLessThan(0.04);
    expect(tagged('veteran')).toBeGreaterThan(0);
    expect(tagged('severe_mental_disorder')).toBeGreaterThan(0);
    for (const p of persons) {
      for (const t of p.tags) {
        const expected = t.code === 'severe_mental_disorder' ? 'health' : ['elderly_alone', 'empty_nest_elderly', 'disabled', 'minimum_subsistence', 'left_behind_child', 'veteran'].includes(t.code) ? 'civil_affairs' : 'police';
        expect(t.source).toBe(expected);
        expect(t.validFrom >= p.birthDate).toBe(true);
        if (t.code === 'severe_mental_disorder') expect([0, 1, 2, 3, 4, 5]).toContain(t.detail.riskGrade);
      }
    }
  });
});
