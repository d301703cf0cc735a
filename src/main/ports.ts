/** Loopback port helpers for the stores and servers gridhub starts itself. */
import net from 'node:net';

/** Whether `host:port` can be listened on right now. */
export function portIsFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A port the OS reports free on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** `port` when it is free (0 stays 0: any port), else some free port. */
export async function portOrFree(port: number): Promise<number> {
  if (port === 0) return 0;
  return (await portIsFree(port)) ? port : freePort();
}
