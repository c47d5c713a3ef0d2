import { z } from 'zod';
import { Id, Problem } from './common.js';

// Patients: demographics, coverages, consents. The SSN goes in on create/update and never comes
// back: responses carry only its last four digits.

export const patientStatuses = ['active', 'inactive', 'deceased'] as const;
/** What a record can be; `merged` is set only by a merge (never by an update). */
export const patientRecordStatuses = [...patientStatuses, 'merged'] as const;
export const sexesAtBirth = ['female', 'male', 'unknown'] as const;
export const coverageRelationships = ['self', 'spouse', 'child', 'other'] as const;
export const payerKinds = ['commercial', 'medicare', 'medicaid', 'self_pay', 'other'] as const;
export const consentKinds = ['npp', 'treatment', 'communication'] as const;

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().max(max);
const name = z.string().trim().min(1, 'is required').max(100);
const Phone = z
  .string()
  .trim()
  .regex(/^[\d\s()+.-]*$/, 'may hold only digits, spaces and ( ) + . -')
  .refine((v) => {
    const n = v.replace(/\D/g, '').length;
    return n === 0 || (n >= 7 && n <= 15);
  }, 'must have 7 to 15 digits');
const Ssn = z
  .string()
  .trim()
  .regex(/^\d{3}-?\d{2}-?\d{4}$/, 'must be 9 digits (123-45-6789)');

export const EmergencyContact = z.object({
  name: text(120),
  relationship: text(60).nullable(),
  phone: Phone.nullable(),
});
export type EmergencyContact = z.infer<typeof EmergencyContact>;

// givenName, familyName and dateOfBirth are null when unknown: records received over FHIR (the
// API or the Synthea import) may lack them, and ClinicOps does not invent them. The REST API's
// create and the front-desk form still require them.
export const PatientSummary = z.object({
  id: Id,
  mrn: z.string(),
  facilityId: Id,
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  preferredName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  sexAtBirth: z.enum(sexesAtBirth),
  phone: z.string().nullable(),
  status: z.enum(patientRecordStatuses),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const Patient = PatientSummary.extend({
  genderIdentity: z.string().nullable(),
  email: z.string().nullable(),
  addressLine1: z.string().nullable(),
  addressLine2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  preferredLanguage: z.string().nullable(),
  smsConsent: z.boolean(),
  emailConsent: z.boolean(),
  emergencyContact: EmergencyContact.nullable(),
  ssnLast4: z.string().nullable(),
  notes: z.string().nullable(),
  alerts: z.array(z.string()),
  /** Set when this record was merged into another one (the survivor, which holds its data now). */
  mergedIntoId: Id.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Patient = z.infer<typeof Patient>;

export const PatientSearchQuery = z.object({
  q: z.string().trim().min(1, 'type a name, date of birth, MRN or phone').max(100),
  facilityId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type PatientSearchQuery = z.infer<typeof PatientSearchQuery>;

const demographics = {
  givenName: name,
  familyName: name,
  preferredName: text(100).nullable().optional(),
  dateOfBirth: isoDate,
  sexAtBirth: z.enum(sexesAtBirth),
  genderIdentity: text(60).nullable().optional(),
  phone: Phone.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  addressLine1: text(200).nullable().optional(),
  addressLine2: text(200).nullable().optional(),
  city: text(100).nullable().optional(),
  state: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2}$/, 'must be a two-letter state code')
    .nullable()
    .optional(),
  postalCode: z
    .string()
    .trim()
    .regex(/^\d{5}(-\d{4})?$/, 'must be a ZIP code (12345 or 12345-6789)')
    .nullable()
    .optional(),
  preferredLanguage: text(60).nullable().optional(),
  smsConsent: z.boolean().optional(),
  emailConsent: z.boolean().optional(),
  emergencyContact: EmergencyContact.nullable().optional(),
  ssn: Ssn.nullable().optional(),
  notes: text(4000).nullable().optional(),
  alerts: z.array(text(200).min(1)).max(20).optional(),
};

export const CreatePatientRequest = z.object({
  facilityId: Id,
  ...demographics,
  /** Set after the user has looked at the possible duplicates and chosen to go on. */
  confirmNotDuplicate: z.boolean().optional(),
});
export type CreatePatientRequest = z.infer<typeof CreatePatientRequest>;

export const UpdatePatientRequest = z
  .object({
    ...demographics,
    givenName: name.optional(),
    familyName: name.optional(),
    dateOfBirth: isoDate.optional(),
    sexAtBirth: z.enum(sexesAtBirth).optional(),
    status: z.enum(patientStatuses).optional(),
  })
  .strict();
export type UpdatePatientRequest = z.infer<typeof UpdatePatientRequest>;

export const PossibleDuplicate = z.object({
  id: Id,
  mrn: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  dateOfBirth: z.string().nullable(),
  score: z.number().int(),
  reasons: z.array(z.string()),
});
export type PossibleDuplicate = z.infer<typeof PossibleDuplicate>;

/** 409 answer to a create that resembles existing patients: resend with confirmNotDuplicate. */
export const PossibleDuplicates = Problem.extend({ duplicates: z.array(PossibleDuplicate) });
export type PossibleDuplicates = z.infer<typeof PossibleDuplicates>;

export const Coverage = z.object({
  id: Id,
  patientId: Id,
  payerName: z.string(),
  payerKind: z.enum(payerKinds),
  planName: z.string().nullable(),
  memberId: z.string().nullable(),
  groupId: z.string().nullable(),
  subscriberName: z.string().nullable(),
  relationship: z.enum(coverageRelationships),
  order: z.number().int(),
  /** Null when the start is unknown (a coverage received over FHIR without period.start). */
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  active: z.boolean(),
});
export type Coverage = z.infer<typeof Coverage>;

const coverageFields = {
  payerName: text(200).min(1, 'is required'),
  payerKind: z.enum(payerKinds),
  planName: text(200).nullable().optional(),
  memberId: text(80).nullable().optional(),
  groupId: text(80).nullable().optional(),
  subscriberName: text(200).nullable().optional(),
  relationship: z.enum(coverageRelationships),
  order: z.number().int().min(1).max(3),
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
};

export const CreateCoverageRequest = z.object(coverageFields).strict();
export type CreateCoverageRequest = z.infer<typeof CreateCoverageRequest>;

export const UpdateCoverageRequest = z
  .object({
    ...coverageFields,
    payerName: coverageFields.payerName.optional(),
    payerKind: coverageFields.payerKind.optional(),
    relationship: coverageFields.relationship.optional(),
    order: coverageFields.order.optional(),
    effectiveFrom: isoDate.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export type UpdateCoverageRequest = z.infer<typeof UpdateCoverageRequest>;

export const CoverageParams = z.object({ id: Id, coverageId: Id });
export type CoverageParams = z.infer<typeof CoverageParams>;

export const Consent = z.object({
  id: Id,
  patientId: Id,
  kind: z.enum(consentKinds),
  signedOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type Consent = z.infer<typeof Consent>;

export const CreateConsentRequest = z
  .object({ kind: z.enum(consentKinds), signedOn: isoDate, note: text(1000).nullable().optional() })
  .strict();
export type CreateConsentRequest = z.infer<typeof CreateConsentRequest>;

export const AccessHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AccessHistoryQuery = z.infer<typeof AccessHistoryQuery>;
