import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestOrg, PASSWORD, signIn, type TestOrg, testApp, testConfig } from './helpers.js';

let org: TestOrg;
const secret = generateSecret();

beforeAll(async () => {
  const t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
});

describe('HTTP security', () => {
  it('sends HSTS and Secure cookies behind TLS, and neither on plain HTTP', async () => {
    const tls = await testApp(testConfig({ CLINICOPS_PUBLIC_URL: 'https://clinic.example.org' }));
    const res = await tls.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.users.clinician.email, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
    expect(res.cookies.find((c) => c.name === 'clinicops_session')?.secure).toBe(true);
    const plain = await testApp();
    const res2 = await plain.app.inject({ method: 'GET', url: '/api/health' });
    expect(res2.headers['strict-transport-security']).toBeUndefined();
    expect(res2.headers['x-frame-options']).toBe('DENY');
    expect(res2.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('rate-limits sign-in per client address with a problem+json 429', async () => {
    const t = await testApp(testConfig({ CLINICOPS_LOGIN_RATE_PER_MINUTE: '3' }));
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@example.org', password: 'whatever it is' },
      });
      codes.push(r.statusCode);
      if (r.statusCode === 429) expect(r.json().code).toBe('rate_limited');
    }
    expect(codes).toEqual([401, 401, 401, 429]);
  });

  it('lets a manager review emergency access once', async () => {
    const t = await testApp();
    const fd = await signIn(t.app, org.users.front_desk.email, secret);
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/break-glass',
      headers: as(fd),
      payload: { reason: 'Resident fell, need medication list now' },
    });
    const manager = await signIn(t.app, org.users.manager.email, secret);
    const list = await t.app.inject({ method: 'GET', url: '/api/audit/break-glass', headers: as(manager) });
    const access = list.json().find((b: { userId: string }) => b.userId === org.users.front_desk.id);
    expect(access.reviewedAt).toBeNull();
    const review = () =>
      t.app.inject({
        method: 'POST',
        url: `/api/audit/break-glass/${access.id}/review`,
        headers: as(manager),
        payload: { note: 'Confirmed with the charge nurse' },
      });
    expect((await review()).statusCode).toBe(204);
    const again = await review();
    expect(again.statusCode).toBe(409);
    const auditor = await signIn(t.app, org.users.compliance_auditor.email, secret);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/audit/break-glass/${access.id}/review`,
      headers: as(auditor),
      payload: { note: 'x'.repeat(5) },
    });
    expect(denied.statusCode).toBe(403);
  });
});
