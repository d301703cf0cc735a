/**
 * Demo API keys (演示密钥): one per role, printed by `gridhub start` with the demo district so every
 * view can be tried at once — admin, steward, police and health departments, the grid worker of the
 * first base grid (by code), and a dashboard. Each start revokes the previous demo keys (their
 * secrets were shown once and are gone) and creates fresh ones, valid for 30 days.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { Grid } from '../db/entities';
import { ApiKeyRepository } from '../db/repositories/api-key.repository';
import type { Department } from '../domain/vocabulary';
import { createApiKey } from './api-key';
import type { Role } from './principal';

export interface DemoKey {
  name: string;
  role: Role;
  department?: Department;
  gridCode?: string;
  /** The key (shown once). */
  key: string;
}

const DEMO_VALID_MS = 30 * 86_400_000;

/**
 * One key per role. `gridWorkerGrid` names the grid worker's grid when the grid tree is not synced
 * yet (the demo creates its keys before the first sync); by default the first current base grid.
 */
export async function createDemoKeys(em: EntityManager, opts: { gridWorkerGrid?: string } = {}): Promise<DemoKey[]> {
  const firstBase = opts.gridWorkerGrid !== undefined ? { code: opts.gridWorkerGrid } : await em.findOne(Grid, { kind: 'base', validTo: null }, { orderBy: { code: 'asc' }, fields: ['code'] });
  const specs: Array<Omit<DemoKey, 'key'>> = [
    { name: 'demo-admin', role: 'admin' },
    { name: 'demo-steward', role: 'steward' },
    { name: 'demo-police', role: 'department', department: 'police' },
    { name: 'demo-health', role: 'department', department: 'health' },
    ...(firstBase ? [{ name: `demo-grid-worker`, role: 'grid_worker' as const, gridCode: firstBase.code }] : []),
    { name: 'demo-dashboard', role: 'dashboard' },
  ];
  await new ApiKeyRepository(em).revokeNamed(specs.map((s) => s.name));
  const expiresAt = new Date(Date.now() + DEMO_VALID_MS);
  const keys: DemoKey[] = [];
  for (const s of specs) {
    const { key } = await createApiKey(em, { ...s, expiresAt });
    keys.push({ ...s, key });
  }
  return keys;
}
