// The scheduling API tests' shared setup on real PostgreSQL: two organizations, sign-ins, 25
// patients, two PAs (one whose licence lapses on a weekday of the test week), two exam rooms, a
// follow-up type and weekday hours 09:00-12:00. Each test file that imports it gets its own copy,
// set up by setUpScheduling in its beforeAll.
import { randomUUID } from 'node:crypto';
import { generateSecret } from 'otplib';
import { expect } from 'vitest';
import { addDays, dateIn, isoWeekday, zonedToInstant } from '../src/modules/scheduling/domain/zoned.js';
import { seedCredentialCatalogue } from '../src/modules/staff/index.js';
import { as, createTestOrg, type Session, signIn, systemCtx, type TestOrg, testApp } from './helpers.js';

export const NY = 'America/New_York';
export let t: Awaited<ReturnType<typeof testApp>>;
export let org: TestOrg;
export let other: TestOrg;
export let manager: Session;
export let frontDesk: Session;
export let clinician: Session;
export let otherManager: Session;
const secret = generateSecret();

export const post = (s: Session, url: string, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: as(s), ...(payload !== undefined ? { payload: payload as object } : {}) });
export const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: as(s) });
export async function ok<T = Record<string, unknown>>(res: Awaited<ReturnType<typeof get>>, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

// A Monday at least a week ahead, so every booking is in the future whatever day the test runs.
export const today = dateIn(Date.now(), NY);
export let monday = addDays(today, 7);
while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
export const at = (date: string, time: string) => new Date(zonedToInstant(date, time, NY)).toISOString();

export const patients: string[] = [];
export let paA: string;
export let paB: string;
export let room1: string;
export let room2: string;
export let followUp: string;
/** The day PA B's licence expires: booking after it is refused. */
export const lapse = addDays(monday, 2);

async function addStaff(lastName: string, expiresOn: string) {
  const staff = await ok<{ id: string }>(
    await post(manager, '/api/staff', {
      facilityId: org.facilities.a,
      firstName: 'Pat',
      lastName,
      position: 'physician_assistant',
      employmentType: 'full_time',
      hireDate: '2020-03-01',
    }),
    201,
  );
  const types = await ok<{ id: string; code: string }[]>(await get(manager, '/api/staff/credential-types'));
  for (const code of ['PA-OH', 'BLS']) {
    const typeId = types.find((x) => x.code === code)?.id;
    const c = await ok<{ id: string }>(
      await post(manager, `/api/staff/${staff.id}/credentials`, {
        credentialTypeId: typeId,
        number: `${code}-${lastName}`,
        issuingState: code === 'PA-OH' ? 'OH' : null,
        issuedOn: '2024-01-01',
        expiresOn: code === 'PA-OH' ? expiresOn : '2029-12-31',
      }),
      201,
    );
    await ok(await post(manager, `/api/staff/credentials/${c.id}/verify`, { method: 'primary_source' }));
  }
  return staff.id;
}

/** The organizations, sign-ins, patients, providers, rooms and hours the scheduling API tests share. */
export async function setUpScheduling() {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db, { mfaSecret: secret });
  await seedCredentialCatalogue(systemCtx(t.db, org.id, [org.facilities.a, org.facilities.b]));
  manager = await signIn(t.app, org.users.manager.email, secret);
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  otherManager = await signIn(t.app, other.users.manager.email, secret);
  for (let i = 0; i < 25; i++) {
    const p = await ok<{ id: string }>(
      await post(frontDesk, '/api/patients', {
        facilityId: org.facilities.a,
        givenName: `Sched${i}`,
        familyName: `Patient${randomUUID().slice(0, 6)}`,
        dateOfBirth: '1980-05-05',
        sexAtBirth: 'female',
        confirmNotDuplicate: true,
      }),
      201,
    );
    patients.push(p.id);
  }
  const staffA = await addStaff('Alpha', '2029-12-31');
  const staffB = await addStaff('Bravo', lapse);
  const resource = async (body: Record<string, unknown>) =>
    (await ok<{ id: string }>(await post(manager, '/api/scheduling/resources', { facilityId: org.facilities.a, ...body }), 201))
      .id;
  paA = await resource({ kind: 'provider', staffMemberId: staffA });
  paB = await resource({ kind: 'provider', staffMemberId: staffB });
  room1 = await resource({ kind: 'room', name: 'Exam 1' });
  room2 = await resource({ kind: 'room', name: 'Exam 2' });
  followUp = (
    await ok<{ id: string }>(
      await post(manager, '/api/scheduling/appointment-types', {
        facilityId: org.facilities.a,
        name: 'Follow-up',
        durationMinutes: 30,
        bufferMinutes: 10,
        requiredKinds: ['provider', 'room'],
        visitKind: 'follow_up',
        color: 'green',
      }),
      201,
    )
  ).id;
  for (const resourceId of [paA, paB]) {
    await ok(
      await post(manager, '/api/scheduling/templates', {
        resourceId,
        rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
        startTime: '09:00',
        endTime: '12:00',
        // from a week back, so this week has open hours whatever today is: the dashboard's
        // utilization card needs them, and on a Saturday or Sunday a template from today has none
        effectiveFrom: addDays(today, -7),
      }),
      201,
    );
  }
}

export const book = (s: Session, over: Record<string, unknown>) =>
  post(s, '/api/appointments', { patientId: patients[0], appointmentTypeId: followUp, providerResourceId: paA, ...over });
