/** `gridhub apikey create | list | revoke` against a cloned database (DATABASE_URL). */
import { Command } from 'commander';
import { registerApikeyCommand } from '../../../src/main/apikey-command';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
const saved = process.env.DATABASE_URL;
let out: string[] = [];
let spy: jest.SpyInstance;

async function run(...args: string[]): Promise<string> {
  out = [];
  const program = new Command('gridhub').exitOverride();
  registerApikeyCommand(program);
  await program.parseAsync(['apikey', ...args], { from: 'user' });
  return out.join('');
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  spy = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
    out.push(String(s));
    return true;
  });
});

afterAll(async () => {
  spy.mockRestore();
  process.env.DATABASE_URL = saved;
  if (saved === undefined) delete process.env.DATABASE_URL;
  await db.drop();
});

it('creates a key shown once, lists it by prefix without the secret, and revokes it by prefix', async () => {
  const created = await run('create', '--name', 'police-system', '--role', 'department', '--department', 'police', '--expires', '90d');
  expect(created).toMatch(/^created API key #\d+ "police-system" \(department police, expires \d{4}-\d\d-\d\dT[\d:]+Z\)/);
  const key = /(ghk_[0-9a-f]{8}_[A-Za-z0-9_-]{43})/.exec(created)![1]!;
  const prefix = key.slice(4, 12);

  const list = await run('list');
  expect(list).toMatch(new RegExp(`ghk_${prefix} +police-system +department +police +— +active`));
  expect(list).not.toContain(key.slice(13));
  const json = (await run('list', '--json')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(json[0]).toMatchObject({ prefix, name: 'police-system', state: 'active' });
  expect(json[0]).not.toHaveProperty('secretHash');

  expect(await run('revoke', key)).toMatch(new RegExp(`^revoked API key #\\d+ ghk_${prefix} "police-system" at `));
  expect(await run('list')).toMatch(/police-system +department +police +— +revoked/);
  await expect(run('revoke', 'ffffffff')).rejects.toThrow(/no key with id or prefix "ffffffff"/);
});

it('refuses keys whose role and scope do not fit, before touching the database', async () => {
  await expect(run('create', '--name', 'w', '--role', 'grid_worker')).rejects.toThrow(/a grid worker needs a grid code/);
  await expect(run('create', '--name', 'x', '--role', 'steward', '--expires', 'someday')).rejects.toThrow(/neither a duration/);
});
