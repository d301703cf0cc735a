/**
 * Use case "standard addresses" (一标: the standard address of 一标三实):
 * 1. the register: standard_address is kept from the police address records (by code, parents
 *    linked, addresses no longer served retired);
 * 2. matching: every free-text address of the other records (residence and hukou addresses of
 *    persons and care records, organisation and event addresses) is matched onto the register —
 *    exact, partial (only an ancestor is registered) or candidate (nothing trustworthy, outside the
 *    district, ambiguous); matching is incremental (new or changed records; open ones again when
 *    the register changed);
 * 3. stewardship: open texts are listed by frequency; a steward maps a text onto an existing
 *    address or registers it as a new one under its deepest known ancestor. Audited; kept.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { leafLevelOf, parseAddress, type AddressComponents } from '../domain/address';
import { AddressRepository, type AddressMatchRow, type RegisterCounts } from '../db/repositories/address.repository';
import { buildAddressIndex, matchAddress } from '../resolve/address';
import { lapTimer } from '../lib/lap-timer';
import { requireSteward, StewardError, type Steward } from './steward.service';

/** Which canonical fields of which records hold free-text addresses to match. */
export const ADDRESS_FIELDS: ReadonlyArray<{ entityTypes: string[]; field: string }> = [
  { entityTypes: ['person', 'tag'], field: 'residenceAddress' },
  { entityTypes: ['person'], field: 'hukouAddress' },
  { entityTypes: ['organisation', 'event'], field: 'address' },
];

export interface AddressResolveSummary {
  register: RegisterCounts & { addresses: number };
  matched: number;
  exact: number;
  partial: number;
  candidate: number;
  timings: Record<string, number>;
}

const ELEMENT_SUFFIX: ReadonlyArray<[keyof AddressComponents, string]> = [
  ['room', '室'], ['unit', '单元'], ['building', '栋'], ['roadNumber', '号'], ['yard', ''], ['compound', ''], ['naturalVillage', ''], ['lane', ''],
  ['road', ''], ['villagerGroup', '组'], ['community', ''], ['town', ''], ['county', ''], ['city', ''], ['province', ''],
];

function elementNameOf(c: AddressComponents): string {
  for (const [k, suffix] of ELEMENT_SUFFIX) {
    const v = c[k];
    if (v !== undefined && v !== '') return v.endsWith(suffix) ? v : `${v}${suffix}`;
  }
  return '';
}

export class AddressService {
  constructor(private readonly em: EntityManager) {}

  async resolve(): Promise<AddressResolveSummary> {
    const { timings, lap } = lapTimer();
    const repo = new AddressRepository(this.em);
    const register = await repo.syncRegister();
    lap('register');
    const changed = register.inserted + register.updated + register.retired + register.parentsLinked > 0;
    const entries = await repo.registerEntries();
    const index = buildAddressIndex(entries.map((e) => ({ ...e, components: e.components as AddressComponents })));
    lap('index');
    const summary: AddressResolveSummary = { register: { ...register, addresses: entries.length }, matched: 0, exact: 0, partial: 0, candidate: 0, timings };
    for (const { entityTypes, field } of ADDRESS_FIELDS) {
      const todo = await repo.toMatch(entityTypes, field, changed);
      const rows: AddressMatchRow[] = todo.map((r) => {
        const m = matchAddress(index, r.components !== null && typeof r.components === 'object' ? (r.components as AddressComponents) : r.text);
        summary[m.kind]++;
        return m.kind === 'candidate'
          ? { sourceRecordId: r.id, field, revision: r.revision, text: r.text, kind: 'candidate', standardAddressId: m.deepestKnown ? Number(m.deepestKnown.addressId) : null, inputLevel: null, matchedLevel: m.deepestKnown?.level ?? null, score: null, reason: m.reason }
          : { sourceRecordId: r.id, field, revision: r.revision, text: r.text, kind: m.kind, standardAddressId: Number(m.addressId), inputLevel: m.level, matchedLevel: m.matchedLevel, score: m.score, reason: m.kind === 'partial' ? `only ${m.matchedLevel} of ${m.level} is registered` : null };
      });
      summary.matched += rows.length;
      await repo.writeMatches(rows);
    }
    lap('match');
    return summary;
  }

  /** Golden persons and organisations onto the register (addresses by role, grids); run after the models. */
  linkGoldens() {
    return new AddressRepository(this.em).linkGoldens();
  }

  openTexts(limit = 20) {
    return new AddressRepository(this.em).openTexts(limit);
  }

  /** The text means this registered address. */
  async map(text: string, addressId: number, steward: Steward): Promise<{ addressId: number; rows: number }> {
    requireSteward(steward);
    const repo = new AddressRepository(this.em);
    const a = await repo.addressById(addressId);
    if (a === undefined) throw new StewardError(`no standard address ${addressId}`);
    if (a.retiredAt !== null) throw new StewardError(`standard address ${addressId} (${a.fullText}) is retired`);
    const r = await repo.decideText(text, 'mapped', { id: addressId }, steward.user, steward.reason);
    if (r.rows === 0) throw new StewardError(`no open address "${text}" (already decided or matched)`);
    return r;
  }

  /** The text is a real address the register lacks: register it under its deepest known ancestor. */
  async register(text: string, steward: Steward, parentId?: number): Promise<{ addressId: number; rows: number }> {
    requireSteward(steward);
    const repo = new AddressRepository(this.em);
    const open = (await repo.openTexts(1_000_000)).find((t) => t.text === text);
    if (open === undefined) throw new StewardError(`no open address "${text}" (already decided or matched)`);
    const parsed = parseAddress(text);
    const level = leafLevelOf(parsed.components);
    if (level === undefined) throw new StewardError(`"${text}" has no recognisable address element to register`);
    const parent = parentId ?? open.deepestKnownId;
    if (parent !== null && parent !== undefined && (await repo.addressById(parent)) === undefined) throw new StewardError(`no standard address ${parent} to register under`);
    return repo.decideText(text, 'registered', { parentId: parent ?? null, level: String(level), elementName: elementNameOf(parsed.components), components: parsed.components as Record<string, string> }, steward.user, steward.reason);
  }
}
