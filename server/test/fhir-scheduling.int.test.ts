// FHIR R4 Schedule, Slot and Appointment over the scheduling module's records: every answer is
// checked by the third-party validator (resourceOf), searches by each parameter, free and busy
// time around bookings, paging, tenancy, and the audit of appointment reads.
import { randomUUID } from 'node:crypto';
import { permissions } from '@clinicops/contracts';
import type { Appointment, Bundle, Schedule, Slot } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dateIn, isoWeekday, zonedToInstant } from '../src/modules/scheduling/domain/zoned.js';
import { seedCredentialCatalogue } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { systemActor } from '../src/platform/context.js';
import { fhirClient, outcomeOf, resourceOf } from './fhir-test-client.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp, testConfig } from './helpers.js';
import { addBookableProvider } from './scheduling-fixture.js';

const NY = 'America/New_York';
let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let other: TestOrg;
let manager: Session;
let frontDesk: Session;
let otherManager: Session;
let get: ReturnType<typeof fhirClient>['get'];
const secret = generateSecret();
let fixture: Awaited<ReturnType<typeof addBookableProvider>>;
const patients: string[] = [];
const booked: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };

const today = dateIn(Date.now(), NY);
let monday = addDays(today, 7);
while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
const at = (date: string, time: string) => new Date(zonedToInstant(date, time, NY)).toISOString();

const bundle = async <T>(url: string, s: Session = frontDesk) => {
  const b = resourceOf<Bundle>(await get(s, url));
  return { total: b.total, resources: (b.entry ?? []).map((e) => e.resource as T), links: b.link ?? [] };
};

