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

async function actorFor(
  ctx: Ctx,
  user: { id: string; organization_id: string; display_name: string; roles: string[] },
  via: Actor['via'],
): Promise<Actor> {
  const now = ctx.clock.now();
  const bg = await q.activeBreakGlass(ctx.db, user.id, now);
  const roles = user.roles as Role[];
  return {
    userId: user.id,
    label: user.display_name,
    roles,
    permissions: effectivePermissions(roles, bg !== undefined),
    facilityIds: bg ? await q.allFacilityIds(ctx.db, user.organization_id) : await q.grantedFacilityIds(ctx.db, user.id),
    breakGlassId: bg?.id ?? null,
    via,
  };
}

/**
 * Resolves who is calling from a session cookie or an API token. Returns null when neither was
 * sent; throws when one was sent but is no good, so the caller learns why (expired, revoked).
 */
export async function authenticate(
  ctx: Ctx,
  creds: { sessionCookie?: string | undefined; bearer?: string | undefined },
): Promise<Authenticated | null> {
  const now = ctx.clock.now();
  if (creds.bearer) {
    const token = await q.findActiveToken(ctx.db, sha256(creds.bearer));
    if (!token) throw new AppError('unauthenticated', 'The API token is unknown or revoked');
    const user = await q.findUserById(ctx.db, token.organization_id, token.user_id);
    if (!user?.active) throw new AppError('unauthenticated', 'The API token belongs to an inactive user');
    if (!token.last_used_at || now.getTime() - token.last_used_at.getTime() > 60_000) await q.touchToken(ctx.db, token.id, now);
    return { actor: await actorFor(ctx, user, 'token'), organizationId: user.organization_id, session: null };
  }
  if (!creds.sessionCookie) return null;
  const idHash = sha256(creds.sessionCookie);
  const session = await q.findSession(ctx.db, idHash);
  if (!session) throw new AppError('unauthenticated', 'Sign in first');
  const state = checkSession(session, now, ctx.config.idleTimeoutSeconds);
  if (state !== 'ok') {
    await q.deleteSession(ctx.db, idHash);
    throw new AppError(
      'session_expired',
      state === 'idle' ? 'You were signed out after a period of inactivity' : 'Your session has ended; sign in again',
    );
  }
  const user = await q.findUserById(ctx.db, session.organization_id, session.user_id);
  if (!user?.active) {
    await q.deleteSession(ctx.db, idHash);
    throw new AppError('unauthenticated', 'This account is inactive');
  }
  // Writing on every request would make each read a write; a 15 s grain is far below the idle limit.
  if (now.getTime() - session.last_seen_at.getTime() > 15_000) await q.touchSession(ctx.db, idHash, now);
  return {
    actor: await actorFor(ctx, user, 'session'),
    organizationId: user.organization_id,
    session: { idHash, stage: session.stage, csrfToken: session.csrf_token, mustChangePassword: user.must_change_password },
  };
}
