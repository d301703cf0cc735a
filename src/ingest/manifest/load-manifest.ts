/**
 * Reads `connectors/<name>/manifest.json` (+ optional `code-tables.json`), validates both and
 * returns the typed manifest. Any error — unreadable file, bad JSON, schema problem — is a
 * ManifestError naming the file. Connectors are read by path: src never imports connectors/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from './manifest-error';
import type { CodeTables, ConnectorManifest } from './manifest-types';
import { validateManifest } from './validate-manifest';

export interface LoadedManifest {
  manifest: ConnectorManifest;
  codeTables: CodeTables;
  /** Folder the manifest was read from. */
  dir: string;
  file: string;
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError(file, [{ path: '', message: `cannot read file: ${(e as Error).message}` }]);
  }
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch (e) {
    throw new ManifestError(file, [{ path: '', message: `not valid JSON: ${(e as Error).message}` }]);
  }
}

/** Loads and validates the connector in `dir` (a `connectors/<name>` folder). */
export function loadManifest(dir: string): LoadedManifest {
  const file = join(dir, 'manifest.json');
  const tablesFile = join(dir, 'code-tables.json');
  const tables = existsSync(tablesFile) ? readJson(tablesFile) : {};
  const check = validateManifest(readJson(file), tables);
  if (!check.ok) {
    const problems = check.problems.map((p) => (p.path.startsWith('(code-tables)') ? { path: p.path, message: `${p.message} (in ${tablesFile})` } : p));
    throw new ManifestError(file, problems);
  }
  return { manifest: check.manifest, codeTables: tables as CodeTables, dir, file };
}
