// Appointment reminders and the patient's signed link, on a database of its own (the SMTP run
// sends every organization's due mail): the job's service at a chosen time, dedupe, consent,
// the SMS development adapter, delivery through a real SMTP server, and the link's confirm and
// cancel with signature, expiry and idempotence, audited as the patient's.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { permissions } from '@clinicops/contracts';
import type { FastifyInstance } from 'fastify';
import { generateSecret } from 'otplib';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { type OpenedDatabase, openPool } from '../src/db/pool.js';
import { addDays, dateIn, isoWeekday, zonedToInstant } from '../src/modules/scheduling/domain/zoned.js';
import { appointmentRemindersJob } from '../src/modules/scheduling/index.js';
import { sendDueReminders } from '../src/modules/scheduling/reminder-service.js';
import { seedCredentialCatalogue } from '../src/modules/staff/index.js';
import { systemClock } from '../src/platform/clock.js';
import { type Ctx, systemActor } from '../src/platform/context.js';
import { smtpTransport } from '../src/platform/email/job.js';
import { sendDueEmails } from '../src/platform/email/send.js';
import { linkKey, signLink } from '../src/platform/signed-link.js';
import { outboxSmsSender } from '../src/platform/sms/sms.js';
import { as, createTestOrg, freshDatabase, type Session, signIn, type TestOrg, testConfig } from './helpers.js';

const NY = 'America/New_York';
const H = 3_600_000;
const config = testConfig({ CLINICOPS_PUBLIC_URL: 'https://clinic.example.org' });
const log = pino({ level: 'silent' });
const secret = generateSecret();
let database: { url: string; drop(): Promise<void> };
let opened: OpenedDatabase;
let app: FastifyInstance;
let org: TestOrg;
let manager: Session;
let frontDesk: Session;
let provider: string;
let typeId: string;
const received: { to: string; subject: string; raw: string }[] = [];
let smtp: SMTPServer;
let smtpUrl: string;

const today = dateIn(Date.now(), NY);
let monday = addDays(today, 7);
while (isoWeekday(monday) !== 1) monday = addDays(monday, 1);
const at = (date: string, time: string) => new Date(zonedToInstant(date, time, NY)).toISOString();

const post = (s: Session | null, url: string, payload?: unknown) =>
  app.inject({
    method: 'POST',
    url,
    ...(s ? { headers: as(s) } : {}),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const get = (s: Session | null, url: string) => app.inject({ method: 'GET', url, ...(s ? { headers: as(s) } : {}) });
async function ok<T = Record<string, unknown>>(res: Awaited<ReturnType<typeof get>>, status = 200): Promise<T> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as T;
}

/** The job's context at a chosen moment. */
const jobCtx = (now: Date): Ctx => ({
  db: opened.db,
  organizationId: org.id,
  actor: systemActor('appointment reminders', [org.facilities.a, org.facilities.b], ['appointments:read', 'appointments:write']),
  clock: { now: () => now },
  log,
  config,
  requestId: `test-${randomUUID()}`,
  ip: null,
});

async function patient(name: string, contact: { email?: string; phone?: string; emailConsent?: boolean; smsConsent?: boolean }) {
  return (
    await ok<{ id: string }>(
      await post(frontDesk, '/api/patients', {
        facilityId: org.facilities.a,
        givenName: name,
        familyName: `Reminder${randomUUID().slice(0, 6)}`,
        dateOfBirth: '1975-02-03',
        sexAtBirth: 'male',
        confirmNotDuplicate: true,
        ...contact,
      }),
      201,
    )
  ).id;
}

const book = async (patientId: string, startsAt: string) =>
  ok<{ id: string; startsAt: string }>(
    await post(frontDesk, '/api/appointments', { patientId, appointmentTypeId: typeId, providerResourceId: provider, startsAt }),
    201,
  );

const emailsFor = (appointmentId: string) =>
  opened.db
    .selectFrom('email_outbox')
    .selectAll()
    .where('organization_id', '=', org.id)
    .where('dedupe_key', 'like', `appointment:${appointmentId}:%`)
    .execute();
const textsFor = (appointmentId: string) =>
  opened.db
    .selectFrom('sms_outbox')
    .selectAll()
    .where('organization_id', '=', org.id)
    .where('dedupe_key', 'like', `appointment:${appointmentId}:%`)
    .execute();
const tokenOf = (body: string) => /\/appointment-link\/([A-Za-z0-9_.-]+)/.exec(body)?.[1] ?? '';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(','),
          subject: /^Subject: (.*)$/m.exec(raw)?.[1]?.trim() ?? '',
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  database = await freshDatabase();
  opened = await openPool(database.url, 4);
  app = await buildApp(config, { db: opened.db });
  org = await createTestOrg(opened.db, { mfaSecret: secret });
  await seedCredentialCatalogue({
    db: opened.db,
    organizationId: org.id,
    actor: systemActor('test', [org.facilities.a, org.facilities.b], permissions),
    clock: systemClock,
    log,
    config,
    requestId: 'test',
    ip: null,
  });
  manager = await signIn(app, org.users.manager.email, secret);
  frontDesk = await signIn(app, org.users.front_desk.email, secret);
  const staff = await ok<{ id: string }>(
    await post(manager, '/api/staff', {
      facilityId: org.facilities.a,
      firstName: 'Rita',
      lastName: 'Reminder',
      position: 'physician_assistant',
      employmentType: 'full_time',
      hireDate: '2020-03-01',
    }),
    201,
  );
  const types = await ok<{ id: string; code: string }[]>(await get(manager, '/api/staff/credential-types'));
  for (const code of ['PA-OH', 'BLS']) {
    const c = await ok<{ id: string }>(
      await post(manager, `/api/staff/${staff.id}/credentials`, {
        credentialTypeId: types.find((x) => x.code === code)?.id,
        number: `${code}-R`,
        issuingState: code === 'PA-OH' ? 'OH' : null,
        issuedOn: '2024-01-01',
        expiresOn: '2029-12-31',
      }),
      201,
    );
    await ok(await post(manager, `/api/staff/credentials/${c.id}/verify`, { method: 'primary_source' }));
  }
  provider = (
    await ok<{ id: string }>(
      await post(manager, '/api/scheduling/resources', {
        facilityId: org.facilities.a,
        kind: 'provider',
        staffMemberId: staff.id,
      }),
      201,
    )
  ).id;
  typeId = (
    await ok<{ id: string }>(
      await post(manager, '/api/scheduling/appointment-types', {
        facilityId: org.facilities.a,
        name: 'Prenatal check',
        durationMinutes: 30,
        requiredKinds: ['provider'],
        visitKind: 'follow_up',
        color: 'teal',
      }),
      201,
    )
  ).id;
  await ok(
    await post(manager, '/api/scheduling/templates', {
      resourceId: provider,
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
      startTime: '09:00',
      endTime: '17:00',
      effectiveFrom: today,
    }),
    201,
  );
});

