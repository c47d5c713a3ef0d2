import { randomUUID } from 'node:crypto';
import type { LoginRequest, Role } from '@clinicops/contracts';
import { INSTALLATION_ORG, recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { AppError } from '../errors.js';
import * as q from './queries.js';
import { burnPasswordCheck, newSecret, sha256, verifyPassword } from './secrets.js';
import { lockAfterFailure, PENDING_SESSION_SECONDS, type SessionStage, stageAfterPassword } from './session-rules.js';

const WRONG = 'Email or password is incorrect';

export type LoginResult = {
  stage: SessionStage;
  sessionToken: string;
  csrfToken: string;
  userId: string;
  organizationId: string;
};

/**
 * Password step of sign-in. Failures are audited and counted (lockout) in their own
 * transaction, then refused with one message that does not reveal which part was wrong.
 */
export async function login(ctx: Ctx, input: LoginRequest, userAgent: string | null): Promise<LoginResult> {
  const now = ctx.clock.now();
  const user = await q.findUserByEmail(ctx.db, input.email);
  if (!user) {
    await burnPasswordCheck(input.password);
    await recordAudit(ctx, {
      action: 'auth.login',
      outcome: 'failure',
      organizationId: INSTALLATION_ORG,
      actorLabel: input.email,
      details: { reason: 'unknown_account' },
    });
    throw new AppError('unauthenticated', WRONG);
  }
  const who = { organizationId: user.organization_id, actorUserId: user.id, actorLabel: user.display_name };
  if (user.locked_until && user.locked_until > now) {
    await recordAudit(ctx, { ...who, action: 'auth.login', outcome: 'failure', details: { reason: 'locked' } });
    throw new AppError('account_locked', `Too many failed sign-ins. Try again after ${user.locked_until.toISOString()}.`, {
      details: { lockedUntil: user.locked_until.toISOString() },
    });
  }
  const passwordOk = await verifyPassword(user.password_hash, input.password);
  if (!passwordOk || !user.active) {
    await inTransaction(ctx, async (tx) => {
      const lockUntil = passwordOk
        ? null
        : lockAfterFailure(user.failed_logins, ctx.config.lockoutThreshold, now, ctx.config.lockoutSeconds);
      if (!passwordOk) await q.recordFailedLogin(tx.db, user.id, lockUntil);
      await recordAudit(tx, {
        ...who,
        action: 'auth.login',
        outcome: 'failure',
        details: {
          reason: passwordOk ? 'inactive' : 'wrong_password',
          ...(lockUntil ? { lockedUntil: lockUntil.toISOString() } : {}),
        },
      });
    });
    throw new AppError('unauthenticated', WRONG);
  }
  const stage = stageAfterPassword(user, ctx.config.mfaRequiredRoles as Role[]);
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  await inTransaction(ctx, async (tx) => {
    await q.insertSession(tx.db, {
      id_hash: sha256(sessionToken),
      organization_id: user.organization_id,
      user_id: user.id,
      stage,
      csrf_token: csrfToken,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + (stage === 'full' ? ctx.config.sessionMaxSeconds : PENDING_SESSION_SECONDS) * 1000),
      ip: ctx.ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    if (stage === 'full') await q.recordSuccessfulLogin(tx.db, user.id, now);
    await recordAudit(tx, {
      ...who,
      action: stage === 'full' ? 'auth.login' : 'auth.password_ok',
      details: stage === 'full' ? {} : { next: stage },
    });
  });
  return { stage, sessionToken, csrfToken, userId: user.id, organizationId: user.organization_id };
}

export async function logout(ctx: Ctx, sessionIdHash: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await q.deleteSession(tx.db, sessionIdHash);
    await recordAudit(tx, { action: 'auth.logout' });
  });
}

/** Lets an API token or a fresh sign-in act as the user during a session's pending stage. */
export async function completeSession(ctx: Ctx, sessionIdHash: string, userId: string): Promise<void> {
  const now = ctx.clock.now();
  await q.setSessionStage(ctx.db, sessionIdHash, 'full', new Date(now.getTime() + ctx.config.sessionMaxSeconds * 1000));
  await q.recordSuccessfulLogin(ctx.db, userId, now);
}

export const newId = () => randomUUID();
