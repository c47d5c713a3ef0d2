import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { roles } from '@clinicops/contracts';
import { z } from 'zod';

// The only file that reads process.env. Everything else receives a Config.

const bool = z.enum(['0', '1', 'true', 'false', 'yes', 'no']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const EnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  CLINICOPS_DATA_DIR: z.string().default('data'),
  CLINICOPS_DEMO: bool.default(true),
  CLINICOPS_DEMO_SEED: z.coerce.number().int().default(20261127),
  CLINICOPS_ADMIN_EMAIL: z.email().optional(),
  CLINICOPS_ADMIN_PASSWORD: z.string().min(12, 'CLINICOPS_ADMIN_PASSWORD must be at least 12 characters').optional(),
  CLINICOPS_PUBLIC_URL: z.string().url().optional(),
  CLINICOPS_TRUST_PROXY: bool.default(false),
  CLINICOPS_IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  CLINICOPS_SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  CLINICOPS_MFA_REQUIRED_ROLES: z.string().default('manager,billing'),
  CLINICOPS_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(100).default(5),
  CLINICOPS_LOCKOUT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  CLINICOPS_LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  CLINICOPS_BREAK_GLASS_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(60),
  // which background jobs this process works: 1 (all), 0 (none: it only enqueues), or job names
  CLINICOPS_JOBS: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, 'CLINICOPS_JOBS must be 1, 0, or job names separated by commas')
    .default('1'),
  // 32 random bytes, base64: encrypts sensitive fields (SSN). Absent: generated once into the data directory.
  CLINICOPS_ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'CLINICOPS_ENCRYPTION_KEY must be 32 bytes, base64-encoded')
    .optional(),
  // Largest document upload (insurance card images, licence scans), in megabytes.
  CLINICOPS_DOCUMENT_MAX_MB: z.coerce.number().positive().max(100).default(10),
  CLINICOPS_WEB_DIR: z.string().optional(),
  // smtp://user:pass@host:587 or smtps://host:465; unset: email is held in the outbox (development)
  CLINICOPS_SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\//.test(v), 'CLINICOPS_SMTP_URL must start with smtp:// or smtps://')
    .optional(),
  CLINICOPS_MAIL_FROM: z.string().min(3).default('ClinicOps <no-reply@clinicops.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  host: string;
  port: number;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoSeed: number;
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  publicUrl: string | undefined;
  /** Cookies get `Secure` and responses HSTS when the public URL is https. */
  tls: boolean;
  trustProxy: boolean;
  idleTimeoutSeconds: number;
  sessionMaxSeconds: number;
  mfaRequiredRoles: readonly (typeof roles)[number][];
  lockoutThreshold: number;
  lockoutSeconds: number;
  loginRatePerMinute: number;
  breakGlassMinutes: number;
  /** The background jobs this process works: all, or these names (none when empty). */
  jobs: 'all' | readonly string[];
  /** Base64 key for field encryption; when undefined, platform/crypto.ts keeps one in dataDir. */
  encryptionKey: string | undefined;
  /** Largest accepted document upload, in bytes. */
  documentMaxBytes: number;
  webDir: string;
  /** SMTP server for outgoing email; undefined: messages are held in the outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
}>;

export class ConfigError extends Error {}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function jobsOf(value: string): Config['jobs'] {
  const flag = bool.safeParse(value);
  if (flag.success) return flag.data ? 'all' : [];
  return value.split(',');
}

/** Parses the environment once. Unknown variables are ignored; bad ones name themselves. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const mfaRoles = e.CLINICOPS_MFA_REQUIRED_ROLES.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of mfaRoles) {
    if (!(roles as readonly string[]).includes(r)) {
      throw new ConfigError(`Invalid configuration:\n  CLINICOPS_MFA_REQUIRED_ROLES: unknown role "${r}"`);
    }
  }
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(cwd, e.CLINICOPS_DATA_DIR),
    demo: e.CLINICOPS_DEMO,
    demoSeed: e.CLINICOPS_DEMO_SEED,
    adminEmail: e.CLINICOPS_ADMIN_EMAIL?.toLowerCase(),
    adminPassword: e.CLINICOPS_ADMIN_PASSWORD,
    publicUrl: e.CLINICOPS_PUBLIC_URL,
    tls: e.CLINICOPS_PUBLIC_URL?.startsWith('https:') ?? false,
    trustProxy: e.CLINICOPS_TRUST_PROXY,
    idleTimeoutSeconds: e.CLINICOPS_IDLE_TIMEOUT_MINUTES * 60,
    sessionMaxSeconds: e.CLINICOPS_SESSION_MAX_HOURS * 3600,
    mfaRequiredRoles: mfaRoles as Config['mfaRequiredRoles'],
    lockoutThreshold: e.CLINICOPS_LOCKOUT_THRESHOLD,
    lockoutSeconds: e.CLINICOPS_LOCKOUT_MINUTES * 60,
    loginRatePerMinute: e.CLINICOPS_LOGIN_RATE_PER_MINUTE,
    breakGlassMinutes: e.CLINICOPS_BREAK_GLASS_MINUTES,
    jobs: jobsOf(e.CLINICOPS_JOBS),
    encryptionKey: e.CLINICOPS_ENCRYPTION_KEY,
    documentMaxBytes: Math.round(e.CLINICOPS_DOCUMENT_MAX_MB * 1024 * 1024),
    webDir: e.CLINICOPS_WEB_DIR ? path.resolve(cwd, e.CLINICOPS_WEB_DIR) : path.join(REPO_ROOT, 'web/dist'),
    smtpUrl: e.CLINICOPS_SMTP_URL,
    mailFrom: e.CLINICOPS_MAIL_FROM,
    logLevel: e.LOG_LEVEL,
  });
}
