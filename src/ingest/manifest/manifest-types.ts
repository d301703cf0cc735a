/**
 * The connector manifest: the declarative description of one department feed (auth, limits,
 * streams, pagination, incremental cursor, tombstones, mapping). Mirrors
 * schema/connector-manifest.schema.json; `validateManifest` turns unknown JSON into these types.
 */
import type { EntityType } from '../../domain/vocabulary';

/** A reference to a secret, resolved from a caller-provided map: `env:POLICE_API_KEY`. Never the secret itself. */
export type SecretRef = string;

export interface ApiKeyHeaderAuth {
  kind: 'api_key_header';
  header: string;
  /** Written before the key, e.g. `ApiKey ` (note the space). */
  valuePrefix?: string;
  secretRef: SecretRef;
}

export interface BearerStaticAuth {
  kind: 'bearer_static';
  secretRef: SecretRef;
}

export interface OAuth2ClientCredentialsAuth {
  kind: 'oauth2_client_credentials';
  /** Absolute, or relative to the base URL. */
  tokenUrl: string;
  clientIdRef: SecretRef;
  clientSecretRef: SecretRef;
  scope?: string;
  /** Refresh this many seconds before `expires_in` runs out (default 60). */
  refreshBeforeExpirySeconds?: number;
}

export type AuthSpec = ApiKeyHeaderAuth | BearerStaticAuth | OAuth2ClientCredentialsAuth;
export const AUTH_KINDS = ['api_key_header', 'bearer_static', 'oauth2_client_credentials'] as const;

export interface PageNumberPagination {
  kind: 'page_number';
  pageParam: string;
  sizeParam: string;
  /** Path of the total record count in the response (optional: a short page ends the walk anyway). */
  totalPath?: string;
  pageSize: number;
  /** First page number (usually 1). */
  startAt: number;
}

export interface OffsetPagination {
  kind: 'offset';
  offsetParam: string;
  limitParam: string;
  /** Path of a boolean "more pages" flag; without it a short page ends the walk. */
  hasMorePath?: string;
  pageSize: number;
}

export interface CursorTokenPagination {
  kind: 'cursor_token';
  cursorParam: string;
  /** Path of the next-page token; null/absent/empty ends the walk. */
  nextCursorPath: string;
  limitParam: string;
  pageSize: number;
}

export type PaginationSpec = PageNumberPagination | OffsetPagination | CursorTokenPagination;
export const PAGINATION_KINDS = ['page_number', 'offset', 'cursor_token'] as const;

/** How a time is written. `iso` = ISO 8601; `compact` = yyyyMMddHHmmss; `dash` = yyyy-MM-dd HH:mm:ss; `epoch_ms`. */
export type TimeFormat = 'iso' | 'compact' | 'dash' | 'epoch_ms';
export const TIME_FORMATS = ['iso', 'compact', 'dash', 'epoch_ms'] as const;

export interface IncrementalSpec {
  /** Source field path holding the record's update time. */
  cursorField: string;
  cursorFormat: TimeFormat;
  /** Offset (minutes east of UTC) for cursor values without a zone (default +480, China Standard Time). */
  cursorOffsetMinutes?: number;
  /** Request parameter carrying the lower bound, and how to write it. */
  requestParam: string;
  requestFormat: TimeFormat;
  /** Whether the server's bound is exclusive (`>`; default true) or inclusive (`>=`). */
  boundExclusive?: boolean;
  /** Orders records with the same cursor value (usually the primary key). */
  tieBreakerField: string;
  /** Request this many seconds before the saved cursor (default 1: catches the boundary second). */
  lookbackSeconds?: number;
  /** Whether the server returns records in ascending (cursor, tie-breaker) order (default true). */
  sortedByCursor?: boolean;
}

export interface DeletionSpec {
  /** Source field path; the record is a tombstone when its value is one of `values`. */
  field: string;
  values: Array<string | number | boolean>;
}

export type DateStyle = 'date' | 'dateTime';

/** One step of a field's transform chain; each receives the previous step's output. */
export type TransformSpec =
  | { kind: 'trim' }
  | { kind: 'normalizeText' }
  /** Person-name normal form (normalizeText, spaces removed, middle dots unified). */
  | { kind: 'personName' }
  | { kind: 'codeTable'; table: string | Record<string, string>; onMissing?: 'issue' | 'keep' | 'null' }
  | { kind: 'date' }
  | { kind: 'dateTime'; offsetMinutes?: number }
  | { kind: 'citizenId' }
  | { kind: 'uscc' }
  | { kind: 'phone' }
  | { kind: 'address' }
  | { kind: 'split'; separator: string }
  | { kind: 'number' }
  | { kind: 'boolean'; trueValues?: Array<string | number>; falseValues?: Array<string | number> }
  | { kind: 'emptyToNull' };
export const TRANSFORM_KINDS = [
  'trim', 'normalizeText', 'personName', 'codeTable', 'date', 'dateTime', 'citizenId', 'uscc', 'phone', 'address', 'split', 'number', 'boolean', 'emptyToNull',
] as const;

export interface FieldValidation {
  /** Regular expression the final string value must match. */
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Allowed final values. */
  oneOf?: Array<string | number | boolean>;
}

/** canonical field ← source: exactly one of `from`, `const`, `concat`. */
export interface FieldMapping {
  /** Source field path: `XM`, `legal.name`, `persons[0].id`. */
  from?: string;
  const?: string | number | boolean | null;
  /** Values (source paths, or `{const}` literals) joined with `separator`. */
  concat?: { parts: Array<string | { const: string }>; separator?: string };
  transforms?: TransformSpec[];
  required?: boolean;
  validate?: FieldValidation;
}

export interface StreamMapping {
  fields: Record<string, FieldMapping>;
}

export type EntityTypeName = EntityType;
export const ENTITY_TYPES = ['person', 'address', 'grid', 'house', 'organisation', 'thing', 'event', 'tag', 'other'] as const;

export interface StreamSpec {
  name: string;
  path: string;
  entityType: EntityTypeName;
  /** Path of the records array in a response (`rows`, `data`, `result.items`). */
  recordSelector: string;
  primaryKey: string[];
  pagination: PaginationSpec;
  /** Extra constant query parameters. */
  params?: Record<string, string>;
  incremental?: IncrementalSpec;
  deletion?: DeletionSpec;
  mapping: StreamMapping;
}

export interface RetrySpec {
  /** Attempts per request including the first (default 8). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface ConnectorManifest {
  $schema?: string;
  version: 1;
  name: string;
  description: string;
  department?: string;
  baseUrl: string;
  /** Environment variable overriding `baseUrl` (e.g. `POLICE_FEED_URL`). */
  baseUrlEnv?: string;
  auth: AuthSpec;
  rateLimit: { requestsPerSecond: number; burst?: number };
  concurrency: number;
  requestTimeoutMs: number;
  maxPageSize: number;
  retry?: RetrySpec;
  streams: StreamSpec[];
}

/** Code tables shared by a connector's streams (`connectors/<name>/code-tables.json`). */
export type CodeTables = Record<string, Record<string, string>>;
