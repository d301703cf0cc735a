/** ioredis connections. BullMQ workers need `maxRetriesPerRequest: null` (blocking commands). */
import { Redis } from 'ioredis';

export function createRedis(url: string, purpose: 'queue' | 'worker' | 'probe'): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: purpose === 'worker' ? null : purpose === 'probe' ? 1 : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    connectionName: `gridhub-${purpose}`,
  });
}
