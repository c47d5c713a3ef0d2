import { describe, expect, it } from 'vitest';
import { parseReference, planBundle, recordKeys } from './bundle-plan.js';

const P = 'urn:uuid:11111111-1111-4111-8111-111111111111';
const E = 'urn:uuid:22222222-2222-4222-8222-222222222222';

const patient = {
  fullUrl: P,
  resource: {
    resourceType: 'Patient',
    identifier: [
      { system: 'https://example.org/ehr', value: 'p-1' },
      {
        type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'DL' }] },
        system: 'urn:oid:2.16.840.1.113883.4.3.25',
        value: 'S123',
      },
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '912-34-5678' },
    ],
    name: [{ family: 'Plan', given: ['Tess'] }],
    birthDate: '1990-01-01',
  },
};
const encounter = (extra: Record<string, unknown> = {}) => ({
  fullUrl: E,
  resource: {
    resourceType: 'Encounter',
    identifier: [{ system: 'https://example.org/ehr', value: 'e-1' }],
    status: 'finished',
    class: { code: 'IMP' },
    type: [{ text: 'Admission' }],
    subject: { reference: P },
    participant: [{ individual: { reference: 'Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|1234567893' } }],
    period: { start: '2024-02-01T10:00:00+01:00', end: '2024-02-03T10:00:00+01:00' },
    location: [{ location: { reference: 'Location?identifier=https://example.org/h|loc' } }],
    ...extra,
  },
});
const bundle = (...entry: unknown[]) => ({ resourceType: 'Bundle', type: 'transaction', entry });

describe('references', () => {
  it('tells bundle-internal, conditional, relative and contained references apart', () => {
    expect(parseReference(P)).toEqual({ kind: 'urn', id: P });
    expect(parseReference('Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|999')).toEqual({
      kind: 'conditional',
      type: 'Practitioner',
      system: 'http://hl7.org/fhir/sid/us-npi',
      value: '999',
    });
    expect(parseReference('Patient/abc')).toEqual({ kind: 'relative', type: 'Patient', id: 'abc' });
    expect(parseReference('#coverage')).toEqual({ kind: 'contained', id: 'coverage' });
    expect(parseReference('Practitioner?name=x').kind).toBe('other');
  });

  it('remembers record identifiers, never an SSN or a driver licence, and falls back to the fullUrl', () => {
    expect(recordKeys(patient.resource.identifier, P)).toEqual([{ system: 'https://example.org/ehr', value: 'p-1' }]);
    expect(recordKeys([], P)).toEqual([{ system: 'urn:ietf:rfc:3986', value: P }]);
    expect(recordKeys(undefined, null)).toEqual([]);
  });
});

