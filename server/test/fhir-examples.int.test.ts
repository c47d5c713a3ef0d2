// The HL7 FHIR R4 specification examples in ../shared/fixtures/fhir-examples (third-party, never
// copied into this repository), posted to the FHIR API where the resource type is one it creates
// (Patient, Coverage). Skipped where that folder is absent, e.g. a clone elsewhere.
//
// Every Patient and Coverage example is accepted (201) and reads back valid under the third-party
// validator. Examples that lack a family name, a given name or a birth date (an animal, a fetus, a
// newborn not yet named, a DICOM record) are stored with that fact unknown, not invented; a Coverage
// without period.start gets an unknown start (migration 0015). A resource that is truly invalid
// still gets 422/400 naming the element.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OperationOutcome, Resource } from '@medplum/fhirtypes';
import { generateSecret } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirErrors } from './fhir-validator.js';
import { as, createTestOrg, type Session, signIn, testApp } from './helpers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.CLINICOPS_SHARED_DIR ?? path.resolve(repoRoot, '../shared');
const dir = path.join(shared, 'fixtures/fhir-examples');
const present = existsSync(dir);
if (!present) console.warn(`FHIR examples not found in ${dir}: set CLINICOPS_SHARED_DIR; these tests are skipped`);

type Example = { file: string; resource: Resource & Record<string, unknown> };
const examples: Example[] = present
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => ({ file, resource: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }))
  : [];
const ofType = (type: string) => examples.filter((e) => e.resource.resourceType === type);

let t: Awaited<ReturnType<typeof testApp>>;
let s: Session;
let facilityId: string;
const post = (body: unknown, confirm = true) =>
  t.app.inject({
    method: 'POST',
    url: `/fhir/R4/${(body as Resource).resourceType}`,
    headers: {
      ...as(s),
      'content-type': 'application/fhir+json',
      ...(confirm ? { 'clinicops-confirm-not-duplicate': 'true' } : {}),
    },
    payload: JSON.stringify(body),
  });

beforeAll(async () => {
  if (!present) return;
  t = await testApp();
  const secret = generateSecret();
  const org = await createTestOrg(t.db, { mfaSecret: secret });
  facilityId = org.facilities.a;
  s = await signIn(t.app, org.users.clinician.email, secret);
});

