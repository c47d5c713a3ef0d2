import type { ChangePasswordRequest } from '@clinicops/contracts';
import { recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { AppError, fieldError } from '../errors.js';
import * as q from './queries.js';
import { hashPassword, verifyPassword } from './secrets.js';

/** Changing the password ends the user's other sessions. */
export async function changePassword(ctx: Ctx, input: ChangePasswordRequest, keepSessionIdHash?: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const user = await q.findUserById(ctx.db, ctx.organizationId, actor.userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) throw fieldError('currentPassword', 'is incorrect');
  if (input.newPassword === input.currentPassword) throw fieldError('newPassword', 'must differ from the current password');
  const hash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await q.setPassword(tx.db, user.id, hash, false);
    await q.deleteUserSessions(tx.db, user.id, keepSessionIdHash);
    await recordAudit(tx, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}
