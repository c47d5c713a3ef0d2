import type { BreakGlassRequest } from '@clinicops/contracts';
import { recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { AppError } from '../errors.js';
import { newId } from './login.js';
import * as q from './queries.js';

/**
 * Emergency access (45 CFR 164.312(a)(2)(ii)): a signed-in user states why, and for a limited
 * time sees patient data in every facility of the organization. Every action in that window is
 * flagged in the audit trail, and the access waits for a manager's review.
 */
export async function startBreakGlass(ctx: Ctx, input: BreakGlassRequest): Promise<void> {
  const actor = ctx.actor;
  if (!actor || actor.via === 'system') throw new AppError('unauthenticated', 'Sign in first');
  if (actor.via === 'token') throw new AppError('forbidden', 'Emergency access needs a signed-in person, not an API token');
  const now = ctx.clock.now();
  const minutes = Math.min(input.minutes ?? ctx.config.breakGlassMinutes, ctx.config.breakGlassMinutes);
  const id = newId();
  await inTransaction(ctx, async (tx) => {
    await q.insertBreakGlass(tx.db, {
      id,
      organization_id: ctx.organizationId,
      user_id: actor.userId,
      reason: input.reason,
      started_at: now,
      expires_at: new Date(now.getTime() + minutes * 60_000),
    });
    await recordAudit(
      { ...tx, actor: { ...actor, breakGlassId: id } },
      { action: 'break_glass.start', entityType: 'break_glass', entityId: id, details: { reason: input.reason, minutes } },
    );
  });
}
