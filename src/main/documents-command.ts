/**
 * `gridhub documents add FILE.graphql…` / `list` / `check`: the persisted (trusted) documents
 * manifest (schema/persisted-documents.json, or GRIDHUB_PERSISTED_DOCUMENTS).
 *
 * `add` parses each file, validates it against the current schema (every operation named, within
 * the depth limit), stores its canonical text under `sha256:<hex>` and prints the id clients send
 * as `documentId`. `list` shows every document with its operations, depth and worst-case cost
 * (variables unknown: the maximum page size). `check` exits 1 when a document no longer validates
 * against the schema or the manifest is damaged — run it in CI next to `gridhub schema --check`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { GraphQLError, Kind, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { queryCost } from '../api/limits/query-cost';
import { queryDepths } from '../api/limits/query-depth';
import type { QueryLimits } from '../api/limits/query-limits.plugin';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../api/pagination';
import { canonicalDocument, documentIdOf, loadPersistedDocuments, manifestJson } from '../api/persisted-documents';
import { REPO_ROOT } from '../db/orm-config';
import { loadConfig } from './config';
import { textTable } from './text-table';

export interface DocumentReport {
  id: string;
  text: string;
  operations: string[];
  /** Deepest operation. */
  depth: number;
  /** Costliest operation, variables unknown (the maximum page size where a variable sets it). */
  cost: number;
  /** Why the document would be refused (empty when it runs). */
  errors: string[];
  /** What may refuse it depending on the variables. */
  warnings: string[];
}

function locate(e: GraphQLError): string {
  const l = e.locations?.[0];
  return l ? ` (line ${l.line}, column ${l.column})` : '';
}

/** Checks one document text against the schema and limits. A syntax error is thrown (with its location). */
export function inspectDocument(text: string, schema: GraphQLSchema, limits: QueryLimits): DocumentReport {
  // Parsed from the text as given, so locations in messages point into the file.
  const document: DocumentNode = parse(text);
  const canonical = canonicalDocument(text);
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const errors: string[] = [];
  const warnings: string[] = [];
  if (ops.length === 0) errors.push('the document has no operation');
  if (ops.some((o) => o.name === undefined)) errors.push('every operation needs a name (clients select it with operationName; metrics count by it)');
  for (const e of validate(schema, document, specifiedRules)) errors.push(`${e.message}${locate(e)}`);
  let depth = 0;
  for (const d of queryDepths(document)) {
    depth = Math.max(depth, d.depth);
    if (d.depth > limits.maxDepth) errors.push(`operation ${d.operation ?? '(anonymous)'} is nested ${d.depth} levels deep; the limit is ${limits.maxDepth}`);
  }
  let cost = 0;
  if (errors.length === 0) {
    for (const o of ops) {
      const c = queryCost(schema, document, { maxPageSize: MAX_PAGE_SIZE, defaultPageSize: DEFAULT_PAGE_SIZE, assumedListSize: limits.assumedListSize, operationName: o.name?.value });
      cost = Math.max(cost, c);
      if (c > limits.maxCost) warnings.push(`operation ${o.name?.value} costs up to ${c} with the largest pages its variables allow; the limit is ${limits.maxCost}: requests with large page sizes will be refused`);
    }
  }
  return { id: documentIdOf(canonical), text: canonical, operations: ops.map((o) => o.name?.value ?? '(anonymous)'), depth, cost, errors, warnings };
}

interface DocumentsContext {
  manifest: string;
  limits: QueryLimits;
  schema: GraphQLSchema;
}

async function context(manifestOption: string | undefined): Promise<DocumentsContext> {
  const config = loadConfig();
  const { gridhubSchema } = await import('../api/schema');
  return {
    manifest: manifestOption ?? config.persistedDocumentsFile,
    limits: { maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost, assumedListSize: config.graphqlListSize },
    schema: await gridhubSchema(),
  };
}

