import type {
  Coverage,
  Encounter,
  Identifier,
  Location,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
} from '@medplum/fhirtypes';
import {
  ACT_CODE,
  COVERAGE_CLASS,
  FACILITY_EXTENSION,
  ICD10_CM,
  MRN_SYSTEM,
  NPI_SYSTEM,
  PAYER_KIND_SYSTEM,
  POSITION_SYSTEM,
  SUBSCRIBER_RELATIONSHIP,
  V2_0203,
} from './systems.js';

// Our records as FHIR R4 resources. The inputs are plain row shapes (snake_case, as read), so
// these stay pure. What never leaves: the SSN (not even its last four digits), notes and alerts,
// consents flags, and staff pay or birth dates.

/** Identifiers a record was imported under (fhir_external_ids), echoed so clients can match. */
export type ExternalId = { system: string; value: string };

const iso = (d: Date | string) => (typeof d === 'string' ? d : d.toISOString());
const present = <T>(xs: (T | null | undefined | false)[]): T[] =>
  xs.filter((x): x is T => x !== null && x !== undefined && x !== false);
const ext = (ids: readonly ExternalId[] | undefined): Identifier[] =>
  (ids ?? []).map((i) => ({ system: i.system, value: i.value }));

export type PatientFacts = {
  id: string;
  facility_id: string;
  mrn: string;
  /** Null when unknown (0015): the element is then left out, never invented. */
  given_name: string | null;
  family_name: string | null;
  preferred_name: string | null;
  date_of_birth: string | null;
  sex_at_birth: 'female' | 'male' | 'unknown';
  phone: string | null;
  email: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
  preferred_language: string | null;
  emergency_contact_name: string | null;
  emergency_contact_relationship: string | null;
  emergency_contact_phone: string | null;
  status: 'active' | 'inactive' | 'deceased' | 'merged';
  /** Set when the record was merged into another one (a duplicate). */
  merged_into_id?: string | null;
  updated_at: Date | string;
};

export function toFhirPatient(p: PatientFacts, external?: readonly ExternalId[]): Patient {
  const hasAddress = p.address_line1 || p.city || p.state || p.postal_code;
  return {
    resourceType: 'Patient',
    id: p.id,
    meta: { lastUpdated: iso(p.updated_at) },
    extension: [{ url: FACILITY_EXTENSION, valueReference: { reference: `Location/${p.facility_id}` } }],
    identifier: [
      {
        use: 'usual',
        type: { coding: [{ system: V2_0203, code: 'MR', display: 'Medical record number' }] },
        system: MRN_SYSTEM,
        value: p.mrn,
      },
      ...ext(external),
    ],
    // A merged duplicate is no longer in use and points at the record that replaced it.
    active: p.status !== 'inactive' && p.status !== 'merged',
    ...(p.merged_into_id
      ? { link: [{ other: { reference: `Patient/${p.merged_into_id}` }, type: 'replaced-by' as const }] }
      : {}),
    ...(p.family_name || p.given_name || p.preferred_name
      ? {
          name: present([
            p.family_name || p.given_name
              ? {
                  use: 'official' as const,
                  ...(p.family_name ? { family: p.family_name } : {}),
                  ...(p.given_name ? { given: [p.given_name] } : {}),
                }
              : null,
            p.preferred_name ? { use: 'usual' as const, given: [p.preferred_name] } : null,
          ]),
        }
      : {}),
    ...(p.phone || p.email
      ? {
          telecom: present([
            p.phone ? { system: 'phone' as const, value: p.phone } : null,
            p.email ? { system: 'email' as const, value: p.email } : null,
          ]),
        }
      : {}),
    gender: p.sex_at_birth,
    ...(p.date_of_birth ? { birthDate: p.date_of_birth } : {}),
    ...(p.status === 'deceased' ? { deceasedBoolean: true } : {}),
    ...(hasAddress
      ? {
          address: [
            {
              use: 'home' as const,
              ...(p.address_line1 ? { line: present([p.address_line1, p.address_line2]) } : {}),
              ...(p.city ? { city: p.city } : {}),
              ...(p.state ? { state: p.state } : {}),
              ...(p.postal_code ? { postalCode: p.postal_code } : {}),
              country: 'US',
            },
          ],
        }
      : {}),
    ...(p.emergency_contact_name
      ? {
          contact: [
            {
              ...(p.emergency_contact_relationship
                ? {
                    relationship: [
                      {
                        coding: [
                          { system: 'http://terminology.hl7.org/CodeSystem/v2-0131', code: 'C', display: 'Emergency Contact' },
                        ],
                        text: p.emergency_contact_relationship,
                      },
                    ],
                  }
                : {}),
              name: { text: p.emergency_contact_name },
              ...(p.emergency_contact_phone ? { telecom: [{ system: 'phone' as const, value: p.emergency_contact_phone }] } : {}),
            },
          ],
        }
      : {}),
    ...(p.preferred_language ? { communication: [{ language: { text: p.preferred_language }, preferred: true }] } : {}),
  };
}

