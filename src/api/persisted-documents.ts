/**
 * Persisted (trusted) documents (受信任查询文档): operations registered ahead of time in
 * `schema/persisted-documents.json`, so a client sends only an id and the server runs the document
 * it knows — and, in `only` mode, nothing else.
 *
 * The manifest is the key-value form of the GraphQL Trusted Documents convention: a JSON object
 * mapping `sha256:<hex>` — the SHA-256 of the document text — to the document text. `gridhub
 * documents add FILE.graphql…` writes it; the text stored is graphql's canonical print of the file,
 * so formatting changes of the file do not change the id.
 *
 * A request names a document by `documentId` (GraphQL over HTTP; `sha256:<hex>` or the bare hex)
 * or by Apollo's APQ shape `extensions.persistedQuery.sha256Hash`. `resolvePersistedRequest` turns
 * it into an ordinary `{ query, … }` request, by mode (GRIDHUB_TRUSTED_DOCUMENTS):
 * - `allow` (default): known ids resolve; free-form queries run as well; an APQ hash that is not in
 *   the manifest is left to Apollo Server's own APQ cache (clients register it by retrying with the
 *   query); an unknown `documentId` → PERSISTED_DOCUMENT_NOT_FOUND.
 * - `only`: only documents of the manifest run; a free-form query → PERSISTED_DOCUMENT_REQUIRED,
 *   an unknown id or hash → PERSISTED_DOCUMENT_NOT_FOUND (Apollo's APQ cache is off).
 * - `off`: ids are not accepted (PERSISTED_DOCUMENTS_DISABLED); queries run as sent.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { parse, print } from 'graphql';

export type TrustedDocumentsMode = 'off' | 'allow' | 'only';
export const TRUSTED_DOCUMENTS_MODES: readonly TrustedDocumentsMode[] = ['off', 'allow', 'only'];

/** Document id → document text. */
export type PersistedDocuments = ReadonlyMap<string, string>;

const ID_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** The id of a document text: `sha256:` and the hex SHA-256 of its UTF-8 bytes. */
export function documentIdOf(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}

/** The canonical text stored for a document (graphql's print: stable under reformatting). */
export function canonicalDocument(text: string): string {
  return print(parse(text));
}

/** `sha256:<hex>` from either that form or the bare hex (APQ); undefined when it is neither. */
export function normaliseDocumentId(raw: string): string | undefined {
  const id = raw.trim().toLowerCase();
  if (ID_PATTERN.test(id)) return id;
  if (/^[0-9a-f]{64}$/.test(id)) return `sha256:${id}`;
  return undefined;
}

/** Checks a parsed manifest: every key is `sha256:<hex>` of its text. Returns the problems found. */
export function manifestProblems(json: unknown): string[] {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return ['the manifest must be a JSON object mapping "sha256:<hex>" ids to document texts'];
  const problems: string[] = [];
  for (const [id, text] of Object.entries(json)) {
    if (!ID_PATTERN.test(id)) problems.push(`key ${JSON.stringify(id)} is not "sha256:" followed by 64 lower-case hex digits`);
    else if (typeof text !== 'string') problems.push(`${id}: the value must be the document text (a string)`);
    else if (documentIdOf(text) !== id) problems.push(`${id}: the text's SHA-256 is ${documentIdOf(text)}; re-add the document with \`gridhub documents add\``);
  }
  return problems;
}

