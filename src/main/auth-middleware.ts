/**
 * Authentication of /graphql (Express): every request presents an API key or a JWT
 * (src/access/authenticate.ts); a refused one gets HTTP 401 with a GraphQL-shaped error
 * `{ errors: [{ message, extensions: { code: 'UNAUTHENTICATED', reason } }] }` and a
 * `WWW-Authenticate: Bearer` header (FORBIDDEN, for a credential scoped to a retired grid: 403).
 * Mount it on /graphql only: /healthz, /readyz and /metrics stay open.
 *
 * With `GRIDHUB_AUTH=off` (development) every request acts as AUTH_OFF_PRINCIPAL, an unscoped admin.
 * `principalFor(req)` gives the context factory the request's principal.
 */
import type { IncomingMessage } from 'node:http';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestHandler } from 'express';
import { AccessError } from '../access/access-error';
import { AUTH_OFF_PRINCIPAL, Authenticator } from '../access/authenticate';
import type { Principal } from '../access/principal';
import type { Config } from './config';
import type { Logger } from './logger';

const principals = new WeakMap<object, Principal>();

/** The principal the auth middleware found for this request; throws (UNAUTHENTICATED) when the middleware did not run. */
export function principalFor(req: IncomingMessage): Principal {
  const p = principals.get(req);
  if (p === undefined) throw new AccessError('UNAUTHENTICATED', 'The request was not authenticated (the auth middleware is not mounted before this handler).', 'missing_credentials');
  return p;
}

/** The principal of this request if one was found (rate limits key by it, falling back to the IP). */
export const principalIfAny = (req: IncomingMessage): Principal | undefined => principals.get(req);

export interface AuthMiddlewareOptions {
  mode: Config['auth'];
  /** Needed when mode is `required`. */
  authenticator?: Authenticator;
}

export function authenticatorFromConfig(config: Pick<Config, 'jwt'>, em: () => EntityManager, log?: Logger): Authenticator {
  return new Authenticator({ em, jwt: config.jwt, onError: (m) => log?.warn(m) });
}

export function createAuthMiddleware(options: AuthMiddlewareOptions): RequestHandler {
  if (options.mode === 'off') {
    return (req, _res, next) => {
      principals.set(req, AUTH_OFF_PRINCIPAL);
      next();
    };
  }
  const authenticator = options.authenticator;
  if (authenticator === undefined) throw new Error('createAuthMiddleware: mode "required" needs an authenticator.');
  return (req, res, next) => {
    // The Apollo Sandbox landing page (a browser's GET) carries no data; it passes without credentials.
    // Should Apollo execute such a request after all, the context factory's principalFor() refuses it.
    if (isLandingPageRequest(req)) return next();
    authenticator.authenticate(req.headers).then(
      (principal) => {
        principals.set(req, principal);
        next();
      },
      (e: unknown) => {
        if (!(e instanceof AccessError)) return next(e);
        if (e.code === 'UNAUTHENTICATED') res.set('www-authenticate', `Bearer realm="gridhub"${e.reason ? `, error="invalid_token", error_description="${e.reason}"` : ''}`);
        res.status(e.code === 'UNAUTHENTICATED' ? 401 : 403).json({ errors: [{ message: e.message, extensions: { code: e.code, ...(e.reason ? { reason: e.reason } : {}) } }] });
      },
    );
  };
}

/** A browser asking for the landing page: GET preferring HTML and not asking for JSON at all. */
export function isLandingPageRequest(req: IncomingMessage): boolean {
  const accept = req.headers.accept ?? '';
  return req.method === 'GET' && /text\/html/i.test(accept) && !/application\/(json|graphql-response\+json)|multipart\/mixed/i.test(accept);
}
