/** `gridhub simulate` wiring: flags reach the server, the banner names URLs and credentials. */
import { Command } from 'commander';
import { registerSimulateCommand } from '../../../src/main/simulate-command';
import type { FeedServer } from '../../../src/simulator/feeds/feed-server';
import { createFixtureWorld } from '../../support/simulator-fixture-world';

describe('gridhub simulate', () => {
  it('starts the feed server with the given keys, tick and faults', async () => {
    const lines: string[] = [];
    let server: FeedServer | undefined;
    const program = new Command().exitOverride();
    registerSimulateCommand(program, {
      createWorld: () => createFixtureWorld(),
      print: (l) => lines.push(l),
      onStarted: (s) => {
        server = s;
      },
      handleSignals: false,
    });
    await program.parseAsync(['simulate', '--size', 's', '--seed', '3', '--port', '0', '--tick', '2', '--police-key', 'pk', '--health-client-id', 'cid',
      '--health-client-secret', 'cs', '--safety-key', 'sk', '--fault-429', '0.25', '--retry-after', '3', '--latency-ms', '1'], { from: 'user' });
    try {
      expect(server).toBeDefined();
      const s = server as FeedServer;
      expect(s.getTick()).toBe(2);
      expect(s.keys).toMatchObject({ policeApiKey: 'pk', healthClientId: 'cid', healthClientSecret: 'cs', safetyApiKey: 'sk' });
      expect(s.faults).toMatchObject({ rate429: 0.25, retryAfterSeconds: 3, latencyMs: 1 });
      const banner = lines.join('\n');
      expect(banner).toContain(`${s.url}/police/`);
      expect(banner).toContain('X-Api-Key: pk');
      expect(banner).toContain('client_secret=cs');
      expect(banner).toContain('ApiKey sk');
      expect(banner).toContain('rate429=0.25');
      expect((await fetch(`${s.url}/police/rk`, { headers: { 'X-Api-Key': 'pk' } })).status).toBeGreaterThan(0);
    } finally {
      await server?.close();
    }
  });

  it('rejects an unknown size', async () => {
    const program = new Command().exitOverride();
    registerSimulateCommand(program, { createWorld: () => createFixtureWorld(), print: () => undefined, handleSignals: false });
    await expect(program.parseAsync(['simulate', '--size', 'XXL', '--port', '0'], { from: 'user' })).rejects.toThrow(/--size/);
  });
});

describe('gridhub simulate flag validation', () => {
  it('rejects a fault rate outside [0, 1]', async () => {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => undefined });
    registerSimulateCommand(program, { createWorld: () => createFixtureWorld(), print: () => undefined, handleSignals: false });
    await expect(program.parseAsync(['simulate', '--fault-5xx', '2'], { from: 'user' })).rejects.toThrow(/--fault-5xx/);
  });
});
