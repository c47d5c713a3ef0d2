import type { Role } from '@clinicops/contracts';
import type { Actor, Ctx } from '../context.js';
import { AppError } from '../errors.js';
import { effectivePermissions } from './me.js';
import * as q from './queries.js';
import { sha256 } from './secrets.js';
import { checkSession, type SessionStage } from './session-rules.js';

export type Authenticated = {
  actor: Actor;
  organizationId: string;
  session: { idHash: string; stage: SessionStage; csrfToken: string; mustChangePassword: boolean } | null;
};

type Caller = {
  user_id: string;
  organization_id: string;
  display_name: string;
  roles: string[];
  break_glass_id: string | null;
  facility_ids: string[];
};

async function actorFor(ctx: Ctx, c: Caller, via: Actor['via']): Promise<Actor> {
  const roles = c.roles as Role[];
  return {
    userId: c.user_id,
    label: c.display_name,
    roles,
    permissions: effectivePermissions(roles, c.break_glass_id !== null),
    // Emergency access opens every facility of the organization (rare: one more query).
    facilityIds: c.break_glass_id ? await q.allFacilityIds(ctx.db, c.organization_id) : c.facility_ids,
    breakGlassId: c.break_glass_id,
    via,
  };
}

/**
 * Resolves who is calling from a session cookie or an API token, in one query. Returns null when
 * neither was sent; throws when one was sent but is no good, so the caller learns why.
 */
export async function authenticate(
  ctx: Ctx,
  creds: { sessionCookie?: string | undefined; bearer?: string | undefined },
): Promise<Authenticated | null> {
  const now = ctx.clock.now();
  if (creds.bearer) {
    const token = await q.findTokenCaller(ctx.db, sha256(creds.bearer), now);
    if (!token) throw new AppError('unauthenticated', 'The API token is unknown or revoked');
    if (!token.active) throw new AppError('unauthenticated', 'The API token belongs to an inactive user');
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > 60_000)
      await q.touchToken(ctx.db, token.token_id, now);
    return { actor: await actorFor(ctx, token, 'token'), organizationId: token.organization_id, session: null };
  }
  if (!creds.sessionCookie) return null;
  const idHash = sha256(creds.sessionCookie);
  const session = await q.findSessionCaller(ctx.db, idHash, now);
  if (!session) throw new AppError('unauthenticated', 'Sign in first');
  const state = checkSession(session, now, ctx.config.idleTimeoutSeconds);
  if (state !== 'ok') {
    await q.deleteSession(ctx.db, idHash);
    throw new AppError(
      'session_expired',
      state === 'idle' ? 'You were signed out after a period of inactivity' : 'Your session has ended; sign in again',
    );
  }
  if (!session.active) {
    await q.deleteSession(ctx.db, idHash);
    throw new AppError('unauthenticated', 'This account is inactive');
  }
  // Writing on every request would make each read a write; a 15 s grain is far below the idle limit.
  if (now.getTime() - session.last_seen_at.getTime() > 15_000) await q.touchSession(ctx.db, idHash, now);
  return {
    actor: await actorFor(ctx, session, 'session'),
    organizationId: session.organization_id,
    session: { idHash, stage: session.stage, csrfToken: session.csrf_token, mustChangePassword: session.must_change_password },
  };
}
