import type { Role } from '@clinicops/contracts';

// Pure rules of sign-in, kept apart from I/O so they can be tested with plain data.

export type SessionStage = 'mfa' | 'enrol' | 'full';

/** After a correct password: straight in, a TOTP step, or enrolment first when the role needs MFA. */
export function stageAfterPassword(
  user: { mfa_enabled: boolean; roles: readonly string[] },
  mfaRequiredRoles: readonly Role[],
): SessionStage {
  if (user.mfa_enabled) return 'mfa';
  if (user.roles.some((r) => (mfaRequiredRoles as readonly string[]).includes(r))) return 'enrol';
  return 'full';
}

export type SessionCheck = 'ok' | 'expired' | 'idle';

/** HIPAA 164.312(a)(2)(iii) automatic logoff: idle time ends the session, as does its hard limit. */
export function checkSession(s: { expires_at: Date; last_seen_at: Date }, now: Date, idleTimeoutSeconds: number): SessionCheck {
  if (s.expires_at.getTime() <= now.getTime()) return 'expired';
  if (now.getTime() - s.last_seen_at.getTime() > idleTimeoutSeconds * 1000) return 'idle';
  return 'ok';
}

/** Lockout: the failure that reaches the threshold locks the account for a while. */
export function lockAfterFailure(failedSoFar: number, threshold: number, now: Date, lockoutSeconds: number): Date | null {
  return failedSoFar + 1 >= threshold ? new Date(now.getTime() + lockoutSeconds * 1000) : null;
}

/** Pending (MFA) sessions live five minutes; full ones the configured maximum. */
export const PENDING_SESSION_SECONDS = 5 * 60;
