import { type Me, permissionsOf, type Role } from '@clinicops/contracts';
import type { Ctx } from '../context.js';
import { AppError } from '../errors.js';
import * as q from './queries.js';

/** What the signed-in user may see of themselves and where: the web app's starting point. */
export async function loadMe(ctx: Ctx, csrfToken: string | null): Promise<Me> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const user = await q.findProfile(ctx.db, ctx.organizationId, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const facilities = await q.facilitiesByIds(ctx.db, ctx.organizationId, actor.facilityIds);
  const breakGlass = actor.breakGlassId ? await q.activeBreakGlass(ctx.db, actor.userId, ctx.clock.now()) : undefined;
  return {
    user: {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      roles: user.roles as Role[],
      mfaEnabled: user.mfa_enabled,
      mustChangePassword: user.must_change_password,
    },
    permissions: [...actor.permissions],
    organization: { id: user.org_id, name: user.org_name },
    facilities: facilities.map((f) => ({
      id: f.id,
      name: f.name,
      kind: f.kind,
      timeZone: f.time_zone,
      city: f.city,
      state: f.state,
      beds: f.beds,
    })),
    breakGlass: breakGlass
      ? { id: breakGlass.id, reason: breakGlass.reason, expiresAt: breakGlass.expires_at.toISOString() }
      : null,
    csrfToken,
    idleTimeoutSeconds: ctx.config.idleTimeoutSeconds,
  };
}

/** Permissions of a role set, plus patient reads while emergency access is open. */
export function effectivePermissions(roles: readonly Role[], breakGlass: boolean) {
  const granted = new Set(permissionsOf(roles));
  if (breakGlass) granted.add('patients:read');
  return granted;
}
