import type { User } from '@clinicops/contracts';
import type { Tone } from '../../ui/tone';

export type UserStatus = 'active' | 'inactive' | 'locked';

/** Locked is temporary (failed sign-ins) and matters more than active, so it wins. */
export function statusOf(user: User, now: Date = new Date()): UserStatus {
  if (!user.active) return 'inactive';
  if (user.lockedUntil && new Date(user.lockedUntil).getTime() > now.getTime()) return 'locked';
  return 'active';
}

export const statusTone: Record<UserStatus, Tone> = { active: 'ok', inactive: 'neutral', locked: 'danger' };
export const statusLabel: Record<UserStatus, string> = { active: 'Active', inactive: 'Inactive', locked: 'Locked' };
