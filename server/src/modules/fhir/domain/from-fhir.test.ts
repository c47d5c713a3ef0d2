import { describe, expect, it } from 'vitest';
import { coverageFromFhir, patientFromFhir } from './from-fhir.js';

const PID = '7d7c1f2e-1b8a-4c55-9a57-3a0f5f3e1c01';

describe('a FHIR Patient as our patient', () => {
  it('maps names, birth date, contact, address, language, SSN and status', () => {
    const r = patientFromFhir({
      resourceType: 'Patient',
      identifier: [{ system: 'http://hl7.org/fhir/sid/us-ssn', value: '123-45-6789' }],
      name: [
        { use: 'maiden', family: 'Old', given: ['Ada'] },
        { use: 'official', family: 'Quill', given: ['Ada', 'May'] },
        { use: 'usual', given: ['Addie'] },
      ],
      gender: 'female',
      birthDate: '1980-02-29',
      telecom: [
        { system: 'email', value: 'ADA@example.org' },
        { system: 'phone', value: '614-555-0100' },
      ],
      address: [{ use: 'home', line: ['1 Elm St'], city: 'Columbus', state: 'oh', postalCode: '43004' }],
      communication: [{ language: { coding: [{ code: 'en', display: 'English' }] }, preferred: true }],
      contact: [
        {
          name: { text: 'Ben Quill' },
          relationship: [{ text: 'spouse' }],
          telecom: [{ system: 'phone', value: '614-555-0101' }],
        },
      ],
      active: false,
    });
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        familyName: 'Quill',
        givenName: 'Ada',
        preferredName: 'Addie',
        dateOfBirth: '1980-02-29',
        sexAtBirth: 'female',
        phone: '614-555-0100',
        email: 'ada@example.org',
        addressLine1: '1 Elm St',
        state: 'OH',
        postalCode: '43004',
        preferredLanguage: 'English',
        emergencyContact: { name: 'Ben Quill', relationship: 'spouse', phone: '614-555-0101' },
        ssn: '123-45-6789',
        status: 'inactive',
      }),
    });
  });

  it('leaves out a non-US state and postal code instead of refusing the patient', () => {
    const r = patientFromFhir({
      resourceType: 'Patient',
      name: [{ family: 'Chalmers', given: ['Peter'] }],
      birthDate: '1974-12-25',
      address: [{ line: ['534 Erewhon St'], city: 'PleasantVille', state: 'Vic', postalCode: '3999' }],
    });
    expect(r.ok && r.value).toMatchObject({ city: 'PleasantVille', state: null, postalCode: null, sexAtBirth: 'unknown' });
  });

  it('names the FHIR element of every refusal', () => {
    const r = patientFromFhir({ resourceType: 'Patient', name: [{ use: 'official', given: ['X'] }], birthDate: '1980-13-01' });
    expect(r.ok).toBe(false);
    const expressions = r.ok ? [] : r.issues.map((i) => i.expression);
    expect(expressions).toEqual(['Patient.birthDate']);
    const bad = patientFromFhir({
      resourceType: 'Patient',
      name: [{ family: 'A', given: ['B'] }],
      birthDate: '1980-01-01',
      telecom: [{ system: 'phone', value: 'call me' }],
    });
    expect(bad.ok ? [] : bad.issues.map((i) => i.expression)).toEqual(['Patient.telecom[0].value']);
  });

  it('takes a missing family name, given name or birth date as unknown (null), not as an error', () => {
    expect(patientFromFhir({ resourceType: 'Patient', gender: 'male' })).toMatchObject({
      ok: true,
      value: { familyName: null, givenName: null, dateOfBirth: null, sexAtBirth: 'male' },
    });
    expect(patientFromFhir({ resourceType: 'Patient', name: [{ use: 'usual', given: ['Kenzi'] }] })).toMatchObject({
      ok: true,
      value: { familyName: null, givenName: 'Kenzi', dateOfBirth: null },
    });
  });

  it('refuses the wrong resource type and an id that differs from the URL', () => {
    expect(patientFromFhir({ resourceType: 'Coverage' })).toMatchObject({
      ok: false,
      issues: [{ expression: 'Patient.resourceType' }],
    });
    expect(patientFromFhir({ resourceType: 'Patient', id: 'a' }, 'b')).toMatchObject({
      ok: false,
      issues: [{ expression: 'Patient.id' }],
    });
    expect(patientFromFhir([])).toMatchObject({ ok: false });
  });
});

describe('a FHIR Coverage as our coverage', () => {
  const base = {
    resourceType: 'Coverage',
    status: 'active',
    beneficiary: { reference: `Patient/${PID}` },
    payor: [{ display: 'Medicare Part B' }],
    type: { text: 'Medicare' },
    subscriberId: 'M1',
    relationship: { coding: [{ code: 'child' }] },
    period: { start: '2025-01-01', end: '2025-12-31' },
    class: [
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'group' }] }, value: 'G1' },
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
        value: 'P1',
        name: 'Plan One',
      },
    ],
    order: 2,
  };

  it('maps payer, kind, member and group ids, relationship, order and period', () => {
    expect(coverageFromFhir(base)).toEqual({
      ok: true,
      value: {
        patientId: PID,
        payerName: 'Medicare Part B',
        payerKind: 'medicare',
        planName: 'Plan One',
        memberId: 'M1',
        groupId: 'G1',
        subscriberName: null,
        relationship: 'child',
        order: 2,
        effectiveFrom: '2025-01-01',
        effectiveTo: '2025-12-31',
        active: true,
      },
    });
  });

  it('names the element of every refusal', () => {
    const r = coverageFromFhir({ ...base, beneficiary: { reference: 'Group/1' }, order: 7, period: { end: '2025-01-01' } });
    expect(r.ok ? [] : r.issues.map((i) => i.expression).sort()).toEqual(['Coverage.beneficiary', 'Coverage.order']);
  });

  it('takes a missing period.start as an unknown start (null)', () => {
    const r = coverageFromFhir({ ...base, period: { end: '2025-01-01' } });
    expect(r).toMatchObject({ ok: true, value: { effectiveFrom: null, effectiveTo: '2025-01-01' } });
  });
});
