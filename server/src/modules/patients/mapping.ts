import type { Consent, Coverage, Patient, PatientSummary } from '@clinicops/contracts';
import type { Selectable } from 'kysely';
import type { PatientTables } from './tables.js';

// Rows to API shapes. The SSN ciphertext has no path out: only its last four digits are mapped.

type PatientRow = Selectable<PatientTables['patients']>;
type SummaryRow = Pick<
  PatientRow,
  | 'id'
  | 'mrn'
  | 'facility_id'
  | 'given_name'
  | 'family_name'
  | 'preferred_name'
  | 'date_of_birth'
  | 'sex_at_birth'
  | 'phone'
  | 'status'
>;

export const toSummary = (r: SummaryRow): PatientSummary => ({
  id: r.id,
  mrn: r.mrn,
  facilityId: r.facility_id,
  givenName: r.given_name,
  familyName: r.family_name,
  preferredName: r.preferred_name,
  dateOfBirth: r.date_of_birth,
  sexAtBirth: r.sex_at_birth,
  phone: r.phone,
  status: r.status,
});

export const toPatient = (r: PatientRow): Patient => ({
  ...toSummary(r),
  genderIdentity: r.gender_identity,
  email: r.email,
  addressLine1: r.address_line1,
  addressLine2: r.address_line2,
  city: r.city,
  state: r.state,
  postalCode: r.postal_code,
  preferredLanguage: r.preferred_language,
  smsConsent: r.sms_consent,
  emailConsent: r.email_consent,
  emergencyContact: r.emergency_contact_name
    ? { name: r.emergency_contact_name, relationship: r.emergency_contact_relationship, phone: r.emergency_contact_phone }
    : null,
  ssnLast4: r.ssn_last4,
  notes: r.notes,
  alerts: r.alerts,
  mergedIntoId: r.merged_into_id,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

export const toCoverage = (r: Selectable<PatientTables['patient_coverages']>): Coverage => ({
  id: r.id,
  patientId: r.patient_id,
  payerName: r.payer_name,
  payerKind: r.payer_kind,
  planName: r.plan_name,
  memberId: r.member_id,
  groupId: r.group_id,
  subscriberName: r.subscriber_name,
  relationship: r.relationship,
  order: r.coverage_order,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  active: r.active,
});

export const toConsent = (r: Selectable<PatientTables['patient_consents']>): Consent => ({
  id: r.id,
  patientId: r.patient_id,
  kind: r.kind,
  signedOn: r.signed_on,
  note: r.note,
  createdAt: r.created_at.toISOString(),
});
