import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { permissions, type Role } from '@clinicops/contracts';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { generateSync } from 'otplib';
import pg from 'pg';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { migrate } from '../src/db/migrate.js';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { hashPassword } from '../src/platform/auth/secrets.js';
import { type Clock, systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { type JobQueue, type Jobs, openJobs } from '../src/platform/jobs.js';

export const PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | undefined;

// A key for the run, so that tests which encrypt (seeding SSNs) write no key file into ./data.
const TEST_ENCRYPTION_KEY = randomBytes(32).toString('base64');

// A data directory for the run (document files), so that tests write nothing into ./data.
const TEST_DATA_DIR = mkdtempSync(path.join(os.tmpdir(), 'clinicops-test-'));

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    CLINICOPS_DATA_DIR: TEST_DATA_DIR,
    LOG_LEVEL: 'silent',
    CLINICOPS_JOBS: 'false',
    CLINICOPS_LOGIN_RATE_PER_MINUTE: '10000',
    CLINICOPS_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...overrides,
  });
}

let shared: OpenedDatabase | undefined;
export async function sharedDatabase(): Promise<OpenedDatabase> {
  shared ??= await openPool(inject('databaseUrl'), 5);
  return shared;
}

/** A database of its own, for tests that break things on purpose (tampering with the audit trail). */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = inject('serverUrl');
  const name = `clinicops_t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  await migrate(u.toString());
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export type TestUser = { id: string; email: string; roles: Role[] };
export type TestOrg = {
  id: string;
  facilities: { a: string; b: string };
  users: Record<Role, TestUser>;
};

/** An organization with two facilities and one user per role (MFA-required roles already enrolled? no: see login). */
export async function createTestOrg(db: OpenedDatabase['db'], opts: { mfaSecret?: string } = {}): Promise<TestOrg> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  const id = randomUUID();
  const a = randomUUID();
  const b = randomUUID();
  const tag = id.slice(0, 8);
  await db
    .insertInto('organizations')
    .values({ id, name: `Test org ${tag}` })
    .execute();
  await db
    .insertInto('facilities')
    .values([
      {
        id: a,
        organization_id: id,
        name: 'Clinic A',
        kind: 'clinic',
        time_zone: 'America/New_York',
        address_line: null,
        city: null,
        state: 'OH',
        postal_code: null,
        beds: null,
      },
      {
        id: b,
        organization_id: id,
        name: 'Home B',
        kind: 'nursing_home',
        time_zone: 'America/Chicago',
        address_line: null,
        city: null,
        state: 'IL',
        postal_code: null,
        beds: 60,
      },
    ])
    .execute();
  const roles: Role[] = ['manager', 'front_desk', 'billing', 'clinician', 'staff', 'compliance_auditor'];
  const users = {} as Record<Role, TestUser>;
  for (const role of roles) {
    const uid = randomUUID();
    const email = `${role}.${tag}@example.org`;
    await db
      .insertInto('users')
      .values({
        id: uid,
        organization_id: id,
        email,
        display_name: `${role} ${tag}`,
        password_hash: hash,
        roles: [role],
        mfa_secret: opts.mfaSecret ?? null,
        mfa_enabled: opts.mfaSecret !== undefined,
      })
      .execute();
    // The front desk works only at facility A; everyone else at both.
    const granted = role === 'front_desk' ? [a] : [a, b];
    await db
      .insertInto('user_facilities')
      .values(granted.map((f) => ({ organization_id: id, user_id: uid, facility_id: f })))
      .execute();
    users[role] = { id: uid, email, roles: [role] };
  }
  return { id, facilities: { a, b }, users };
}

export async function testApp(
  config = testConfig(),
  clock?: Clock,
  jobs?: JobQueue,
): Promise<{ app: FastifyInstance; db: OpenedDatabase['db'] }> {
  const database = await sharedDatabase();
  const app = await buildApp(config, { db: database.db, ...(clock ? { clock } : {}), ...(jobs ? { jobs } : {}) });
  return { app, db: database.db };
}

/**
 * pg-boss on a test database (the shared one by default), creating `queues`; call `work` on the
 * answer to work jobs in this process. On the shared database only one test file may work a
 * given queue: another file's process would take its jobs and stop when that file ends.
 */
export async function testJobs(queues: string[], url = inject('databaseUrl')): Promise<Jobs> {
  return openJobs(url, queues, pino({ level: 'silent' }), true);
}

/** A context acting as the system with every permission in `facilityIds`: setup that tests do through services. */
export function systemCtx(db: Ctx['db'], organizationId: string, facilityIds: string[]): Ctx {
  return {
    db,
    organizationId,
    actor: systemActor('test', facilityIds, permissions),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    config: testConfig(),
    requestId: 'test',
    ip: null,
  };
}

export type Session = { cookie: string; csrf: string };

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'clinicops_session');
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `clinicops_session=${c.value}`;
}

/** Signs in all the way, through the TOTP step when the user has a secret. */
export async function signIn(app: FastifyInstance, email: string, mfaSecret?: string): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`);
  const body = res.json();
  const session = { cookie: cookieOf(res), csrf: body.csrfToken as string };
  if (body.status === 'mfa_required') {
    if (!mfaSecret) throw new Error('MFA required but no secret given');
    const v = await app.inject({
      method: 'POST',
      url: '/api/auth/mfa/verify',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
      payload: { code: generateSync({ secret: mfaSecret }) },
    });
    if (v.statusCode !== 200) throw new Error(`mfa failed ${v.statusCode}: ${v.body}`);
  } else if (body.status !== 'ok') {
    throw new Error(`unexpected login status ${body.status}`);
  }
  return session;
}

export const as = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
