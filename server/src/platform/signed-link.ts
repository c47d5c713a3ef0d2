import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Config } from '../config.js';
import { encryptionKey } from './crypto.js';

// Signed, expiring links for people who do not sign in (a patient confirming an appointment from
// a reminder). The token is `<payload>.<expiry>.<signature>`: the payload is the caller's (an
// appointment id and the action scope), the expiry seconds since the epoch, the signature an
// HMAC-SHA-256 over both with a key derived from the installation's encryption key, so there is no
// second secret to keep and a key rotation revokes every link.

const keys = new WeakMap<Config, Buffer>();

/** A key of its own for links, derived (HKDF) from the encryption key, never the key itself. */
export function linkKey(config: Config): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', encryptionKey(config), Buffer.alloc(0), 'clinicops signed links v1', 32));
    keys.set(config, key);
  }
  return key;
}

const mac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest('base64url');

export function signLink(key: Buffer, payload: string, expiresAt: Date): string {
  if (!/^[A-Za-z0-9_-]+$/.test(payload)) throw new Error('link payload must be base64url characters');
  const body = `${payload}.${Math.floor(expiresAt.getTime() / 1000).toString(36)}`;
  return `${body}.${mac(key, body)}`;
}

export type LinkCheck =
  | { ok: true; payload: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

/** Checks the signature first (in constant time), then the expiry. */
export function verifyLink(key: Buffer, token: string, now: Date): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => /^[A-Za-z0-9_-]{1,200}$/.test(p))) return { ok: false, reason: 'malformed' };
  const [payload, expiry, signature] = parts as [string, string, string];
  const expected = Buffer.from(mac(key, `${payload}.${expiry}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'tampered' };
  const expiresAt = new Date(Number.parseInt(expiry, 36) * 1000);
  if (Number.isNaN(expiresAt.getTime())) return { ok: false, reason: 'malformed' };
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, payload, expiresAt };
}
