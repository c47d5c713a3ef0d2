import type { MfaEnrolment } from '@clinicops/contracts';
import { recordAudit } from '../audit/record.js';
import { type Ctx, inTransaction } from '../context.js';
import { AppError, fieldError } from '../errors.js';
import { completeSession, newId } from './login.js';
import * as q from './queries.js';
import { readableSecret, sha256, verifyPassword } from './secrets.js';
import { lockAfterFailure } from './session-rules.js';
import { checkTotp, enrolmentOf, newTotpSecret } from './totp.js';

function me(ctx: Ctx) {
  if (!ctx.actor) throw new AppError('unauthenticated', 'Sign in first');
  return ctx.actor;
}

async function userOf(ctx: Ctx) {
  const user = await q.findUserById(ctx.db, ctx.organizationId, me(ctx).userId);
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  return user;
}

/** Second sign-in step: a TOTP code or a single-use recovery code. Failures count towards lockout. */
export async function verifyMfa(ctx: Ctx, sessionIdHash: string, code: string): Promise<void> {
  const user = await userOf(ctx);
  const now = ctx.clock.now();
  const totpOk = user.mfa_secret !== null && checkTotp(user.mfa_secret, code);
  // The UPDATE ... WHERE used_at IS NULL makes a recovery code single-use even under races.
  const recoveryOk = !totpOk && (await q.useRecoveryCode(ctx.db, user.id, sha256(normaliseRecovery(code)), now));
  if (totpOk || recoveryOk) {
    await inTransaction(ctx, async (tx) => {
      await completeSession(tx, sessionIdHash, user.id);
      await recordAudit(tx, { action: 'auth.login', details: { mfa: totpOk ? 'totp' : 'recovery_code' } });
    });
    return;
  }
  await inTransaction(ctx, async (tx) => {
    const lockUntil = lockAfterFailure(user.failed_logins, ctx.config.lockoutThreshold, now, ctx.config.lockoutSeconds);
    await q.recordFailedLogin(tx.db, user.id, lockUntil);
    if (lockUntil) await q.deleteSession(tx.db, sessionIdHash);
    await recordAudit(tx, { action: 'auth.mfa', outcome: 'failure', details: { reason: 'wrong_code' } });
  });
  throw fieldError('code', 'is not a valid authentication or recovery code');
}

const normaliseRecovery = (code: string) => code.trim().toLowerCase().replace(/\s+/g, '');

/** Starts (or restarts) enrolment: a new secret, not active until a code from it is confirmed. */
export async function startEnrolment(ctx: Ctx): Promise<MfaEnrolment> {
  const user = await userOf(ctx);
  const secret = newTotpSecret();
  await inTransaction(ctx, async (tx) => {
    await q.setMfaSecret(tx.db, user.id, secret, false);
    await recordAudit(tx, { action: 'auth.mfa_enrolment_started', entityType: 'user', entityId: user.id });
  });
  return enrolmentOf(secret, user.email);
}

async function issueRecoveryCodes(ctx: Ctx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: 10 }, () => readableSecret(3));
  await q.replaceRecoveryCodes(
    ctx.db,
    ctx.organizationId,
    userId,
    codes.map((c) => ({ id: newId(), code_hash: sha256(normaliseRecovery(c)) })),
  );
  return codes;
}

/** Confirms enrolment with a first code; a pending sign-in becomes a full session. */
export async function confirmEnrolment(ctx: Ctx, sessionIdHash: string | null, code: string): Promise<string[]> {
  const user = await userOf(ctx);
  if (!user.mfa_secret || user.mfa_enabled) throw new AppError('conflict', 'Start MFA enrolment first');
  if (!checkTotp(user.mfa_secret, code)) throw fieldError('code', 'does not match the authenticator; check the device clock');
  return inTransaction(ctx, async (tx) => {
    await q.setMfaSecret(tx.db, user.id, user.mfa_secret, true);
    const codes = await issueRecoveryCodes(tx, user.id);
    if (sessionIdHash) {
      const session = await q.findSession(tx.db, sessionIdHash);
      if (session && session.stage !== 'full') {
        await completeSession(tx, sessionIdHash, user.id);
        await recordAudit(tx, { action: 'auth.login', details: { mfa: 'enrolled' } });
      }
    }
    await recordAudit(tx, { action: 'auth.mfa_enabled', entityType: 'user', entityId: user.id });
    return codes;
  });
}

export async function regenerateRecoveryCodes(ctx: Ctx): Promise<string[]> {
  const user = await userOf(ctx);
  if (!user.mfa_enabled) throw new AppError('conflict', 'MFA is not enabled');
  return inTransaction(ctx, async (tx) => {
    const codes = await issueRecoveryCodes(tx, user.id);
    await recordAudit(tx, { action: 'auth.recovery_codes_regenerated', entityType: 'user', entityId: user.id });
    return codes;
  });
}

export async function disableMfa(ctx: Ctx, password: string): Promise<void> {
  const user = await userOf(ctx);
  if (user.roles.some((r) => (ctx.config.mfaRequiredRoles as readonly string[]).includes(r))) {
    throw new AppError('conflict', 'Your role requires multi-factor authentication; it cannot be turned off');
  }
  if (!(await verifyPassword(user.password_hash, password))) throw fieldError('password', 'is incorrect');
  await inTransaction(ctx, async (tx) => {
    await q.setMfaSecret(tx.db, user.id, null, false);
    await q.replaceRecoveryCodes(tx.db, ctx.organizationId, user.id, []);
    await recordAudit(tx, { action: 'auth.mfa_disabled', entityType: 'user', entityId: user.id });
  });
}
