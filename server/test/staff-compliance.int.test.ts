import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as } from './helpers.js';
import { addCredential, addStaff, dateInNewYork, manager, org, post, rn, t, types, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

describe('compliance', () => {
  it('builds the matrix with every status, and the dashboard counts them', async () => {
    const tag = randomUUID().slice(0, 6);
    const people = {
      expiring: await addStaff(manager, rn(org, { lastName: `Expiring-${tag}` })),
      expired: await addStaff(manager, rn(org, { lastName: `Expired-${tag}` })),
      unverified: await addStaff(manager, rn(org, { lastName: `Unverified-${tag}` })),
      otherState: await addStaff(manager, rn(org, { lastName: `Indiana-${tag}` })),
      compact: await addStaff(manager, rn(org, { lastName: `Compact-${tag}` })),
    };
    const licence = (expiresIn: number, code = 'RN-OH', extra = {}) => ({
      credentialTypeId: types.get(code),
      number: `RN-${randomUUID().slice(0, 8)}`,
      issuedOn: dateInNewYork(expiresIn - 700),
      expiresOn: dateInNewYork(expiresIn),
      ...extra,
    });
    const bls = { credentialTypeId: types.get('BLS'), number: 'BLS-1', issuedOn: dateInNewYork(-100) };
    for (const p of Object.values(people)) await addCredential(manager, p.id, bls);
    await addCredential(manager, people.expiring.id, licence(20));
    const lapsed = await addCredential(manager, people.expired.id, licence(-25));
    await addCredential(manager, people.unverified.id, licence(300), false);
    await addCredential(manager, people.otherState.id, licence(300, 'RN-IN'));
    await addCredential(manager, people.compact.id, licence(300, 'RN-KY', { multistate: true }));

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/staff/compliance?facilityId=${org.facilities.a}&position=rn`,
      headers: as(manager),
    });
    expect(res.statusCode, res.body).toBe(200);
    const matrix = res.json();
    const rnColumn = matrix.columns.findIndex((c: { family: string }) => c.family === 'RN');
    const cell = (id: string) => matrix.rows.find((r: { staffMemberId: string }) => r.staffMemberId === id);
    expect(cell(people.expiring.id).cells[rnColumn]).toMatchObject({ state: 'expiring_30', daysLeft: 20 });
    expect(cell(people.expiring.id).qualified).toBe(true);
    expect(cell(people.expired.id).cells[rnColumn].reasons).toEqual([`RN licence (OH) expired ${dateInNewYork(-25)}`]);
    expect(cell(people.expired.id).qualified).toBe(false);
    expect(cell(people.unverified.id).cells[rnColumn].state).toBe('unverified');
    expect(cell(people.otherState.id).cells[rnColumn]).toMatchObject({
      state: 'missing',
      reasons: ['RN licence for OH (holds IN) missing'],
    });
    expect(cell(people.compact.id).cells[rnColumn].state).toBe('valid');

    const expiredOnly = await t.app.inject({ method: 'GET', url: '/api/staff/compliance?state=expired', headers: as(manager) });
    expect(expiredOnly.json().rows.map((r: { staffMemberId: string }) => r.staffMemberId)).toContain(people.expired.id);
    expect(expiredOnly.json().rows.map((r: { staffMemberId: string }) => r.staffMemberId)).not.toContain(people.expiring.id);

    const dashboard = (await t.app.inject({ method: 'GET', url: '/api/dashboard', headers: as(manager) })).json();
    const card = (key: string) => dashboard.cards.find((c: { key: string }) => c.key === key);
    expect(Number(card('staff.credentials-expired').value)).toBeGreaterThanOrEqual(1);
    expect(Number(card('staff.credentials-expiring').value)).toBeGreaterThanOrEqual(1);
    expect(Number(card('staff.credentials-unverified').value)).toBeGreaterThanOrEqual(1);

    // A renewal clears the expired status, and must be verified again.
    const renewed = await post(
      manager,
      `/api/staff/credentials/${lapsed.id}`,
      { issuedOn: dateInNewYork(-1), expiresOn: dateInNewYork(729) },
      'PATCH',
    );
    expect(renewed.json()).toMatchObject({ state: 'unverified', verifiedAt: null });
    const actions = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', lapsed.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'staff.credential.create',
      'staff.credential.verify',
      'staff.credential.update',
    ]);
  });

  it('lets a renewal recorded as a new credential supersede the lapsed one', async () => {
    const staff = await addStaff(manager, rn(org));
    const old = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('BLS'),
      number: 'B-1',
      issuedOn: dateInNewYork(-800),
      expiresOn: dateInNewYork(-10),
    });
    expect(old.state).toBe('expired');
    await addCredential(manager, staff.id, { credentialTypeId: types.get('BLS'), number: 'B-2', issuedOn: dateInNewYork(-2) });
    const detail = (await t.app.inject({ method: 'GET', url: `/api/staff/${staff.id}`, headers: as(manager) })).json();
    const byNumber = Object.fromEntries(
      detail.credentials.map((c: { number: string; status: string; expiresOn: string }) => [c.number, c]),
    );
    expect(byNumber['B-1'].status).toBe('superseded');
    // the AHA end-of-month rule filled in the expiry
    expect(byNumber['B-2'].expiresOn).toMatch(/-(28|29|30|31)$/);
    expect(detail.requirements.find((r: { family: string }) => r.family === 'BLS').state).toBe('valid');
  });

  it('tracks CE towards a CMM renewal and answers the eligibility calculator', async () => {
    const staff = await addStaff(manager, rn(org, { position: 'office_manager', flsaExempt: true }));
    const cmm = await addCredential(manager, staff.id, {
      credentialTypeId: types.get('CMM'),
      number: 'CMM-1',
      issuedOn: dateInNewYork(-365),
      expiresOn: dateInNewYork(365),
    });
    const ce = await post(manager, `/api/staff/${staff.id}/ce-records`, {
      credentialId: cmm.id,
      completedOn: dateInNewYork(-30),
      provider: 'PAHCOM',
      title: 'Payer contracts',
      units: 3,
      category: 'approved',
    });
    expect(ce.statusCode, ce.body).toBe(201);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/staff/${staff.id}`, headers: as(manager) })).json();
    expect(detail.ceProgress[0]).toMatchObject({ unitsEarned: 3, approvedEarned: 3, unitsRequired: 24, complete: false });
    expect(detail.ceProgress[0].projectedNonCompliance).toBe(dateInNewYork(366));
    const calc = await post(manager, '/api/staff/cmm-eligibility', { yearsExperience: 5, credits: 9 });
    expect(calc.json()).toMatchObject({ eligible: true, creditsNeeded: 9 });
  });
});