export type CoverageFacts = {
  id: string;
  patient_id: string;
  payer_name: string;
  payer_kind: 'commercial' | 'medicare' | 'medicaid' | 'self_pay' | 'other';
  plan_name: string | null;
  member_id: string | null;
  group_id: string | null;
  subscriber_name: string | null;
  relationship: 'self' | 'spouse' | 'child' | 'other';
  coverage_order: number;
  /** Null when the start is unknown (0015). */
  effective_from: string | null;
  effective_to: string | null;
  active: boolean;
  /** Absent where the caller does not hold it (the right-of-access export): no meta then. */
  updated_at?: Date | string;
};

const payerKindDisplay = {
  commercial: 'Commercial',
  medicare: 'Medicare',
  medicaid: 'Medicaid',
  self_pay: 'Self-pay',
  other: 'Other',
};

export function toFhirCoverage(c: CoverageFacts, external?: readonly ExternalId[]): Coverage {
  const classes = present([
    c.group_id ? { type: { coding: [{ system: COVERAGE_CLASS, code: 'group' }] }, value: c.group_id } : null,
    c.plan_name ? { type: { coding: [{ system: COVERAGE_CLASS, code: 'plan' }] }, value: c.plan_name, name: c.plan_name } : null,
  ]);
  return {
    resourceType: 'Coverage',
    id: c.id,
    ...(c.updated_at ? { meta: { lastUpdated: iso(c.updated_at) } } : {}),
    ...(external && external.length > 0 ? { identifier: ext(external) } : {}),
    status: c.active ? 'active' : 'cancelled',
    type: {
      coding: [
        { system: PAYER_KIND_SYSTEM, code: c.payer_kind, display: payerKindDisplay[c.payer_kind] },
        ...(c.payer_kind === 'self_pay' ? [{ system: ACT_CODE, code: 'pay', display: 'pay' }] : []),
      ],
    },
    ...(c.subscriber_name ? { subscriber: { display: c.subscriber_name } } : {}),
    ...(c.member_id ? { subscriberId: c.member_id } : {}),
    beneficiary: { reference: `Patient/${c.patient_id}` },
    relationship: { coding: [{ system: SUBSCRIBER_RELATIONSHIP, code: c.relationship }] },
    ...(c.effective_from || c.effective_to
      ? {
          period: {
            ...(c.effective_from ? { start: c.effective_from } : {}),
            ...(c.effective_to ? { end: c.effective_to } : {}),
          },
        }
      : {}),
    payor: [{ display: c.payer_name }],
    ...(classes.length > 0 ? { class: classes } : {}),
    order: c.coverage_order,
  };
}

export type StaffFacts = {
  id: string;
  facility_id: string;
  first_name: string;
  last_name: string;
  position: string;
  npi: string | null;
  hire_date: string;
  termination_date: string | null;
  updated_at: Date | string;
};

const isActiveOn = (s: StaffFacts, today: string) => s.termination_date === null || s.termination_date >= today;

export function toFhirPractitioner(s: StaffFacts, today: string, external?: readonly ExternalId[]): Practitioner {
  const ids = [...(s.npi ? [{ system: NPI_SYSTEM, value: s.npi }] : []), ...ext(external)];
  // An imported NPI that fails the check digit is kept only in the external map; never twice.
  const unique = ids.filter((i, n) => ids.findIndex((j) => j.system === i.system && j.value === i.value) === n);
  return {
    resourceType: 'Practitioner',
    id: s.id,
    meta: { lastUpdated: iso(s.updated_at) },
    ...(unique.length > 0 ? { identifier: unique } : {}),
    active: isActiveOn(s, today),
    name: [{ use: 'official', family: s.last_name, given: [s.first_name] }],
  };
}

/** One role per staff member: their position at their facility, for their employment period. */
export function toFhirPractitionerRole(s: StaffFacts, organizationId: string, today: string): PractitionerRole {
  return {
    resourceType: 'PractitionerRole',
    id: s.id,
    meta: { lastUpdated: iso(s.updated_at) },
    active: isActiveOn(s, today),
    period: { start: s.hire_date, ...(s.termination_date ? { end: s.termination_date } : {}) },
    practitioner: { reference: `Practitioner/${s.id}`, display: `${s.first_name} ${s.last_name}` },
    organization: { reference: `Organization/${organizationId}` },
    code: [{ coding: [{ system: POSITION_SYSTEM, code: s.position }], text: s.position.replaceAll('_', ' ') }],
    location: [{ reference: `Location/${s.facility_id}` }],
  };
}

