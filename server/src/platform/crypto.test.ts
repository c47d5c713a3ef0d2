import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { decryptField, encryptField, encryptionKey } from './crypto.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinicops-crypto-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('field encryption', () => {
  const config = loadConfig({ CLINICOPS_ENCRYPTION_KEY: randomBytes(32).toString('base64') });

  it('round-trips, with a fresh IV each time', () => {
    const a = encryptField(config, '123-45-6789', 'row-1');
    const b = encryptField(config, '123-45-6789', 'row-1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('6789');
    expect(decryptField(config, a, 'row-1')).toBe('123-45-6789');
  });

  it('refuses a ciphertext moved to another row or tampered with', () => {
    const sealed = encryptField(config, '123456789', 'row-1');
    expect(() => decryptField(config, sealed, 'row-2')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => decryptField(config, `v1:${raw.toString('base64')}`, 'row-1')).toThrow();
  });

  it('refuses a key of the wrong length at configuration time', () => {
    expect(() => loadConfig({ CLINICOPS_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/32 bytes/);
  });

  it('without a configured key, creates one in the data directory once (mode 0600) and reuses it', () => {
    const dir = path.join(tmp, 'data');
    const first = loadConfig({ CLINICOPS_DATA_DIR: dir });
    const sealed = encryptField(first, '987654321', 'row');
    const file = path.join(dir, 'encryption.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const again = loadConfig({ CLINICOPS_DATA_DIR: dir });
    expect(encryptionKey(again).equals(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'))).toBe(true);
    expect(decryptField(again, sealed, 'row')).toBe('987654321');
  });
});
