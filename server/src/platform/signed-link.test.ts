import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signLink, verifyLink } from './signed-link.js';

const key = randomBytes(32);
const now = new Date('2026-12-01T12:00:00Z');
const later = new Date('2026-12-03T12:00:00Z');

describe('signed links', () => {
  it('accepts its own link until it expires', () => {
    const token = signLink(key, 'abc_DEF-1', later);
    expect(verifyLink(key, token, now)).toEqual({ ok: true, payload: 'abc_DEF-1', expiresAt: later });
    expect(verifyLink(key, token, new Date(later.getTime() - 1000)).ok).toBe(true);
    expect(verifyLink(key, token, later)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a changed payload, a moved expiry, another key and a changed signature', () => {
    const token = signLink(key, 'appointment1', later);
    const [payload, expiry, signature] = token.split('.') as [string, string, string];
    expect(verifyLink(key, `appointment2.${expiry}.${signature}`, now)).toEqual({ ok: false, reason: 'tampered' });
    const extended = (Number.parseInt(expiry, 36) + 86_400).toString(36);
    expect(verifyLink(key, `${payload}.${extended}.${signature}`, now)).toEqual({ ok: false, reason: 'tampered' });
    expect(verifyLink(randomBytes(32), token, now)).toEqual({ ok: false, reason: 'tampered' });
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifyLink(key, `${payload}.${expiry}.${flipped}`, now)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses what is not a link at all', () => {
    for (const bad of ['', 'a.b', 'a.b.c.d', 'a.b.c!', `${'a'.repeat(300)}.b.c`]) {
      expect(verifyLink(key, bad, now)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