export type OrganizationFacts = { id: string; name: string };

export function toFhirOrganization(o: OrganizationFacts): Organization {
  return {
    resourceType: 'Organization',
    id: o.id,
    active: true,
    type: [
      {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'prov', display: 'Healthcare Provider' },
        ],
      },
    ],
    name: o.name,
  };
}

export type FacilityFacts = {
  id: string;
  organization_id: string;
  name: string;
  kind: 'clinic' | 'nursing_home' | 'hospital_department';
  address_line: string | null;
  city: string | null;
  state: string | null;
  postal_code: string | null;
};

// v3 RoleCode service-delivery-location types for our facility kinds.
const facilityType = {
  clinic: { code: 'OF', display: 'Outpatient facility' },
  nursing_home: { code: 'NCCF', display: 'Nursing or custodial care facility' },
  hospital_department: { code: 'HOSP', display: 'Hospital' },
};

export function toFhirLocation(f: FacilityFacts): Location {
  const hasAddress = f.address_line || f.city || f.state || f.postal_code;
  return {
    resourceType: 'Location',
    id: f.id,
    status: 'active',
    name: f.name,
    mode: 'instance',
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', ...facilityType[f.kind] }] }],
    ...(hasAddress
      ? {
          address: {
            ...(f.address_line ? { line: [f.address_line] } : {}),
            ...(f.city ? { city: f.city } : {}),
            ...(f.state ? { state: f.state } : {}),
            ...(f.postal_code ? { postalCode: f.postal_code } : {}),
            country: 'US',
          },
        }
      : {}),
    managingOrganization: { reference: `Organization/${f.organization_id}` },
  };
}

export type EncounterFacts = {
  id: string;
  facility_id: string;
  patient_id: string;
  provider_id: string | null;
  /** The provider's name, shown beside the reference where the caller has it. */
  provider_name?: string | null;
  status: 'planned' | 'in_progress' | 'finished' | 'cancelled';
  class: 'ambulatory' | 'inpatient' | 'emergency' | 'home' | 'virtual';
  starts_at: Date | string;
  ends_at: Date | string | null;
  reason: string | null;
  updated_at: Date | string;
  diagnoses: readonly { position: number; code: string; description: string | null }[];
};

const encounterClass = {
  ambulatory: { code: 'AMB', display: 'ambulatory' },
  inpatient: { code: 'IMP', display: 'inpatient encounter' },
  emergency: { code: 'EMER', display: 'emergency' },
  home: { code: 'HH', display: 'home health' },
  virtual: { code: 'VR', display: 'virtual' },
};
const encounterStatus = { planned: 'planned', in_progress: 'in-progress', finished: 'finished', cancelled: 'cancelled' } as const;

/** ICD-10-CM codes are stored without the dot; FHIR shows them as printed (E11.9). */
export const dottedIcd10 = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

export function toFhirEncounter(e: EncounterFacts, external?: readonly ExternalId[]): Encounter {
  const diagnoses = [...e.diagnoses].sort((a, b) => a.position - b.position);
  return {
    resourceType: 'Encounter',
    id: e.id,
    meta: { lastUpdated: iso(e.updated_at) },
    ...(external && external.length > 0 ? { identifier: ext(external) } : {}),
    status: encounterStatus[e.status],
    class: { system: ACT_CODE, ...encounterClass[e.class] },
    subject: { reference: `Patient/${e.patient_id}` },
    ...(e.provider_id || e.provider_name
      ? {
          participant: [
            {
              individual: {
                ...(e.provider_id ? { reference: `Practitioner/${e.provider_id}` } : {}),
                ...(e.provider_name ? { display: e.provider_name } : {}),
              },
            },
          ],
        }
      : {}),
    period: { start: iso(e.starts_at), ...(e.ends_at ? { end: iso(e.ends_at) } : {}) },
    ...(e.reason || diagnoses.length > 0
      ? {
          reasonCode: [
            ...(e.reason ? [{ text: e.reason }] : []),
            ...diagnoses.map((d) => ({
              coding: [{ system: ICD10_CM, code: dottedIcd10(d.code), ...(d.description ? { display: d.description } : {}) }],
              ...(d.description ? { text: d.description } : {}),
            })),
          ],
        }
      : {}),
    location: [{ location: { reference: `Location/${e.facility_id}` } }],
  };
}
