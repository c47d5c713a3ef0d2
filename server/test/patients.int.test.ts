import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let other: TestOrg;
let manager: Session;
let frontDesk: Session;
let auditor: Session;
let otherManager: Session;
const secret = generateSecret();
const tag = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  auditor = await signIn(t.app, org.users.compliance_auditor.email, secret);
  otherManager = await signIn(t.app, other.users.manager.email, secret);
});

const post = (s: Session, url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: as(s), payload: payload as object });
const get = (s: Session, url: string) => t.app.inject({ method: 'GET', url, headers: as(s) });
const search = async (s: Session, q: string) => {
  const res = await get(s, `/api/patients?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; familyName: string; givenName: string }[];
};

async function register(s: Session, fields: Record<string, unknown>) {
  const res = await post(s, '/api/patients', {
    facilityId: org.facilities.a,
    sexAtBirth: 'female',
    confirmNotDuplicate: true,
    ...fields,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; mrn: string; ssnLast4: string | null; familyName: string };
}

describe('patient registration and search', () => {
  const family = `Müller${tag()}`;
  let zoe: { id: string; mrn: string };

  beforeAll(async () => {
    zoe = await register(frontDesk, {
      givenName: 'Zoë',
      familyName: family,
      dateOfBirth: '1979-04-12',
      phone: '(614) 555-0142',
      ssn: '912-34-5678',
    });
  });

  it('generates an 8-digit MRN with a check digit', () => {
    expect(zoe.mrn).toMatch(/^\d{8}$/);
  });

  it('finds by partial name, whatever the case and accents', async () => {
    const bare = family.replace('ü', 'u');
    for (const q of [
      family.slice(0, 8),
      bare.toLowerCase(),
      bare.toUpperCase().slice(0, 9),
      `${bare}, zo`,
      `zoe ${bare.slice(0, 7)}`,
    ]) {
      expect(
        (await search(frontDesk, q)).map((p) => p.id),
        q,
      ).toContain(zoe.id);
    }
    expect((await search(frontDesk, `${bare}, Anna`)).map((p) => p.id)).not.toContain(zoe.id);
  });

  it('finds by date of birth in ISO or US form, by MRN and by phone', async () => {
    for (const q of ['1979-04-12', '04/12/1979', '4/12/79', zoe.mrn, '614-555-0142', '6145550142']) {
      expect(
        (await search(frontDesk, q)).map((p) => p.id),
        q,
      ).toContain(zoe.id);
    }
  });

  it('treats LIKE wildcards as text', async () => {
    expect(await search(frontDesk, '%')).toEqual([]);
    expect(await search(frontDesk, '_')).toEqual([]);
  });

  it('stores the SSN encrypted and shows only its last four digits', async () => {
    const res = await get(frontDesk, `/api/patients/${zoe.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().ssnLast4).toBe('5678');
    expect(res.body).not.toContain('912345678');
    expect(res.body).not.toContain('912-34');
    const { rows } = await sql<{ row: string }>`SELECT p::text AS row FROM patients p WHERE id = ${zoe.id}`.execute(t.db);
    expect(rows[0]?.row).not.toMatch(/912-?34-?5678/);
    expect(rows[0]?.row).toContain('v1:');
  });

  it('writes a patient.view audit event with the patient id for every view', async () => {
    await get(frontDesk, `/api/patients/${zoe.id}`);
    await get(manager, `/api/patients/${zoe.id}`);
    const views = await t.db
      .selectFrom('audit_events')
      .select(['actor_user_id', 'patient_id'])
      .where('organization_id', '=', org.id)
      .where('action', '=', 'patient.view')
      .where('patient_id', '=', zoe.id)
      .execute();
    expect(views.map((v) => v.actor_user_id)).toEqual(expect.arrayContaining([org.users.front_desk.id, org.users.manager.id]));
    const history = await get(auditor, `/api/patients/${zoe.id}/access-history`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['patient.create', 'patient.view', 'patient.access_history.view']),
    );
    expect((await get(frontDesk, `/api/patients/${zoe.id}/access-history`)).statusCode).toBe(403);
    const viewer = await get(manager, `/api/audit?patientId=${zoe.id}`);
    expect(viewer.statusCode).toBe(200);
    expect(viewer.json().total).toBeGreaterThanOrEqual(3);
  });

  it('answers 409 with possible duplicates unless confirmed', async () => {
    const body = {
      facilityId: org.facilities.a,
      givenName: 'Zoe',
      familyName: family.replace('ü', 'u'),
      dateOfBirth: '1979-04-12',
      sexAtBirth: 'female',
    };
    const before = await t.db
      .selectFrom('patients')
      .select(t.db.fn.countAll<number>().as('n'))
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const res = await post(frontDesk, '/api/patients', body);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().code).toBe('possible_duplicates');
    const [dup] = res.json().duplicates;
    expect(dup.id).toBe(zoe.id);
    expect(dup.reasons).toEqual(['same name', 'same date of birth']);
    const after = await t.db
      .selectFrom('patients')
      .select(t.db.fn.countAll<number>().as('n'))
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    const confirmed = await post(frontDesk, '/api/patients', { ...body, confirmNotDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('refuses bad input naming each field, and stores nothing', async () => {
    const before = await t.db
      .selectFrom('patients')
      .select(t.db.fn.countAll<number>().as('n'))
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    const res = await post(frontDesk, '/api/patients', {
      facilityId: org.facilities.a,
      givenName: '',
      familyName: 'X',
      dateOfBirth: '1979-02-30',
      sexAtBirth: 'robot',
      phone: '12',
      email: 'not-an-email',
      ssn: '12345',
      postalCode: 'ABCDE',
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['givenName', 'dateOfBirth', 'sexAtBirth', 'phone', 'email', 'ssn', 'postalCode']),
    );
    const future = await post(frontDesk, '/api/patients', {
      facilityId: org.facilities.a,
      givenName: 'A',
      familyName: 'B',
      dateOfBirth: '2999-01-01',
      sexAtBirth: 'male',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('dateOfBirth');
    const after = await t.db
      .selectFrom('patients')
      .select(t.db.fn.countAll<number>().as('n'))
      .where('organization_id', '=', org.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it("hides another organization's patients: 404, and absent from search", async () => {
    expect((await get(otherManager, `/api/patients/${zoe.id}`)).statusCode).toBe(404);
    expect(await search(otherManager, family)).toEqual([]);
  });

  it('scopes by facility: the front desk of facility A does not see facility B', async () => {
    const b = await post(manager, '/api/patients', {
      facilityId: org.facilities.b,
      givenName: 'Walter',
      familyName: `Brönner${tag()}`,
      dateOfBirth: '1931-08-02',
      sexAtBirth: 'male',
      confirmNotDuplicate: true,
    });
    expect(b.statusCode, b.body).toBe(201);
    const resident = b.json();
    expect((await search(manager, resident.familyName)).map((p) => p.id)).toContain(resident.id);
    expect(await search(frontDesk, resident.familyName)).toEqual([]);
    expect((await get(frontDesk, `/api/patients/${resident.id}`)).statusCode).toBe(404);
    const denied = await post(frontDesk, '/api/patients', {
      facilityId: org.facilities.b,
      givenName: 'A',
      familyName: 'B',
      dateOfBirth: '1990-01-01',
      sexAtBirth: 'male',
    });
    expect(denied.statusCode).toBe(403);
    expect((await get(frontDesk, `/api/patients?q=x&facilityId=${org.facilities.b}`)).statusCode).toBe(403);
  });
});

describe('updates, coverages and consents', () => {
  it('updates demographics and status, replaces and clears the SSN', async () => {
    const p = await register(frontDesk, {
      givenName: 'Renée',
      familyName: `Côté${tag()}`,
      dateOfBirth: '1990-06-01',
      ssn: '923456789',
    });
    const patch = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: `/api/patients/${p.id}`, headers: as(frontDesk), payload });
    const r1 = await patch({ phone: '614 555 0199', ssn: '934-56-7890', status: 'inactive' });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ phone: '614 555 0199', ssnLast4: '7890', status: 'inactive' });
    expect((await patch({ ssn: null })).json().ssnLast4).toBeNull();
    const cleared = await patch({ email: 'Renee@Example.org', state: 'oh' });
    expect(cleared.json()).toMatchObject({ email: 'renee@example.org', state: 'OH' });
    expect((await patch({ email: null, state: null })).json()).toMatchObject({ email: null, state: null });
    expect((await patch({ mrn: '12345678' })).statusCode).toBe(400);
    const actions = await t.db.selectFrom('audit_events').select('action').where('patient_id', '=', p.id).execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['patient.create', 'patient.status_change', 'patient.update']),
    );
  });

  it('keeps one active coverage per order and a primary before a secondary', async () => {
    const p = await register(frontDesk, {
      givenName: 'José',
      familyName: `García${tag()}`,
      dateOfBirth: '1950-02-02',
      sexAtBirth: 'male',
    });
    const url = `/api/patients/${p.id}/coverages`;
    const medicare = {
      payerName: 'Medicare',
      payerKind: 'medicare',
      relationship: 'self',
      order: 1,
      effectiveFrom: '2015-02-01',
    };
    const secondaryFirst = await post(frontDesk, url, {
      ...medicare,
      order: 2,
      payerName: 'Lakeshore Mutual',
      payerKind: 'commercial',
    });
    expect(secondaryFirst.statusCode).toBe(400);
    expect(secondaryFirst.json().errors[0].field).toBe('order');
    const primary = await post(frontDesk, url, medicare);
    expect(primary.statusCode, primary.body).toBe(201);
    expect((await post(frontDesk, url, medicare)).statusCode).toBe(400);
    const badDates = await post(frontDesk, url, { ...medicare, order: 2, effectiveTo: '2010-01-01' });
    expect(badDates.json().errors.map((e: { field: string }) => e.field)).toContain('effectiveTo');
    const ended = await t.app.inject({
      method: 'PATCH',
      url: `${url}/${primary.json().id}`,
      headers: as(frontDesk),
      payload: { active: false, effectiveTo: '2025-12-31' },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await post(frontDesk, url, { ...medicare, effectiveFrom: '2026-01-01' })).statusCode).toBe(201);
    const list = await get(frontDesk, url);
    expect(list.json()).toHaveLength(2);
  });

  it('records consents with their dates', async () => {
    const p = await register(frontDesk, { givenName: 'Aisha', familyName: `Okonkwo${tag()}`, dateOfBirth: '2001-09-09' });
    const url = `/api/patients/${p.id}/consents`;
    expect((await post(frontDesk, url, { kind: 'npp', signedOn: '2026-01-15' })).statusCode).toBe(201);
    expect((await post(frontDesk, url, { kind: 'npp', signedOn: '2999-01-15' })).statusCode).toBe(400);
    expect((await post(frontDesk, url, { kind: 'marketing', signedOn: '2026-01-15' })).statusCode).toBe(400);
    const list = await get(frontDesk, url);
    expect(list.json().map((c: { kind: string }) => c.kind)).toEqual(['npp']);
  });
});
