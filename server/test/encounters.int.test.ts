// Encounters through the API: codes checked with indexed field errors, the provider judged by the
// staff module's qualification on the date of service, every read and change audited; and the
// merge of duplicate patient records, which moves encounters, coverages and consents.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { as, createTestOrg, type Session, signIn } from './helpers.js';
import { addCredential, addStaff, manager, org, otherManager, post, secret, t, types, useStaffFixture } from './staff-fixture.js';

useStaffFixture();

const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: as(s) });
const patch = (s: Session, url: string, payload: unknown) => post(s, url, payload, 'PATCH');

async function patient(s: Session, fields: Record<string, unknown> = {}) {
  const res = await post(s, '/api/patients', {
    facilityId: org.facilities.a,
    givenName: 'Iris',
    familyName: `Vale${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1971-05-20',
    sexAtBirth: 'female',
    confirmNotDuplicate: true,
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

async function pa(licensed: boolean) {
  const staff = await addStaff(manager, {
    facilityId: org.facilities.a,
    firstName: 'Megan',
    lastName: `Doyle ${randomUUID().slice(0, 6)}`,
    position: 'physician_assistant',
    employmentType: 'full_time',
    hireDate: '2020-03-01',
  });
  await addCredential(manager, staff.id, { credentialTypeId: types.get('BLS'), number: 'BLS-1', issuedOn: '2026-01-05' });
  if (licensed) {
    await addCredential(manager, staff.id, {
      credentialTypeId: types.get('PA-OH'),
      number: 'PA.1',
      issuedOn: '2025-02-01',
      expiresOn: '2028-01-31',
    });
  }
  return staff as { id: string };
}

const visit = (providerId: string | null, extra: Record<string, unknown> = {}) => ({
  facilityId: org.facilities.a,
  providerId,
  status: 'finished',
  class: 'ambulatory',
  startsAt: '2026-10-14T14:00:00Z',
  endsAt: '2026-10-14T14:25:00Z',
  reason: 'Annual physical and blood pressure follow-up',
  diagnoses: [{ code: 'Z00.00' }, { code: 'i10' }],
  procedures: [
    { code: '99396', diagnosisPointers: [1] },
    { code: '99213', modifiers: ['25'], diagnosisPointers: [2] },
    { code: '36415', diagnosisPointers: [1, 2] },
  ],
  ...extra,
});

async function auditActions(patientId: string) {
  const rows = await t.db.selectFrom('audit_events').select('action').where('patient_id', '=', patientId).execute();
  return rows.map((r) => r.action);
}

describe('encounters', () => {
  it('records a coded visit, lists it with display codes, and audits both', async () => {
    const p = await patient(manager);
    const provider = await pa(true);
    const res = await post(manager, `/api/patients/${p.id}/encounters`, visit(provider.id));
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.diagnoses.map((d: { code: string; display: string }) => [d.code, d.display])).toEqual([
      ['Z0000', 'Z00.00'],
      ['I10', 'I10'],
    ]);
    expect(created.procedures[1]).toMatchObject({ code: '99213', modifiers: ['25'], units: 1, diagnosisPointers: [2] });
    expect(created.providerName).toMatch(/^Megan Doyle/);
    expect(created.warnings).toEqual([]);
    const list = await get(manager, `/api/patients/${p.id}/encounters`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect(await auditActions(p.id)).toEqual(expect.arrayContaining(['patient.encounter.create', 'patient.encounter.view']));
  });

  it('names every faulty code with its indexes and stores nothing', async () => {
    const p = await patient(manager);
    const res = await post(
      manager,
      `/api/patients/${p.id}/encounters`,
      visit(null, {
        status: 'planned',
        startsAt: '2027-01-05T15:00:00Z',
        endsAt: null,
        diagnoses: [{ code: 'E11.9' }, { code: 'E1.19' }],
        procedures: [
          { code: '99214', diagnosisPointers: [1] },
          { code: '9921', modifiers: ['25', 'X'], units: 5, diagnosisPointers: [3] },
        ],
      }),
    );
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'diagnoses[1].code',
      'procedures[1].code',
      'procedures[1].modifiers[1]',
      'procedures[1].diagnosisPointers[0]',
    ]);
    const stored = await t.db.selectFrom('encounters').select('id').where('patient_id', '=', p.id).execute();
    expect(stored).toEqual([]);
  });

  it('refuses an unlicensed provider for a finished visit, and only warns for a planned one', async () => {
    const p = await patient(manager);
    const provider = await pa(false);
    const refused = await post(manager, `/api/patients/${p.id}/encounters`, visit(provider.id));
    expect(refused.statusCode, refused.body).toBe(400);
    const err = refused.json().errors;
    expect(err).toHaveLength(1);
    expect(err[0].field).toBe('providerId');
    expect(err[0].message).toMatch(/not qualified to render a visit on 2026-10-14: Physician assistant licence for OH missing/);

    const planned = await post(
      manager,
      `/api/patients/${p.id}/encounters`,
      visit(provider.id, { status: 'planned', startsAt: '2027-01-05T15:00:00Z', endsAt: null }),
    );
    expect(planned.statusCode, planned.body).toBe(201);
    expect(planned.json().warnings[0]).toMatch(/cannot be finished with this provider/);
    // The list says so too, until the licence is sorted out.
    const listed = (await get(manager, `/api/patients/${p.id}/encounters`)).json();
    expect(listed[0].warnings[0]).toMatch(/cannot be finished with this provider/);

    // Finishing it is the refused case again.
    const finish = await patch(manager, `/api/patients/${p.id}/encounters/${planned.json().id}`, {
      status: 'finished',
      startsAt: '2026-10-20T15:00:00Z',
      endsAt: '2026-10-20T15:20:00Z',
    });
    expect(finish.statusCode, finish.body).toBe(400);
    expect(finish.json().errors[0].field).toBe('providerId');
  });

  it('updates codes (replacing the lists) and audits the change', async () => {
    const p = await patient(manager);
    const provider = await pa(true);
    const created = (await post(manager, `/api/patients/${p.id}/encounters`, visit(provider.id))).json();
    const res = await patch(manager, `/api/patients/${p.id}/encounters/${created.id}`, {
      diagnoses: [{ code: 'J06.9', description: 'Acute upper respiratory infection' }],
      procedures: [{ code: '99213', diagnosisPointers: [1] }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().diagnoses).toEqual([
      { position: 1, code: 'J069', display: 'J06.9', description: 'Acute upper respiratory infection' },
    ]);
    expect(res.json().procedures).toHaveLength(1);
    expect(await auditActions(p.id)).toContain('patient.encounter.update');
    const bad = await patch(manager, `/api/patients/${p.id}/encounters/${created.id}`, {
      procedures: [{ code: '99213', diagnosisPointers: [2] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('procedures[0].diagnosisPointers[0]');
  });

  it("hides another organization's patient and refuses its encounters", async () => {
    const p = await patient(manager);
    expect((await get(otherManager, `/api/patients/${p.id}/encounters`)).statusCode).toBe(404);
    const res = await post(
      otherManager,
      `/api/patients/${p.id}/encounters`,
      visit(null, { status: 'planned', startsAt: '2027-01-05T15:00:00Z', endsAt: null }),
    );
    expect([400, 403, 404]).toContain(res.statusCode);
    const stored = await t.db.selectFrom('encounters').select('id').where('patient_id', '=', p.id).execute();
    expect(stored).toEqual([]);
  });
});

describe('merging duplicate patients', () => {
  it('merges field by field, moves coverages, consents and encounters, and keeps the duplicate marked', async () => {
    const provider = await pa(true);
    const survivor = await patient(manager, { phone: '614-555-0101', alerts: ['Latex allergy'] });
    const dup = await patient(manager, {
      phone: '614-555-0199',
      email: 'iris@example.org',
      ssn: '912-34-5678',
      alerts: ['Fall risk'],
    });
    const coverage = (payerName: string, memberId: string, order = 1) => ({
      payerName,
      payerKind: 'commercial',
      memberId,
      relationship: 'self',
      order,
      effectiveFrom: '2026-01-01',
    });
    expect((await post(manager, `/api/patients/${survivor.id}/coverages`, coverage('Lakeshore Mutual', 'LM1'))).statusCode).toBe(
      201,
    );
    expect((await post(manager, `/api/patients/${dup.id}/coverages`, coverage('Lakeshore Mutual', 'LM1'))).statusCode).toBe(201);
    expect((await post(manager, `/api/patients/${dup.id}/coverages`, coverage('Summit Choice', 'SC1', 2))).statusCode).toBe(201);
    expect((await post(manager, `/api/patients/${dup.id}/consents`, { kind: 'npp', signedOn: '2026-02-01' })).statusCode).toBe(
      201,
    );
    expect((await post(manager, `/api/patients/${dup.id}/encounters`, visit(provider.id))).statusCode).toBe(201);

    const res = await post(manager, `/api/patients/${survivor.id}/merge`, {
      duplicateId: dup.id,
      fields: { phone: 'duplicate' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.survivor.phone).toBe('614-555-0199');
    expect(body.survivor.email).toBe('iris@example.org');
    expect(body.survivor.ssnLast4).toBe('5678');
    expect(body.survivor.alerts).toEqual(['Latex allergy', 'Fall risk']);
    expect(body.moved).toEqual({
      coverages: 2,
      consents: 1,
      encounters: 1,
      accessRequests: 0,
      documents: 0,
      appointments: 0,
      waitlistEntries: 0,
      fhirIdentifiers: 0,
    });
    expect(body.coveragesEnded).toBe(1);

    const merged = (await get(manager, `/api/patients/${dup.id}`)).json();
    expect(merged.status).toBe('merged');
    expect(merged.mergedIntoId).toBe(survivor.id);
    expect((await get(manager, `/api/patients/${survivor.id}/encounters`)).json()).toHaveLength(1);
    const coverages = (await get(manager, `/api/patients/${survivor.id}/coverages`)).json();
    expect(
      coverages
        .filter((c: { active: boolean }) => c.active)
        .map((c: { payerName: string }) => c.payerName)
        .sort(),
    ).toEqual(['Lakeshore Mutual', 'Summit Choice']);
    const history = await t.db.selectFrom('patient_merges').selectAll().where('merged_id', '=', dup.id).executeTakeFirstOrThrow();
    expect(history.survivor_id).toBe(survivor.id);
    expect((history.snapshot as { phone: string }).phone).toBe('614-555-0199');
    expect(await auditActions(dup.id)).toContain('patient.merged_into');
    expect(await auditActions(survivor.id)).toContain('patient.merge');

    // A merged record takes no new data and cannot be merged again.
    expect((await post(manager, `/api/patients/${dup.id}/consents`, { kind: 'npp', signedOn: '2026-02-01' })).statusCode).toBe(
      409,
    );
    const again = await post(manager, `/api/patients/${survivor.id}/merge`, { duplicateId: dup.id });
    expect(again.statusCode).toBe(409);
    const into = await post(manager, `/api/patients/${dup.id}/merge`, { duplicateId: survivor.id });
    expect(into.statusCode).toBe(409);
  });

  it('refuses a merge across organizations and into itself', async () => {
    const mine = await patient(manager);
    const otherOrg = await createTestOrg(t.db, { mfaSecret: secret });
    const otherSession = await signIn(t.app, otherOrg.users.manager.email, secret);
    const theirs = await post(otherSession, '/api/patients', {
      facilityId: otherOrg.facilities.a,
      givenName: 'Iris',
      familyName: 'Vale',
      dateOfBirth: '1971-05-20',
      sexAtBirth: 'female',
      confirmNotDuplicate: true,
    });
    const res = await post(manager, `/api/patients/${mine.id}/merge`, { duplicateId: theirs.json().id });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('duplicateId');
    const self = await post(manager, `/api/patients/${mine.id}/merge`, { duplicateId: mine.id });
    expect(self.statusCode).toBe(400);
    const stillActive = await t.db
      .selectFrom('patients')
      .select('status')
      .where('id', '=', theirs.json().id)
      .executeTakeFirstOrThrow();
    expect(stillActive.status).toBe('active');
  });

  it('serializes two concurrent merges of the same pair: exactly one wins', async () => {
    const a = await patient(manager);
    const b = await patient(manager);
    const [r1, r2] = await Promise.all([
      post(manager, `/api/patients/${a.id}/merge`, { duplicateId: b.id }),
      post(manager, `/api/patients/${b.id}/merge`, { duplicateId: a.id }),
    ]);
    expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 409]);
    const rows = await t.db.selectFrom('patients').select(['id', 'status']).where('id', 'in', [a.id, b.id]).execute();
    expect(rows.filter((r) => r.status === 'merged')).toHaveLength(1);
  });
});
