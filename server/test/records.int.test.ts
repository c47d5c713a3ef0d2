// Right-of-access export (FHIR Bundle and PDF) recorded as a disclosure, and retention settings
// with the computed "retain until" date.
import { randomUUID } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirErrors } from './fhir-validator.js';
import { as, createTestOrg, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let manager: Session;
let frontDesk: Session;
let other: Session;
const secret = generateSecret();

beforeAll(async () => {
  t = await testApp();
  org = await createTestOrg(t.db, { mfaSecret: secret });
  const otherOrg = await createTestOrg(t.db, { mfaSecret: secret });
  manager = await signIn(t.app, org.users.manager.email, secret);
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
  other = await signIn(t.app, otherOrg.users.manager.email, secret);
});

const req = (s: Session, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: as(s), ...(payload ? { payload: payload as object } : {}) });

async function patientWithVisit(dateOfBirth = '1971-05-20') {
  const p = await req(manager, 'POST', '/api/patients', {
    facilityId: org.facilities.a,
    givenName: 'Zoë',
    familyName: `Müller${randomUUID().slice(0, 4)}`,
    dateOfBirth,
    sexAtBirth: 'female',
    ssn: '912-34-5678',
    confirmNotDuplicate: true,
  });
  expect(p.statusCode, p.body).toBe(201);
  const id = p.json().id as string;
  expect(
    (
      await req(manager, 'POST', `/api/patients/${id}/coverages`, {
        payerName: 'Lakeshore Mutual',
        payerKind: 'commercial',
        memberId: 'LM1',
        relationship: 'self',
        order: 1,
        effectiveFrom: '2026-01-01',
      })
    ).statusCode,
  ).toBe(201);
  expect((await req(manager, 'POST', `/api/patients/${id}/consents`, { kind: 'npp', signedOn: '2026-01-02' })).statusCode).toBe(
    201,
  );
  const e = await req(manager, 'POST', `/api/patients/${id}/encounters`, {
    facilityId: org.facilities.a,
    providerId: null,
    status: 'in_progress',
    startsAt: '2026-10-14T14:00:00Z',
    diagnoses: [{ code: 'J06.9' }],
    procedures: [{ code: '99213', diagnosisPointers: [1] }],
  });
  expect(e.statusCode, e.body).toBe(201);
  return id;
}

