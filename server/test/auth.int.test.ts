import { generateSecret, generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, cookieOf, createTestOrg, PASSWORD, signIn, type TestOrg, testApp, testConfig } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;

beforeAll(async () => {
  t = await testApp(testConfig({ CLINICOPS_LOCKOUT_THRESHOLD: '3' }));
  org = await createTestOrg(t.db);
});

const login = (email: string, password = PASSWORD) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

describe('sign-in', () => {
  it('lets the front desk in without MFA and returns who they are', async () => {
    const res = await login(org.users.front_desk.email);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.me.user.roles).toEqual(['front_desk']);
    expect(body.me.facilities.map((f: { name: string }) => f.name)).toEqual(['Clinic A']);
    expect(body.me.permissions).toContain('appointments:write');
    expect(body.me.permissions).not.toContain('audit:read');
    const cookie = res.cookies.find((c) => c.name === 'clinicops_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
  });

  it('refuses a wrong password with one message that names nothing, and audits it', async () => {
    const res = await login(org.users.clinician.email, 'wrong password here');
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().detail).toBe('Email or password is incorrect');
    const ev = await t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('organization_id', '=', org.id)
      .where('actor_user_id', '=', org.users.clinician.id)
      .where('outcome', '=', 'failure')
      .execute();
    expect(ev.length).toBe(1);
    expect(ev[0]?.details).toMatchObject({ reason: 'wrong_password' });
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const email = org.users.staff.email;
    for (let i = 0; i < 3; i++) expect((await login(email, 'not the password!')).statusCode).toBe(401);
    const locked = await login(email);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
  });

  it('rejects a short field with a problem naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'not-an-email', password: '' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('requires sign-in for the API and answers 401 as problem+json with a request id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().requestId).toBe(res.headers['x-request-id']);
  });
});

describe('MFA', () => {
  it('makes a manager enrol, then accepts TOTP and a single-use recovery code', async () => {
    const res = await login(org.users.manager.email);
    expect(res.json().status).toBe('mfa_enrolment_required');
    const s = { cookie: cookieOf(res), csrf: res.json().csrfToken };
    // Pending sessions cannot use the API yet.
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: as(s) })).statusCode).toBe(401);
    const enrol = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: as(s) });
    expect(enrol.statusCode).toBe(200);
    const { secret, qrSvg } = enrol.json();
    expect(qrSvg).toContain('<svg');
    const bad = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/confirm', headers: as(s), payload: { code: '000000' } });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/mfa/confirm',
      headers: as(s),
      payload: { code: generateSync({ secret }) },
    });
    expect(ok.statusCode).toBe(200);
    const codes: string[] = ok.json().recoveryCodes;
    expect(codes).toHaveLength(10);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: as(s) })).statusCode).toBe(200);

    // Next sign-in asks for a code; a recovery code works once.
    const again = await login(org.users.manager.email);
    expect(again.json().status).toBe('mfa_required');
    const s2 = { cookie: cookieOf(again), csrf: again.json().csrfToken };
    const rc = codes[0] ?? '';
    const v = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: as(s2), payload: { code: rc } });
    expect(v.statusCode).toBe(200);
    const third = await login(org.users.manager.email);
    const s3 = { cookie: cookieOf(third), csrf: third.json().csrfToken };
    const reuse = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/verify', headers: as(s3), payload: { code: rc } });
    expect(reuse.statusCode).toBe(400);
    expect(reuse.json().errors[0].field).toBe('code');
    // An enrolled user's half-signed-in session cannot re-enrol (that would bypass MFA).
    const reenrol = await t.app.inject({ method: 'POST', url: '/api/auth/mfa/enrol', headers: as(s3) });
    expect(reenrol.statusCode).toBe(403);
  });
});

describe('sessions, CSRF and tokens', () => {
  it('refuses unsafe requests without the CSRF header', async () => {
    const s = await signIn(t.app, org.users.front_desk.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/tokens',
      headers: { cookie: s.cookie },
      payload: { name: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf');
  });

  it('logs off after the idle timeout', async () => {
    const s2 = await signIn(t.app, org.users.clinician.email);
    await t.db
      .updateTable('sessions')
      .set({ last_seen_at: new Date(Date.now() - 16 * 60_000) })
      .where('user_id', '=', org.users.clinician.id)
      .execute();
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: as(s2) });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });

  it('issues an API token once, accepts it as Bearer, and refuses it after revocation', async () => {
    const s = await signIn(t.app, org.users.front_desk.email);
    const created = await t.app.inject({ method: 'POST', url: '/api/auth/tokens', headers: as(s), payload: { name: 'kiosk' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const stored = await t.db.selectFrom('api_tokens').select('token_hash').where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(token);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe(org.users.front_desk.email);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/auth/tokens/${id}`, headers: as(s) })).statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('uses TOTP at sign-in for an enrolled user', async () => {
    const secret = generateSecret();
    await t.db
      .updateTable('users')
      .set({ mfa_secret: secret, mfa_enabled: true })
      .where('id', '=', org.users.compliance_auditor.id)
      .execute();
    const s = await signIn(t.app, org.users.compliance_auditor.email, secret);
    expect((await t.app.inject({ method: 'GET', url: '/api/audit', headers: as(s) })).statusCode).toBe(200);
  });
});

describe('break-the-glass', () => {
  it('needs a reason, widens facility access for a while, and flags the events', async () => {
    const s = await signIn(t.app, org.users.front_desk.email);
    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/break-glass',
      headers: as(s),
      payload: { reason: 'urgent' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0].field).toBe('reason');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/break-glass',
      headers: as(s),
      payload: { reason: 'Patient collapsed in the lobby, need allergy list', minutes: 30 },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().facilities).toHaveLength(2);
    expect(res.json().breakGlass.reason).toContain('collapsed');
    const ev = await t.db
      .selectFrom('audit_events')
      .select(['action', 'break_glass'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'break_glass.start')
      .executeTakeFirstOrThrow();
    expect(ev.break_glass).toBe(true);
  });
});