/** Reads a manifest file (a missing file is an empty manifest). Throws naming every problem. */
export function loadPersistedDocuments(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const problems = manifestProblems(json);
  if (problems.length > 0) throw new Error(`${file} is not a valid persisted-documents manifest:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  return new Map(Object.entries(json as Record<string, string>));
}

/** The manifest's JSON text: ids sorted, so the committed file only changes where documents do. */
export function manifestJson(documents: PersistedDocuments): string {
  const sorted = Object.fromEntries([...documents.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted, null, 2) + '\n';
}

/** The body of a GraphQL request as far as documents are concerned (POST body, or GET parameters parsed). */
export interface GraphQLRequestBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: unknown;
  [key: string]: unknown;
}

export type PersistedResolution =
  | { ok: true; body: GraphQLRequestBody; documentId?: string }
  | { ok: false; status: number; code: string; message: string };

function refuse(code: string, message: string, status = 400): PersistedResolution {
  return { ok: false, status, code, message };
}

function apqHash(extensions: unknown): string | undefined {
  if (extensions === null || typeof extensions !== 'object') return undefined;
  const pq = (extensions as { persistedQuery?: { sha256Hash?: unknown } }).persistedQuery;
  return pq && typeof pq === 'object' && typeof pq.sha256Hash === 'string' ? pq.sha256Hash : undefined;
}

function withoutPersistedQuery(extensions: unknown): Record<string, unknown> | undefined {
  if (extensions === null || typeof extensions !== 'object') return undefined;
  const { persistedQuery: _pq, ...rest } = extensions as Record<string, unknown>;
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** Turns a request naming a persisted document into an ordinary one, or refuses it (see the header). */
export function resolvePersistedRequest(body: GraphQLRequestBody, mode: TrustedDocumentsMode, documents: PersistedDocuments): PersistedResolution {
  const hasQuery = typeof body.query === 'string' && body.query.trim() !== '';
  const rawId = body.documentId !== undefined && body.documentId !== null ? body.documentId : undefined;
  const hash = apqHash(body.extensions);

  if (rawId === undefined && hash === undefined) {
    if (mode === 'only' && hasQuery) {
      return refuse('PERSISTED_DOCUMENT_REQUIRED', 'This server only runs persisted documents (GRIDHUB_TRUSTED_DOCUMENTS=only): send "documentId" with the id of a registered document instead of "query" (see `gridhub documents list`).');
    }
    return { ok: true, body };
  }
  if (mode === 'off') {
    return refuse('PERSISTED_DOCUMENTS_DISABLED', 'Persisted documents are turned off on this server (GRIDHUB_TRUSTED_DOCUMENTS=off): send the operation as "query".');
  }
  if (rawId !== undefined && typeof rawId !== 'string') return refuse('BAD_REQUEST', '"documentId" must be a string such as "sha256:<64 hex digits>".');
  const given = rawId ?? hash!;
  const id = normaliseDocumentId(given);
  if (id === undefined) return refuse('BAD_REQUEST', `Document id ${JSON.stringify(given)} is malformed; expected "sha256:" followed by 64 hex digits.`);
  if (hash !== undefined && rawId !== undefined && normaliseDocumentId(hash) !== id) {
    return refuse('BAD_REQUEST', 'The request names two different documents ("documentId" and extensions.persistedQuery.sha256Hash); send one.');
  }

  const text = documents.get(id);
  if (text === undefined) {
    // Allow mode: an APQ hash Apollo Server may know (or learn from the client's retry with the query).
    if (mode === 'allow' && rawId === undefined) {
      if (hasQuery && documentIdOf(body.query as string) !== id) return refuse('BAD_REQUEST', 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it.');
      return { ok: true, body };
    }
    return refuse(
      'PERSISTED_DOCUMENT_NOT_FOUND',
      `No persisted document has the id ${id}${mode === 'only' ? ' and this server only runs persisted documents (GRIDHUB_TRUSTED_DOCUMENTS=only)' : ''}: register it with \`gridhub documents add\` and deploy the manifest, or check the id with \`gridhub documents list\`.`,
    );
  }
  if (hasQuery && body.query !== text) {
    return refuse('BAD_REQUEST', `The query sent with document id ${id} is not that document; send the id alone.`);
  }
  const { documentId: _id, extensions, ...rest } = body;
  const ext = withoutPersistedQuery(extensions);
  return { ok: true, documentId: id, body: { ...rest, query: text, ...(ext ? { extensions: ext } : {}) } };
}
