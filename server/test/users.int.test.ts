import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, cookieOf, createTestOrg, PASSWORD, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let other: TestOrg;
let manager: Session;
const secret = generateSecret();

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db);
  manager = await signIn(t.app, org.users.manager.email, secret);
});

describe('user administration', () => {
  it('invites a user with a temporary password, who can then sign in', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(manager),
      payload: {
        email: `New.Nurse.${org.id.slice(0, 6)}@Example.org`,
        displayName: 'New Nurse',
        roles: ['clinician'],
        facilityIds: [org.facilities.b],
      },
    });
    expect(res.statusCode).toBe(201);
    const { user, temporaryPassword } = res.json();
    expect(user.email).toBe(`new.nurse.${org.id.slice(0, 6)}@example.org`);
    expect(user.facilityIds).toEqual([org.facilities.b]);
    expect(temporaryPassword).toMatch(/^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: user.email, password: temporaryPassword },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().me.user.mustChangePassword).toBe(true);
    // Until the temporary password is replaced, only the password change works.
    const s = { cookie: cookieOf(login), csrf: login.json().csrfToken };
    const blocked = await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: as(s) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: as(s),
      payload: { currentPassword: temporaryPassword, newPassword: 'my own long passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: as(s) })).statusCode).toBe(200);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id'])
      .where('entity_id', '=', user.id)
      .execute();
    expect(audit).toContainEqual({ action: 'user.create', actor_user_id: org.users.manager.id });
  });

  it('names each bad field and stores nothing', async () => {
    const before = await t.db.selectFrom('users').select('id').where('organization_id', '=', org.id).execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(manager),
      payload: { email: 'nope', displayName: '', roles: ['wizard'], facilityIds: [], password: 'short' },
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'displayName', 'facilityIds', 'password']));
    expect(fields.some((f: string) => f.startsWith('roles'))).toBe(true);
    const after = await t.db.selectFrom('users').select('id').where('organization_id', '=', org.id).execute();
    expect(after.length).toBe(before.length);
  });

  it('refuses a duplicate email and a facility of another organization', async () => {
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(manager),
      payload: { email: org.users.staff.email, displayName: 'Dup', roles: ['staff'], facilityIds: [org.facilities.a] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toEqual({ field: 'email', message: 'is already used by another account' });
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: as(manager),
      payload: {
        email: `x.${org.id.slice(0, 6)}@example.org`,
        displayName: 'X',
        roles: ['staff'],
        facilityIds: [other.facilities.a],
      },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('facilityIds[0]');
  });

  it('does not show or change users of another organization', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/users/${other.users.staff.id}`, headers: as(manager) });
    expect(res.statusCode).toBe(404);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${other.users.staff.id}`,
      headers: as(manager),
      payload: { active: false },
    });
    expect(patch.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: as(manager) });
    expect(list.json().map((u: { id: string }) => u.id)).not.toContain(other.users.staff.id);
  });

  it('deactivates a user, ends their sessions, and keeps the last manager', async () => {
    const staff = await signIn(t.app, org.users.staff.email, secret);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${org.users.staff.id}`,
      headers: as(manager),
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: as(staff) })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: org.users.staff.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(401);
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${org.users.manager.id}`,
      headers: as(manager),
      payload: { roles: ['billing'] },
    });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0]).toEqual({ field: 'roles', message: 'the organization must keep at least one active manager' });
  });

  it('limits a role without users:write to reading nothing of users', async () => {
    const fd = await signIn(t.app, org.users.front_desk.email, secret);
    const res = await t.app.inject({ method: 'GET', url: '/api/users', headers: as(fd) });
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toContain('users:read');
  });
});
