/**
 * Bench support for bench/pipeline-scale.ts: what the driver needs to measure several processes —
 *   - `RssPeak`: the peak RSS of this process, overall and per window (sampled every 200 ms);
 *   - `forkChild`: starts one of the bench's child processes (dist/bench/support/pipeline-*-child.js)
 *     with IPC, waits for its `ready` message, and asks it for its own peak RSS and CPU later;
 *   - `childReporting`: the child's side (answers `rss`, stops on `stop`);
 *   - `BackendCpu`: CPU seconds of one database's PostgreSQL backends, from /proc (a local server);
 *     backends are sampled every second so the ticks of a connection that closes are kept.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from 'pg';

export const mb = (n: number): number => Math.round(n / 1048576);

export class RssPeak {
  private window = 0;
  private overall = 0;
  private readonly timer: NodeJS.Timeout;
  constructor() {
    this.timer = setInterval(() => this.sample(), 200);
    this.timer.unref();
  }
  private sample(): void {
    const rss = process.memoryUsage().rss;
    if (rss > this.window) this.window = rss;
    if (rss > this.overall) this.overall = rss;
  }
  /** Peak of the window since the previous call, in MB (starts a new window). */
  take(): number {
    this.sample();
    const p = this.window;
    this.window = 0;
    return mb(p);
  }
  get peakMb(): number {
    this.sample();
    return mb(this.overall);
  }
  stop(): void {
    clearInterval(this.timer);
  }
}

/** What a child reports about itself. */
export interface ChildUsage {
  peakRssMb: number;
  rssMb: number;
  cpuSeconds: number;
}

export interface ChildHandle<Ready> {
  ready: Ready;
  usage(): Promise<ChildUsage>;
  /** Asks the child to stop and waits for it to exit. */
  stop(): Promise<void>;
}

/** Forks dist/bench/support/<script>.js with `args`, resolving once it sends `{ type: 'ready', … }`. */
export function forkChild<Ready>(script: string, args: string[], execArgv: string[] = [], env: NodeJS.ProcessEnv = process.env): Promise<ChildHandle<Ready>> {
  const child: ChildProcess = fork(join(__dirname, `${script}.js`), args, { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const next = <T>(type: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (m: { type?: string }) => {
        if (m?.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(m as T);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`bench child ${script} exited (code ${code}) before sending '${type}'`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  return next<Ready>('ready').then((ready) => ({
    ready,
    usage: () => {
      const p = next<ChildUsage>('usage');
      child.send({ type: 'usage' });
      return p;
    },
    stop: async () => {
      if (!exited) child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exit;
      clearTimeout(timer);
    },
  }));
}

/** The child's side: samples its RSS, answers `usage`, runs `onStop` then exits on `stop`. */
export function childReporting(onStop: () => Promise<void>): RssPeak {
  const rss = new RssPeak();
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'usage') {
      const cpu = process.cpuUsage();
      process.send?.({ type: 'usage', peakRssMb: rss.peakMb, rssMb: mb(process.memoryUsage().rss), cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10 });
    } else if (m?.type === 'stop') {
      void onStop().finally(() => process.exit(0));
    }
  });
  process.on('disconnect', () => void onStop().finally(() => process.exit(0)));
  return rss;
}

/** CPU ticks (1/100 s) of a process from /proc, undefined when it is gone or not local. */
function ticksOf(pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** CPU seconds used by the PostgreSQL backends of the database `client` is connected to. */
export class BackendCpu {
  /** Latest ticks seen per backend pid, and the ticks at the start of the current window. */
  private readonly latest = new Map<number, number>();
  private readonly start = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private busy = false;
  constructor(private readonly client: Client) {}

  async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
      for (const { pid } of rows) {
        const t = ticksOf(pid);
        if (t === undefined) continue;
        if (!this.latest.has(pid)) this.start.set(pid, 0);
        this.latest.set(pid, t);
      }
    } finally {
      this.busy = false;
    }
  }

  begin(): void {
    this.timer = setInterval(() => void this.sample().catch(() => undefined), 1000);
    this.timer.unref();
  }

  /** CPU seconds since the previous call (starts a new window). */
  async take(): Promise<number> {
    await this.sample();
    let ticks = 0;
    for (const [pid, t] of this.latest) {
      ticks += t - (this.start.get(pid) ?? 0);
      this.start.set(pid, t);
    }
    return Math.round(ticks) / 100;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}

/**
 * The machine's CPU time by kind (from /proc/stat) over a window, in seconds: `steal` is time the
 * virtual CPUs were ready but the host ran something else — on a shared VM it explains most of the
 * difference between two runs of the same code. Undefined fields where /proc/stat is missing.
 */
export class MachineCpu {
  private last = MachineCpu.read();

  private static read(): { busy: number; idle: number; steal: number } | undefined {
    try {
      const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
      // user nice system idle iowait irq softirq steal
      const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
      return { busy: user + nice + system + irq + softirq, idle: idle + iowait, steal };
    } catch {
      return undefined;
    }
  }

  /** Seconds (all CPUs together) since the previous call: busy, idle and stolen. */
  take(): { busySeconds?: number; idleSeconds?: number; stealSeconds?: number } {
    const now = MachineCpu.read();
    const before = this.last;
    this.last = now;
    if (now === undefined || before === undefined) return {};
    const s = (x: number) => Math.round(x / 10) / 10; // USER_HZ = 100
    return { busySeconds: s(now.busy - before.busy), idleSeconds: s(now.idle - before.idle), stealSeconds: s(now.steal - before.steal) };
  }
}
