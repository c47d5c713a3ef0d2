import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, signIn } from './helpers.js';
import {
  addCredential,
  addStaff,
  manager,
  org,
  other,
  otherManager,
  otherTypes,
  post,
  rn,
  secret,
  t,
  types,
  useStaffFixture,
} from './staff-fixture.js';

useStaffFixture();

describe('staff members', () => {
  it('creates an RN, audited, who is not yet qualified for want of a licence', async () => {
    const staff = await addStaff(
      manager,
      rn(org, { npi: '1234567893', payRate: { amountCents: 4150, per: 'hour', effectiveFrom: '2026-01-01' } }),
    );
    expect(staff).toMatchObject({ position: 'rn', npi: '1234567893', qualified: false });
    expect(staff.payRates).toEqual([{ amountCents: 4150, per: 'hour', effectiveFrom: '2026-01-01' }]);
    expect(staff.requirements.map((r: { label: string; state: string }) => [r.label, r.state])).toEqual([
      ['BLS provider (AHA)', 'missing'],
      ['RN licence', 'missing'],
    ]);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'actor_user_id', 'details'])
      .where('entity_id', '=', staff.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'staff.create', actor_user_id: org.users.manager.id });
    // pay stays out of the audit trail
    expect(JSON.stringify(audit[0]?.details)).not.toContain('4150');
    const fetched = await t.app.inject({ method: 'GET', url: `/api/staff/${staff.id}`, headers: as(manager) });
    expect(fetched.json().lastName).toBe(staff.lastName);
    const auditor = await signIn(t.app, org.users.compliance_auditor.email, secret);
    const seenByAuditor = await t.app.inject({ method: 'GET', url: `/api/staff/${staff.id}`, headers: as(auditor) });
    expect(seenByAuditor.json().payRates).toEqual([]);
  });

  it('names each bad field and stores nothing', async () => {
    const count = async () =>
      (await t.db.selectFrom('staff_members').select('id').where('organization_id', '=', org.id).execute()).length;
    const before = await count();
    const bad = await post(
      manager,
      '/api/staff',
      rn(org, { firstName: '', hireDate: '2026-02-30', employmentType: 'sometimes' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['firstName', 'hireDate', 'employmentType']),
    );
    const npi = await post(manager, '/api/staff', rn(org, { npi: '1234567890' }));
    expect(npi.statusCode).toBe(400);
    expect(npi.json().errors).toEqual([{ field: 'npi', message: 'is not a valid NPI (the check digit does not match)' }]);
    const foreignUser = await post(
      manager,
      '/api/staff',
      rn(org, { userId: other.users.staff.id, facilityId: other.facilities.a }),
    );
    expect(foreignUser.statusCode).toBe(400);
    expect(
      foreignUser
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['facilityId', 'userId']);
    await addStaff(manager, rn(org, { userId: org.users.staff.id, position: 'cna' }));
    const twice = await post(manager, '/api/staff', rn(org, { userId: org.users.staff.id }));
    expect(twice.json().errors).toEqual([{ field: 'userId', message: 'is already linked to another staff member' }]);
    expect(await count()).toBe(before + 1);
  });

  it('refuses a credential that expires before it was issued, naming expiresOn', async () => {
    const staff = await addStaff(manager, rn(org));
    const res = await post(manager, `/api/staff/${staff.id}/credentials`, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.1',
      issuedOn: '2026-05-01',
      expiresOn: '2026-04-30',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['expiresOn']);
    const good = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('RN-OH'),
      number: 'RN.2',
      issuedOn: '2025-05-01',
      expiresOn: '2027-04-30',
    });
    const renewal = await post(manager, `/api/staff/credentials/${good.id}`, { issuedOn: '2027-06-01' }, 'PATCH');
    expect(renewal.statusCode).toBe(400);
    expect(renewal.json().errors[0].field).toBe('expiresOn');
    const stored = await t.db.selectFrom('staff_credentials').select('id').where('staff_member_id', '=', staff.id).execute();
    expect(stored).toHaveLength(1);
  });

  it("answers 404 for another organization's records and refuses its catalogue", async () => {
    const foreign = await addStaff(otherManager, rn(other));
    const foreignCredential = await addCredential(otherManager, foreign.id, {
      credentialTypeId: otherTypes.get('RN-OH'),
      number: 'RN.9',
      issuedOn: '2025-01-01',
      expiresOn: '2027-01-01',
    });
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/${foreign.id}`, headers: as(manager) })).statusCode).toBe(404);
    expect((await post(manager, `/api/staff/${foreign.id}`, { firstName: 'X' }, 'PATCH')).statusCode).toBe(404);
    const cred = { credentialTypeId: types.get('BLS'), number: 'B', issuedOn: '2025-01-01' };
    expect((await post(manager, `/api/staff/${foreign.id}/credentials`, cred)).statusCode).toBe(404);
    expect(
      (await post(manager, `/api/staff/credentials/${foreignCredential.id}`, { number: 'hijack' }, 'PATCH')).statusCode,
    ).toBe(404);
    expect(
      (await post(manager, `/api/staff/credentials/${foreignCredential.id}/verify`, { method: 'document' })).statusCode,
    ).toBe(404);
    const own = await addStaff(manager, rn(org));
    const wrongType = await post(manager, `/api/staff/${own.id}/credentials`, {
      ...cred,
      credentialTypeId: otherTypes.get('BLS'),
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors[0].field).toBe('credentialTypeId');
    const untouched = await t.db
      .selectFrom('staff_credentials')
      .select('number')
      .where('id', '=', foreignCredential.id)
      .executeTakeFirst();
    expect(untouched?.number).toBe('RN.9');
  });

  it('shows a person only to those who may see their facility', async () => {
    const atB = await addStaff(manager, rn(org, { facilityId: org.facilities.b, lastName: `Home-${randomUUID().slice(0, 6)}` }));
    const narrowed = await post(manager, `/api/users/${org.users.clinician.id}`, { facilityIds: [org.facilities.a] }, 'PATCH');
    expect(narrowed.statusCode, narrowed.body).toBe(200);
    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    const list = await t.app.inject({ method: 'GET', url: '/api/staff', headers: as(clinician) });
    expect(list.statusCode).toBe(200);
    expect(list.json().every((s: { facilityId: string }) => s.facilityId === org.facilities.a)).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: `/api/staff/${atB.id}`, headers: as(clinician) })).statusCode).toBe(404);
    const all = await t.app.inject({ method: 'GET', url: `/api/staff?q=${atB.lastName}`, headers: as(manager) });
    expect(all.json().map((s: { id: string }) => s.id)).toEqual([atB.id]);
    // moving a person moves their credentials with them
    await addCredential(manager, atB.id, { credentialTypeId: types.get('BLS'), number: 'BLS-M', issuedOn: '2026-01-05' });
    const moved = await post(manager, `/api/staff/${atB.id}`, { facilityId: org.facilities.a }, 'PATCH');
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = await t.app.inject({ method: 'GET', url: `/api/staff/${atB.id}`, headers: as(clinician) });
    expect(seen.json().credentials.map((c: { number: string }) => c.number)).toEqual(['BLS-M']);
    // reading is not writing
    expect((await post(clinician, '/api/staff', rn(org))).statusCode).toBe(403);
  });
});
