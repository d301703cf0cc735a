/**
 * Zero-config Redis: when REDIS_URL is unset, start a private `redis-server` from PATH on a free
 * loopback port, keeping nothing on disk. Without redis-server, stop with instructions.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports';
import type { Logger } from './logger';

export interface RedisHandle {
  url: string;
  stop(): Promise<void>;
}

export const REDIS_MISSING_MESSAGE =
  'REDIS_URL is not set and no redis-server was found on PATH. Either install Redis ' +
  '(Debian/Ubuntu: `apt-get install redis-server`; macOS: `brew install redis`) or point gridhub at a running one with ' +
  'REDIS_URL=redis://127.0.0.1:6379.';


export async function startPrivateRedis(dataDir: string, log: Logger, binary = 'redis-server'): Promise<RedisHandle> {
  const dir = join(dataDir, 'redis');
  await mkdir(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not become ready within 10 s:\n${output}`)), 10000);
    child.once('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e.code === 'ENOENT' ? new Error(REDIS_MISSING_MESSAGE) : e);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited with code ${code} before it was ready:\n${output}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  child.removeAllListeners('exit');
  log.info(`private redis-server ready on 127.0.0.1:${port}`);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
