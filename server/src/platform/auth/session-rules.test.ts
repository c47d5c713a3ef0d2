import { describe, expect, it } from 'vitest';
import { checkSession, lockAfterFailure, stageAfterPassword } from './session-rules.js';

describe('stageAfterPassword', () => {
  it('asks enrolled users for a code', () => {
    expect(stageAfterPassword({ mfa_enabled: true, roles: ['front_desk'] }, ['manager'])).toBe('mfa');
  });
  it('makes managers enrol when MFA is required for their role', () => {
    expect(stageAfterPassword({ mfa_enabled: false, roles: ['manager'] }, ['manager', 'billing'])).toBe('enrol');
  });
  it('lets other roles in without MFA', () => {
    expect(stageAfterPassword({ mfa_enabled: false, roles: ['front_desk'] }, ['manager', 'billing'])).toBe('full');
  });
});

describe('checkSession', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('keeps a recently used session', () => {
    expect(
      checkSession({ expires_at: new Date('2026-11-27T20:00:00Z'), last_seen_at: new Date('2026-11-27T11:50:00Z') }, now, 900),
    ).toBe('ok');
  });
  it('logs off after 15 idle minutes', () => {
    expect(
      checkSession({ expires_at: new Date('2026-11-27T20:00:00Z'), last_seen_at: new Date('2026-11-27T11:44:59Z') }, now, 900),
    ).toBe('idle');
  });
  it('ends at the hard limit even when active', () => {
    expect(checkSession({ expires_at: new Date('2026-11-27T12:00:00Z'), last_seen_at: now }, now, 900)).toBe('expired');
  });
});

describe('lockAfterFailure', () => {
  const now = new Date('2026-11-27T12:00:00Z');
  it('does not lock before the threshold', () => {
    expect(lockAfterFailure(3, 5, now, 900)).toBeNull();
  });
  it('locks on the fifth failure for the lockout time', () => {
    expect(lockAfterFailure(4, 5, now, 900)?.toISOString()).toBe('2026-11-27T12:15:00.000Z');
  });
});
