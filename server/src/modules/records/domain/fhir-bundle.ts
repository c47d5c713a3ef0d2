import type { Consent, Coverage, Encounter, Patient } from '@clinicops/contracts';
import type {
  Bundle,
  BundleEntry,
  Condition,
  Consent as FhirConsent,
  Coverage as FhirCoverage,
  Encounter as FhirEncounter,
  Patient as FhirPatient,
  Procedure,
  Resource,
} from '@medplum/fhirtypes';

// The right-of-access export as a FHIR R4 Bundle of type collection: Patient, Coverage,
// Encounter, Condition (each encounter diagnosis), Procedure (each coded procedure) and Consent.
// Small mappers of our own, so the export does not wait for the /fhir/R4 API (they are to converge).

export const SYSTEMS = {
  mrn: 'urn:clinicops:mrn',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  cpt: 'http://www.ama-assn.org/go/cpt',
  hcpcs: 'http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  consentScope: 'http://terminology.hl7.org/CodeSystem/consentscope',
  loinc: 'http://loinc.org',
  contactRelationship: 'http://terminology.hl7.org/CodeSystem/v2-0131',
} as const;

const ref = (type: string, id: string) => ({ reference: `${type}/${id}` });

export function toFhirPatient(p: Patient): FhirPatient {
  const address = [p.addressLine1, p.addressLine2].filter((l): l is string => Boolean(l));
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: SYSTEMS.identifierType, code: 'MR', display: 'Medical record number' }] },
        system: SYSTEMS.mrn,
        value: p.mrn,
      },
    ],
    active: p.status === 'active',
    // Unknown names and birth dates (null, 0015) are left out rather than invented.
    name: [
      ...(p.familyName || p.givenName
        ? [
            {
              use: 'official' as const,
              ...(p.familyName ? { family: p.familyName } : {}),
              ...(p.givenName ? { given: [p.givenName] } : {}),
            },
          ]
        : []),
      ...(p.preferredName
        ? [{ use: 'usual' as const, given: [p.preferredName], ...(p.familyName ? { family: p.familyName } : {}) }]
        : []),
    ],
    telecom: [
      ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : []),
      ...(p.email ? [{ system: 'email' as const, value: p.email }] : []),
    ],
    // Administrative gender; the record's sex at birth is the closest we hold.
    gender: p.sexAtBirth,
    ...(p.dateOfBirth ? { birthDate: p.dateOfBirth } : {}),
    ...(p.status === 'deceased' ? { deceasedBoolean: true } : {}),
    ...(address.length > 0 || p.city || p.state || p.postalCode
      ? {
          address: [
            {
              ...(address.length > 0 ? { line: address } : {}),
              ...(p.city ? { city: p.city } : {}),
              ...(p.state ? { state: p.state } : {}),
              ...(p.postalCode ? { postalCode: p.postalCode } : {}),
            },
          ],
        }
      : {}),
    ...(p.preferredLanguage ? { communication: [{ language: { text: p.preferredLanguage }, preferred: true }] } : {}),
    ...(p.emergencyContact
      ? {
          contact: [
            {
              relationship: [
                {
                  coding: [{ system: SYSTEMS.contactRelationship, code: 'C', display: 'Emergency Contact' }],
                  ...(p.emergencyContact.relationship ? { text: p.emergencyContact.relationship } : {}),
                },
              ],
              name: { text: p.emergencyContact.name },
              ...(p.emergencyContact.phone ? { telecom: [{ system: 'phone' as const, value: p.emergencyContact.phone }] } : {}),
            },
          ],
        }
      : {}),
  };
}

export function toFhirCoverage(c: Coverage, patientId: string): FhirCoverage {
  return {
    resourceType: 'Coverage',
    id: c.id,
    status: c.active ? 'active' : 'cancelled',
    ...(c.memberId ? { subscriberId: c.memberId } : {}),
    beneficiary: ref('Patient', patientId),
    relationship: { coding: [{ system: SYSTEMS.subscriberRelationship, code: c.relationship }] },
    ...(c.effectiveFrom || c.effectiveTo
      ? {
          period: {
            ...(c.effectiveFrom ? { start: c.effectiveFrom } : {}),
            ...(c.effectiveTo ? { end: c.effectiveTo } : {}),
          },
        }
      : {}),
    payor: [{ display: c.payerName }],
    order: c.order,
    ...(c.groupId || c.planName
      ? {
          class: [
            ...(c.groupId ? [{ type: { coding: [{ system: SYSTEMS.coverageClass, code: 'group' }] }, value: c.groupId }] : []),
            ...(c.planName
              ? [{ type: { coding: [{ system: SYSTEMS.coverageClass, code: 'plan' }] }, value: c.planName, name: c.planName }]
              : []),
          ],
        }
      : {}),
  };
}

