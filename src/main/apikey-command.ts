/**
 * `gridhub apikey create | list | revoke`: API keys of clients (department systems, dashboards,
 * steward tools, grid-worker apps). `create` prints the key once — only its hash is stored;
 * `list` shows prefixes, roles, scopes and states; `revoke` takes an id or a prefix and is final.
 * Runs in this process (needs the database, not Redis).
 */
import { Option, type Command } from 'commander';
import { apiKeyState, createApiKey, parseExpiry } from '../access/api-key';
import { principalProblem, ROLES, type Role } from '../access/principal';
import { ApiKeyRepository } from '../db/repositories/api-key.repository';
import { Department } from '../domain/vocabulary';
import { withDatabase } from './stores';
import { textTable } from './text-table';

interface CreateOptions {
  name: string;
  role: Role;
  department?: Department;
  grid?: string;
  expires?: string;
}

const when = (d: Date | null): string => (d ? new Date(d).toISOString().replace(/\.\d{3}Z$/, 'Z') : '—');

export function registerApikeyCommand(program: Command): Command {
  const a = program.command('apikey').description('API keys of clients: create (shown once, stored hashed), list, revoke. Roles: admin, steward, department, grid_worker, dashboard.');

  a.command('create')
    .description('Create a key and print it once (store it now: the hub keeps only its hash).')
    .requiredOption('--name <name>', 'who uses the key, e.g. "police-system" or "grid worker Wang"')
    .addOption(new Option('--role <role>', 'what the key may do (see README "Access control")').choices([...ROLES]).makeOptionMandatory())
    .addOption(new Option('--department <department>', 'department of a department key').choices([...Department.values]))
    .option('--grid <code>', 'grid code: the key sees only this grid and its subtree (required for grid_worker)')
    .option('--expires <when>', 'expiry: a duration (90d, 12h, 30m, 1y) or an ISO date; default: never')
    .action(async (o: CreateOptions) => {
      const problem = principalProblem({ role: o.role, department: o.department, gridCode: o.grid });
      if (problem) throw new Error(`apikey create: ${problem}.`);
      const expiresAt = o.expires ? parseExpiry(o.expires) : undefined;
      await withDatabase(async (em) => {
        const { key, row } = await createApiKey(em, { name: o.name, role: o.role, department: o.department, gridCode: o.grid, expiresAt });
        process.stdout.write(
          `created API key #${row.id} "${row.name}" (${row.role}${row.department ? ` ${row.department}` : ''}${row.gridCode ? `, grid ${row.gridCode}` : ''}, expires ${when(row.expiresAt)})\n\n  ${key}\n\n` +
            'This is the only time the key is shown; send it as "Authorization: Bearer <key>" or "X-Api-Key: <key>".\n',
        );
      });
    });

  a.command('list')
    .description('Every key: id, prefix, name, role, department, grid, state, created, expires, last used.')
    .option('--json', 'one JSON object per line instead of a table')
    .action(async (o: { json?: boolean }) => {
      await withDatabase(async (em) => {
        const rows = await new ApiKeyRepository(em).list();
        if (o.json) {
          for (const r of rows) process.stdout.write(`${JSON.stringify({ ...r, secretHash: undefined, state: apiKeyState(r) })}\n`);
          return;
        }
        if (rows.length === 0) return void process.stdout.write('no API keys: create one with `gridhub apikey create --name N --role R`\n');
        const cells = [
          ['id', 'prefix', 'name', 'role', 'department', 'grid', 'state', 'created', 'expires', 'last used'],
          ...rows.map((r) => [String(r.id), `ghk_${r.prefix}`, r.name, r.role, r.department ?? '—', r.gridCode ?? '—', apiKeyState(r), when(r.createdAt), when(r.expiresAt), when(r.lastUsedAt)]),
        ];
        process.stdout.write(`${textTable(cells, cells[0]!.length)}\n`);
      });
    });

  a.command('revoke')
    .description('Revoke a key by id or prefix (final: requests with it are refused with UNAUTHENTICATED from then on).')
    .argument('<id-or-prefix>', 'the key id, its 8-character prefix, or ghk_<prefix>')
    .action(async (idOrPrefix: string) => {
      const ref = idOrPrefix.replace(/^ghk_/, '').replace(/_.*$/, '');
      await withDatabase(async (em) => {
        const row = await new ApiKeyRepository(em).revoke(ref);
        if (row === null) throw new Error(`apikey revoke: no key with id or prefix ${JSON.stringify(idOrPrefix)} (see \`gridhub apikey list\`).`);
        process.stdout.write(`revoked API key #${row.id} ghk_${row.prefix} "${row.name}" at ${when(row.revokedAt)}\n`);
      });
    });
  return a;
}
