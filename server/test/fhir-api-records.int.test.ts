// The FHIR R4 facade, continued (see fhir-api.int.test.ts): Coverage create/update/search, and
// Practitioner, PractitionerRole, Organization, Location and Encounter reads and searches.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { expressions, fhirClient, outcomeOf, patientBody, resourceOf, counts as rowCounts } from './fhir-test-client.js';
import { createTestOrg, type Session, signIn, type TestOrg, testApp } from './helpers.js';

let t: Awaited<ReturnType<typeof testApp>>;
let org: TestOrg;
let other: TestOrg;
let clinician: Session;
let frontDesk: Session;
let get: ReturnType<typeof fhirClient>['get'];
let write: ReturnType<typeof fhirClient>['write'];
const secret = generateSecret();
const tag = () => randomBytes(3).toString('hex');

beforeAll(async () => {
  t = await testApp();
  ({ get, write } = fhirClient(t.app));
  org = await createTestOrg(t.db, { mfaSecret: secret });
  other = await createTestOrg(t.db, { mfaSecret: secret });
  clinician = await signIn(t.app, org.users.clinician.email, secret);
  frontDesk = await signIn(t.app, org.users.front_desk.email, secret);
});

describe('Coverage: create, read, update, search', () => {
  let patientId: string;
  let coverageId: string;
  const coverage = (extra: Record<string, unknown> = {}) => ({
    resourceType: 'Coverage',
    status: 'active',
    beneficiary: { reference: `Patient/${patientId}` },
    payor: [{ display: 'Buckeye Health Plan' }],
    type: { coding: [{ system: 'https://clinicops.dev/fhir/CodeSystem/payer-kind', code: 'medicaid' }] },
    subscriberId: 'BHP-778',
    relationship: { coding: [{ code: 'self' }] },
    period: { start: '2025-01-01' },
    order: 1,
    ...extra,
  });

  beforeAll(async () => {
    const p = resourceOf<Resource>(
      await write(clinician, 'POST', '/fhir/R4/Patient', patientBody(`Cov${tag()}`), {
        'clinicops-confirm-not-duplicate': 'true',
      }),
      201,
    );
    patientId = p.id as string;
    const c = resourceOf<Resource>(await write(clinician, 'POST', '/fhir/R4/Coverage', coverage()), 201);
    coverageId = c.id as string;
  });

  it('creates through the patients module and reads back', async () => {
    const row = await t.db.selectFrom('patient_coverages').selectAll().where('id', '=', coverageId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      payer_name: 'Buckeye Health Plan',
      payer_kind: 'medicaid',
      member_id: 'BHP-778',
      coverage_order: 1,
    });
    const c = resourceOf<Resource & Record<string, unknown>>(await get(clinician, `/fhir/R4/Coverage/${coverageId}`));
    expect(c).toMatchObject({ subscriberId: 'BHP-778', beneficiary: { reference: `Patient/${patientId}` } });
    const b = resourceOf<Bundle>(await get(clinician, `/fhir/R4/Coverage?patient=Patient/${patientId}`));
    expect(b.entry?.map((e) => e.resource?.id)).toEqual([coverageId]);
    const views = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('patient_id', '=', patientId)
      .where('action', '=', 'patient.coverage.view')
      .execute();
    expect(views.length).toBe(1);
  });

  it('applies the coverage rules (a second active primary is refused, naming Coverage.order)', async () => {
    const before = await rowCounts(t.db, org.id);
    expect(expressions(outcomeOf(await write(clinician, 'POST', '/fhir/R4/Coverage', coverage()), 422))).toEqual([
      'Coverage.order',
    ]);
    expect(
      expressions(
        outcomeOf(
          await write(
            clinician,
            'POST',
            '/fhir/R4/Coverage',
            coverage({ beneficiary: { reference: `Patient/${randomUUID()}` } }),
          ),
          422,
        ),
      ),
    ).toEqual(['Coverage.beneficiary']);
    expect(
      expressions(
        outcomeOf(
          await write(
            clinician,
            'POST',
            '/fhir/R4/Coverage',
            coverage({ order: 2, period: { start: '2025-05-01', end: '2025-01-01' } }),
          ),
          422,
        ),
      ),
    ).toEqual(['Coverage.period.end']);
    expect(await rowCounts(t.db, org.id)).toEqual(before);
  });

  it('updates with PUT; the beneficiary cannot change', async () => {
    const c = resourceOf<Resource & Record<string, unknown>>(
      await write(
        clinician,
        'PUT',
        `/fhir/R4/Coverage/${coverageId}`,
        coverage({ id: coverageId, status: 'cancelled', period: { start: '2025-01-01', end: '2025-06-30' } }),
      ),
    );
    expect(c).toMatchObject({ status: 'cancelled', period: { end: '2025-06-30' } });
    const other = resourceOf<Resource>(
      await write(clinician, 'POST', '/fhir/R4/Patient', patientBody(`Cov${tag()}`), {
        'clinicops-confirm-not-duplicate': 'true',
      }),
      201,
    );
    expect(
      expressions(
        outcomeOf(
          await write(
            clinician,
            'PUT',
            `/fhir/R4/Coverage/${coverageId}`,
            coverage({ id: coverageId, beneficiary: { reference: `Patient/${other.id}` } }),
          ),
          422,
        ),
      ),
    ).toEqual(['Coverage.beneficiary']);
    outcomeOf(await write(clinician, 'PUT', `/fhir/R4/Coverage/${randomUUID()}`, { ...coverage(), id: undefined }), 400);
  });
});

