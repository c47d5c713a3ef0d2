import { describe, expect, it } from 'vitest';
import { as, signIn } from './helpers.js';
import { dateInNewYork, manager, org, other, otherManager, post, secret, t, types, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

const get = async (session: typeof manager, url: string) => {
  const res = await t.app.inject({ method: 'GET', url, headers: as(session) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('reference pay (BLS)', () => {
  it('ships the May 2018 figures with their source, and takes a newer year as the organization’s own', async () => {
    const shipped = (await get(manager, '/api/staff/pay-benchmarks')) as {
      industry: string;
      medianAnnualCents: number;
      referenceDate: string;
      projectedGrowthPercent: number | null;
      source: string;
      shipped: boolean;
    }[];
    expect(shipped.map((b) => [b.referenceDate, b.industry, b.medianAnnualCents, b.projectedGrowthPercent])).toEqual([
      ['2018-05-01', 'all', 9_973_000, 18],
      ['2018-05-01', 'government', 11_046_000, null],
      ['2018-05-01', 'hospitals', 10_873_000, null],
      ['2018-05-01', 'nursing_and_residential_care', 8_426_000, null],
    ]);
    expect(shipped.every((b) => b.shipped && b.source.startsWith('US Bureau of Labor Statistics'))).toBe(true);

    const newer = {
      occupation: 'medical_and_health_services_managers',
      referenceDate: '2023-05-01',
      industry: 'all',
      medianAnnualCents: 11_068_000,
      projectedGrowthPercent: 28,
      projectionPeriod: '2022-2032',
      source: 'US Bureau of Labor Statistics, Occupational Outlook Handbook',
    };
    const added = await post(manager, '/api/staff/pay-benchmarks', newer);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ referenceDate: '2023-05-01', shipped: false });
    const list = await get(manager, '/api/staff/pay-benchmarks');
    expect(list[0]).toMatchObject({ referenceDate: '2023-05-01', medianAnnualCents: 11_068_000 });
    const again = await post(manager, '/api/staff/pay-benchmarks', newer);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('referenceDate');
    // another organization keeps the shipped figures only
    expect(
      (await get(otherManager, '/api/staff/pay-benchmarks')).map((b: { referenceDate: string }) => b.referenceDate),
    ).not.toContain('2023-05-01');
    const clinician = await signIn(t.app, org.users.clinician.email, secret);
    expect((await post(clinician, '/api/staff/pay-benchmarks', { ...newer, referenceDate: '2024-05-01' })).statusCode).toBe(403);
  });
});

describe('CMM eligibility rule as data', () => {
  const check = async (session: typeof manager, yearsExperience: number, credits: number) => {
    const res = await post(session, '/api/staff/cmm-eligibility', { yearsExperience, credits });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { eligible: boolean; creditsNeeded: number };
  };

  it('uses the default rule (rules.md 6.1 worked examples) until the manager changes it', async () => {
    expect(await get(manager, '/api/staff/cmm-rule')).toEqual({
      minYearsExperience: 2,
      creditsRequired: 12,
      creditsWaivedPerExtraYear: 1,
      isDefault: true,
      updatedAt: null,
    });
    expect(await check(manager, 1.5, 30)).toMatchObject({ eligible: false });
    expect(await check(manager, 2, 11)).toMatchObject({ eligible: false, creditsNeeded: 12 });
    expect(await check(manager, 5, 9)).toMatchObject({ eligible: true, creditsNeeded: 9 });
    expect(await check(manager, 14, 0)).toMatchObject({ eligible: true, creditsNeeded: 0 });

    // the older third-party reading: 3 years and 12 credits, no waiver
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/staff/cmm-rule',
      headers: as(manager),
      payload: { minYearsExperience: 3, creditsRequired: 12, creditsWaivedPerExtraYear: 0 },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ minYearsExperience: 3, isDefault: false });
    expect(await check(manager, 2, 12)).toMatchObject({ eligible: false });
    expect(await check(manager, 14, 0)).toMatchObject({ eligible: false, creditsNeeded: 12 });
    expect(await check(manager, 3, 12)).toMatchObject({ eligible: true });
    // another organization still has the default
    expect(await check(otherManager, 14, 0)).toMatchObject({ eligible: true });
    const audit = await t.db
      .selectFrom('audit_events')
      .select('details')
      .where('organization_id', '=', org.id)
      .where('action', '=', 'staff.cmm_rule.update')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ previousWasDefault: true, rule: { minYearsExperience: 3 } });
  });
});

describe("facilities' own credentials", () => {
  it('records a CLIA certificate, lists it, alerts on it, and refuses a person’s credential type', async () => {
    const clia = {
      facilityId: org.facilities.a,
      credentialTypeId: types.get('CLIA-WAIVER'),
      number: '36D2024117',
      issuedOn: dateInNewYork(-700),
      expiresOn: dateInNewYork(25),
    };
    const added = await post(manager, '/api/staff/facility-credentials', clia);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json()).toMatchObject({ staffMemberId: null, facilityId: org.facilities.a, state: 'unverified', daysLeft: 25 });
    const listed = await get(manager, '/api/staff/facility-credentials');
    expect(listed.map((c: { number: string }) => c.number)).toContain('36D2024117');
    const alerts = await get(manager, '/api/staff/alerts');
    expect(alerts).toContainEqual(
      expect.objectContaining({ key: `credential:${added.json().id}:30`, staffMemberId: null, holderName: 'Clinic A' }),
    );
    // another organization sees none of it, and may not record one for this facility
    expect(await get(otherManager, '/api/staff/facility-credentials')).toEqual([]);
    const foreign = await post(otherManager, '/api/staff/facility-credentials', { ...clia, credentialTypeId: undefined });
    expect(foreign.statusCode).toBe(400);
    const intoForeign = await post(otherManager, '/api/staff/facility-credentials', {
      ...clia,
      credentialTypeId: (await get(otherManager, '/api/staff/credential-types')).find(
        (t: { code: string }) => t.code === 'CLIA-WAIVER',
      ).id,
    });
    expect(intoForeign.statusCode).toBe(400);
    expect(intoForeign.json().errors).toEqual([{ field: 'facilityId', message: 'is not a facility you manage' }]);

    const wrongType = await post(manager, '/api/staff/facility-credentials', { ...clia, credentialTypeId: types.get('BLS') });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toEqual([
      { field: 'credentialTypeId', message: "is a person's credential, not a facility's" },
    ]);

    // the renewal supersedes it and the alert clears
    const renewal = await post(manager, '/api/staff/facility-credentials', {
      ...clia,
      number: '36D2024117',
      issuedOn: dateInNewYork(20),
      expiresOn: dateInNewYork(20 + 730),
    });
    expect(renewal.statusCode, renewal.body).toBe(201);
    const after = await get(manager, '/api/staff/facility-credentials');
    expect(after.find((c: { id: string }) => c.id === added.json().id)).toMatchObject({ status: 'superseded' });
    expect(
      (await get(manager, '/api/staff/alerts')).some((a: { key: string }) => a.key.startsWith(`credential:${added.json().id}`)),
    ).toBe(false);
    expect(other.id).not.toBe(org.id);
  });
});
