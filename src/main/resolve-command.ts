/**
 * `gridhub resolve [model...] [--full] [--retrain]` resolves source records into golden records
 * (incrementally by default) and prints a summary per model; `gridhub steward …` works the review
 * queue and merges or unmerges golden records. Both run in this process (database only).
 */
import type { Command } from 'commander';
import type { ResolveSummary } from '../services/resolve.service';
import { runPipeline, stageNames } from '../services/pipeline';
import { StewardService, type Steward } from '../services/steward.service';
import { AddressService } from '../services/address.service';
import { withDatabase } from './stores';
import { textTable } from './text-table';

const COLUMNS: Array<[string, (s: ResolveSummary) => string]> = [
  ['model', (s) => `${s.model}@${s.modelVersion}`],
  ['mode', (s) => s.mode],
  ['touched', (s) => String(s.touched)],
  ['removed', (s) => String(s.removed)],
  ['work set', (s) => String(s.workSet)],
  ['pairs', (s) => String(s.pairsScored)],
  ['links', (s) => String(s.links)],
  ['review', (s) => String(s.review)],
  ['refused', (s) => String(s.refused)],
  ['clusters', (s) => String(s.clusters)],
  ['created', (s) => String(s.goldensCreated)],
  ['merged', (s) => String(s.goldensMerged)],
  ['split', (s) => String(s.goldensSplit)],
  ['retired', (s) => String(s.goldensRetired)],
  ['seconds', (s) => (Object.values(s.timings).reduce((a, b) => a + b, 0) / 1000).toFixed(1)],
];

