// The HL7 FHIR R4 specification examples in ../shared/fixtures/fhir-examples (third-party, never
// copied into this repository), posted to the FHIR API where the resource type is one it creates
// (Patient, Coverage). Skipped where that folder is absent, e.g. a clone elsewhere.
//
// ClinicOps registers a patient only with a family name, a given name and a birth date (the front
// desk's minimum, and what duplicate detection runs on). Examples that lack one are refused with
// 422 naming exactly the missing element; every other example is accepted, and what comes back
// passes the validator.
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

/** What ClinicOps requires and the example lacks, as FHIR elements (the name as chosen: official first). */
function missingOf(p: Record<string, unknown>): string[] {
  const names = (p.name as { use?: string; family?: string; given?: string[] }[] | undefined) ?? [];
  const rank = (u?: string) => (u === 'official' ? 0 : u === 'usual' || u === undefined ? 1 : u === 'old' ? 3 : 2);
  const index = names.map((_, i) => i).sort((a, b) => rank(names[a]?.use) - rank(names[b]?.use))[0];
  const name = index === undefined ? undefined : names[index];
  const at = index === undefined ? 'Patient.name' : `Patient.name[${index}]`;
  return [
    ...(name?.family ? [] : [`${at}.family`]),
    ...(name?.given?.[0] ? [] : [`${at}.given`]),
    ...(p.birthDate ? [] : ['Patient.birthDate']),
  ];
}

let t: Awaited<ReturnType<typeof testApp>>;
let s: Session;
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
  s = await signIn(t.app, org.users.clinician.email, secret);
});

describe('the FHIR R4 specification examples', () => {
  it.skipIf(!present)('are there: Patient and Coverage examples to post', () => {
    expect(ofType('Patient').length).toBeGreaterThan(5);
    expect(ofType('Coverage').length).toBeGreaterThan(0);
  });

  it.skipIf(!present)(
    'Patient: each example with a name and birth date is created; the others are refused naming what is missing',
    async () => {
      let accepted = 0;
      for (const { file, resource } of ofType('Patient')) {
        const res = await post(resource);
        const missing = missingOf(resource);
        if (missing.length === 0) {
          expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(201);
          const created = res.json() as Resource;
          expect(fhirErrors(created), file).toEqual([]);
          accepted++;
        } else {
          expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(422);
          const o = res.json() as OperationOutcome;
          expect(
            o.issue?.every((i) => i.code === 'required'),
            file,
          ).toBe(true);
          expect(o.issue?.flatMap((i) => i.expression ?? []).sort(), file).toEqual([...missing].sort());
        }
      }
      expect(accepted).toBeGreaterThanOrEqual(8);
    },
  );

  it.skipIf(!present)('Coverage: each example is created for a patient of ours (beneficiary pointed at them)', async () => {
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
      const period = resource.period as { start?: string } | undefined;
      if (!period?.start) {
        // ClinicOps records when a coverage starts; an example without a start is refused, naming it.
        expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(422);
        expect(
          (res.json() as OperationOutcome).issue?.flatMap((i) => i.expression ?? []),
          file,
        ).toEqual(['Coverage.period.start']);
        continue;
      }
      expect(res.statusCode, `${file}: ${res.body.slice(0, 400)}`).toBe(201);
      expect(fhirErrors(res.json() as Resource), file).toEqual([]);
    }
  });
});