beforeAll(async () => {
  t = await testApp();
  ({ get } = fhirClient(t.app));
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db, { mfaSecret: secret });
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
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  otherManager = await signIn(t.app, other.users.manager.email, secret);
  fixture = await addBookableProvider(t.app, manager, {
    facilityId: org.facilities.a,
    lastName: 'Fhir',
    today,
    rooms: ['Exam 7'],
  });
  for (const name of ['Ada', 'Bea', 'Cy']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/patients',
      headers: as(frontDesk),
      payload: {
        facilityId: org.facilities.a,
        givenName: name,
        familyName: `Fhirsched${randomUUID().slice(0, 5)}`,
        dateOfBirth: '1990-01-01',
        sexAtBirth: 'female',
        confirmNotDuplicate: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    patients.push(res.json().id);
  }
  const book = async (patientId: string | undefined, startsAt: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/appointments',
      headers: as(frontDesk),
      payload: { patientId, appointmentTypeId: fixture.typeId, providerResourceId: fixture.providerId, startsAt },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  booked.a = await book(patients[0], at(monday, '10:00'));
  booked.b = await book(patients[1], at(monday, '11:00'));
  booked.c = await book(patients[2], at(addDays(monday, 1), '09:00'));
  const cancel = await t.app.inject({
    method: 'POST',
    url: `/api/appointments/${booked.c}/cancel`,
    headers: as(frontDesk),
    payload: { reason: 'Moved away' },
  });
  expect(cancel.statusCode).toBe(200);
});

describe('Schedule', () => {
  it('one per bookable resource, the provider by practitioner, another organization sees none', async () => {
    const all = await bundle<Schedule>('/fhir/R4/Schedule');
    expect(all.total).toBe(2);
    const mine = await bundle<Schedule>(`/fhir/R4/Schedule?actor=Practitioner/${fixture.staffId}`);
    expect(mine.resources.map((s) => s.id)).toEqual([fixture.providerId]);
    expect(mine.resources[0]?.actor?.[0]?.reference).toBe(`Practitioner/${fixture.staffId}`);
    const room = resourceOf<Schedule>(await get(frontDesk, `/fhir/R4/Schedule/${fixture.roomIds[0]}`));
    expect(room.actor?.[0]).toMatchObject({ display: 'Exam 7', type: 'Location' });
    expect((await bundle<Schedule>('/fhir/R4/Schedule?active=false')).total).toBe(0);
    expect((await bundle<Schedule>('/fhir/R4/Schedule', otherManager)).total).toBe(0);
    outcomeOf(await get(otherManager, `/fhir/R4/Schedule/${fixture.providerId}`), 404);
  });
});

describe('Slot', () => {
  it('free time from the hours less bookings, busy time from bookings, for a day', async () => {
    const day = await bundle<Slot>(
      `/fhir/R4/Slot?schedule=Schedule/${fixture.providerId}&start=ge${monday}&start=lt${addDays(monday, 1)}&_count=100`,
    );
    const shape = day.resources.map((s) => [s.status, s.start, s.end]);
    expect(shape).toEqual([
      ['free', at(monday, '09:00'), at(monday, '10:00')],
      ['busy', at(monday, '10:00'), at(monday, '10:30')],
      ['free', at(monday, '10:30'), at(monday, '11:00')],
      ['busy', at(monday, '11:00'), at(monday, '11:30')],
      ['free', at(monday, '11:30'), at(monday, '17:00')],
    ]);
    const busy = await bundle<Slot>(`/fhir/R4/Slot?schedule=Schedule/${fixture.providerId}&start=${monday}&status=busy`);
    expect(busy.resources.map((s) => s.start)).toEqual([at(monday, '10:00'), at(monday, '11:00')]);
    // the room: busy while booked, free otherwise; a cancelled visit frees its time
    const tuesday = await bundle<Slot>(`/fhir/R4/Slot?schedule=Schedule/${fixture.roomIds[0]}&start=${addDays(monday, 1)}`);
    expect(tuesday.resources.every((s) => s.status === 'free')).toBe(true);
    const read = resourceOf<Slot>(await get(frontDesk, `/fhir/R4/Slot/${day.resources[1]?.id}`));
    expect(read).toEqual(day.resources[1]);
  });

  it('needs a schedule and at most 31 days; another organization sees no time', async () => {
    expect(outcomeOf(await get(frontDesk, '/fhir/R4/Slot'), 400).issue?.[0]?.expression).toEqual(['schedule']);
    const long = await get(
      frontDesk,
      `/fhir/R4/Slot?schedule=Schedule/${fixture.providerId}&start=ge${monday}&start=lt${addDays(monday, 40)}`,
    );
    expect(outcomeOf(long, 400).issue?.[0]?.expression).toEqual(['start']);
    outcomeOf(await get(frontDesk, `/fhir/R4/Slot?schedule=Schedule/${fixture.providerId}&status=maybe`), 400);
    expect(
      (await bundle<Slot>(`/fhir/R4/Slot?schedule=Schedule/${fixture.providerId}&start=${monday}`, otherManager)).total,
    ).toBe(0);
    outcomeOf(await get(frontDesk, `/fhir/R4/Slot/${fixture.providerId}-zz-zzz-f`), 404);
  });
});

describe('Appointment', () => {
  it('searches by patient, practitioner, date, status and _id, with paging', async () => {
    const byPatient = await bundle<Appointment>(`/fhir/R4/Appointment?patient=Patient/${patients[0]}`);
    expect(byPatient.resources.map((a) => a.id)).toEqual([booked.a]);
    const a = byPatient.resources[0] as Appointment;
    expect(a.status).toBe('booked');
    expect(a.participant?.map((p) => p.actor?.reference ?? p.actor?.display)).toEqual([
      `Patient/${patients[0]}`,
      `Practitioner/${fixture.staffId}`,
      `Location/${org.facilities.a}`,
      'Exam 7',
    ]);
    expect(a.minutesDuration).toBe(30);
    const day = await bundle<Appointment>(`/fhir/R4/Appointment?practitioner=Practitioner/${fixture.staffId}&date=${monday}`);
    expect(day.resources.map((x) => x.id).sort()).toEqual([booked.a, booked.b].sort());
    const cancelled = await bundle<Appointment>('/fhir/R4/Appointment?status=cancelled');
    expect(cancelled.resources.map((x) => x.id)).toEqual([booked.c]);
    expect(cancelled.resources[0]?.cancelationReason?.text).toBe('Moved away');
    expect((await bundle<Appointment>('/fhir/R4/Appointment?status=booked,noshow')).total).toBe(2);
    const page = await bundle<Appointment>('/fhir/R4/Appointment?_count=1');
    expect(page.total).toBe(3);
    expect(page.resources).toHaveLength(1);
    expect(page.links.map((l) => l.relation)).toContain('next');
    expect((await bundle<Appointment>(`/fhir/R4/Appointment?_id=${booked.b}`)).resources.map((x) => x.id)).toEqual([booked.b]);
    outcomeOf(await get(frontDesk, '/fhir/R4/Appointment?status=done'), 400);
    outcomeOf(await get(frontDesk, '/fhir/R4/Appointment?location=x'), 400);
  });

  it('reads one, audited like the REST reads; another organization cannot', async () => {
    const a = resourceOf<Appointment>(await get(frontDesk, `/fhir/R4/Appointment/${booked.b}`));
    expect(a.start).toBe(at(monday, '11:00'));
    outcomeOf(await get(otherManager, `/fhir/R4/Appointment/${booked.b}`), 404);
    const audits = await t.db
      .selectFrom('audit_events')
      .select(['action', 'entity_id', 'patient_id', 'details'])
      .where('organization_id', '=', org.id)
      .where('action', 'in', ['appointment.view', 'appointment.list'])
      .execute();
    const view = audits.find((e) => e.action === 'appointment.view' && e.entity_id === booked.b);
    expect(view?.patient_id).toBe(patients[1]);
    expect(view?.details).toMatchObject({ via: 'fhir' });
    const list = audits.find(
      (e) => e.action === 'appointment.list' && JSON.stringify((e.details as { by?: string[] }).by) === '["patient"]',
    );
    expect(list?.details).toMatchObject({ via: 'fhir', results: 1, patientIds: [patients[0]] });
  });
});
