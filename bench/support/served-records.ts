/**
 * Bench/test support: the person- and organisation-bearing records the simulated department feeds
 * serve, mapped to canonical fields by the shipped connectors (police, health, safety manifests,
 * `compileStream` + `mapRecord`), each with the world's truth entity id. Builds each community's
 * records with the feeds' own builders (default noise, tick 0) exactly as the feed server does,
 * without HTTP. Quarantined records (invalid: bad check character, impossible date, wrong type,
 * missing required field) are left out: they are never resolved.
 *
 * Persons: police `rk`, health `jmjkda`, health `gazdx` and `yzjsza` (tag records carrying the
 * person's identity), and safety `enterprises` legal representatives (name / citizenId / phone,
 * truth = the organisation's `legalRepPersonId`). Organisations: safety `enterprises`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compileStream, loadManifest, mapRecord, type CompiledStream } from '../../src/ingest';
import { BuildContext, type WorldLookups } from '../../src/simulator/feeds/build-context';
import { DEFAULT_NOISE, DEFAULT_HEALTH_COVERAGE, type NoiseConfig } from '../../src/simulator/feeds/feed-config';
import { addHealthRecords } from '../../src/simulator/feeds/health-feed';
import { addPoliceRecords } from '../../src/simulator/feeds/police-feed';
import { addSafetyRecords } from '../../src/simulator/feeds/safety-feed';
import { createWorld } from '../../src/simulator/world/create-world';
import type { SimOrganisation, SizeName, World } from '../../src/simulator/world/world-types';

export interface LabelledRecord {
  /** `police/rk`, `health/jmjkda`, `health/gazdx`, `health/yzjsza`, `safety/enterprises`, `safety/enterprises.legalRep`. */
  source: string;
  key: string;
  canonical: Record<string, unknown>;
  /** World truth id of the entity the record describes. */
  truth: string;
}

export interface ServedRecords {
  persons: LabelledRecord[];
  organisations: LabelledRecord[];
  /** Records left out because mapping quarantined them, per source. */
  quarantined: Record<string, number>;
  /** Records per source (kept). */
  counts: Record<string, number>;
  /** Person truth id → truth id of their twin (both directions). */
  twins: Map<string, string>;
}

const PERSON_STREAMS = ['police/rk', 'health/jmjkda', 'health/gazdx', 'health/yzjsza'] as const;
const STREAMS = new Set<string>([...PERSON_STREAMS, 'safety/enterprises']);

/** The repository's `connectors/` folder (run from source by jest, or compiled under dist/). */
function connectorsDir(): string {
  let dir = __dirname;
  for (let k = 0; k < 5; k++) {
    if (existsSync(join(dir, 'connectors', 'police', 'manifest.json'))) return join(dir, 'connectors');
    dir = dirname(dir);
  }
  throw new Error('connectors/ not found above ' + __dirname);
}

function compiledStreams(): Map<string, CompiledStream> {
  const out = new Map<string, CompiledStream>();
  for (const feed of ['police', 'health', 'safety']) {
    const { manifest, codeTables } = loadManifest(join(connectorsDir(), feed));
    for (const s of manifest.streams) {
      const id = `${feed}/${s.name}`;
      if (STREAMS.has(id)) out.set(id, compileStream(s, codeTables));
    }
  }
  return out;
}

/** The served, mapped person and organisation records of every community of `world` at tick 0. */
export function servedRecords(world: World, noise: NoiseConfig = DEFAULT_NOISE): ServedRecords {
  const streams = compiledStreams();
  const beatByGrid = new Map<string, string>();
  const gridNames = new Map<string, string>();
  for (const g of world.grids) {
    gridNames.set(g.code, g.name);
    if (g.beatCode !== undefined) beatByGrid.set(g.code, g.beatCode);
    if (g.memberCodes !== undefined) for (const m of g.memberCodes) if (!beatByGrid.has(m)) beatByGrid.set(m, g.code);
  }
  const out: ServedRecords = { persons: [], organisations: [], quarantined: {}, counts: {}, twins: new Map() };
  const count = (into: Record<string, number>, source: string): void => {
    into[source] = (into[source] ?? 0) + 1;
  };
  for (let c = 0; c < world.communityCount; c++) {
    const chunk = world.chunk(c, 0);
    const lookups: WorldLookups = { persons: new Map(), addresses: new Map(), beatByGrid, gridNames, baselineResidence: new Map() };
    for (const p of chunk.persons) {
      lookups.persons.set(p.id, p);
      if (p.twinOf !== undefined) out.twins.set(p.id, p.twinOf);
    }
    for (const a of chunk.addresses) lookups.addresses.set(a.id, a);
    const ctx = new BuildContext(world.spec.seed, noise, lookups, world.spec.countyCode, () => 0, { wants: (id) => STREAMS.has(id) });
    addPoliceRecords(ctx, chunk);
    addHealthRecords(ctx, chunk, DEFAULT_HEALTH_COVERAGE);
    addSafetyRecords(ctx, chunk);
    for (const id of PERSON_STREAMS) {
      const stream = streams.get(id)!;
      for (const d of ctx.draftsOf(id)) {
        const m = mapRecord(JSON.parse(d.json), stream);
        if (m.quarantined) {
          count(out.quarantined, id);
          continue;
        }
        out.persons.push({ source: id, key: m.key, canonical: m.canonical, truth: d.truth.trueEntityId });
        count(out.counts, id);
      }
    }
    const orgs = new Map<string, SimOrganisation>();
    for (const o of chunk.organisations) orgs.set(o.id, o);
    const ent = streams.get('safety/enterprises')!;
    for (const d of ctx.draftsOf('safety/enterprises')) {
      const m = mapRecord(JSON.parse(d.json), ent);
      if (m.quarantined) {
        count(out.quarantined, 'safety/enterprises');
        continue;
      }
      out.organisations.push({ source: 'safety/enterprises', key: m.key, canonical: m.canonical, truth: d.truth.trueEntityId });
      count(out.counts, 'safety/enterprises');
      const rep = orgs.get(d.truth.trueEntityId)?.legalRepPersonId;
      const f = m.canonical;
      if (rep === undefined || typeof f.legalRepName !== 'string' || f.legalRepName === '') continue;
      // The legal representative as a person record: the identity fields safety carries.
      out.persons.push({
        source: 'safety/enterprises.legalRep',
        key: `${m.key}#legalRep`,
        canonical: { name: f.legalRepName, citizenId: f.legalRepCitizenId ?? null, phone: f.legalRepPhone ?? null },
        truth: rep,
      });
      count(out.counts, 'safety/enterprises.legalRep');
    }
  }
  return out;
}

/** World of `size`/`seed` and its served records. */
export function servedWorldRecords(size: SizeName, seed: number): ServedRecords & { world: World } {
  const world = createWorld({ size, seed });
  return { world, ...servedRecords(world) };
}
