// Changing the schedule's setup through the API: a deactivated resource or type is no longer
// offered, ended hours offer no slots, a removed exception frees the time; all audited and
// scoped to the caller's organization.
import { permissions } from '@clinicops/contracts';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateIn, isoWeekday, zonedToInstant } from '../src/modules/scheduling/domain/zoned.js';
import { seedCredentialCatalogue } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { systemActor } from '../src/platform/context.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp, testConfig } from './helpers.js';
import { addBookableProvider } from './scheduling-fixture.js';

const NY = 'America/New_York';
let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let manager: Session;
let otherManager: Session;
let clinician: Session;
let patientId: string;
const secret = generateSecret();
let fx: Awaited<ReturnType<typeof addBookableProvider>>;
const today = dateIn(Date.now(), NY);
let monday = addDays(today, 7);
while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
const at = (date: string, time: string) => new Date(zonedToInstant(date, time, NY)).toISOString();

const req = (s: Session, method: 'GET' | 'PATCH' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: as(s), ...(payload !== undefined ? { payload: payload as object } : {}) });
const slotsOn = async (date: string) =>
  (
    (await req(manager, 'GET', `/api/scheduling/slots?appointmentTypeId=${fx.typeId}&from=${date}&days=1&limit=100`)).json() as {
      slots: { startsAt: string }[];
    }
  ).slots;

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  const other = await createTestOrg(t.db, { mfaSecret: secret });
  await seedCredentialCatalogue({
    db: t.db,
    organizationId: org.id,
    actor: systemActor('test', [org.facilities.a, org.facilities.b], permissions),
    clock: systemClock,
    log: pino({ level: 'silent' }),
    config: testConfig(),
    requestId: 'test',
    ip: null,
  });
  manager = await signIn(t.app, org.users.manager.email, secret);
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  otherManager = await signIn(t.app, other.users.manager.email, secret);
  fx = await addBookableProvider(t.app, manager, { facilityId: org.facilities.a, lastName: 'Setup', today });
  const patient = await req(manager, 'POST', '/api/patients', {
    facilityId: org.facilities.a,
    givenName: 'Set',
    familyName: 'Uppatient',
    dateOfBirth: '1970-01-01',
    sexAtBirth: 'female',
    confirmNotDuplicate: true,
  });
  patientId = patient.json().id;
});

