/** A clock for tests: `sleep` records the delay and moves time forward at once. */
import type { Clock } from '../../../src/ingest/runtime/clock';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    return Promise.resolve();
  }
}
