import { parseCitizenId } from '../../../../src/domain/citizen-id';
import { createWorld } from '../../../../src/simulator/world/create-world';
import type { CommunityChunk } from '../../../../src/simulator/world/world-types';
import { isoDay, tickDay } from '../../../../src/simulator/world/sim-date';

type Keyed = { id: string; updatedTick: number };
const KINDS = ['persons', 'houses', 'organisations', 'events', 'inspections', 'things', 'addresses'] as const;

function serialised(c: CommunityChunk): Map<string, { json: string; updatedTick: number }> {
  const out = new Map<string, { json: string; updatedTick: number }>();
  for (const k of KINDS) for (const e of c[k] as Keyed[]) out.set(e.id, { json: JSON.stringify(e), updatedTick: 'updatedTick' in e ? e.updatedTick : 0 });
  return out;
}

describe('ticks', () => {
  const w = createWorld({ size: 'S', seed: 11, cacheSize: 8 });

  it('exactly the entities with updatedTick == t differ from tick t − 1', () => {
    for (const i of [0, 1]) {
      let prev = serialised(w.chunk(i, 0));
      for (let t = 1; t <= 4; t++) {
        const cur = serialised(w.chunk(i, t));
        let changed = 0;
        const mismatches: string[] = [];
        for (const [id, e] of cur) {
          const before = prev.get(id);
          const differs = before === undefined || before.json !== e.json;
          if (differs !== (e.updatedTick === t)) mismatches.push(`${id} differs=${differs} updatedTick=${e.updatedTick}`);
          if (differs) changed++;
        }
        expect(mismatches).toEqual([]);
        expect([...prev.keys()].filter((id) => !cur.has(id))).toEqual([]);
        expect(changed).toBeGreaterThan(0);
        prev = cur;
      }
    }
  });

  it('changes 0.1–0.5 % of persons per tick on average, with births, deaths and moves', () => {
    const c0 = w.chunk(0, 0);
    const c = w.chunk(0, 30);
    const changed = c.persons.filter((p) => p.updatedTick > 0).length;
    const perTick = changed / c0.persons.length / 30;
    expect(perTick).toBeGreaterThan(0.001);
    expect(perTick).toBeLessThan(0.006);
    const births = c.persons.slice(c0.persons.length);
    for (const b of births) {
      const r = parseCitizenId(b.citizenId!, 'citizenId', { today: '2026-12-31' });
      expect(r.ok && r.value.birthDate === b.birthDate && r.value.gender === b.gender).toBe(true);
      expect(b.birthDate >= isoDay(tickDay(1))).toBe(true);
    }
    expect(c.persons.some((p) => p.status === 'moved_out' && p.deletedTick !== undefined)).toBe(true);
    expect(c.events.length).toBeGreaterThan(c0.events.length);
    expect(c.events.filter((e) => e.updatedTick > 0 && e.reportedAt < isoDay(tickDay(0))).length).toBeGreaterThan(0);
  });

  it('keeps employment consistent after businesses open and close', () => {
    const c = w.chunk(1, 30);
    const persons = new Map(c.persons.map((p) => [p.id, p]));
    for (const o of c.organisations) {
      if (o.status === 'closed') expect(o.employeeIds).toEqual([]);
      for (const id of o.employeeIds) expect(persons.get(id)!.employerId).toBe(o.id);
    }
    expect(new Set(c.persons.map((p) => p.id)).size).toBe(c.persons.length);
  });
});