const encounterStatus = { planned: 'planned', in_progress: 'in-progress', finished: 'finished', cancelled: 'cancelled' } as const;
const procedureStatus = {
  planned: 'preparation',
  in_progress: 'in-progress',
  finished: 'completed',
  cancelled: 'not-done',
} as const;
const actClass = {
  ambulatory: ['AMB', 'ambulatory'],
  inpatient: ['IMP', 'inpatient encounter'],
  emergency: ['EMER', 'emergency'],
  home: ['HH', 'home health'],
  virtual: ['VR', 'virtual'],
} as const;

export const conditionId = (encounterId: string, position: number) => `${encounterId}-dx${position}`;
export const procedureId = (encounterId: string, position: number) => `${encounterId}-px${position}`;

/** An encounter with its diagnoses as Conditions and its coded procedures as Procedures. */
export function toFhirEncounter(e: Encounter): Resource[] {
  const encounter: FhirEncounter = {
    resourceType: 'Encounter',
    id: e.id,
    status: encounterStatus[e.status],
    class: { system: SYSTEMS.actCode, code: actClass[e.class][0], display: actClass[e.class][1] },
    subject: ref('Patient', e.patientId),
    ...(e.providerName ? { participant: [{ individual: { display: e.providerName } }] } : {}),
    period: { start: e.startsAt, ...(e.endsAt ? { end: e.endsAt } : {}) },
    ...(e.reason ? { reasonCode: [{ text: e.reason }] } : {}),
    ...(e.diagnoses.length > 0
      ? { diagnosis: e.diagnoses.map((d) => ({ condition: ref('Condition', conditionId(e.id, d.position)), rank: d.position })) }
      : {}),
  };
  const conditions: Condition[] = e.diagnoses.map((d) => ({
    resourceType: 'Condition',
    id: conditionId(e.id, d.position),
    category: [{ coding: [{ system: SYSTEMS.conditionCategory, code: 'encounter-diagnosis', display: 'Encounter Diagnosis' }] }],
    code: {
      coding: [{ system: SYSTEMS.icd10cm, code: d.display, ...(d.description ? { display: d.description } : {}) }],
      ...(d.description ? { text: d.description } : {}),
    },
    subject: ref('Patient', e.patientId),
    encounter: ref('Encounter', e.id),
    recordedDate: e.startsAt,
  }));
  const procedures: Procedure[] = e.procedures.map((p) => ({
    resourceType: 'Procedure',
    id: procedureId(e.id, p.position),
    status: procedureStatus[e.status],
    code: {
      coding: [{ system: /^[A-Z]/.test(p.code) ? SYSTEMS.hcpcs : SYSTEMS.cpt, code: p.code }],
      text: [p.code, ...p.modifiers].join('-') + (p.units > 1 ? ` x${p.units}` : ''),
    },
    subject: ref('Patient', e.patientId),
    encounter: ref('Encounter', e.id),
    performedDateTime: e.startsAt,
    ...(p.diagnosisPointers.length > 0
      ? { reasonReference: p.diagnosisPointers.map((n) => ref('Condition', conditionId(e.id, n))) }
      : {}),
  }));
  return [encounter, ...conditions, ...procedures];
}

const consentTitles = {
  npp: 'Acknowledgment of the notice of privacy practices',
  treatment: 'Consent to treatment',
  communication: 'Consent to communication (SMS, email)',
} as const;

export function toFhirConsent(c: Consent): FhirConsent {
  return {
    resourceType: 'Consent',
    id: c.id,
    status: 'active',
    scope: {
      coding: [
        c.kind === 'treatment'
          ? { system: SYSTEMS.consentScope, code: 'treatment', display: 'Treatment' }
          : { system: SYSTEMS.consentScope, code: 'patient-privacy', display: 'Privacy Consent' },
      ],
    },
    category: [{ coding: [{ system: SYSTEMS.loinc, code: '59284-0', display: 'Patient Consent' }] }],
    patient: ref('Patient', c.patientId),
    dateTime: c.signedOn,
    policyRule: { text: consentTitles[c.kind] },
  };
}

export type ExportRecord = { patient: Patient; coverages: Coverage[]; consents: Consent[]; encounters: Encounter[] };

export function buildPatientBundle(r: ExportRecord, generatedAt: string): Bundle {
  const resources: Resource[] = [
    toFhirPatient(r.patient),
    ...r.coverages.map((c) => toFhirCoverage(c, r.patient.id)),
    ...r.encounters.flatMap(toFhirEncounter),
    ...r.consents.map(toFhirConsent),
  ];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: generatedAt,
    entry: resources.map((resource): BundleEntry => ({ resource })),
  };
}