export function formatResolveSummaries(rows: ResolveSummary[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  return textTable(cells, 2);
}

function stewardOf(o: { user?: string; reason?: string }): Steward {
  return { user: o.user ?? process.env.USER ?? '', reason: o.reason ?? '' };
}

export function registerResolveCommands(program: Command): void {
  program
    .command('resolve')
    .description('Resolve source records: the standard address register and address matching (`address`), then golden records (persons, organisations); incremental by default; the first run of a model trains it by EM and rebuilds.')
    .argument('[stages...]', `what to resolve, in pipeline order (default: all: ${stageNames().join(', ')})`)
    .option('--full', 'rebuild every cluster from all records (same clusters as incremental runs; ids stay)')
    .option('--retrain', 're-estimate the model parameters from the data, then rebuild')
    .action(async (names: string[], o: { full?: boolean; retrain?: boolean }) => {
      await withDatabase(async (em) => {
        const rows: ResolveSummary[] = [];
        for (const { stage, summary } of await runPipeline(em, names, { mode: o.full ? 'full' : 'incremental', retrain: o.retrain })) {
          if (stage.model) rows.push(summary as ResolveSummary);
          else process.stdout.write(`${stage.describe ? stage.describe(summary) : `${stage.name}: ${JSON.stringify(summary)}`}\n`);
        }
        if (rows.length > 0) process.stdout.write(`${formatResolveSummaries(rows)}\n`);
      });
    });

  const steward = program.command('steward').description('Review queue, pair decisions, manual merge and unmerge of golden records (audited; applied at once).');
  const decision = (c: Command): Command => c.requiredOption('--reason <text>', 'why (kept with the decision and in the audit log)').option('--user <name>', 'steward user name (default $USER)');

  steward
    .command('review')
    .description('Pairs waiting for a steward, strongest first, with the weight each comparison added.')
    .option('--model <name>', 'model', 'person')
    .option('--limit <n>', 'pairs to show', (v) => Number(v), 20)
    .option('--json', 'one JSON object per line')
    .action(async (o: { model: string; limit: number; json?: boolean }) => {
      await withDatabase(async (em) => {
        const items = await new StewardService(em).reviewQueue(o.model, o.limit);
        if (items.length === 0 && !o.json) process.stdout.write('review queue is empty\n');
        for (const i of items) {
          if (o.json) process.stdout.write(`${JSON.stringify(i)}\n`);
          else {
            process.stdout.write(`pair ${i.a} ~ ${i.b}: p = ${i.probability.toFixed(3)} (weight ${i.weight.toFixed(2)})\n`);
            for (const r of i.records) process.stdout.write(`  #${r.id} ${r.source}/${r.stream} ${r.recordKey} → golden ${r.goldenId ?? '-'}: ${JSON.stringify(r.canonical)}\n`);
            process.stdout.write(`  ${i.explanation.map((e) => `${e.comparison}:${e.level} ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}`).join('  ')}\n`);
          }
        }
      });
    });
  for (const [name, d] of [['accept', 'accepted'], ['reject', 'rejected']] as const) {
    decision(steward.command(name).description(`${name === 'accept' ? 'Same entity' : 'Different entities'}: decide a pair of source records (ids as in the review queue).`))
      .argument('<a>', 'source record id', Number)
      .argument('<b>', 'source record id', Number)
      .action(async (a: number, b: number, o: { user?: string; reason?: string }) => {
        await withDatabase(async (em) => {
          const s = await new StewardService(em).decide(a, b, d, stewardOf(o));
          process.stdout.write(`${d} ${a} ~ ${b}; applied:\n${formatResolveSummaries([s])}\n`);
        });
      });
  }
  steward
    .command('addresses')
    .description('Free-text addresses not matched exactly onto the standard address register, most frequent first.')
    .option('--limit <n>', 'texts to show', (v) => Number(v), 20)
    .action(async (o: { limit: number }) => {
      await withDatabase(async (em) => {
        const open = await new AddressService(em).openTexts(o.limit);
        if (open.length === 0) process.stdout.write('no open addresses\n');
        for (const t of open) process.stdout.write(`${String(t.records).padStart(6)}  ${t.kind.padEnd(9)}  ${t.text}${t.deepestKnownId !== null ? `  (under #${t.deepestKnownId} ${t.deepestKnownText ?? ''})` : ''}${t.reason ? `  — ${t.reason}` : ''}\n`);
      });
    });
  decision(steward.command('map-address').description('Map an open address text onto an existing standard address.'))
    .argument('<text>', 'the address text as listed by `steward addresses`')
    .argument('<address>', 'standard address id', Number)
    .action(async (text: string, address: number, o: { user?: string; reason?: string }) => {
      await withDatabase(async (em) => {
        const r = await new AddressService(em).map(text, address, stewardOf(o));
        process.stdout.write(`mapped ${r.rows} record(s) onto standard address ${r.addressId}\n`);
      });
    });
  decision(steward.command('register-address').description('Register an open address text as a new standard address (under its deepest known ancestor, or --parent).'))
    .argument('<text>', 'the address text as listed by `steward addresses`')
    .option('--parent <id>', 'standard address id to register under', Number)
    .action(async (text: string, o: { user?: string; reason?: string; parent?: number }) => {
      await withDatabase(async (em) => {
        const r = await new AddressService(em).register(text, stewardOf(o), o.parent);
        process.stdout.write(`registered standard address ${r.addressId}; ${r.rows} record(s) now match it\n`);
      });
    });
  decision(steward.command('merge').description('Merge two golden records (the survivor keeps its id; the other redirects to it).'))
    .argument('<model>', 'person | organisation')
    .argument('<golden>', 'golden id', Number)
    .argument('<other>', 'golden id', Number)
    .action(async (model: string, g: number, h: number, o: { user?: string; reason?: string }) => {
      await withDatabase(async (em) => {
        const s = await new StewardService(em).merge(model, g, h, stewardOf(o));
        process.stdout.write(`merged ${model} ${g} and ${h}; applied:\n${formatResolveSummaries([s])}\n`);
      });
    });
  decision(steward.command('unmerge').description('Take source records out of a golden record (they get a new id; the decision keeps them apart in every later run).'))
    .argument('<model>', 'person | organisation')
    .argument('<golden>', 'golden id', Number)
    .argument('<records...>', 'source record ids to take out')
    .action(async (model: string, g: number, records: string[], o: { user?: string; reason?: string }) => {
      await withDatabase(async (em) => {
        const s = await new StewardService(em).unmerge(model, g, records.map(Number), stewardOf(o));
        process.stdout.write(`unmerged ${records.join(', ')} from ${model} ${g}; applied:\n${formatResolveSummaries([s])}\n`);
      });
    });
}
