import type { Consent, Coverage, Encounter, Patient } from '@clinicops/contracts';
import type { Condition, Encounter as FhirEncounter, Procedure } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildPatientBundle, localReferences, type MappedRecord, SYSTEMS } from './fhir-bundle.js';

const patientId = '0b4a4e3c-58c1-4f0e-9a55-0d1f6d7b1a01';
const encounterId = '6f1c9c1e-2a5d-4b8e-9a52-3c3e9a1b7d02';

const patient: Patient = {
  id: patientId,
  mrn: '000123',
  facilityId: '9d2b7a7e-1111-4c2e-8a0a-5b6c7d8e9f00',
  givenName: 'Zoë',
  familyName: 'Müller',
  preferredName: 'Zo',
  dateOfBirth: '1979-04-12',
  sexAtBirth: 'female',
  phone: '(614) 555-0142',
  status: 'active',
  genderIdentity: null,
  email: null,
  addressLine1: '12 Elm Street',
  addressLine2: null,
  city: 'Columbus',
  state: 'OH',
  postalCode: '43215',
  preferredLanguage: 'German',
  smsConsent: false,
  emailConsent: false,
  emergencyContact: { name: 'Jonas Müller', relationship: 'Spouse', phone: '614-555-0143' },
  ssnLast4: '5678',
  notes: null,
  alerts: [],
  mergedIntoId: null,
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
};

const coverage: Coverage = {
  id: 'c1a1a1a1-0000-4000-8000-000000000001',
  patientId,
  payerName: 'Lakeshore Mutual',
  payerKind: 'commercial',
  planName: 'HMO Select',
  memberId: 'LM123',
  groupId: 'G77',
  subscriberName: 'Zoë Müller',
  relationship: 'self',
  order: 1,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  active: true,
};

const encounter: Encounter = {
  id: encounterId,
  patientId,
  facilityId: patient.facilityId,
  providerId: null,
  providerName: 'Priya Raman',
  status: 'finished',
  class: 'ambulatory',
  startsAt: '2026-10-14T14:00:00.000Z',
  endsAt: '2026-10-14T14:25:00.000Z',
  reason: 'Diabetes follow-up',
  diagnoses: [
    { position: 1, code: 'E119', display: 'E11.9', description: 'Type 2 diabetes mellitus without complications' },
    { position: 2, code: 'I10', display: 'I10', description: null },
  ],
  procedures: [
    { position: 1, code: '99214', modifiers: ['25'], units: 1, diagnosisPointers: [1, 2], chargeCents: null, description: null },
    { position: 2, code: 'G0439', modifiers: [], units: 1, diagnosisPointers: [1], chargeCents: null, description: null },
  ],
  warnings: [],
  createdAt: '2026-10-14T14:30:00.000Z',
  updatedAt: '2026-10-14T14:30:00.000Z',
};

const consent: Consent = {
  id: 'd1d1d1d1-0000-4000-8000-000000000001',
  patientId,
  kind: 'npp',
  signedOn: '2026-01-02',
  note: null,
  createdAt: '',
};

// Patient, Coverage and Encounter come mapped by the fhir module (its own tests check that
// mapping; server/test/records.int.test.ts validates the whole export); stand-ins here carry
// the references the export must resolve.
const location = `Location/${patient.facilityId}`;
const mapped: MappedRecord = {
  patient: {
    resourceType: 'Patient',
    id: patientId,
    extension: [{ url: 'https://clinicops.dev/fhir/StructureDefinition/facility', valueReference: { reference: location } }],
  },
  coverages: [
    {
      resourceType: 'Coverage',
      id: coverage.id,
      status: 'active',
      beneficiary: { reference: `Patient/${patientId}` },
      payor: [{ display: 'Lakeshore Mutual' }],
    },
  ],
  encounters: [
    {
      resourceType: 'Encounter',
      id: encounterId,
      status: 'finished',
      class: { system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' },
      subject: { reference: `Patient/${patientId}` },
      participant: [{ individual: { reference: 'Practitioner/5e0b1f2a-0000-4000-8000-000000000009', display: 'Priya Raman' } }],
      location: [{ location: { reference: location } }],
    },
  ],
};

describe('buildPatientBundle', () => {
  const bundle = buildPatientBundle(
    mapped,
    { patient, coverages: [coverage], consents: [consent], encounters: [encounter] },
    '2026-11-27T15:00:00.000Z',
    new Map([[location, 'Elm Street Clinic']]),
  );
  const ofType = <T>(t: string) => (bundle.entry ?? []).map((e) => e.resource).filter((r) => r?.resourceType === t) as T[];

  it('is a collection with every part of the record', () => {
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect((bundle.entry ?? []).map((e) => e.resource?.resourceType)).toEqual([
      'Patient',
      'Coverage',
      'Encounter',
      'Condition',
      'Condition',
      'Procedure',
      'Procedure',
      'Consent',
    ]);
  });

  it('codes diagnoses in ICD-10-CM with the dot, and points the encounter at them by rank', () => {
    const [dx1] = ofType<Condition>('Condition');
    expect(dx1?.code?.coding?.[0]).toEqual({
      system: SYSTEMS.icd10cm,
      code: 'E11.9',
      display: 'Type 2 diabetes mellitus without complications',
    });
    const [enc] = ofType<FhirEncounter>('Encounter');
    expect(enc?.diagnosis?.map((d) => [d.condition.reference, d.rank])).toEqual([
      [`Condition/${encounterId}-dx1`, 1],
      [`Condition/${encounterId}-dx2`, 2],
    ]);
    expect(enc?.class).toEqual({ system: SYSTEMS.actCode, code: 'AMB', display: 'ambulatory' });
  });

  it('codes procedures as CPT or HCPCS, with modifiers in the text and pointers as reasons', () => {
    const [em, awv] = ofType<Procedure>('Procedure');
    expect(em?.code?.coding?.[0]?.system).toBe(SYSTEMS.cpt);
    expect(em?.code?.text).toBe('99214-25');
    expect(em?.status).toBe('completed');
    expect(em?.reasonReference?.map((r) => r.reference)).toEqual([
      `Condition/${encounterId}-dx1`,
      `Condition/${encounterId}-dx2`,
    ]);
    expect(awv?.code?.coding?.[0]?.system).toBe(SYSTEMS.hcpcs);
  });

  it('names what lies outside the bundle (facility, provider) instead of pointing at it', () => {
    const [enc] = ofType<FhirEncounter>('Encounter');
    expect(enc?.participant?.[0]?.individual).toEqual({ display: 'Priya Raman' });
    expect(enc?.location?.[0]?.location).toEqual({ display: 'Elm Street Clinic' });
    expect(localReferences({ a: { reference: 'Location/x' } }, new Set(), new Map())).toEqual({ a: { reference: 'Location/x' } });
  });

  it('keeps every reference inside the bundle', () => {
    const ids = new Set((bundle.entry ?? []).map((e) => `${e.resource?.resourceType}/${e.resource?.id}`));
    const refs = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(ids.has(r.slice(13, -1)), r).toBe(true);
  });

  it('never carries the SSN, not even its last four digits', () => {
    expect(JSON.stringify(bundle)).not.toContain('5678');
  });
});