describe('Practitioner, PractitionerRole, Organization, Location, Encounter', () => {
  const staffId = randomUUID();
  const encounterId = randomUUID();
  let patientId: string;

  beforeAll(async () => {
    await t.db
      .insertInto('staff_members')
      .values({
        id: staffId,
        organization_id: org.id,
        facility_id: org.facilities.b,
        first_name: 'Ines',
        last_name: `Okafor${tag()}`,
        position: 'physician',
        employment_type: 'full_time',
        hire_date: '2021-03-01',
        npi: '1234567893',
      })
      .execute();
    const p = resourceOf<Resource>(
      await write(clinician, 'POST', '/fhir/R4/Patient', patientBody(`Enc${tag()}`), {
        'clinicops-confirm-not-duplicate': 'true',
      }),
      201,
    );
    patientId = p.id as string;
    await t.db
      .insertInto('encounters')
      .values({
        id: encounterId,
        organization_id: org.id,
        facility_id: org.facilities.a,
        patient_id: patientId,
        provider_id: staffId,
        status: 'finished',
        class: 'ambulatory',
        starts_at: '2026-03-08T14:00:00Z',
        ends_at: '2026-03-08T14:30:00Z',
        reason: 'Annual physical',
      })
      .execute();
    await t.db
      .insertInto('encounter_diagnoses')
      .values({ organization_id: org.id, encounter_id: encounterId, position: 1, code: 'Z0000', description: null })
      .execute();
  });

  it('shows staff as Practitioner and PractitionerRole, searchable by NPI and name', async () => {
    const p = resourceOf<Resource>(await get(clinician, `/fhir/R4/Practitioner/${staffId}`));
    expect(p.id).toBe(staffId);
    const byNpi = resourceOf<Bundle>(
      await get(clinician, '/fhir/R4/Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893'),
    );
    expect(byNpi.entry?.map((e) => e.resource?.id)).toContain(staffId);
    const byName = resourceOf<Bundle>(await get(clinician, '/fhir/R4/Practitioner?given=ines&family=okafor'));
    expect(byName.entry?.map((e) => e.resource?.id)).toContain(staffId);
    const role = resourceOf<Bundle>(await get(clinician, `/fhir/R4/PractitionerRole?practitioner=Practitioner/${staffId}`));
    expect(role.total).toBe(1);
    // The front desk has no staff:read.
    outcomeOf(await get(frontDesk, `/fhir/R4/Practitioner/${staffId}`), 403);
  });

  it('shows the organization and its facilities, scoped to the user', async () => {
    const o = resourceOf<Bundle>(await get(frontDesk, '/fhir/R4/Organization'));
    expect(o.entry?.map((e) => e.resource?.id)).toEqual([org.id]);
    const l = resourceOf<Bundle>(await get(frontDesk, '/fhir/R4/Location'));
    expect(l.entry?.map((e) => e.resource?.id)).toEqual([org.facilities.a]);
    outcomeOf(await get(frontDesk, `/fhir/R4/Location/${org.facilities.b}`), 404);
    resourceOf(await get(clinician, `/fhir/R4/Location/${org.facilities.b}`));
    outcomeOf(await get(clinician, `/fhir/R4/Organization/${other.id}`), 404);
  });

  it('reads and searches encounters by patient and date', async () => {
    const e = resourceOf<Resource & Record<string, unknown>>(await get(clinician, `/fhir/R4/Encounter/${encounterId}`));
    expect(e).toMatchObject({ status: 'finished', subject: { reference: `Patient/${patientId}` } });
    const ids = async (q: string) =>
      (resourceOf<Bundle>(await get(clinician, `/fhir/R4/Encounter?${q}`)).entry ?? []).map((x) => x.resource?.id);
    expect(await ids(`patient=${patientId}`)).toEqual([encounterId]);
    expect(await ids(`subject=Patient/${patientId}&date=2026-03-08`)).toEqual([encounterId]);
    expect(await ids(`patient=${patientId}&date=ge2026-03-09`)).toEqual([]);
    expect(await ids(`patient=${patientId}&date=lt2026-03`)).toEqual([]);
    expect(await ids(`patient=${patientId}&date=le2026`)).toEqual([encounterId]);
    const audited = await t.db.selectFrom('audit_events').select('action').where('entity_id', '=', encounterId).execute();
    expect(audited.map((a) => a.action)).toContain('patient.encounter.view');
  });

  it("compares Encounter dates in the facility's time zone, across a DST change", async () => {
    // 8 March 2026 is the day New York springs forward; 03:30 UTC on the 9th is 23:30 EDT on the 8th.
    const late = randomUUID();
    await t.db
      .insertInto('encounters')
      .values({
        id: late,
        organization_id: org.id,
        facility_id: org.facilities.a,
        patient_id: patientId,
        provider_id: null,
        status: 'finished',
        class: 'ambulatory',
        starts_at: '2026-03-09T03:30:00Z',
        ends_at: null,
        reason: null,
      })
      .execute();
    const ids = async (q: string) =>
      (resourceOf<Bundle>(await get(clinician, `/fhir/R4/Encounter?patient=${patientId}&${q}`)).entry ?? [])
        .map((x) => x.resource?.id)
        .sort();
    expect(await ids('date=2026-03-08')).toEqual([encounterId, late].sort());
    expect(await ids('date=2026-03-09')).toEqual([]);
    expect(await ids('date=lt2026-03-09')).toEqual([encounterId, late].sort());
    // 04:30 UTC on the 8th was 23:30 EST on the 7th (before the change: UTC-5).
    const early = randomUUID();
    await t.db
      .insertInto('encounters')
      .values({
        id: early,
        organization_id: org.id,
        facility_id: org.facilities.a,
        patient_id: patientId,
        provider_id: null,
        status: 'finished',
        class: 'ambulatory',
        starts_at: '2026-03-08T04:30:00Z',
        ends_at: null,
        reason: null,
      })
      .execute();
    expect(await ids('date=2026-03-07')).toEqual([early]);
    expect(await ids('date=ge2026-03-08&date=lt2026-03-09')).toEqual([encounterId, late].sort());
  });
});
