/**
 * OAuth2 client-credentials tokens of the health feed: random opaque bearer tokens with an expiry.
 * Expired tokens are refused (401) and swept lazily.
 */
import { randomBytes } from 'node:crypto';

export class HealthTokenStore {
  private readonly tokens = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { access_token: string; token_type: 'Bearer'; expires_in: number } {
    if (this.tokens.size > 10_000) this.sweep();
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, this.now() + this.ttlMs);
    return { access_token: token, token_type: 'Bearer', expires_in: Math.max(1, Math.ceil(this.ttlMs / 1000)) };
  }

  valid(token: string): boolean {
    const exp = this.tokens.get(token);
    return exp !== undefined && exp > this.now();
  }

  private sweep(): void {
    const now = this.now();
    for (const [t, exp] of this.tokens) if (exp <= now) this.tokens.delete(t);
  }
}
