/**
 * Persisted documents: ids, the manifest's integrity, request resolution in each mode, and the
 * committed manifest (schema/persisted-documents.json) against the current schema.
 */
import { join } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { gridhubSchema } from '../../../src/api/schema';
import {
  canonicalDocument,
  documentIdOf,
  loadPersistedDocuments,
  manifestJson,
  manifestProblems,
  normaliseDocumentId,
  resolvePersistedRequest,
} from '../../../src/api/persisted-documents';
import { DEFAULT_QUERY_LIMITS } from '../../../src/api/limits/query-limits.plugin';
import { inspectDocument } from '../../../src/main/documents-command';
import { loadConfig } from '../../../src/main/config';

const ROOT = join(__dirname, '../../..');
const TEXT = canonicalDocument('query Hub { hub { version } }');
const ID = documentIdOf(TEXT);
const DOCS = new Map([[ID, TEXT]]);
const HEX = ID.slice('sha256:'.length);

describe('document ids', () => {
  it('are sha256:<hex> of the canonical text', () => {
    expect(ID).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(canonicalDocument('query   Hub{hub{version}}')).toBe(TEXT);
    expect(normaliseDocumentId(HEX.toUpperCase())).toBe(ID);
    expect(normaliseDocumentId(`sha256:${HEX}`)).toBe(ID);
    expect(normaliseDocumentId('md5:abc')).toBeUndefined();
  });

  it('a manifest whose key is not the hash of its text is refused', () => {
    expect(manifestProblems({ [ID]: TEXT })).toEqual([]);
    expect(manifestProblems({ [ID]: TEXT + ' ' })[0]).toMatch(/the text's SHA-256 is sha256:/);
    expect(manifestProblems({ abc: TEXT })[0]).toMatch(/is not "sha256:" followed by 64/);
    expect(manifestProblems([])[0]).toMatch(/must be a JSON object/);
    expect(JSON.parse(manifestJson(DOCS))).toEqual({ [ID]: TEXT });
  });
});

describe('resolvePersistedRequest', () => {
  it('allow: a documentId becomes its query; free-form queries pass', () => {
    expect(resolvePersistedRequest({ documentId: ID, variables: { a: 1 }, operationName: 'Hub' }, 'allow', DOCS)).toEqual({
      ok: true,
      documentId: ID,
      body: { query: TEXT, variables: { a: 1 }, operationName: 'Hub' },
    });
    expect(resolvePersistedRequest({ query: '{ hub { version } }' }, 'allow', DOCS)).toEqual({ ok: true, body: { query: '{ hub { version } }' } });
  });

  it('allow: an APQ hash from the manifest resolves; an unknown one is left to Apollo APQ', () => {
    const r = resolvePersistedRequest({ extensions: { persistedQuery: { version: 1, sha256Hash: HEX }, other: 1 } }, 'allow', DOCS);
    expect(r).toEqual({ ok: true, documentId: ID, body: { query: TEXT, extensions: { other: 1 } } });
    const unknown = { extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } };
    expect(resolvePersistedRequest(unknown, 'allow', DOCS)).toEqual({ ok: true, body: unknown });
    expect(resolvePersistedRequest({ ...unknown, query: '{ hub { version } }' }, 'allow', DOCS)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('allow and only: an unknown documentId is PERSISTED_DOCUMENT_NOT_FOUND', () => {
    for (const mode of ['allow', 'only'] as const) {
      expect(resolvePersistedRequest({ documentId: `sha256:${'b'.repeat(64)}` }, mode, DOCS)).toMatchObject({ ok: false, status: 400, code: 'PERSISTED_DOCUMENT_NOT_FOUND' });
    }
  });

  it('only: free-form queries and unknown APQ hashes are refused; known ids run', () => {
    expect(resolvePersistedRequest({ query: '{ hub { version } }' }, 'only', DOCS)).toMatchObject({ ok: false, code: 'PERSISTED_DOCUMENT_REQUIRED' });
    expect(resolvePersistedRequest({ extensions: { persistedQuery: { version: 1, sha256Hash: 'c'.repeat(64) } } }, 'only', DOCS)).toMatchObject({ ok: false, code: 'PERSISTED_DOCUMENT_NOT_FOUND' });
    expect(resolvePersistedRequest({ documentId: ID }, 'only', DOCS)).toMatchObject({ ok: true, body: { query: TEXT } });
    expect(resolvePersistedRequest({ documentId: ID, query: '{ __typename }' }, 'only', DOCS)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });

  it('off: ids are refused, queries pass', () => {
    expect(resolvePersistedRequest({ documentId: ID }, 'off', DOCS)).toMatchObject({ ok: false, code: 'PERSISTED_DOCUMENTS_DISABLED' });
    expect(resolvePersistedRequest({ query: '{ __typename }' }, 'off', DOCS)).toMatchObject({ ok: true });
  });

  it('names a malformed id', () => {
    expect(resolvePersistedRequest({ documentId: 'nope' }, 'allow', DOCS)).toMatchObject({ ok: false, code: 'BAD_REQUEST', message: expect.stringMatching(/"nope" is malformed/) });
    expect(resolvePersistedRequest({ documentId: 42 }, 'allow', DOCS)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
  });
});

describe('the committed manifest', () => {
  const manifest = loadPersistedDocuments(join(ROOT, 'schema/persisted-documents.json'));

  it('holds every schema/documents/*.graphql file', () => {
    for (const f of readdirSync(join(ROOT, 'schema/documents')).filter((n) => n.endsWith('.graphql'))) {
      const text = canonicalDocument(readFileSync(join(ROOT, 'schema/documents', f), 'utf8'));
      expect([f, manifest.get(documentIdOf(text))]).toEqual([f, text]);
    }
  });

  it('validates against the current schema and the default limits (`gridhub documents check`)', async () => {
    const schema = await gridhubSchema();
    const errors = [...manifest.values()].flatMap((t) => inspectDocument(t, schema, DEFAULT_QUERY_LIMITS).errors);
    expect(errors).toEqual([]);
  });
});

describe('configuration', () => {
  it('defaults to allow mode, depth 12, cost 10000, lists of 10 and the committed manifest', () => {
    expect(loadConfig({})).toMatchObject({ trustedDocuments: 'allow', graphqlMaxDepth: 12, graphqlMaxCost: 10000, graphqlListSize: 10, persistedDocumentsFile: join(ROOT, 'schema/persisted-documents.json') });
  });

  it('names wrong values', () => {
    expect(() => loadConfig({ GRIDHUB_TRUSTED_DOCUMENTS: 'maybe', GRIDHUB_GRAPHQL_MAX_DEPTH: '0', GRIDHUB_GRAPHQL_MAX_COST: 'lots' })).toThrow(
      /GRIDHUB_GRAPHQL_MAX_DEPTH="0" is not a whole number between 1 and 1000[\s\S]*GRIDHUB_GRAPHQL_MAX_COST="lots"[\s\S]*GRIDHUB_TRUSTED_DOCUMENTS="maybe" is not allowed; expected one of allow, only, off/,
    );
  });
});
