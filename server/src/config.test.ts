import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const c = loadConfig({}, '/srv/clinicops');
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      dataDir: '/srv/clinicops/data',
      demo: true,
      idleTimeoutSeconds: 900,
      tls: false,
    });
    expect(c.mfaRequiredRoles).toEqual(['manager', 'billing']);
  });
  it('reads CLINICOPS_JOBS as all, none or a list of job names', () => {
    expect(loadConfig({}).jobs).toBe('all');
    expect(loadConfig({ CLINICOPS_JOBS: 'false' }).jobs).toEqual([]);
    expect(loadConfig({ CLINICOPS_JOBS: 'rostering-solve,email-send' }).jobs).toEqual(['rostering-solve', 'email-send']);
    expect(() => loadConfig({ CLINICOPS_JOBS: 'solve, mail' })).toThrow(/CLINICOPS_JOBS/);
  });
  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', CLINICOPS_ADMIN_PASSWORD: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', CLINICOPS_ADMIN_PASSWORD: 'short' });
    } catch (e) {
      expect((e as Error).message).toContain('PORT');
      expect((e as Error).message).toContain('CLINICOPS_ADMIN_PASSWORD');
    }
  });
  it('rejects unknown MFA roles and turns on TLS behaviour for https', () => {
    expect(() => loadConfig({ CLINICOPS_MFA_REQUIRED_ROLES: 'manager,wizard' })).toThrow(/wizard/);
    expect(loadConfig({ CLINICOPS_PUBLIC_URL: 'https://clinic.example.org', CLINICOPS_DEMO: '0' })).toMatchObject({
      tls: true,
      demo: false,
    });
  });
  it('reads the SMTP server for outgoing email, and holds email without one', () => {
    expect(loadConfig({}).smtpUrl).toBeUndefined();
    expect(loadConfig({ CLINICOPS_SMTP_URL: 'smtps://alerts:secret@mail.example.org:465' }).smtpUrl).toBe(
      'smtps://alerts:secret@mail.example.org:465',
    );
    expect(() => loadConfig({ CLINICOPS_SMTP_URL: 'mail.example.org' })).toThrow(/CLINICOPS_SMTP_URL/);
  });
});
