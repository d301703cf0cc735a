/**
 * Time as the runtime sees it: `now()` and an abortable `sleep()`. Tests inject a fake clock so
 * backoff and rate limits are checked without waiting.
 */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export class AbortedError extends Error {
  constructor(message = 'the read was aborted') {
    super(message);
    this.name = 'AbortedError';
  }
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) return reject(new AbortedError());
      if (ms <= 0) return resolve();
      const onAbort = (): void => {
        clearTimeout(t);
        reject(new AbortedError());
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
