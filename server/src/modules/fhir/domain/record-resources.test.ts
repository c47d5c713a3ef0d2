import type { Coverage, Encounter, Patient } from '@clinicops/contracts';
import { describe, expect, it } from 'vitest';
import { recordResources } from './record-resources.js';

const patient: Patient = {
  id: '0b4a4e3c-58c1-4f0e-9a55-0d1f6d7b1a01',
  mrn: '00000123',
  facilityId: '9d2b7a7e-1111-4c2e-8a0a-5b6c7d8e9f00',
  givenName: null,
  familyName: 'Solo',
  preferredName: null,
  dateOfBirth: null,
  sexAtBirth: 'male',
  phone: null,
  status: 'active',
  genderIdentity: null,
  email: null,
  addressLine1: null,
  addressLine2: null,
  city: null,
  state: null,
  postalCode: null,
  preferredLanguage: null,
  smsConsent: false,
  emailConsent: false,
  emergencyContact: null,
  ssnLast4: '5678',
  notes: 'private note',
  alerts: [],
  mergedIntoId: null,
  createdAt: '2026-01-02T10:00:00.000Z',
  updatedAt: '2026-01-02T10:00:00.000Z',
};
const coverage: Coverage = {
  id: 'c1a1a1a1-0000-4000-8000-000000000001',
  patientId: patient.id,
  payerName: 'EHIC',
  payerKind: 'other',
  planName: null,
  memberId: null,
  groupId: null,
  subscriberName: null,
  relationship: 'self',
  order: 1,
  effectiveFrom: null,
  effectiveTo: '2012-03-17',
  active: true,
};
const encounter: Encounter = {
  id: '6f1c9c1e-2a5d-4b8e-9a52-3c3e9a1b7d02',
  patientId: patient.id,
  facilityId: patient.facilityId,
  providerId: '5e0b1f2a-0000-4000-8000-000000000009',
  providerName: 'Priya Raman',
  status: 'finished',
  class: 'ambulatory',
  startsAt: '2026-10-14T14:00:00.000Z',
  endsAt: null,
  reason: null,
  diagnoses: [{ position: 1, code: 'E119', display: 'E11.9', description: null }],
  procedures: [],
  warnings: [],
  createdAt: '2026-10-14T14:30:00.000Z',
  updatedAt: '2026-10-14T14:30:00.000Z',
};

describe('recordResources (the export and the API share this mapping)', () => {
  const r = recordResources({ patient, coverages: [coverage], encounters: [encounter] });

  it('leaves unknown names, birth dates and coverage starts out rather than inventing them', () => {
    expect(r.patient.name).toEqual([{ use: 'official', family: 'Solo' }]);
    expect(r.patient.birthDate).toBeUndefined();
    expect(r.coverages[0]?.period).toEqual({ end: '2012-03-17' });
  });

  it('maps encounters with the provider by reference and name, diagnoses with the dot', () => {
    expect(r.encounters[0]?.participant?.[0]?.individual).toEqual({
      reference: `Practitioner/${encounter.providerId}`,
      display: 'Priya Raman',
    });
    expect(r.encounters[0]?.reasonCode?.[0]?.coding?.[0]?.code).toBe('E11.9');
  });

  it('carries no SSN digits and no notes', () => {
    const text = JSON.stringify(r);
    expect(text).not.toContain('5678');
    expect(text).not.toContain('private note');
  });
});
