/**
 * API keys (接口密钥): `ghk_<prefix>_<secret>` — an 8-character hex prefix that finds the key and is
 * shown in lists, and a 43-character base64url secret (32 random bytes). The hub stores only the
 * SHA-256 of the whole key; a presented key is checked against it in constant time. The key itself
 * is shown once, at creation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKeyRepository, type ApiKeyRow } from '../db/repositories/api-key.repository';
import type { Department } from '../domain/vocabulary';
import { principalProblem, type Role } from './principal';

export const API_KEY_PATTERN = /^ghk_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

/** A fresh key and its parts. */
export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(4).toString('hex');
  const key = `ghk_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

/** The prefix of a well-formed key, or undefined. */
export function apiKeyPrefix(key: string): string | undefined {
  return API_KEY_PATTERN.exec(key)?.[1];
}

export const looksLikeApiKey = (token: string): boolean => token.startsWith('ghk_');

/** Does the presented key hash to the stored hash? (constant time) */
export function apiKeyMatches(key: string, secretHash: string): boolean {
  const a = Buffer.from(hashApiKey(key), 'hex');
  const b = Buffer.from(secretHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CreateApiKeyInput {
  name: string;
  role: Role;
  department?: Department;
  gridCode?: string;
  expiresAt?: Date;
}

export interface CreatedApiKey {
  /** The key: shown once, never stored. */
  key: string;
  row: ApiKeyRow;
}

/** Creates a key (checks role, department and grid fit together; a taken prefix draws again). */
export async function createApiKey(em: EntityManager, input: CreateApiKeyInput): Promise<CreatedApiKey> {
  const problem = principalProblem(input);
  if (problem) throw new Error(`Cannot create the API key: ${problem}.`);
  if (input.name.trim() === '') throw new Error('Cannot create the API key: the name is empty.');
  if (input.expiresAt !== undefined && input.expiresAt.getTime() <= Date.now()) throw new Error(`Cannot create the API key: it would expire in the past (${input.expiresAt.toISOString()}).`);
  const repo = new ApiKeyRepository(em);
  for (let attempt = 0; attempt < 5; attempt++) {
    const { key, prefix, secretHash } = generateApiKey();
    const row = await repo.insert({ name: input.name.trim(), prefix, secretHash, role: input.role, department: input.department, gridCode: input.gridCode, expiresAt: input.expiresAt });
    if (row) return { key, row };
  }
  throw new Error('Cannot create the API key: 5 random prefixes in a row were taken.');
}

/** `90d`, `12h`, `30m`, `1y` or an ISO date → the expiry instant. */
export function parseExpiry(text: string, now = new Date()): Date {
  const m = /^(\d+)\s*([mhdy])$/.exec(text.trim());
  if (m) {
    const n = Number(m[1]);
    const unitMs = { m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 }[m[2] as 'm' | 'h' | 'd' | 'y'];
    if (n <= 0) throw new Error(`Expiry ${JSON.stringify(text)} must be positive.`);
    return new Date(now.getTime() + n * unitMs);
  }
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) {
    throw new Error(`Expiry ${JSON.stringify(text)} is neither a duration (e.g. 90d, 12h, 30m, 1y) nor an ISO date (e.g. 2027-06-30).`);
  }
  return d;
}

/** A key's state for lists: active, expired or revoked. */
export function apiKeyState(row: Pick<ApiKeyRow, 'expiresAt' | 'revokedAt'>, now = new Date()): 'active' | 'expired' | 'revoked' {
  if (row.revokedAt) return 'revoked';
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}