describe('changing the setup', () => {
  it('renames and deactivates a resource; an inactive provider is offered no slots', async () => {
    expect((await slotsOn(monday)).length).toBeGreaterThan(0);
    const renamed = await req(manager, 'PATCH', `/api/scheduling/resources/${fx.providerId}`, { name: 'Rita S., PA-C' });
    expect(renamed.json()).toMatchObject({ name: 'Rita S., PA-C', active: true });
    expect((await req(clinician, 'PATCH', `/api/scheduling/resources/${fx.providerId}`, { active: false })).statusCode).toBe(403);
    expect((await req(otherManager, 'PATCH', `/api/scheduling/resources/${fx.providerId}`, { active: false })).statusCode).toBe(
      404,
    );
    await req(manager, 'PATCH', `/api/scheduling/resources/${fx.providerId}`, { active: false });
    // booking reads resources afresh (the slot search may reuse them for 30 s)
    const refused = await req(manager, 'POST', '/api/appointments', {
      patientId: patientId,
      appointmentTypeId: fx.typeId,
      providerResourceId: fx.providerId,
      startsAt: at(monday, '10:00'),
    });
    expect(refused.statusCode, refused.body).toBe(400);
    const listed = (await req(manager, 'GET', '/api/scheduling/resources')).json() as { id: string; active: boolean }[];
    expect(listed.find((r) => r.id === fx.providerId)?.active).toBe(false);
    await req(manager, 'PATCH', `/api/scheduling/resources/${fx.providerId}`, { active: true });
  });

  it('changes a type and refuses booking a deactivated one', async () => {
    const res = await req(manager, 'PATCH', `/api/scheduling/appointment-types/${fx.typeId}`, {
      durationMinutes: 45,
      color: 'grape',
    });
    expect(res.json()).toMatchObject({ durationMinutes: 45, color: 'grape' });
    await req(manager, 'PATCH', `/api/scheduling/appointment-types/${fx.typeId}`, { active: false });
    const book = await req(manager, 'POST', '/api/appointments', {
      patientId,
      appointmentTypeId: fx.typeId,
      providerResourceId: fx.providerId,
      startsAt: at(monday, '10:00'),
    });
    expect(book.statusCode).toBe(400);
    expect(book.json().errors[0].field).toBe('appointmentTypeId');
    await req(manager, 'PATCH', `/api/scheduling/appointment-types/${fx.typeId}`, { active: true, durationMinutes: 30 });
  });

  it('ends weekly hours on a date, and refuses hours that end before they start', async () => {
    const [template] = (await req(manager, 'GET', `/api/scheduling/templates?resourceId=${fx.providerId}`)).json() as {
      id: string;
    }[];
    const bad = await req(manager, 'PATCH', `/api/scheduling/templates/${template?.id}`, { startTime: '18:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('endTime');
    const ended = await req(manager, 'PATCH', `/api/scheduling/templates/${template?.id}`, { effectiveUntil: monday });
    expect(ended.json()).toMatchObject({ effectiveUntil: monday });
    expect((await slotsOn(monday)).length).toBeGreaterThan(0);
    expect(await slotsOn(addDays(monday, 1))).toEqual([]);
    await req(manager, 'PATCH', `/api/scheduling/templates/${template?.id}`, { effectiveUntil: null });
    expect((await slotsOn(addDays(monday, 1))).length).toBeGreaterThan(0);
  });

  it('moves and removes an exception, which frees the time again', async () => {
    const created = await req(manager, 'POST', '/api/scheduling/exceptions', {
      facilityId: org.facilities.a,
      resourceId: fx.providerId,
      kind: 'meeting',
      startsAt: at(monday, '09:00'),
      endsAt: at(monday, '12:00'),
      reason: null,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect((await slotsOn(monday))[0]?.startsAt).toBe(at(monday, '12:00'));
    const moved = await req(manager, 'PATCH', `/api/scheduling/exceptions/${id}`, { endsAt: at(monday, '10:00') });
    expect(moved.json().endsAt).toBe(at(monday, '10:00'));
    expect((await slotsOn(monday))[0]?.startsAt).toBe(at(monday, '10:00'));
    expect((await req(manager, 'DELETE', `/api/scheduling/exceptions/${id}`)).statusCode).toBe(204);
    expect((await slotsOn(monday))[0]?.startsAt).toBe(at(monday, '09:00'));
    expect((await req(manager, 'DELETE', `/api/scheduling/exceptions/${id}`)).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('action', 'like', 'scheduling.%.update')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(6);
  });
});

describe('resizing an appointment', () => {
  it('changes its length with the conflict check, and a later move keeps the length', async () => {
    const day = addDays(monday, 2);
    const book = async (time: string) => {
      const res = await req(manager, 'POST', '/api/appointments', {
        patientId,
        appointmentTypeId: fx.typeId,
        providerResourceId: fx.providerId,
        startsAt: at(day, time),
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; startsAt: string };
    };
    const a = await book('10:00');
    await book('11:00');
    const longer = await req(manager, 'POST', `/api/appointments/${a.id}/reschedule`, {
      startsAt: a.startsAt,
      durationMinutes: 45,
    });
    expect(longer.json()).toMatchObject({ startsAt: at(day, '10:00'), endsAt: at(day, '10:45') });
    const clash = await req(manager, 'POST', `/api/appointments/${a.id}/reschedule`, {
      startsAt: a.startsAt,
      durationMinutes: 75,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().errors[0].field).toBe('startsAt');
    const moved = await req(manager, 'POST', `/api/appointments/${a.id}/reschedule`, { startsAt: at(day, '13:00') });
    expect(moved.json()).toMatchObject({ startsAt: at(day, '13:00'), endsAt: at(day, '13:45') });
    const bad = await req(manager, 'POST', `/api/appointments/${a.id}/reschedule`, { startsAt: a.startsAt, durationMinutes: 2 });
    expect(bad.statusCode).toBe(400);
  });
});

describe("a patient's appointments", () => {
  it('lists them newest first for the patient page, audited, and not across organizations', async () => {
    const res = await req(manager, 'GET', `/api/patients/${patientId}/appointments`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json() as { startsAt: string; patientId: string }[];
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.every((a) => a.patientId === patientId)).toBe(true);
    expect([...list].sort((a, b) => b.startsAt.localeCompare(a.startsAt))).toEqual(list);
    expect((await req(otherManager, 'GET', `/api/patients/${patientId}/appointments`)).statusCode).toBe(404);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('patient_id')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'appointment.list')
      .where('patient_id', '=', patientId)
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});