describe('the FHIR R4 specification examples', () => {
  it.skipIf(!present)('are there: Patient and Coverage examples to post', () => {
    expect(ofType('Patient').length).toBeGreaterThan(5);
    expect(ofType('Coverage').length).toBeGreaterThan(0);
  });

  it.skipIf(!present)('Patient: every example is created and reads back valid, unknowns left out', async () => {
    const patients = ofType('Patient');
    for (const { file, resource } of patients) {
      const res = await post(resource);
      expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(201);
      const created = res.json() as Resource & { birthDate?: string; name?: { family?: string; given?: string[] }[] };
      expect(fhirErrors(created), file).toEqual([]);
      const read = await t.app.inject({ method: 'GET', url: `/fhir/R4/Patient/${created.id}`, headers: as(s) });
      expect(read.statusCode, file).toBe(200);
      expect(fhirErrors(read.json() as Resource), file).toEqual([]);
      // What the example said is kept; what it did not say is not made up.
      expect(created.birthDate, file).toBe(resource.birthDate);
      const families = ((resource.name as { family?: string }[] | undefined) ?? []).map((n) => n.family).filter(Boolean);
      if (families.length === 0) expect(created.name?.some((n) => n.family) ?? false, file).toBe(false);
    }
    expect(patients.length).toBe(15);
  });

  it.skipIf(!present)(
    'Patient: a record without a birth date is found by its name; the REST API still requires one',
    async () => {
      const example = ofType('Patient').find((e) => e.file === 'patient-example-ihe-pcd.json');
      expect(example?.resource.birthDate).toBeUndefined();
      const fhir = await t.app.inject({ method: 'GET', url: '/fhir/R4/Patient?family=brooks', headers: as(s) });
      expect(fhir.statusCode, fhir.body).toBe(200);
      expect((fhir.json() as { total?: number }).total).toBeGreaterThan(0);
      const rest = await t.app.inject({ method: 'GET', url: '/api/patients?q=brooks', headers: as(s) });
      expect(rest.statusCode, rest.body).toBe(200);
      expect(rest.json()).toContainEqual(
        expect.objectContaining({ familyName: 'BROOKS', givenName: 'ALBERT', dateOfBirth: null }),
      );
      // The front desk always asks: the REST create refuses a patient without a birth date or given name.
      const refused = await t.app.inject({
        method: 'POST',
        url: '/api/patients',
        headers: { ...as(s), 'content-type': 'application/json' },
        payload: JSON.stringify({ facilityId, familyName: 'Brooks', sexAtBirth: 'male' }),
      });
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.body).toContain('dateOfBirth');
      expect(refused.body).toContain('givenName');
    },
  );

  it.skipIf(!present)('Patient: a PUT without a birth date makes it unknown (PUT replaces), one with it sets it', async () => {
    const created = await post({
      resourceType: 'Patient',
      name: [{ family: 'Replaceme', given: ['Rae'] }],
      birthDate: '1990-02-03',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as Resource).id as string;
    const put = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'PUT',
        url: `/fhir/R4/Patient/${id}`,
        headers: { ...as(s), 'content-type': 'application/fhir+json' },
        payload: JSON.stringify({ resourceType: 'Patient', id, ...body }),
      });
    const cleared = await put({ name: [{ family: 'Replaceme' }] });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).not.toHaveProperty('birthDate');
    expect(fhirErrors(cleared.json() as Resource)).toEqual([]);
    const rest = await t.app.inject({ method: 'GET', url: `/api/patients/${id}`, headers: as(s) });
    expect(rest.json()).toMatchObject({ familyName: 'Replaceme', givenName: null, dateOfBirth: null });
    const set = await put({ name: [{ family: 'Replaceme', given: ['Rae'] }], birthDate: '1990-02-03' });
    expect(set.json()).toMatchObject({ birthDate: '1990-02-03' });
  });

  it.skipIf(!present)('Patient: a truly invalid resource is still refused, naming the element', async () => {
    const bad = await post({ resourceType: 'Patient', name: [{ family: 'Duck' }], birthDate: '1934-13-45' });
    expect(bad.statusCode, bad.body).toBe(422);
    expect((bad.json() as OperationOutcome).issue?.flatMap((i) => i.expression ?? [])).toEqual(['Patient.birthDate']);
    const malformed = await post({ resourceType: 'Patient', name: { family: 'Duck' } });
    expect(malformed.statusCode, malformed.body).toBe(400);
    expect((malformed.json() as OperationOutcome).issue?.flatMap((i) => i.expression ?? [])).toEqual(['Patient.name']);
    const badCoverage = await post({
      resourceType: 'Coverage',
      status: 'active',
      beneficiary: { reference: 'Group/1' },
      payor: [{ display: 'X' }],
    });
    expect(badCoverage.statusCode, badCoverage.body).toBe(422);
    expect((badCoverage.json() as OperationOutcome).issue?.flatMap((i) => i.expression ?? [])).toEqual(['Coverage.beneficiary']);
  });

  it.skipIf(!present)('Coverage: every example is created for a patient of ours (beneficiary pointed at them)', async () => {
    let accepted = 0;
    for (const { file, resource } of ofType('Coverage')) {
      const patient = await post({
        resourceType: 'Patient',
        name: [{ family: 'Examplecover', given: ['Kim'] }],
        birthDate: '1970-01-01',
      });
      expect(patient.statusCode, patient.body).toBe(201);
      const patientId = (patient.json() as Resource).id;
      const order = (resource.order as number | undefined) ?? 1;
      // Our coverage rules want the lower orders filled first: give the patient a primary.
      if (order > 1) {
        const primary = await post({
          resourceType: 'Coverage',
          status: 'active',
          beneficiary: { reference: `Patient/${patientId}` },
          payor: [{ display: 'First Payer' }],
          period: { start: '2010-01-01' },
          order: 1,
        });
        expect(primary.statusCode, primary.body).toBe(201);
      }
      const body = {
        ...resource,
        beneficiary: { reference: `Patient/${patientId}` },
        subscriber: { reference: `Patient/${patientId}` },
      };
      const res = await post(body);
      expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(201);
      const created = res.json() as Resource & { period?: { start?: string; end?: string } };
      expect(fhirErrors(created), file).toEqual([]);
      // An example without period.start is stored with an unknown start: none comes back.
      const period = resource.period as { start?: string; end?: string } | undefined;
      expect(created.period?.start, file).toBe(period?.start);
      expect(created.period?.end, file).toBe(period?.end);
      const read = await t.app.inject({ method: 'GET', url: `/fhir/R4/Coverage/${created.id}`, headers: as(s) });
      expect(read.statusCode, file).toBe(200);
      expect(fhirErrors(read.json() as Resource), file).toEqual([]);
      accepted++;
    }
    expect(accepted).toBe(ofType('Coverage').length);
  });
});
