// Shared set-up of the staff integration tests. The exported `let`s are ESM live bindings, set in beforeAll.
import { randomUUID } from 'node:crypto';
import { permissions } from '@clinicops/contracts';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import { seedCredentialCatalogue } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp, testConfig } from './helpers.js';

export let t: Awaited<ReturnType<typeof testApp>>;
export let org: TestOrg;
export let other: TestOrg;
export let manager: Session;
export let otherManager: Session;
export const secret = generateSecret();
export const types = new Map<string, string>();
export const otherTypes = new Map<string, string>();

// Facility A of the test organization is in Ohio (America/New_York); B is in Illinois.
export const dateInNewYork = (offsetDays: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(Date.now() + offsetDays * 86_400_000));

function systemCtx(o: TestOrg): Ctx {
  return {
    db: t.db,
    organizationId: o.id,
    actor: systemActor('test', [o.facilities.a, o.facilities.b], permissions),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    config: testConfig(),
    requestId: 'test',
    ip: null,
  };
}

export const rn = (o: TestOrg, extra: Record<string, unknown> = {}) => ({
  facilityId: o.facilities.a,
  firstName: 'Ana',
  lastName: `Ruiz ${randomUUID().slice(0, 6)}`,
  position: 'rn',
  employmentType: 'full_time',
  hireDate: '2020-03-01',
  ...extra,
});

export async function post(session: Session, url: string, payload: unknown, method: 'POST' | 'PATCH' = 'POST') {
  return t.app.inject({ method, url, headers: as(session), payload: payload as object });
}

export async function addStaff(session: Session, body: Record<string, unknown>) {
  const res = await post(session, '/api/staff', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function addCredential(session: Session, staffId: string, body: Record<string, unknown>, verify = true) {
  const res = await post(session, `/api/staff/${staffId}/credentials`, body);
  expect(res.statusCode, res.body).toBe(201);
  if (!verify) return res.json();
  const v = await post(session, `/api/staff/credentials/${res.json().id}/verify`, { method: 'primary_source' });
  expect(v.statusCode, v.body).toBe(200);
  return v.json();
}

/** Two organizations with the credential catalogue, and their managers signed in. */
export function useStaffFixture() {
  beforeAll(async () => {
    t = await testApp();
    org = await createTestOrg(t.db, { mfaSecret: secret });
    other = await createTestOrg(t.db, { mfaSecret: secret });
    for (const [code, id] of await seedCredentialCatalogue(systemCtx(org))) types.set(code, id);
    for (const [code, id] of await seedCredentialCatalogue(systemCtx(other))) otherTypes.set(code, id);
    manager = await signIn(t.app, org.users.manager.email, secret);
    otherManager = await signIn(t.app, other.users.manager.email, secret);
  });

  afterAll(async () => {
    await t.app.close();
  });
}
