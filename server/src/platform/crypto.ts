import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.js';

// Field encryption for the few values that must be recoverable yet never readable from a
// database copy or a backup alone (SSN): AES-256-GCM, the key from configuration or, failing
// that, a key generated once into the data directory (which backups of the database omit).

const VERSION = 'v1';
const keys = new WeakMap<Config, Buffer>();

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`The encryption key in ${where} is not 32 bytes (base64)`);
  return key;
}

/** Reads `dataDir/encryption.key`, creating it (mode 0600) on first use; `wx` makes concurrent starts agree. */
function keyFromDataDir(dataDir: string): Buffer {
  const file = path.join(dataDir, 'encryption.key');
  mkdirSync(dataDir, { recursive: true });
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, `${randomBytes(32).toString('base64')}\n`);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return decodeKey(readFileSync(file, 'utf8'), file);
}

export function encryptionKey(config: Config): Buffer {
  let key = keys.get(config);
  if (!key) {
    key = config.encryptionKey ? decodeKey(config.encryptionKey, 'CLINICOPS_ENCRYPTION_KEY') : keyFromDataDir(config.dataDir);
    keys.set(config, key);
  }
  return key;
}

/**
 * Encrypts `plain`, bound to `context` (the row's id) as additional data, so a ciphertext copied
 * onto another row does not decrypt. Output: `v1:` + base64(iv | tag | ciphertext).
 */
export function encryptField(config: Config, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(config), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decryptField(config: Config, sealed: string, context: string): string {
  const [version, data] = sealed.split(':');
  if (version !== VERSION || !data) throw new Error('Unknown encrypted field format');
  const raw = Buffer.from(data, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(config), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
