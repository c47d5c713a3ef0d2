import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Db } from '../../db/pool.js';
import { type Authenticated, authenticate } from '../auth/authenticate.js';
import type { Clock } from '../clock.js';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';

export const SESSION_COOKIE = 'clinicops_session';

/** How a route may be reached: anyone, a half-finished sign-in (MFA step), or a signed-in user. */
export type RouteAuth = 'public' | 'pending' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
    session: Authenticated['session'];
  }
  interface FastifyContextConfig {
    auth?: RouteAuth;
    /** Reachable while a temporary password waits to be changed (me, password change). */
    duringPasswordChange?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bearerOf(request: FastifyRequest): string | undefined {
  const h = request.headers.authorization;
  if (!h) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  if (!m) throw new AppError('unauthenticated', 'Authorization header must be "Bearer <token>"');
  return m[1];
}

/**
 * Builds `request.ctx` for every API request: who is calling (cookie or bearer token), their
 * organization, and the request's id and address. Enforces the route's `auth` level and, for
 * cookie sessions, the CSRF header on unsafe methods (tokens are not sent by browsers on their own).
 */
export function registerRequestContext(app: FastifyInstance, deps: { db: Db; config: Config; clock: Clock }) {
  app.decorateRequest('ctx', null as unknown as Ctx);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const base: Ctx = {
      db: deps.db,
      organizationId: '',
      actor: null,
      clock: deps.clock,
      log: request.log,
      config: deps.config,
      requestId: request.id,
      ip: request.ip ?? null,
    };
    request.ctx = base;
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/fhir/')) return;
    // The API documentation describes the API, not data: readable without signing in.
    const mode: RouteAuth = request.url.startsWith('/api/docs') ? 'public' : (request.routeOptions.config?.auth ?? 'user');
    let auth: Authenticated | null = null;
    try {
      auth = await authenticate(base, { sessionCookie: request.cookies[SESSION_COOKIE], bearer: bearerOf(request) });
    } catch (err) {
      if (mode !== 'public') throw err;
    }
    if (auth) {
      request.ctx = { ...base, organizationId: auth.organizationId, actor: auth.actor };
      request.session = auth.session;
    }
    if (mode === 'public') return;
    if (!auth) throw new AppError('unauthenticated', 'Sign in or send an API token');
    if (auth.session && auth.session.stage !== 'full' && mode !== 'pending') {
      throw new AppError('unauthenticated', 'Finish signing in: multi-factor authentication is pending');
    }
    if (auth.session?.mustChangePassword && mode === 'user' && !request.routeOptions.config?.duringPasswordChange) {
      throw new AppError(
        'password_change_required',
        'Choose a new password before continuing: yours was set by an administrator',
      );
    }
    if (auth.session && UNSAFE.has(request.method) && request.headers['x-csrf-token'] !== auth.session.csrfToken) {
      throw new AppError('csrf', 'Send the X-CSRF-Token header given at sign-in');
    }
  });
}
