/**
 * Safety `duplicate` noise: ~1.5% of organisations served a second time under another `entId`, with
 * the same truth id; pre-2016 工商 registrations as their 15-digit registration number (`regNo`,
 * `creditCode` empty), the others with the USCC as typed; name variants. The first records are the
 * same with or without the noise, the connector maps the second records (legacy numbers included).
 */
import { join } from 'node:path';
import { parseLegacyRegistrationNumber, parseUscc } from '../../../../src/domain/uscc';
import { compileStream, loadManifest, mapRecord } from '../../../../src/ingest';
import { organisationNameKey } from '../../../../src/resolve/prepare/prepare-steps';
import { BuildContext, type WorldLookups } from '../../../../src/simulator/feeds/build-context';
import { resolveNoise, type NoiseConfig } from '../../../../src/simulator/feeds/feed-config';
import type { DraftRecord } from '../../../../src/simulator/feeds/served-record';
import { addSafetyRecords, legacyRegistrationNumber } from '../../../../src/simulator/feeds/safety-feed';
import { orgNameVariant, usccWritten } from '../../../../src/simulator/feeds/text-noise';
import { createWorld } from '../../../../src/simulator/world/create-world';

const world = createWorld({ size: 'S', seed: 7 });

function enterprises(noise: NoiseConfig): { drafts: DraftRecord[]; duplicates: number } {
  const drafts: DraftRecord[] = [];
  let duplicates = 0;
  for (let c = 0; c < world.communityCount; c++) {
    const chunk = world.chunk(c, 0);
    const lookups: WorldLookups = { persons: new Map(chunk.persons.map((p) => [p.id, p])), addresses: new Map(chunk.addresses.map((a) => [a.id, a])), beatByGrid: new Map(), gridNames: new Map(), baselineResidence: new Map() };
    const ctx = new BuildContext(world.spec.seed, noise, lookups, world.spec.countyCode, () => 0);
    addSafetyRecords(ctx, chunk);
    drafts.push(...ctx.draftsOf('safety/enterprises'));
    duplicates += ctx.streams.get('safety/enterprises')?.stats.noise.duplicate ?? 0;
  }
  return { drafts, duplicates };
}

describe('safety duplicate organisations (S, seed 7)', () => {
  const withDup = enterprises(resolveNoise());
  const without = enterprises(resolveNoise({ safety: { duplicate: 0 } }));
  const orgCount = without.drafts.length;
  const byTruth = new Map<string, DraftRecord[]>();
  for (const d of withDup.drafts) byTruth.set(d.truth.trueEntityId, [...(byTruth.get(d.truth.trueEntityId) ?? []), d]);
  const pairs = [...byTruth.values()].filter((l) => l.length > 1);

  it('serves some organisations twice (same truth id, another entId), counted as noise', () => {
    expect(withDup.duplicates).toBeGreaterThan(0);
    expect(withDup.drafts.length).toBe(orgCount + withDup.duplicates);
    expect(pairs.length).toBe(withDup.duplicates);
    for (const l of pairs) {
      expect(l).toHaveLength(2);
      expect(l[0]!.key).not.toBe(l[1]!.key);
    }
    expect(new Set(withDup.drafts.map((d) => d.key)).size).toBe(withDup.drafts.length);
  });

  it('leaves every other record exactly as served without the noise', () => {
    const plain = new Map(without.drafts.map((d) => [d.key, d.json]));
    const firsts = withDup.drafts.filter((d) => plain.has(d.key));
    expect(firsts).toHaveLength(orgCount);
    for (const d of firsts) expect(d.json).toBe(plain.get(d.key));
  });

  it('is deterministic', () => {
    expect(enterprises(resolveNoise()).drafts.map((d) => d.json)).toEqual(withDup.drafts.map((d) => d.json));
  });

  it('the shipped connector maps the second records: USCC as typed → same uscc, regNo → legacyRegistrationNo', () => {
    const { manifest, codeTables } = loadManifest(join(__dirname, '../../../../connectors/safety'));
    const stream = compileStream(manifest.streams.find((s) => s.name === 'enterprises')!, codeTables);
    for (const l of pairs) {
      const [a, b] = l.map((d) => mapRecord(JSON.parse(d.json), stream));
      if (l.some((d) => d.truth.invalid)) continue;
      expect([a!.quarantined, b!.quarantined]).toEqual([false, false]);
      expect(organisationNameKey(String(b!.canonical.name))).toBe(organisationNameKey(String(a!.canonical.name)));
      if (b!.canonical.uscc === null) {
        expect(parseLegacyRegistrationNumber(String(b!.canonical.legacyRegistrationNo)).ok).toBe(true);
        expect(String(a!.canonical.establishedOn) < '2016-01-01').toBe(true);
      } else expect(b!.canonical.uscc).toBe(a!.canonical.uscc);
    }
    // A record without either identifier is still quarantined.
    const raw = JSON.parse(pairs[0]![0]!.json) as Record<string, unknown>;
    delete raw.creditCode;
    expect(mapRecord(raw, stream).quarantined).toBe(true);
  });
});

describe('organisation identifier and name variants', () => {
  const org = world.chunk(0, 0).organisations[0]!;
  it('legacy registration numbers pass the GS15 check (MOD 11,10) and carry the district code', () => {
    const n = legacyRegistrationNumber(7, '440106', org);
    expect(n).toMatch(/^440106\d{9}$/);
    expect(parseLegacyRegistrationNumber(n).ok).toBe(true);
  });

  it.each([0, 0.4, 0.9])('a USCC as typed (pick %p) normalises to the same code', (pick) => {
    const written = usccWritten(org.uscc, pick);
    expect(written).not.toBe(org.uscc);
    const parsed = parseUscc(written);
    expect(parsed.ok ? parsed.value.code : parsed.issues).toBe(org.uscc);
  });

  it.each([
    ['南溪金湾鑫达科技有限公司', 'company_form', '南溪金湾鑫达科技有限责任公司'],
    ['南溪金湾鑫达科技有限公司', 'region_brackets', '金湾鑫达科技（南溪）有限公司'],
    ['天元区王记便利店', 'business_note', '天元区王记便利店（个体工商户）'],
    ['天元区王记便利店', 'drop_district', '王记便利店'],
    ['天元区王记便利店', 'region_brackets', undefined],
    ['南溪金湾鑫达科技有限公司', 'drop_district', undefined],
  ] as const)('%s %s → %s', (name, variant, expected) => {
    const v = orgNameVariant(name, variant, '天元区');
    expect(v).toBe(expected);
    if (v !== undefined) expect(organisationNameKey(v)).toBe(organisationNameKey(name));
  });
});
