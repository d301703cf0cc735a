/**
 * The stages that turn stored source records into the master dataset, in the order they must run:
 * the grid tree first (addresses, things and events are placed in grids), the standard address
 * register and address matching, the golden records of each model, then the relations between
 * golden records and the entities that hang off them (things, events).
 *
 * One registry for every caller: the resolve queue's processor, `gridhub resolve`, the demo and the
 * test fixture of the synced district. A stage is a name, a one-line description and a runner
 * returning a summary (printed by the CLI with `describe`).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { AddressService } from './address.service';
import { EventService } from './event.service';
import { GridImportService } from './grid-import.service';
import { RelationService } from './relation.service';
import { ResolveService } from './resolve.service';
import type { SyncService } from './sync.service';

export interface StageOptions {
  /** Golden-record models: rebuild every cluster instead of the incremental work set. */
  mode?: 'incremental' | 'full';
  /** Golden-record models: re-estimate parameters first. */
  retrain?: boolean;
}

export interface PipelineStage {
  name: string;
  description: string;
  /** True for the golden-record models run by ResolveService (summaries printed as a table). */
  model?: boolean;
  run(em: EntityManager, opts: StageOptions): Promise<unknown>;
  /** One line for the CLI; models are printed as a table instead. */
  describe?(summary: unknown): string;
}

function modelStage(name: string): PipelineStage {
  return {
    name,
    model: true,
    description: `golden ${name} records from source records (match model ${name})`,
    run: (em, o) => new ResolveService(em).resolve(name, { mode: o.mode, retrain: o.retrain }),
  };
}

export const PIPELINE: readonly PipelineStage[] = [
  {
    name: 'grids',
    description: 'the grid tree from the grid management centre: versions, parents, paths, police-beat members; addresses re-linked',
    run: (em) => new GridImportService(em).importGrids(),
    describe: (s) => {
      const g = s as Awaited<ReturnType<GridImportService['importGrids']>>;
      return `grids: ${g.records} records, +${g.inserted} versions (${g.versioned} reorganised), ${g.retired} withdrawn, ${g.updated} updated, ${g.membersOpened} beat members opened/${g.membersClosed} closed, ${g.overlaps.length} overlaps, ${g.skipped.length} skipped; addresses re-linked: ${g.addresses.grids} grids, ${g.addresses.beats} beats`;
    },
  },
  {
    name: 'address',
    description: 'the standard address register and free-text address matching',
    run: (em) => new AddressService(em).resolve(),
    describe: (s) => {
      const a = s as Awaited<ReturnType<AddressService['resolve']>>;
      return `address: register ${a.register.addresses} (+${a.register.inserted} new, ${a.register.updated} changed, ${a.register.retired} retired); ${a.matched} texts matched: ${a.exact} exact, ${a.partial} partial, ${a.candidate} candidates`;
    },
  },
  ...ResolveService.targets().map(modelStage),
  {
    name: 'relations',
    description: 'golden records onto the register: addresses by role, grids, house owners',
    run: (em) => new AddressService(em).linkGoldens(),
    describe: (s) => {
      const r = s as Awaited<ReturnType<AddressService['linkGoldens']>>;
      return `relations: ${r.personAddressesOpened} person addresses opened, ${r.personAddressesClosed} closed, ${r.personGrids} person grids, ${r.organisationAddresses} organisation addresses, ${r.houses} houses`;
    },
  },
  {
    name: 'things',
    description: 'things (城市部件) by code: base grid by point-in-polygon, owner organisation by USCC',
    run: (em) => new GridImportService(em).importThings(),
    describe: (s) => {
      const t = s as Awaited<ReturnType<GridImportService['importThings']>>;
      return `things: ${t.records} records, +${t.inserted} new, ${t.updated} changed, ${t.linked} linked, ${t.withoutGrid} outside every base grid; addresses re-linked: ${t.addresses.grids} grids, ${t.addresses.beats} beats`;
    },
  },
  {
    name: 'people-links',
    description: 'relations between golden records: person tags, employers, legal representatives, house occupants',
    run: (em) => new RelationService(em).linkPeople(),
    describe: (s) => {
      const r = s as Awaited<ReturnType<RelationService['linkPeople']>>;
      const unknown = r.unknownTagCodes.length > 0 ? ` (tags without definition: ${r.unknownTagCodes.join(', ')})` : '';
      return `people-links: tags +${r.tagsOpened}/-${r.tagsClosed}, employments +${r.employmentsOpened}/-${r.employmentsClosed}, ${r.legalRepresentatives} legal representatives, occupants +${r.occupantsOpened}/-${r.occupantsClosed}${unknown}`;
    },
  },
  {
    name: 'events',
    description: 'police incidents (警情) and safety hazards (隐患) into the event closed loop',
    run: (em) => new EventService(em).materialiseFeeds(),
    describe: (s) => {
      const e = s as Awaited<ReturnType<EventService['materialiseFeeds']>>;
      return `events: ${e.records} feed records applied (+${e.inserted} new, ${e.updated} changed, ${e.statusChanges} status changes), ${e.withGrid} with a grid, parties +${e.partiesAdded} −${e.partiesRemoved}`;
    },
  },
];

export function stageNames(): string[] {
  return PIPELINE.map((s) => s.name);
}

export function pipelineStage(name: string): PipelineStage | undefined {
  return PIPELINE.find((s) => s.name === name);
}

/** Runs the named stages (default: all) in pipeline order, each with its own summary. */
export async function runPipeline(em: EntityManager, names?: readonly string[], opts: StageOptions = {}): Promise<Array<{ stage: PipelineStage; summary: unknown }>> {
  const unknown = (names ?? []).filter((n) => !pipelineStage(n));
  if (unknown.length > 0) throw new Error(`Unknown stage(s) ${unknown.map((n) => JSON.stringify(n)).join(', ')} (known: ${stageNames().join(', ')}).`);
  const out: Array<{ stage: PipelineStage; summary: unknown }> = [];
  for (const stage of PIPELINE) {
    if (names && names.length > 0 && !names.includes(stage.name)) continue;
    out.push({ stage, summary: await stage.run(em, opts) });
  }
  return out;
}

/**
 * Syncs every stream of the named connectors, in order, then runs every pipeline stage: a whole
 * district from its feeds to golden records in one call (the test fixture and the benches).
 */
export async function syncAndResolve(em: EntityManager, sync: SyncService, connectors: readonly string[]): Promise<void> {
  for (const connector of connectors) for (const stream of sync.streams(connector)) await sync.syncStream(connector, stream);
  await runPipeline(em);
}
