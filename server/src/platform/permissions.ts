import type { Permission } from '@clinicops/contracts';
import type { Actor, Ctx } from './context.js';
import { AppError } from './errors.js';

/** Checked in services, not routes, so every entry point (API, CLI, jobs) gets the same rule. */
export function requirePermission(ctx: Ctx, permission: Permission): Actor {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!actor.permissions.has(permission)) {
    throw new AppError('forbidden', `Your role does not allow this (needs ${permission})`, { details: { permission } });
  }
  return actor;
}

/** The facilities a query may touch: the requested ones if granted, else all granted ones. */
export function scopeFacilities(ctx: Ctx, requested?: readonly string[]): readonly string[] {
  const granted = ctx.actor?.facilityIds ?? [];
  if (!requested || requested.length === 0) return granted;
  for (const id of requested) {
    if (!granted.includes(id)) {
      throw new AppError('forbidden', 'You do not have access to that facility', { details: { facilityId: id } });
    }
  }
  return requested;
}
