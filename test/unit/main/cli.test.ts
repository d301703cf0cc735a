/** The CLI: every command exists and has --help text. */
import { buildCli } from '../../../src/main/cli';

const COMMANDS = ['start', 'serve', 'worker', 'migrate', 'schema', 'config', 'simulate', 'sync', 'import', 'quarantine', 'link', 'resolve', 'steward', 'documents', 'apikey', 'reconcile'];

it('has the documented commands', () => {
  expect(buildCli().commands.map((c) => c.name()).sort()).toEqual([...COMMANDS].sort());
});

it.each(COMMANDS)('`gridhub %s --help` describes the command', (name) => {
  const cmd = buildCli().commands.find((c) => c.name() === name)!;
  const help = cmd.helpInformation();
  expect(help).toContain(`Usage: gridhub ${name}`);
  expect(cmd.description().length).toBeGreaterThan(20);
});

it('top-level help lists all commands and points at configuration', () => {
  const help = buildCli().helpInformation();
  for (const c of COMMANDS) expect(help).toContain(c);
  expect(help).toMatch(/environment variables/);
});