afterAll(async () => {
  await app?.close();
  await opened?.close();
  await database?.drop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

describe('reminder settings', () => {
  it('default to 48 h and 2 h; the manager changes them, the front desk may not', async () => {
    expect(await ok(await get(frontDesk, '/api/scheduling/reminder-settings'))).toEqual({
      offsetsMinutes: [2880, 120],
      emailEnabled: true,
      smsEnabled: true,
    });
    const res = await app.inject({
      method: 'PUT',
      url: '/api/scheduling/reminder-settings',
      headers: as(frontDesk),
      payload: { offsetsMinutes: [1440], emailEnabled: true, smsEnabled: true },
    });
    expect(res.statusCode).toBe(403);
    const bad = await app.inject({
      method: 'PUT',
      url: '/api/scheduling/reminder-settings',
      headers: as(manager),
      payload: { offsetsMinutes: [5], emailEnabled: true, smsEnabled: true },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^offsetsMinutes/);
    const put = await app.inject({
      method: 'PUT',
      url: '/api/scheduling/reminder-settings',
      headers: as(manager),
      payload: { offsetsMinutes: [120, 2880], emailEnabled: true, smsEnabled: true },
    });
    expect(put.json()).toEqual({ offsetsMinutes: [2880, 120], emailEnabled: true, smsEnabled: true });
    const audit = await opened.db
      .selectFrom('audit_events')
      .select('action')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'scheduling.reminders.update')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('the reminder job', () => {
  it('queues one email per offset to a consenting patient, never twice, without the visit type', async () => {
    const p = await patient('Emma', { email: 'emma.patient@example.org', emailConsent: true, phone: '614-555-0101' });
    const a = await book(p, at(addDays(monday, 1), '10:00'));
    const start = Date.parse(a.startsAt);
    expect(await sendDueReminders(jobCtx(new Date(start - 49 * H)), outboxSmsSender)).toMatchObject({ emails: 0 });
    expect(await emailsFor(a.id)).toHaveLength(0);
    const run = await sendDueReminders(jobCtx(new Date(start - 47 * H)), outboxSmsSender);
    expect(run.emails).toBe(1);
    // the same run again (a retry, a second worker), and later runs before the 2 h moment
    await sendDueReminders(jobCtx(new Date(start - 47 * H)), outboxSmsSender);
    await sendDueReminders(jobCtx(new Date(start - 3 * H)), outboxSmsSender);
    let emails = await emailsFor(a.id);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.recipient).toBe('emma.patient@example.org');
    expect(emails[0]?.subject).toContain('Clinic A');
    expect(`${emails[0]?.subject} ${emails[0]?.body}`).not.toMatch(/Prenatal|Reminder|Rita/);
    expect(emails[0]?.body).toContain('https://clinic.example.org/appointment-link/');
    await sendDueReminders(jobCtx(new Date(start - 90 * 60_000)), outboxSmsSender);
    emails = await emailsFor(a.id);
    expect(emails.map((e) => e.dedupe_key.split(':').at(-1)).sort()).toEqual(['120', '2880']);
    // a phone without SMS consent gets no text
    expect(await textsFor(a.id)).toHaveLength(0);
    const audits = await opened.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('organization_id', '=', org.id)
      .where('entity_id', '=', a.id)
      .where('action', '=', 'appointment.reminder.queue')
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('texts only with SMS consent, through the development adapter, and skips patients without consent', async () => {
    const texted = await patient('Sam', { phone: '(614) 555-0102', smsConsent: true, email: 'sam@example.org' });
    const silent = await patient('Nia', { email: 'nia@example.org', phone: '614-555-0103' });
    const a = await book(texted, at(addDays(monday, 2), '10:00'));
    const b = await book(silent, at(addDays(monday, 2), '11:00'));
    const run = await sendDueReminders(jobCtx(new Date(Date.parse(a.startsAt) - 47 * H)), outboxSmsSender);
    expect(run).toMatchObject({ sms: 1, emails: 0 });
    expect(run.skippedNoConsent).toBeGreaterThanOrEqual(1);
    const texts = await textsFor(a.id);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchObject({ recipient: '6145550102', status: 'held' });
    expect(await emailsFor(a.id)).toHaveLength(0);
    expect(await emailsFor(b.id)).toHaveLength(0);
    expect(await textsFor(b.id)).toHaveLength(0);
    // the manager's outbox page lists the text beside the email
    const outbox = await ok<{ messages: { channel: string; recipient: string }[] }>(await get(manager, '/api/email/outbox'));
    expect(outbox.messages.some((m) => m.channel === 'sms' && m.recipient === '6145550102')).toBe(true);
  });

  it('is delivered through a real SMTP server by the email-send job', async () => {
    const p = await patient('Leo', { email: 'leo.patient@example.org', emailConsent: true });
    const a = await book(p, at(addDays(monday, 3), '09:30'));
    const start = Date.parse(a.startsAt);
    await sendDueReminders(jobCtx(new Date(start - 47 * H)), outboxSmsSender);
    const summary = await sendDueEmails({
      db: opened.db,
      transport: smtpTransport(smtpUrl),
      from: 'ClinicOps <no-reply@clinicops.test>',
      clock: { now: () => new Date(Date.now() + 60_000) },
      log,
    });
    expect(summary.sent).toBeGreaterThanOrEqual(1);
    const mail = received.find((m) => m.to === 'leo.patient@example.org');
    expect(mail?.subject).toMatch(/^Appointment reminder: Clinic A, /);
    expect(mail?.raw).toContain('appointment-link/');
    expect(mail?.raw).not.toContain('Prenatal');
  });
});

describe('the job definition', () => {
  it('runs every five minutes over every organization, at the real time, and queues nothing twice', async () => {
    const job = appointmentRemindersJob({ db: opened.db, config, log, sms: outboxSmsSender });
    expect(job).toMatchObject({ name: 'appointment-reminders', cron: '*/5 * * * *' });
    const p = await patient('Jay', { email: 'jay.patient@example.org', emailConsent: true });
    // monday is 7 to 13 days ahead: within the 14-day offset below
    const a = await book(p, at(monday, '16:00'));
    // an offset of 14 days makes the appointment (a week or two ahead) due now
    const put = await app.inject({
      method: 'PUT',
      url: '/api/scheduling/reminder-settings',
      headers: as(manager),
      payload: { offsetsMinutes: [20_160], emailEnabled: true, smsEnabled: false },
    });
    expect(put.statusCode).toBe(200);
    await job.handler();
    await job.handler();
    const emails = await emailsFor(a.id);
    expect(emails.map((e) => e.dedupe_key)).toEqual([`appointment:${a.id}:${a.startsAt}:reminder:20160`]);
  });
});

describe("the patient's link", () => {
  it('confirms without signing in, idempotently, audited as the patient', async () => {
    const p = await patient('Ivy', { email: 'ivy@example.org', emailConsent: true });
    const a = await book(p, at(addDays(monday, 4), '10:00'));
    await sendDueReminders(jobCtx(new Date(Date.parse(a.startsAt) - 47 * H)), outboxSmsSender);
    const [email] = await emailsFor(a.id);
    const token = tokenOf(email?.body ?? '');
    const view = await ok(await get(null, `/api/appointment-links/${token}`));
    expect(view).toMatchObject({ facilityName: 'Clinic A', status: 'booked', startsAt: a.startsAt, timeZone: NY });
    expect(JSON.stringify(view)).not.toContain('Prenatal');
    expect(await ok(await post(null, `/api/appointment-links/${token}/confirm`))).toMatchObject({ status: 'confirmed' });
    expect(await ok(await post(null, `/api/appointment-links/${token}/confirm`))).toMatchObject({ status: 'confirmed' });
    const seen = await ok<{ confirmedAt: string | null }>(await get(frontDesk, `/api/appointments/${a.id}`));
    expect(seen.confirmedAt).not.toBeNull();
    const audits = await opened.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label', 'actor_user_id', 'patient_id'])
      .where('organization_id', '=', org.id)
      .where('entity_id', '=', a.id)
      .where('action', '=', 'appointment.confirm')
      .execute();
    expect(audits).toEqual([
      { action: 'appointment.confirm', actor_label: 'patient (reminder link)', actor_user_id: null, patient_id: p },
    ]);
  });

  it('cancels, freeing the time for the waitlist; a second cancel changes nothing; confirm is then refused', async () => {
    const p = await patient('Ben', {});
    const waiting = await patient('Wanda', {});
    const a = await book(p, at(addDays(monday, 4), '14:00'));
    await ok(
      await post(frontDesk, '/api/scheduling/waitlist', {
        patientId: waiting,
        appointmentTypeId: typeId,
        earliestDate: monday,
        latestDate: addDays(monday, 10),
      }),
      201,
    );
    const token = signLink(linkKey(config), a.id, new Date(a.startsAt));
    expect(await ok(await post(null, `/api/appointment-links/${token}/cancel`))).toMatchObject({ status: 'cancelled' });
    expect(await ok(await post(null, `/api/appointment-links/${token}/cancel`))).toMatchObject({ status: 'cancelled' });
    const c = await ok<{ status: string; cancelReason: string }>(await get(frontDesk, `/api/appointments/${a.id}`));
    expect(c.status).toBe('cancelled');
    const proposals = await ok<{ patientId: string }[]>(await get(frontDesk, `/api/appointments/${a.id}/waitlist-proposals`));
    expect(proposals.map((x) => x.patientId)).toEqual([waiting]);
    // the front desk's dashboard points at it, to offer the time
    const dashboard = await ok<{ cards: { key: string; value: string }[] }>(await get(frontDesk, '/api/dashboard'));
    expect(dashboard.cards.find((c) => c.key === 'scheduling.patient-cancellations')?.value).toBe('1');
    // the time is free: another patient books it
    await book(waiting, a.startsAt);
    const confirm = await post(null, `/api/appointment-links/${token}/confirm`);
    expect(confirm.statusCode).toBe(409);
    expect(confirm.json().detail).toMatch(/cancelled/);
    const cancels = await opened.db
      .selectFrom('audit_events')
      .select(['actor_label', 'details'])
      .where('organization_id', '=', org.id)
      .where('entity_id', '=', a.id)
      .where('action', '=', 'appointment.cancel')
      .execute();
    expect(cancels).toHaveLength(1);
    expect(cancels[0]?.actor_label).toBe('patient (reminder link)');
  });

  it('refuses a tampered or expired link with a clear message and changes nothing', async () => {
    const p = await patient('Tom', {});
    const a = await book(p, at(addDays(monday, 3), '15:00'));
    const b = await book(p, at(addDays(monday, 3), '16:00'));
    const token = signLink(linkKey(config), a.id, new Date(a.startsAt));
    const [, expiry, signature] = token.split('.');
    // the signature of a's link on b's id
    const forged = await post(null, `/api/appointment-links/${b.id}.${expiry}.${signature}/cancel`);
    expect(forged.statusCode).toBe(400);
    expect(forged.json().detail).toMatch(/not valid/);
    const expired = signLink(linkKey(config), a.id, new Date(Date.now() - 60_000));
    const old = await post(null, `/api/appointment-links/${expired}/cancel`);
    expect(old.statusCode).toBe(410);
    expect(old.json().detail).toMatch(/expired/);
    expect((await get(null, '/api/appointment-links/nonsense')).statusCode).toBe(400);
    for (const id of [a.id, b.id]) {
      expect((await ok<{ status: string }>(await get(frontDesk, `/api/appointments/${id}`))).status).toBe('booked');
    }
  });
});