describe('planBundle', () => {
  it('plans a patient with a visit, its conditional references and its ICD-10-CM diagnosis', () => {
    const r = planBundle(
      bundle(
        patient,
        encounter(),
        {
          resource: {
            resourceType: 'Condition',
            code: { coding: [{ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'j18.9', display: 'Pneumonia' }] },
            encounter: { reference: E },
          },
        },
        { resource: { resourceType: 'Observation' } },
      ),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.patients[0]?.input).toMatchObject({ familyName: 'Plan', ssn: '912-34-5678' });
    expect(r.plan.encounters[0]).toMatchObject({
      patient: 0,
      status: 'finished',
      class: 'inpatient',
      startsAt: '2024-02-01T10:00:00+01:00',
      reason: 'Admission',
      practitioner: {
        type: 'Practitioner',
        system: 'http://hl7.org/fhir/sid/us-npi',
        value: '1234567893',
        element: 'Encounter.participant[0].individual',
      },
      places: [{ type: 'Location', value: 'loc', element: 'Encounter.location[0].location' }],
      diagnoses: [{ code: 'J189', description: 'Pneumonia' }],
    });
    expect(r.plan.skipped).toEqual({ Observation: 1 });
  });

  it('refuses with the entry index, its fullUrl and the element', () => {
    const cases: [unknown, { index: number; element: string }][] = [
      [bundle(patient, encounter({ subject: { reference: 'urn:uuid:0' } })), { index: 1, element: 'Encounter.subject' }],
      [bundle(patient, encounter({ class: { code: 'XYZ' } })), { index: 1, element: 'Encounter.class' }],
      [bundle(patient, encounter({ period: { start: '2024-02-01' } })), { index: 1, element: 'Encounter.period.start' }],
      [
        bundle(patient, encounter({ period: { start: '2024-02-01T10:00:00Z', end: '2024-01-01T10:00:00Z' } })),
        { index: 1, element: 'Encounter.period.end' },
      ],
      [
        bundle(patient, encounter({ location: [{ location: { reference: 'Location/123' } }] })),
        { index: 1, element: 'Encounter.location[0].location' },
      ],
      [
        bundle({ ...patient, resource: { ...patient.resource, birthDate: '1990-02-31' } }),
        { index: 0, element: 'Patient.birthDate' },
      ],
      [
        bundle({ fullUrl: 'urn:uuid:x', resource: { resourceType: 'Coverage', beneficiary: { reference: 'urn:uuid:nobody' } } }),
        { index: 0, element: 'Coverage.beneficiary' },
      ],
    ];
    for (const [b, expected] of cases) {
      const r = planBundle(b);
      expect(r.ok ? null : r.problem, JSON.stringify(expected)).toMatchObject(expected);
      if (!r.ok && expected.index === 1) expect(r.problem.fullUrl).toBe(E);
    }
    expect(planBundle({ resourceType: 'Patient' })).toMatchObject({ ok: false, problem: { element: 'Bundle.resourceType' } });
    expect(planBundle({ resourceType: 'Bundle', type: 'searchset' })).toMatchObject({
      ok: false,
      problem: { element: 'Bundle.type' },
    });
  });

  it('plans reference bundles: practitioners with their NPI, organizations and locations', () => {
    const r = planBundle({
      resourceType: 'Bundle',
      type: 'batch',
      entry: [
        {
          resource: {
            resourceType: 'Practitioner',
            identifier: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9999999999' }],
            name: [{ family: 'Doe', given: ['Jo'] }],
          },
        },
        { resource: { resourceType: 'Organization', identifier: [{ system: 'https://example.org/h', value: 'org' }] } },
        { resource: { resourceType: 'PractitionerRole' } },
      ],
    });
    expect(r.ok && r.plan.practitioners).toEqual([
      {
        index: 0,
        keys: [{ system: 'http://hl7.org/fhir/sid/us-npi', value: '9999999999' }],
        npi: '9999999999',
        firstName: 'Jo',
        lastName: 'Doe',
      },
    ]);
    expect(r.ok && r.plan.places).toEqual([{ type: 'Organization', keys: [{ system: 'https://example.org/h', value: 'org' }] }]);
  });
});

describe('payers named on claims', () => {
  const claim = (type: string, payer: Record<string, unknown>, start: string, extra: Record<string, unknown> = {}) => ({
    fullUrl: `urn:uuid:${start}-claim-${type}`,
    resource: {
      resourceType: type,
      patient: { reference: P },
      billablePeriod: { start: `${start}T10:00:00Z` },
      ...payer,
      ...extra,
    },
  });
  it('gives one payer per patient and payer, with the last date billed, from Claims and EOBs alike', () => {
    const r = planBundle(
      bundle(
        patient,
        claim('Claim', { insurance: [{ focal: true, sequence: 1, coverage: { display: 'Aetna' } }] }, '2020-01-01'),
        claim('Claim', { insurance: [{ focal: true, sequence: 1, coverage: { display: 'aetna' } }] }, '2021-06-01'),
        claim(
          'ExplanationOfBenefit',
          {
            contained: [{ resourceType: 'Coverage', id: 'coverage', payor: [{ display: 'Medicaid' }] }],
            insurance: [{ focal: true, coverage: { reference: '#coverage' } }],
          },
          '2019-03-01',
        ),
        // A claim for no patient of this bundle names nobody's payer.
        claim('Claim', { insurance: [{ coverage: { display: 'Humana' } }] }, '2022-01-01', { patient: { reference: 'urn:x' } }),
      ),
    );
    expect(r.ok && r.plan.payers.map((p) => [p.name, p.lastBilled, p.claims])).toEqual([
      ['Aetna', '2021-06-01', 2],
      ['Medicaid', '2019-03-01', 1],
    ]);
  });
});
