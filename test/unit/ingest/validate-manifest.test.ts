/**
 * Manifest validation: the four shipped connectors load; every error names the JSON path and what
 * was expected, and a load error names the file.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadManifest } from '../../../src/ingest/manifest/load-manifest';
import { ManifestError } from '../../../src/ingest/manifest/manifest-error';
import { validateManifest } from '../../../src/ingest/manifest/validate-manifest';
import { parsePath } from '../../../src/ingest/mapping/field-path';

const CONNECTORS = join(__dirname, '../../../connectors');
const police = (): Record<string, unknown> => JSON.parse(readFileSync(join(CONNECTORS, 'police/manifest.json'), 'utf8')) as Record<string, unknown>;
const policeTables = (): unknown => JSON.parse(readFileSync(join(CONNECTORS, 'police/code-tables.json'), 'utf8'));

function problemsOf(m: unknown, tables: unknown = policeTables()): string[] {
  const r = validateManifest(m, tables);
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

/** Sets (or with `undefined`, deletes) the value at a JSON path like `streams[2].pagination.kind`. */
function set(root: unknown, path: string, value: unknown): void {
  const segs = parsePath(path);
  let o = root as Record<string | number, unknown>;
  for (const s of segs.slice(0, -1)) o = o[s] as Record<string | number, unknown>;
  const last = segs[segs.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

describe('validateManifest', () => {
  it.each(['police', 'health', 'safety', 'civil-affairs'])('accepts the shipped connector %s', (name) => {
    const { manifest } = loadManifest(join(CONNECTORS, name));
    expect(manifest.name).toBe(name);
  });

  it('names the path and the allowed values of a bad pagination kind', () => {
    const m = police();
    set(m, 'streams[2].pagination.kind', 'pages');
    expect(problemsOf(m)).toEqual(['streams[2].pagination.kind: expected one of page_number, offset, cursor_token, got "pages"']);
  });

  it('reports every problem, each with its own path', () => {
    const m = police();
    set(m, 'baseUrl', undefined);
    set(m, 'concurrency', 0);
    set(m, 'auth', { kind: 'api_key_header', header: 'X-Api-Key', secretRef: 'police-demo-key' });
    set(m, 'streams[0].entityType', 'people');
    set(m, 'streams[0].mapping.fields.gender.transforms', [{ kind: 'codeTable', table: 'sex' }]);
    set(m, 'streams[1].mapping.fields.level', { from: 'DZJB', const: '61' });
    set(m, 'streams[3].incremental.cursorFormat', 'yyyyMMdd');
    set(m, 'streams[3].pagination.pageSize', 5000);
    expect(problemsOf(m)).toEqual([
      'baseUrl: expected a string (required)',
      expect.stringMatching(/^auth\.secretRef: expected a secret reference like env:NAME/),
      'concurrency: expected at least 1, got 0',
      'streams[0].entityType: expected one of person, address, grid, house, organisation, thing, event, tag, other, got "people"',
      expect.stringMatching(/^streams\[0\]\.mapping\.fields\.gender\.transforms\[0\]\.table: expected the name of a table in code-tables\.json \(known: gender, /),
      'streams[1].mapping.fields.level: expected exactly one of from, const, concat, got from and const',
      'streams[3].pagination.pageSize: expected at most maxPageSize (1000), got 5000',
      'streams[3].incremental.cursorFormat: expected one of iso, compact, dash, epoch_ms, got "yyyyMMdd"',
    ]);
  });

  it('rejects unknown properties, duplicate stream names and bad field paths', () => {
    const m = police();
    set(m, 'streams[1].name', 'rk');
    set(m, 'streams[0].pagniation', {});
    set(m, 'streams[0].mapping.fields.name.from', 'a..b');
    expect(problemsOf(m)).toEqual([
      expect.stringMatching(/^streams\[0\]\.pagniation: unknown property/),
      'streams[0].mapping.fields.name.from: expected a field path like a.b or a[0].b, got "a..b"',
      "streams[1].name: expected a unique stream name, 'rk' appears twice",
    ]);
  });

  it('checks oauth2 refs, transforms and validation rules', () => {
    const m = police();
    set(m, 'auth', { kind: 'oauth2_client_credentials', tokenUrl: '/t', clientIdRef: 'env:ID' });
    set(m, 'streams[0].mapping.fields.name.transforms', [{ kind: 'upper' }]);
    set(m, 'streams[0].mapping.fields.name.validate', { pattern: '([' });
    const p = problemsOf(m);
    expect(p[0]).toBe('auth.clientSecretRef: expected a string (required)');
    expect(p[1]).toMatch(/^streams\[0\]\.mapping\.fields\.name\.transforms\[0\]\.kind: expected one of trim, normalizeText, personName, codeTable/);
    expect(p[2]).toMatch(/^streams\[0\]\.mapping\.fields\.name\.validate\.pattern: expected a valid regular expression/);
  });
});

describe('loadManifest', () => {
  it('throws a ManifestError naming the file and the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridhub-manifest-'));
    const m = police();
    set(m, 'streams[2].pagination.kind', 'pages');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m));
    writeFileSync(join(dir, 'code-tables.json'), readFileSync(join(CONNECTORS, 'police/code-tables.json')));
    let err: unknown;
    try {
      loadManifest(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as ManifestError).file).toBe(join(dir, 'manifest.json'));
    expect((err as Error).message).toContain(`invalid connector manifest ${join(dir, 'manifest.json')}`);
    expect((err as Error).message).toContain('streams[2].pagination.kind: expected one of page_number, offset, cursor_token');
  });

  it('names the file on bad JSON and on a bad code table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gridhub-manifest-'));
    writeFileSync(join(dir, 'manifest.json'), '{ "version": 1,');
    expect(() => loadManifest(dir)).toThrow(new RegExp(`${join(dir, 'manifest.json').replace(/[/\\.]/g, '\\$&')}[^]*not valid JSON`));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(police()));
    writeFileSync(join(dir, 'code-tables.json'), JSON.stringify({ gender: { '1': 1 } }));
    expect(() => loadManifest(dir)).toThrow(/\(code-tables\)\.gender\.1: expected a string, got number 1 \(in .*code-tables\.json\)/);
  });
});
