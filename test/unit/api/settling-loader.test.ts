import { SettlingLoader } from '../../../src/api/loaders/batch';

const isPromise = (v: unknown) => typeof (v as { then?: unknown } | null)?.then === 'function';

describe('SettlingLoader', () => {
  it('answers a primed value at once, without a promise, and the batch never runs for it', async () => {
    const asked: number[][] = [];
    const l = new SettlingLoader<number, string>(async (keys) => (asked.push([...keys]), keys.map((k) => `v${k}`)));
    l.prime(1, 'primed');
    expect(l.loadNow(1)).toBe('primed');
    expect(await l.load(1)).toBe('primed');
    expect(asked).toEqual([]);
  });

  it('answers an unknown key with the promise of load, then settles it for the next call', async () => {
    const asked: number[][] = [];
    const l = new SettlingLoader<number, string>(async (keys) => (asked.push([...keys]), keys.map((k) => `v${k}`)));
    const first = l.loadNow(2);
    expect(isPromise(first)).toBe(true);
    expect(await first).toBe('v2');
    expect(l.loadNow(2)).toBe('v2');
    expect(asked).toEqual([[2]]);
  });

  it('keeps the first value of a key, as DataLoader does, and forgets on clear', async () => {
    const l = new SettlingLoader<number, string | null>(async (keys) => keys.map((k) => `v${k}`));
    l.prime(3, 'a').prime(3, 'b');
    expect(l.loadNow(3)).toBe('a');
    expect(await l.load(3)).toBe('a');
    l.clear(3);
    expect(await l.loadNow(3)).toBe('v3');
    l.prime(4, null);
    expect(l.loadNow(4)).toBeNull();
    l.clearAll();
    expect(isPromise(l.loadNow(4))).toBe(true);
  });

  it('a prime of a key already being loaded changes nothing, as in DataLoader: both answer the loaded value', async () => {
    const l = new SettlingLoader<number, string>(async (keys) => keys.map((k) => `v${k}`));
    const loading = l.load(8);
    l.prime(8, 'late');
    expect(await loading).toBe('v8');
    expect(l.loadNow(8)).toBe('v8');
  });

  it('never settles an error: the rejection DataLoader cached answers again', async () => {
    let calls = 0;
    const l = new SettlingLoader<number, string>(async (keys) => keys.map(() => (calls++ === 0 ? new Error('boom') : 'ok')));
    await expect(l.loadNow(5)).rejects.toThrow('boom');
    await expect(l.loadNow(5)).rejects.toThrow('boom');
    l.clear(5);
    expect(await l.loadNow(5)).toBe('ok');
    expect(l.loadNow(5)).toBe('ok');
  });

  it('settles nothing when caching is off', async () => {
    const l = new SettlingLoader<number, string>(async (keys) => keys.map((k) => `v${k}`), { cache: false });
    expect(await l.loadNow(6)).toBe('v6');
    expect(isPromise(l.loadNow(6))).toBe(true);
    l.prime(7, 'p');
    expect(isPromise(l.loadNow(7))).toBe(true);
  });
});
