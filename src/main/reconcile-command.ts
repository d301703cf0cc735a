/**
 * `gridhub reconcile`: the reconciliation report (对账报告) as tables — per source stream fetched,
 * valid, quarantined (top reasons), linked to a golden record shared with another feed or new,
 * conflicting attributes between sources with examples, and coverage gaps. Computed in this
 * process (needs the database, not Redis); `--save` stores it like the `reconcile.report` job,
 * `--latest` prints the newest stored report instead.
 */
import type { Command } from 'commander';
import { ReconcileService, type ReconciliationReport } from '../services/reconcile.service';
import { withDatabase } from './stores';
import { textTable } from './text-table';

const n = (x: number) => String(x);
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);

/** The report as plain-text tables. */
export function formatReconciliationReport(r: ReconciliationReport): string {
  const out: string[] = [];
  const streams = [
    ['source', 'stream', 'fetched', 'valid', 'quarantined', 'tombstoned', 'linked', 'existing', 'new', 'unlinked', 'conflicts'],
    ...r.streams.map((s) => [
      s.source, s.stream, n(s.fetched), n(s.valid), n(s.quarantined), n(s.tombstoned), n(s.linked), n(s.linkedExisting), n(s.linkedNew), n(s.unlinked),
      n(s.conflicts.reduce((k, c) => k + c.goldens, 0)),
    ]),
    ['total', '', n(r.totals.fetched), n(r.totals.valid), n(r.totals.quarantined), n(r.totals.tombstoned), n(r.totals.linked), n(r.totals.linkedExisting), n(r.totals.linkedNew), n(r.totals.valid - r.totals.linked), ''],
  ];
  out.push('Per source stream (linked = existing: golden shared with another feed + new: golden of this feed only)', textTable(streams, 2), '');
  const reasons = r.streams.flatMap((s) => s.quarantineReasons.map((q) => [s.source, s.stream, q.field || '(record)', q.rule, n(q.records)]));
  if (reasons.length > 0) out.push('Quarantined by reason', textTable([['source', 'stream', 'field', 'rule', 'records'], ...reasons], 4), '');
  if (r.conflicts.length > 0) {
    out.push('Conflicting attributes between sources', textTable([['entity', 'attribute', 'goldens'], ...r.conflicts.map((c) => [c.entityType, c.attribute, n(c.goldens)])], 2));
    for (const c of r.conflicts) {
      for (const e of c.examples) out.push(`  ${c.entityType} ${e.goldenId} ${c.attribute}: ${e.values.map((v) => `${v.source}/${v.stream}#${v.sourceRecordId}=${JSON.stringify(v.value)}`).join(' · ')}`);
    }
    out.push('');
  } else out.push('No conflicting attributes between sources.', '');
  const c = r.coverage;
  out.push(
    'Coverage',
    textTable(
      [
        ['gap', 'count', 'of', 'share'],
        ['persons without a current address', n(c.personsWithoutAddress), n(c.persons), pct(c.personsWithoutAddress, c.persons)],
        ['persons without a grid', n(c.personsWithoutGrid), n(c.persons), pct(c.personsWithoutGrid, c.persons)],
        ['standard addresses without a grid', n(c.addressesWithoutGrid), n(c.addresses), pct(c.addressesWithoutGrid, c.addresses)],
        ['organisations without an address', n(c.organisationsWithoutAddress), n(c.organisations), pct(c.organisationsWithoutAddress, c.organisations)],
        ['houses without an address', n(c.housesWithoutAddress), n(c.houses), pct(c.housesWithoutAddress, c.houses)],
      ],
      1,
    ),
  );
  return out.join('\n');
}

export function registerReconcileCommand(program: Command): Command {
  return program
    .command('reconcile')
    .description('Reconciliation report per source stream: fetched, valid, quarantined by reason, linked to existing vs new golden records, conflicting attributes between sources, coverage gaps.')
    .option('--save', 'store the report (reconciliation_report) so the API can read it later')
    .option('--latest', 'print the newest stored report instead of computing one')
    .option('--json', 'print the report as JSON')
    .action(async (o: { save?: boolean; latest?: boolean; json?: boolean }) => {
      await withDatabase(async (em) => {
        const service = new ReconcileService(em);
        let report: ReconciliationReport;
        let header: string;
        if (o.latest) {
          const stored = await service.latest();
          if (stored === undefined) {
            process.stderr.write('no stored reconciliation report yet: run `gridhub reconcile --save` or the reconcile job\n');
            process.exitCode = 1;
            return;
          }
          report = stored.report;
          header = `reconciliation report #${stored.id} of ${stored.createdAt.toISOString()}${stored.requestedBy ? ` (requested by ${stored.requestedBy})` : ''}`;
        } else if (o.save) {
          const stored = await service.run('cli');
          report = stored.report;
          header = `reconciliation report #${stored.id} (stored)`;
        } else {
          report = await service.report();
          header = `reconciliation report of ${report.generatedAt}`;
        }
        process.stdout.write(o.json ? `${JSON.stringify(report, null, 2)}\n` : `${header}\n\n${formatReconciliationReport(report)}\n`);
      });
    });
}
