/**
 * Secrets are referenced by name in manifests (`env:POLICE_API_KEY`, `secret:police.key`) and
 * resolved from a map the caller provides (environment, vault, test fixture) — never stored.
 */
export type SecretMap = Readonly<Record<string, string | undefined>>;

export class MissingSecretError extends Error {
  constructor(readonly ref: string, connector: string) {
    super(`connector ${connector}: secret ${ref} is not set (provide it in the secrets map${ref.startsWith('env:') ? ` or the environment variable ${ref.slice(4)}` : ''})`);
    this.name = 'MissingSecretError';
  }
}

/** Resolves `env:NAME` / `secret:NAME`: looks the whole ref up first, then the bare NAME. */
export function resolveSecret(ref: string, secrets: SecretMap, connector: string): string {
  const bare = ref.slice(ref.indexOf(':') + 1);
  const v = secrets[ref] ?? secrets[bare];
  if (v === undefined || v === '') throw new MissingSecretError(ref, connector);
  return v;
}
