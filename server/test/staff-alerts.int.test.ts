import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { credentialAlertsJob } from '../src/modules/staff/index.js';
import { sendCredentialAlerts } from '../src/modules/staff/service/alerts.js';
import { hashPassword } from '../src/platform/auth/secrets.js';
import { systemClock } from '../src/platform/clock.js';
import { systemActor } from '../src/platform/context.js';
import { as, PASSWORD, signIn, testConfig } from './helpers.js';
import {
  addCredential,
  addStaff,
  dateInNewYork,
  manager,
  org,
  otherManager,
  post,
  rn,
  secret,
  t,
  types,
  useStaffFixture,
} from './staff-fixture.js';

useStaffFixture();

const alertsOf = async (session = manager) => {
  const res = await t.app.inject({ method: 'GET', url: '/api/staff/alerts', headers: as(session) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { key: string; kind: string; threshold: number | null; staffMemberId: string | null; message: string }[];
};
const outbox = () =>
  t.db.selectFrom('email_outbox').selectAll().where('organization_id', '=', org.id).orderBy('created_at').execute();
const sendAlerts = async () => {
  const res = await post(manager, '/api/staff/alerts/send', {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { alerts: number; emailsQueued: number };
};

describe('credential alerts', () => {
  it('mails the holder once per threshold and each manager a digest once a day, and clears with the renewal', async () => {
    // The clinician's account is this RN's, so her own alerts reach her.
    const staff = await addStaff(manager, rn(org, { firstName: 'Ana', userId: org.users.clinician.id }));
    const licence = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.ALERT.1',
      issuingState: 'OH',
      issuedOn: dateInNewYork(-700),
      expiresOn: dateInNewYork(20),
    });
    const bls = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('BLS'),
      number: 'BLS.ALERT.1',
      issuedOn: dateInNewYork(-700),
      expiresOn: dateInNewYork(75),
    });
    const alerts = await alertsOf();
    const own = alerts.filter((a) => a.staffMemberId === staff.id);
    expect(own.map((a) => [a.key, a.kind, a.threshold])).toEqual([
      [`credential:${licence.id}:30`, 'credential_expiring', 30],
      [`credential:${bls.id}:90`, 'credential_expiring', 90],
      // no CE recorded against a licence that renews in 20 days
      [`ce:${licence.id}:${dateInNewYork(20)}`, 'ce_at_risk', null],
    ]);
    // another organization sees none of it
    expect((await alertsOf(otherManager)).some((a) => a.staffMemberId === staff.id)).toBe(false);

    const first = await sendAlerts();
    expect(first.emailsQueued).toBe(4);
    const mails = await outbox();
    const personal = mails.filter((m) => m.kind === 'staff.credential-alert');
    // one transaction, one created_at: compared in key order
    expect(personal.map((m) => [m.recipient, m.dedupe_key, m.status]).sort()).toEqual(
      [
        [org.users.clinician.email, `credential:${licence.id}:30`, 'queued'],
        [org.users.clinician.email, `credential:${bls.id}:90`, 'queued'],
        [org.users.clinician.email, `ce:${licence.id}:${dateInNewYork(20)}`, 'queued'],
      ].sort(),
    );
    expect(personal.find((m) => m.dedupe_key.endsWith(':30'))?.subject).toBe('Your RN licence (OH) expires in 20 days');
    const digests = mails.filter((m) => m.kind === 'staff.alert-digest');
    expect(digests.map((m) => m.recipient)).toEqual([org.users.manager.email]);
    expect(digests[0]?.body).toContain(`RN licence (OH) RN.ALERT.1 expires ${dateInNewYork(20)} (in 20 days)`);

    // the same day again: nothing new
    expect(await sendAlerts()).toEqual({ alerts: first.alerts, emailsQueued: 0 });
    expect(await outbox()).toHaveLength(mails.length);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'staff.alerts.send')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { alerts: first.alerts, emailsQueued: 4 },
      { alerts: first.alerts, emailsQueued: 0 },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Ana');

    // the renewal clears the licence alert
    const renewed = await post(manager, `/api/staff/credentials/${licence.id}`, { expiresOn: dateInNewYork(20 + 730) }, 'PATCH');
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect((await alertsOf()).filter((a) => a.staffMemberId === staff.id).map((a) => a.key)).toEqual([`credential:${bls.id}:90`]);
  });

  it('shows the expiring-soon card with the alerts, and lets only managers send', async () => {
    const staff = await addStaff(manager, rn(org));
    await addCredential(manager, staff.id, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.ALERT.2',
      issuingState: 'OH',
      issuedOn: dateInNewYork(-700),
      expiresOn: dateInNewYork(10),
    });
    const dashboard = await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: as(manager) });
    const card = dashboard.json().cards.find((c: { key: string }) => c.key === 'staff.credentials-expiring');
    const within30 = (await alertsOf()).filter((a) => a.kind === 'credential_expiring' && a.threshold === 30).length;
    expect(within30).toBeGreaterThanOrEqual(1);
    expect(card).toMatchObject({ value: String(within30), tone: 'warning', href: '/staff?view=alerts' });

    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    expect((await post(clinician, '/api/staff/alerts/send', {})).statusCode).toBe(403);
  });

  it('shows the outbox to managers, scoped by facility: a digest only to its recipient and those who see every facility', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/email/outbox', headers: as(manager) });
    expect(res.statusCode, res.body).toBe(200);
    const all = res.json() as { smtpConfigured: boolean; messages: { kind: string; recipient: string; subject: string }[] };
    expect(all.smtpConfigured).toBe(false);
    expect(all.messages.some((m) => m.kind === 'staff.alert-digest' && m.recipient === org.users.manager.email)).toBe(true);
    expect(all.messages.some((m) => m.kind === 'staff.credential-alert')).toBe(true);

    // a second manager who runs only facility B sees neither facility A's messages nor the other manager's digest
    const id = randomUUID();
    const email = `manager-b.${id.slice(0, 8)}@example.org`;
    await t.db
      .insertInto('users')
      .values({
        id,
        organization_id: org.id,
        email,
        display_name: 'Manager B',
        password_hash: await hashPassword(PASSWORD),
        roles: ['manager'],
        mfa_secret: secret,
        mfa_enabled: true,
      })
      .execute();
    await t.db
      .insertInto('user_facilities')
      .values({ organization_id: org.id, user_id: id, facility_id: org.facilities.b })
      .execute();
    const managerB = await signIn(t.app, email, secret);
    const seen = await t.app.inject({ method: 'GET', url: '/api/email/outbox', headers: as(managerB) });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().messages).toEqual([]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select('actor_user_id')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'email.outbox.view')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.actor_user_id)).toEqual([org.users.manager.id, id]);
  });

  it('runs as the daily job does (the system, for every facility), mailing only what is new', async () => {
    const staff = await addStaff(manager, rn(org, { firstName: 'Tyrone', userId: org.users.staff.id }));
    const licence = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.ALERT.3',
      issuingState: 'OH',
      issuedOn: dateInNewYork(-700),
      expiresOn: dateInNewYork(-2),
    });
    const job = credentialAlertsJob({ db: t.db, config: testConfig(), log: pino({ level: 'silent' }) });
    expect(job).toMatchObject({ name: 'staff-credential-alerts', cron: '0 11 * * *' });
    // The job's handler visits every organization of the database; here, the one of this test, as it would.
    const run = await sendCredentialAlerts({
      db: t.db,
      organizationId: org.id,
      actor: systemActor('daily credential alerts', [org.facilities.a, org.facilities.b], ['staff:read', 'staff:write']),
      clock: systemClock,
      log: pino({ level: 'silent' }),
      config: testConfig(),
      requestId: 'job-test',
      ip: null,
    });
    // the expired licence's holder is mailed; the managers' digest went out today already
    expect(run.emailsQueued).toBe(1);
    const mail = await t.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('dedupe_key', '=', `credential:${licence.id}:expired`)
      .executeTakeFirstOrThrow();
    expect(mail).toMatchObject({
      recipient: org.users.staff.email,
      subject: 'Your RN licence (OH) has expired',
      facility_id: org.facilities.a,
    });
    const event = await t.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'details'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'staff.alerts.send')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor_user_id: null, details: { emailsQueued: 1 } });
  });
});
