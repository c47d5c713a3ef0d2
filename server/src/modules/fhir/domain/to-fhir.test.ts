import { describe, expect, it } from 'vitest';
import { fhirErrors } from '../../../../test/fhir-validator.js';
import {
  toFhirCoverage,
  toFhirEncounter,
  toFhirLocation,
  toFhirOrganization,
  toFhirPatient,
  toFhirPractitioner,
  toFhirPractitionerRole,
} from './to-fhir.js';

const patient = {
  id: '7d7c1f2e-1b8a-4c55-9a57-3a0f5f3e1c01',
  facility_id: '1c0d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  mrn: '00000042',
  given_name: 'Ada',
  family_name: 'Quillfeather',
  preferred_name: 'Addie',
  date_of_birth: '1980-02-29',
  sex_at_birth: 'female' as const,
  phone: '(614) 555-0100',
  email: 'ada@example.org',
  address_line1: '1 Elm St',
  address_line2: 'Apt 2',
  city: 'Columbus',
  state: 'OH',
  postal_code: '43004',
  preferred_language: 'English',
  emergency_contact_name: 'Ben Quillfeather',
  emergency_contact_relationship: 'spouse',
  emergency_contact_phone: '614-555-0101',
  status: 'deceased' as const,
  updated_at: new Date('2026-01-02T03:04:05Z'),
};

const staff = {
  id: '0b8e4a44-9f4a-4f55-8d1c-2b1e0c9a7d10',
  facility_id: '1c0d2f3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  first_name: 'Rosa',
  last_name: 'Ng',
  position: 'nurse_practitioner',
  npi: '1234567893',
  hire_date: '2020-01-01',
  termination_date: '2025-06-30',
  updated_at: '2026-01-02T03:04:05.000Z',
};

describe('our records as FHIR R4', () => {
  it('a patient with every field is valid R4, with the MRN and without the SSN', () => {
    const r = toFhirPatient(patient, [{ system: 'https://github.com/synthetichealth/synthea', value: 'x1' }]);
    expect(fhirErrors(r)).toEqual([]);
    expect(r.identifier?.[0]).toMatchObject({ system: 'https://clinicops.dev/fhir/sid/mrn', value: '00000042' });
    expect(r.identifier?.[1]?.value).toBe('x1');
    expect(r.deceasedBoolean).toBe(true);
    expect(r.name?.[1]).toEqual({ use: 'usual', given: ['Addie'] });
    expect(JSON.stringify(r)).not.toMatch(/ssn/i);
  });

  it('a patient with only the required fields is valid R4', () => {
    const bare = {
      ...patient,
      preferred_name: null,
      phone: null,
      email: null,
      address_line1: null,
      address_line2: null,
      city: null,
      state: null,
      postal_code: null,
      preferred_language: null,
      emergency_contact_name: null,
      emergency_contact_relationship: null,
      emergency_contact_phone: null,
      status: 'inactive' as const,
    };
    const r = toFhirPatient(bare);
    expect(fhirErrors(r)).toEqual([]);
    expect(r.active).toBe(false);
    expect(r.address).toBeUndefined();
  });

  it('a coverage is valid R4 and names its beneficiary, payer, order and period', () => {
    const r = toFhirCoverage({
      id: '5e1f0c1a-2b3c-4d5e-8f90-a1b2c3d4e5f6',
      patient_id: patient.id,
      payer_name: 'Acme Health',
      payer_kind: 'self_pay',
      plan_name: 'Gold',
      member_id: 'M123',
      group_id: 'G9',
      subscriber_name: 'Ben Quillfeather',
      relationship: 'spouse',
      coverage_order: 2,
      effective_from: '2025-01-01',
      effective_to: null,
      active: false,
      updated_at: new Date('2026-01-02T00:00:00Z'),
    });
    expect(fhirErrors(r)).toEqual([]);
    expect(r).toMatchObject({
      status: 'cancelled',
      order: 2,
      beneficiary: { reference: `Patient/${patient.id}` },
      payor: [{ display: 'Acme Health' }],
    });
  });

  it('a staff member is a valid Practitioner and PractitionerRole; a past end date makes them inactive', () => {
    const p = toFhirPractitioner(staff, '2026-01-01', [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }]);
    expect(fhirErrors(p)).toEqual([]);
    expect(p.identifier).toEqual([{ system: 'http://hl7.org/fhir/sid/us-npi', value: '1234567893' }]);
    expect(p.active).toBe(false);
    const role = toFhirPractitionerRole(staff, 'a5c4e3f2-1b0a-4c9d-8e7f-6a5b4c3d2e1f', '2025-01-01');
    expect(fhirErrors(role)).toEqual([]);
    expect(role.active).toBe(true);
    expect(role.location?.[0]?.reference).toBe(`Location/${staff.facility_id}`);
  });

  it('the organization and a facility are a valid Organization and Location', () => {
    expect(fhirErrors(toFhirOrganization({ id: 'a5c4e3f2-1b0a-4c9d-8e7f-6a5b4c3d2e1f', name: 'Lakeside Care' }))).toEqual([]);
    for (const kind of ['clinic', 'nursing_home', 'hospital_department'] as const) {
      const l = toFhirLocation({
        id: staff.facility_id,
        organization_id: 'a5c4e3f2-1b0a-4c9d-8e7f-6a5b4c3d2e1f',
        name: 'North',
        kind,
        address_line: '2 Oak Ave',
        city: 'Dayton',
        state: 'OH',
        postal_code: '45402',
      });
      expect(fhirErrors(l)).toEqual([]);
    }
  });

  it('an encounter is valid R4 with its diagnoses as dotted ICD-10-CM reasons', () => {
    const e = toFhirEncounter({
      id: '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d',
      facility_id: staff.facility_id,
      patient_id: patient.id,
      provider_id: staff.id,
      status: 'in_progress',
      class: 'virtual',
      starts_at: new Date('2026-03-08T06:30:00Z'),
      ends_at: null,
      reason: 'Follow-up',
      updated_at: new Date('2026-03-08T07:00:00Z'),
      diagnoses: [
        { position: 2, code: 'I10', description: null },
        { position: 1, code: 'E119', description: 'Type 2 diabetes mellitus without complications' },
      ],
    });
    expect(fhirErrors(e)).toEqual([]);
    expect(e.status).toBe('in-progress');
    expect(e.reasonCode?.map((r) => r.coding?.[0]?.code ?? r.text)).toEqual(['Follow-up', 'E11.9', 'I10']);
  });

  it('the validator itself refuses a broken resource (so the checks above can fail)', () => {
    const broken = { ...toFhirPatient(patient), birthDate: '1980-02-30x', gender: 'robot' } as never;
    expect(fhirErrors(broken).length).toBeGreaterThan(0);
  });
});
