/**
 * Applies a manifest's auth to requests: a static header (`api_key_header`, `bearer_static`) or
 * an OAuth2 client-credentials token, fetched lazily, shared by concurrent requests, refreshed
 * `refreshBeforeExpirySeconds` before it expires and on a 401 (`invalidate()`).
 */
import type { AxiosInstance } from 'axios';
import type { AuthSpec } from '../manifest/manifest-types';
import { resolveSecret, type SecretMap } from '../manifest/resolve-secret';
import type { Clock } from './clock';

export interface AuthProvider {
  headers(signal?: AbortSignal): Promise<Record<string, string>>;
  /** Whether `invalidate` can produce new credentials (OAuth2 only). */
  readonly refreshable: boolean;
  invalidate(): void;
}

export class AuthError extends Error {
  /** HTTP status of the token endpoint's answer, when it answered. */
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'AuthError';
  }
}

class StaticAuth implements AuthProvider {
  readonly refreshable = false;
  constructor(private readonly h: Record<string, string>) {}
  headers(): Promise<Record<string, string>> {
    return Promise.resolve(this.h);
  }
  invalidate(): void {}
}

interface Token {
  value: string;
  refreshAt: number;
}

class OAuth2ClientCredentials implements AuthProvider {
  readonly refreshable = true;
  private token: Token | undefined;
  private pending: Promise<Token> | undefined;

  constructor(
    private readonly http: AxiosInstance,
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
    private readonly scope: string | undefined,
    private readonly refreshBeforeMs: number,
    private readonly clock: Clock,
    private readonly connector: string,
  ) {}

  private async fetchToken(signal?: AbortSignal): Promise<Token> {
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.clientId, client_secret: this.clientSecret });
    if (this.scope !== undefined) form.set('scope', this.scope);
    const res = await this.http.post<string>(this.tokenUrl, form.toString(), {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      responseType: 'text',
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      signal,
    });
    if (res.status !== 200) throw new AuthError(`${this.connector}: token endpoint ${this.tokenUrl} answered ${res.status} ${String(res.data).slice(0, 200)} — check clientIdRef/clientSecretRef`, res.status);
    let body: { access_token?: unknown; expires_in?: unknown };
    try {
      body = JSON.parse(res.data) as typeof body;
    } catch {
      throw new AuthError(`${this.connector}: token endpoint ${this.tokenUrl} did not return JSON`);
    }
    if (typeof body.access_token !== 'string') throw new AuthError(`${this.connector}: token response has no access_token`);
    const ttlMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    return { value: body.access_token, refreshAt: this.clock.now() + Math.max(0, ttlMs - this.refreshBeforeMs) };
  }

  async headers(signal?: AbortSignal): Promise<Record<string, string>> {
    if (this.token === undefined || this.clock.now() >= this.token.refreshAt) {
      if (this.pending === undefined) {
        this.pending = this.fetchToken(signal).finally(() => {
          this.pending = undefined;
        });
      }
      this.token = await this.pending;
    }
    return { authorization: `Bearer ${this.token.value}` };
  }

  invalidate(): void {
    this.token = undefined;
  }
}

export function createAuthProvider(spec: AuthSpec, secrets: SecretMap, http: AxiosInstance, clock: Clock, connector: string): AuthProvider {
  switch (spec.kind) {
    case 'api_key_header':
      return new StaticAuth({ [spec.header.toLowerCase()]: `${spec.valuePrefix ?? ''}${resolveSecret(spec.secretRef, secrets, connector)}` });
    case 'bearer_static':
      return new StaticAuth({ authorization: `Bearer ${resolveSecret(spec.secretRef, secrets, connector)}` });
    case 'oauth2_client_credentials':
      return new OAuth2ClientCredentials(
        http, spec.tokenUrl, resolveSecret(spec.clientIdRef, secrets, connector), resolveSecret(spec.clientSecretRef, secrets, connector),
        spec.scope, (spec.refreshBeforeExpirySeconds ?? 60) * 1000, clock, connector,
      );
  }
}
