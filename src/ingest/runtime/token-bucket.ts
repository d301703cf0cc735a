/**
 * Token bucket rate limiter: `ratePerSecond` tokens refill continuously up to `burst`; `take()`
 * waits until a token is available. One per connector, shared by all its streams.
 */
import type { Clock } from './clock';

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Serialises waiters so tokens are granted in arrival order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  /** Milliseconds until a token is available (0 when one is). */
  waitTime(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  take(signal?: AbortSignal): Promise<void> {
    const run = async (): Promise<void> => {
      for (;;) {
        const wait = this.waitTime();
        if (wait === 0) {
          this.tokens -= 1;
          return;
        }
        await this.clock.sleep(wait, signal);
      }
    };
    const p = this.queue.then(run);
    this.queue = p.catch(() => undefined);
    return p;
  }
}