/** Adds the files' documents to the manifest; returns their reports (nothing is written when one is refused). */
export async function addDocuments(files: string[], manifest: string, schema: GraphQLSchema, limits: QueryLimits): Promise<Array<DocumentReport & { file: string; added: boolean }>> {
  const documents = loadPersistedDocuments(manifest);
  const reports: Array<DocumentReport & { file: string; added: boolean }> = [];
  const problems: string[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    let report: DocumentReport;
    try {
      report = inspectDocument(text, schema, limits);
    } catch (e) {
      problems.push(`${file}: ${e instanceof GraphQLError ? `${e.message}${locate(e)}` : String(e)}`);
      continue;
    }
    for (const err of report.errors) problems.push(`${file}: ${err}`);
    reports.push({ ...report, file, added: !documents.has(report.id) });
  }
  if (problems.length > 0) throw new Error(`not added (fix these and run again):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  for (const r of reports) documents.set(r.id, r.text);
  await writeFile(manifest, manifestJson(documents));
  return reports;
}

export function registerDocumentsCommand(program: Command): void {
  const documents = program
    .command('documents')
    .description('Persisted (trusted) documents: add .graphql operations to the manifest (schema/persisted-documents.json), list them with their ids, or check them against the schema.');
  documents
    .command('add')
    .description('Validate the operations of each FILE against the schema and store them under sha256:<hex> ids; prints the ids clients send as "documentId".')
    .argument('<files...>', '.graphql files, one document each (operations must be named)')
    .option('--manifest <file>', 'manifest to write (default: GRIDHUB_PERSISTED_DOCUMENTS)')
    .action(async (files: string[], o: { manifest?: string }) => {
      const ctx = await context(o.manifest);
      for (const r of await addDocuments(files, ctx.manifest, ctx.schema, ctx.limits)) {
        process.stdout.write(`${r.added ? 'added    ' : 'unchanged'} ${r.id}  ${r.operations.join(', ')}  (${relative(process.cwd(), r.file)})\n`);
        for (const w of r.warnings) process.stdout.write(`  warning: ${w}\n`);
      }
      process.stdout.write(`manifest: ${relative(REPO_ROOT, ctx.manifest) || ctx.manifest}\n`);
    });
  documents
    .command('list')
    .description('List the manifest: id, operations, depth and worst-case cost of each document, and whether it still validates.')
    .option('--manifest <file>', 'manifest to read (default: GRIDHUB_PERSISTED_DOCUMENTS)')
    .option('--json', 'one JSON object per document (id, operations, depth, cost, errors, text)')
    .action(async (o: { manifest?: string; json?: boolean }) => {
      const ctx = await context(o.manifest);
      const reports = [...loadPersistedDocuments(ctx.manifest).values()].map((text) => inspectDocument(text, ctx.schema, ctx.limits));
      if (o.json) {
        for (const r of reports) process.stdout.write(JSON.stringify(r) + '\n');
        return;
      }
      const rows = [['id', 'operations', 'depth', 'cost', 'status'], ...reports.map((r) => [r.id, r.operations.join(', '), String(r.depth), String(r.cost), r.errors.length ? `INVALID: ${r.errors[0]}` : 'ok'])];
      process.stdout.write(`${textTable(rows, 2)}\n${reports.length} document(s) in ${ctx.manifest}\n`);
    });
  documents
    .command('check')
    .description('Exit 1 when a document of the manifest no longer validates against the schema (or is over the depth limit).')
    .option('--manifest <file>', 'manifest to read (default: GRIDHUB_PERSISTED_DOCUMENTS)')
    .action(async (o: { manifest?: string }) => {
      const ctx = await context(o.manifest);
      const docs = loadPersistedDocuments(ctx.manifest);
      const bad = [...docs.entries()].flatMap(([id, text]) => inspectDocument(text, ctx.schema, ctx.limits).errors.map((e) => `${id}: ${e}`));
      if (bad.length > 0) {
        process.stderr.write(`${bad.length} problem(s) in ${ctx.manifest}:\n${bad.map((b) => `  - ${b}`).join('\n')}\n`);
        process.exitCode = 1;
      } else process.stdout.write(`${docs.size} persisted document(s) validate against the schema\n`);
    });
}
