/**
 * Accuracy over the simulated district (size S, seed 7): the index is built from the served police
 * `bzdz` records (noisy DZQC included) and every residence/hukou text served by police `rk` and
 * health `jmjkda` (with their noise) is matched; the answer must be the world's truth address, or
 * "no standard address" (candidate) for a hukou outside the district.
 */
import { createWorld } from '../../../../src/simulator/world/create-world';
import { buildAddressIndex, matchAddress } from '../../../../src/resolve/address';
import { servedCommunity, type ServedCommunity } from './served-addresses';

describe('matchAddress over the simulated world (S, seed 7)', () => {
  const world = createWorld({ size: 'S', seed: 7 });
  const communities: ServedCommunity[] = [];
  for (let c = 0; c < world.communityCount; c++) communities.push(servedCommunity(world, c));
  const index = buildAddressIndex(communities.flatMap((c) => c.register));
  const truthOfCode = new Map<string, string>();
  for (const c of communities) for (const [code, id] of c.truthOfCode) truthOfCode.set(code, id);

  test('residence and hukou texts of police and health match the truth (accuracy >= 0.99)', () => {
    const bySource = new Map<string, { n: number; ok: number }>();
    let n = 0;
    let ok = 0;
    let wrongAddress = 0;
    for (const c of communities) {
      for (const t of c.texts) {
        if (!t.source.startsWith('police/') && !t.source.startsWith('health/')) continue;
        const m = matchAddress(index, t.text);
        const right = t.truthId === undefined ? m.kind === 'candidate' : m.kind === 'exact' && truthOfCode.get(m.addressId) === t.truthId;
        // An exact match onto another address is the one error that must not happen at all.
        if (m.kind === 'exact' && truthOfCode.get(m.addressId) !== t.truthId) wrongAddress++;
        const s = bySource.get(t.source) ?? { n: 0, ok: 0 };
        s.n++;
        if (right) s.ok++;
        bySource.set(t.source, s);
        n++;
        if (right) ok++;
      }
    }
    expect(n).toBeGreaterThan(10_000);
    expect([...bySource.keys()].sort()).toEqual(['health/jmjkda.现住址', 'police/rk.HJDZXZ', 'police/rk.XZZXZ']);
    expect(wrongAddress).toBe(0);
    for (const [, s] of bySource) expect(s.ok / s.n).toBeGreaterThanOrEqual(0.99);
    expect(ok / n).toBeGreaterThanOrEqual(0.99);
  });

  test('every register entry finds itself from its own served text', () => {
    let wrong = 0;
    for (const c of communities) for (const e of c.register) {
      const m = matchAddress(index, e.text);
      if (m.kind !== 'exact' || m.addressId !== e.id) wrong++;
    }
    expect(wrong).toBe(0);
  });
});
