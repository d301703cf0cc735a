/**
 * Test/bench support: the address texts the simulated department feeds serve, with the world's
 * truth. Builds each community's records with the feeds' own builders (police-feed, health-feed,
 * safety-feed; default noise) exactly as the feed server does at a tick, without HTTP.
 *
 * - `register`: the police `bzdz` records as standard-address entries (id = DZBM, text = DZQC with
 *   its noise; records whose DZQC is missing are left out, as a hub would);
 * - `texts`: police `rk` residence/hukou (XZZXZ/HJDZXZ), health `jmjkda` 现住址, safety
 *   `enterprises` regAddr, each with the truth id of the address it was written from (undefined
 *   for a hukou outside the district: the right answer is "no standard address").
 */
import { BuildContext, type WorldLookups } from '../../../../src/simulator/feeds/build-context';
import { DEFAULT_NOISE, type NoiseConfig } from '../../../../src/simulator/feeds/feed-config';
import { addHealthRecords } from '../../../../src/simulator/feeds/health-feed';
import { currentResidence, previousResidence } from '../../../../src/simulator/feeds/person-view';
import { addPoliceRecords } from '../../../../src/simulator/feeds/police-feed';
import { addSafetyRecords } from '../../../../src/simulator/feeds/safety-feed';
import type { SimPerson, World } from '../../../../src/simulator/world/world-types';
import type { StandardAddressEntry } from '../../../../src/resolve/address';

export interface ServedAddressText {
  /** `police/rk.XZZXZ`, `police/rk.HJDZXZ`, `health/jmjkda.现住址`, `safety/enterprises.regAddr`. */
  source: string;
  text: string;
  /** World truth id (`A:<code>`) of the address written; undefined when it is outside the register. */
  truthId?: string;
}

export interface ServedCommunity {
  index: number;
  register: StandardAddressEntry[];
  /** DZBM → world truth id of each register entry. */
  truthOfCode: Map<string, string>;
  texts: ServedAddressText[];
}

const STREAMS = new Set(['police/rk', 'police/bzdz', 'health/jmjkda', 'safety/enterprises']);

function residenceId(p: SimPerson, text: string): string | undefined {
  // The served text was written from the current residence (or, for a health mover, the previous one).
  const r = p.addresses.filter((a) => a.role === 'residence');
  return r.find((a) => a.text === text)?.addressId ?? r[r.length - 1]?.addressId;
}

/** Records of community `c` at `tick` as the feeds serve them (default noise unless `noise` is given). */
export function servedCommunity(world: World, c: number, tick = 0, noise: NoiseConfig = DEFAULT_NOISE): ServedCommunity {
  const chunk = world.chunk(c, tick);
  const beatByGrid = new Map<string, string>();
  const gridNames = new Map<string, string>();
  for (const g of world.grids) {
    gridNames.set(g.code, g.name);
    if (g.beatCode !== undefined) beatByGrid.set(g.code, g.beatCode);
  }
  const lookups: WorldLookups = { persons: new Map(), addresses: new Map(), beatByGrid, gridNames, baselineResidence: new Map() };
  for (const p of chunk.persons) lookups.persons.set(p.id, p);
  for (const a of chunk.addresses) lookups.addresses.set(a.id, a);
  if (tick > 0) for (const p of world.chunk(c, 0).persons) lookups.baselineResidence.set(p.id, currentResidence(p));
  const ctx = new BuildContext(world.spec.seed, noise, lookups, world.spec.countyCode, () => 0, { wants: (id) => STREAMS.has(id) });
  addPoliceRecords(ctx, chunk);
  addHealthRecords(ctx, chunk);
  addSafetyRecords(ctx, chunk);

  const register: StandardAddressEntry[] = [];
  const truthOfCode = new Map<string, string>();
  for (const d of ctx.draftsOf('police/bzdz')) {
    const f = JSON.parse(d.json) as Record<string, unknown>;
    if (typeof f.DZQC !== 'string' || f.DZQC === '') continue;
    const code = String(f.DZBM);
    truthOfCode.set(code, d.truth.trueEntityId);
    register.push({ id: code, level: Number(f.DZJB), parentId: f.SJDZBM === '' || f.SJDZBM === undefined ? null : String(f.SJDZBM), text: f.DZQC });
  }

  const texts: ServedAddressText[] = [];
  const push = (source: string, text: unknown, truthId: string | undefined): void => {
    if (typeof text === 'string' && text !== '') texts.push({ source, text, truthId });
  };
  for (const d of ctx.draftsOf('police/rk')) {
    const p = lookups.persons.get(d.truth.trueEntityId) as SimPerson;
    const f = JSON.parse(d.json) as Record<string, unknown>;
    push('police/rk.XZZXZ', f.XZZXZ, residenceId(p, currentResidence(p)));
    push('police/rk.HJDZXZ', f.HJDZXZ, p.addresses.find((a) => a.role === 'hukou')?.addressId);
  }
  for (const d of ctx.draftsOf('health/jmjkda')) {
    const p = lookups.persons.get(d.truth.trueEntityId) as SimPerson;
    const f = JSON.parse(d.json) as Record<string, unknown>;
    const prev = previousResidence(p);
    // Movers: health may serve the previous residence; the truth is whichever text it was written from.
    const truth = prev !== undefined && typeof f['现住址'] === 'string' && looksLike(f['现住址'], prev) ? residenceId(p, prev) : residenceId(p, currentResidence(p));
    push('health/jmjkda.现住址', f['现住址'], truth);
  }
  for (const d of ctx.draftsOf('safety/enterprises')) {
    const o = chunk.organisations.find((x) => x.id === d.truth.trueEntityId);
    const f = JSON.parse(d.json) as Record<string, unknown>;
    push('safety/enterprises.regAddr', f.regAddr, o?.addressId);
  }
  return { index: c, register, truthOfCode, texts };
}

/** Same digits in the same order (noise never changes the numbers of an address). */
function looksLike(served: string, original: string): boolean {
  const digits = (s: string): string => s.replace(/\D/g, '');
  return digits(served) !== '' && digits(served) === digits(original);
}
