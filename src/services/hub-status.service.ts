/** What the hub knows about itself: version, schema migrations, reachability of its stores. */
import type { MikroORM } from '@mikro-orm/postgresql';
import { pendingMigrations, pingDatabase } from '../db/orm';

export interface DependencyCheck {
  name: string;
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export async function timedCheck(name: string, probe: () => Promise<unknown>): Promise<DependencyCheck> {
  const t0 = performance.now();
  try {
    await probe();
    return { name, ok: true, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
  } catch (e) {
    return { name, ok: false, latencyMs: Math.round((performance.now() - t0) * 100) / 100, error: e instanceof Error ? e.message : String(e) };
  }
}

export class HubStatusService {
  constructor(
    private readonly orm: MikroORM,
    private readonly redisPing: () => Promise<unknown>,
  ) {}

  async checks(): Promise<DependencyCheck[]> {
    return Promise.all([timedCheck('postgresql', () => pingDatabase(this.orm)), timedCheck('redis', this.redisPing)]);
  }

  pendingMigrations(): Promise<string[]> {
    return pendingMigrations(this.orm);
  }
}
