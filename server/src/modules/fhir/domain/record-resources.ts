import type { Coverage, Encounter, Patient } from '@clinicops/contracts';
import type { Coverage as FhirCoverage, Encounter as FhirEncounter, Patient as FhirPatient } from '@medplum/fhirtypes';
import {
  type CoverageFacts,
  type EncounterFacts,
  type PatientFacts,
  toFhirCoverage,
  toFhirEncounter,
  toFhirPatient,
} from './to-fhir.js';

// A patient's record as the REST API shapes it (the patients and encounters modules' contracts),
// mapped by the same functions that answer /fhir/R4. The right-of-access export (module records)
// builds its Bundle from these, so Patient, Coverage and Encounter have one mapping.

export type RecordParts = { patient: Patient; coverages: readonly Coverage[]; encounters: readonly Encounter[] };
export type RecordResources = { patient: FhirPatient; coverages: FhirCoverage[]; encounters: FhirEncounter[] };

export const patientFactsOf = (p: Patient): PatientFacts => ({
  id: p.id,
  facility_id: p.facilityId,
  mrn: p.mrn,
  given_name: p.givenName,
  family_name: p.familyName,
  preferred_name: p.preferredName,
  date_of_birth: p.dateOfBirth,
  sex_at_birth: p.sexAtBirth,
  phone: p.phone,
  email: p.email,
  address_line1: p.addressLine1,
  address_line2: p.addressLine2,
  city: p.city,
  state: p.state,
  postal_code: p.postalCode,
  preferred_language: p.preferredLanguage,
  emergency_contact_name: p.emergencyContact?.name ?? null,
  emergency_contact_relationship: p.emergencyContact?.relationship ?? null,
  emergency_contact_phone: p.emergencyContact?.phone ?? null,
  status: p.status,
  merged_into_id: p.mergedIntoId,
  updated_at: p.updatedAt,
});

export const coverageFactsOf = (c: Coverage): CoverageFacts => ({
  id: c.id,
  patient_id: c.patientId,
  payer_name: c.payerName,
  payer_kind: c.payerKind,
  plan_name: c.planName,
  member_id: c.memberId,
  group_id: c.groupId,
  subscriber_name: c.subscriberName,
  relationship: c.relationship,
  coverage_order: c.order,
  effective_from: c.effectiveFrom,
  effective_to: c.effectiveTo,
  active: c.active,
});

export const encounterFactsOf = (e: Encounter): EncounterFacts => ({
  id: e.id,
  facility_id: e.facilityId,
  patient_id: e.patientId,
  provider_id: e.providerId,
  provider_name: e.providerName,
  status: e.status,
  class: e.class,
  starts_at: e.startsAt,
  ends_at: e.endsAt,
  reason: e.reason,
  updated_at: e.updatedAt,
  diagnoses: e.diagnoses.map((d) => ({ position: d.position, code: d.code, description: d.description })),
});

/** The record's Patient, Coverages and Encounters, exactly as /fhir/R4 would answer them. */
export function recordResources(r: RecordParts): RecordResources {
  return {
    patient: toFhirPatient(patientFactsOf(r.patient)),
    coverages: r.coverages.map((c) => toFhirCoverage(coverageFactsOf(c))),
    encounters: r.encounters.map((e) => toFhirEncounter(encounterFactsOf(e))),
  };
}