describe('right of access export', () => {
  it('gives a FHIR R4 collection Bundle and records the disclosure', async () => {
    const id = await patientWithVisit();
    const res = await req(frontDesk, 'GET', `/api/patients/${id}/export?format=fhir`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/fhir+json');
    const bundle = res.json();
    expect(bundle.type).toBe('collection');
    expect(bundle.entry.map((e: { resource: { resourceType: string } }) => e.resource.resourceType)).toEqual([
      'Patient',
      'Coverage',
      'Encounter',
      'Condition',
      'Procedure',
      'Consent',
    ]);
    expect(res.body).not.toContain('5678');
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'details', 'actor_user_id'])
      .where('patient_id', '=', id)
      .where('action', '=', 'patient.export')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ format: 'fhir', disclosure: 'right_of_access', encounters: 1 });
    expect(audit[0]?.actor_user_id).toBe(org.users.front_desk.id);
  });

  it('passes the third-party FHIR validator whole, with the /fhir/R4 mapping of Patient, Coverage, Encounter', async () => {
    const id = await patientWithVisit();
    // A record received over FHIR without a birth date or given name exports too, leaving them out.
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/fhir/R4/Patient',
      headers: { ...as(manager), 'content-type': 'application/fhir+json', 'clinicops-confirm-not-duplicate': 'true' },
      payload: JSON.stringify({ resourceType: 'Patient', name: [{ family: 'Nogiven' }], gender: 'female' }),
    });
    expect(unknown.statusCode, unknown.body).toBe(201);
    for (const patientId of [id, (unknown.json() as Resource).id as string]) {
      const res = await req(manager, 'GET', `/api/patients/${patientId}/export?format=fhir`);
      expect(res.statusCode, res.body).toBe(200);
      const bundle = res.json() as Bundle;
      expect(fhirErrors(bundle)).toEqual([]);
      for (const e of bundle.entry ?? []) expect(fhirErrors(e.resource as Resource), e.resource?.resourceType).toEqual([]);
      // One mapping: what the export holds is what the API answers (less references to outside it).
      for (const r of (bundle.entry ?? []).map((e) => e.resource as Resource & Record<string, unknown>)) {
        if (!['Patient', 'Coverage', 'Encounter'].includes(r.resourceType)) continue;
        const api = await t.app.inject({ method: 'GET', url: `/fhir/R4/${r.resourceType}/${r.id}`, headers: as(manager) });
        expect(api.statusCode, api.body).toBe(200);
        const a = api.json() as Record<string, unknown>;
        for (const key of ['identifier', 'name', 'birthDate', 'gender', 'status', 'period', 'payor', 'class', 'reasonCode']) {
          expect(r[key], `${r.resourceType}.${key}`).toEqual(a[key]);
        }
      }
      // The readable summary is produced for a record with unknowns too.
      const pdf = await req(manager, 'GET', `/api/patients/${patientId}/export?format=pdf`);
      expect(pdf.statusCode).toBe(200);
      const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
      const ids = new Set((bundle.entry ?? []).map((e) => `"reference":"${e.resource?.resourceType}/${e.resource?.id}"`));
      for (const r of references) expect(ids.has(r), r).toBe(true);
    }
  });

  it('gives a PDF summary', async () => {
    const id = await patientWithVisit();
    const res = await req(manager, 'GET', `/api/patients/${id}/export?format=pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(res.rawPayload.length).toBeGreaterThan(1000);
    // The page content streams (deflated; standard-font text is drawn as hex strings) hold the visit's codes.
    const pdf = res.rawPayload.toString('latin1');
    const text = [...pdf.matchAll(/stream\r?\n([\s\S]*?)endstream/g)]
      .map((m) => {
        try {
          return inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('\n');
    const hex = (s: string) => Buffer.from(s, 'latin1').toString('hex').toUpperCase();
    expect(text.toUpperCase()).toContain(hex('Diagnosis 1: J06.9'));
    expect(text.toUpperCase()).toContain(hex('Procedure: 99213'));
    expect(text.toUpperCase()).not.toContain(hex('5678'));
  });

  it("refuses an unknown format and another organization's patient", async () => {
    const id = await patientWithVisit();
    expect((await req(manager, 'GET', `/api/patients/${id}/export?format=csv`)).statusCode).toBe(400);
    expect((await req(other, 'GET', `/api/patients/${id}/export?format=fhir`)).statusCode).toBe(404);
  });
});

describe('retention', () => {
  it('computes "retain until" from the defaults, then from the settings the manager sets', async () => {
    const adult = await patientWithVisit();
    const r1 = (await req(frontDesk, 'GET', `/api/patients/${adult}/retention`)).json();
    // in progress, not finished: no last encounter yet, so counted from the registration
    expect(r1.lastEncounterOn).toBeNull();
    const settings = (await req(manager, 'GET', '/api/retention-settings')).json();
    expect(settings).toMatchObject({ customized: false, adultYearsAfterLastEncounter: 6 });

    expect((await req(frontDesk, 'PUT', '/api/retention-settings', { ...settings, customized: undefined })).statusCode).toBe(400);
    const body = {
      adultYearsAfterLastEncounter: 10,
      ageOfMajority: 18,
      minorYearsAfterMajority: 5,
      sourceNote: 'Ohio policy (test)',
    };
    expect((await req(frontDesk, 'PUT', '/api/retention-settings', body)).statusCode).toBe(403);
    const put = await req(manager, 'PUT', '/api/retention-settings', body);
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ customized: true, adultYearsAfterLastEncounter: 10 });

    const child = await patientWithVisit('2020-06-01');
    const enc = (await req(manager, 'GET', `/api/patients/${child}/encounters`)).json()[0];
    const fin = await req(manager, 'GET', `/api/patients/${child}/encounters`);
    expect(fin.statusCode).toBe(200);
    const done = await t.app.inject({
      method: 'PATCH',
      url: `/api/patients/${child}/encounters/${enc.id}`,
      headers: as(manager),
      payload: { status: 'cancelled' },
    });
    expect(done.statusCode, done.body).toBe(200);
    const r2 = (await req(manager, 'GET', `/api/patients/${child}/retention`)).json();
    // Born 2020-06-01: 18 on 2038-06-01, + 5 years.
    expect(r2.retainUntil).toBe('2043-06-01');
    expect(r2.basis).toMatch(/5 years after turning 18/);
  });
});

describe('right-of-access requests', () => {
  const daysAgo = (n: number) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(Date.now() - n * 86_400_000));
  const plus30 = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);

  it('is due 30 days after receipt, extends once within those 30 days, and records its fulfilment', async () => {
    const id = await patientWithVisit();
    const created = await req(frontDesk, 'POST', `/api/patients/${id}/access-requests`, { requestedOn: daysAgo(10) });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json();
    expect(r.dueBy).toBe(plus30(daysAgo(10)));
    expect(r.status).toBe('open');
    const url = `/api/patients/${id}/access-requests/${r.id}`;
    const patch = (payload: unknown) =>
      t.app.inject({ method: 'PATCH', url, headers: as(frontDesk), payload: payload as object });
    const extended = await patch({ extensionReason: 'Records from the nursing home archive are being retrieved' });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(extended.json().extendedTo).toBe(plus30(r.dueBy));
    const again = await patch({ extensionReason: 'once more' });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ field: 'extensionReason' });
    expect(again.json().errors[0].message).toMatch(/second extension/);
    const done = await patch({ fulfilledOn: daysAgo(0), fulfilledFormat: 'pdf' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('fulfilled');
    const list = (await req(manager, 'GET', `/api/patients/${id}/access-requests`)).json();
    expect(list).toHaveLength(1);
  });

  it('refuses an extension after the first 30 days and shows the request overdue', async () => {
    const id = await patientWithVisit();
    const r = (await req(frontDesk, 'POST', `/api/patients/${id}/access-requests`, { requestedOn: daysAgo(40) })).json();
    expect(r.status).toBe('overdue');
    const late = await t.app.inject({
      method: 'PATCH',
      url: `/api/patients/${id}/access-requests/${r.id}`,
      headers: as(frontDesk),
      payload: { extensionReason: 'too late' },
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().errors[0].message).toMatch(/within the first 30 days/);
    const dash = (await req(manager, 'GET', '/api/dashboard')).json();
    const card = dash.cards?.find((c: { key: string }) => c.key === 'records.access-requests');
    expect(card, JSON.stringify(dash).slice(0, 300)).toBeDefined();
    expect(card.tone).toBe('danger');
  });
});

describe('an access request update', () => {
  it('must either extend or fulfil', async () => {
    const id = await patientWithVisit();
    const r = (await req(frontDesk, 'POST', `/api/patients/${id}/access-requests`, { requestedOn: '2026-01-05' })).json();
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/patients/${id}/access-requests/${r.id}`,
      headers: as(frontDesk),
      payload: {},
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('extensionReason');
  });
});
