/**
 * Token bucket and concurrency limiter, on a fake clock.
 */
import { ConcurrencyLimiter } from '../../../src/ingest/runtime/concurrency-limiter';
import { TokenBucket } from '../../../src/ingest/runtime/token-bucket';
import { FakeClock } from './fake-clock';

describe('TokenBucket', () => {
  it('lets a burst through, then paces at the rate', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket(10, 3, clock);
    const start = clock.now();
    for (let i = 0; i < 3; i++) await b.take();
    expect(clock.now()).toBe(start);
    for (let i = 0; i < 5; i++) await b.take();
    expect(clock.now() - start).toBe(500);
    expect(clock.sleeps.every((s) => s === 100)).toBe(true);
  });

  it('refills while idle, up to the burst', async () => {
    const clock = new FakeClock();
    const b = new TokenBucket(2, 2, clock);
    await b.take();
    await b.take();
    clock.t += 10_000;
    expect(b.waitTime()).toBe(0);
    await b.take();
    await b.take();
    expect(b.waitTime()).toBe(500);
  });
});

describe('ConcurrencyLimiter', () => {
  it('never runs more than the limit at once', async () => {
    const l = new ConcurrencyLimiter(2);
    let running = 0;
    let peak = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
    };
    await Promise.all(Array.from({ length: 10 }, () => l.run(task)));
    expect(peak).toBe(2);
    expect(l.inFlight).toBe(0);
  });
});
