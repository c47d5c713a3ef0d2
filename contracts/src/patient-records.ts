import { z } from 'zod';
import { Id } from './common.js';
import { Patient } from './patients.js';

// Duplicate merge, retention settings and the right-of-access export of a patient record.

export const mergeFields = [
  'name',
  'preferredName',
  'dateOfBirth',
  'sexAtBirth',
  'genderIdentity',
  'phone',
  'email',
  'address',
  'preferredLanguage',
  'emergencyContact',
  'ssn',
  'notes',
] as const;
export type MergeFieldName = (typeof mergeFields)[number];

/** POST /api/patients/:id/merge: `:id` survives; `duplicateId` is marked merged into it. */
export const MergePatientRequest = z
  .object({
    duplicateId: Id,
    /** Per field, which record's value the survivor keeps; unset: the survivor's, blanks filled from the duplicate. */
    fields: z.partialRecord(z.enum(mergeFields), z.enum(['survivor', 'duplicate'])).default({}),
  })
  .strict();
export type MergePatientRequest = z.input<typeof MergePatientRequest>;

export const MergeResult = z.object({
  survivor: Patient,
  mergeId: Id,
  choices: z.record(z.string(), z.enum(['survivor', 'duplicate'])),
  /** How many rows moved to the survivor, per kind (coverages, consents, encounters, ...). */
  moved: z.record(z.string(), z.number().int()),
  /** Coverages of the duplicate that were ended rather than kept active (same policy, no free order). */
  coveragesEnded: z.number().int(),
});
export type MergeResult = z.infer<typeof MergeResult>;

export const RetentionSettings = z
  .object({
    adultYearsAfterLastEncounter: z.number().int().min(1).max(100),
    ageOfMajority: z.number().int().min(14).max(25),
    minorYearsAfterMajority: z.number().int().min(0).max(100),
    sourceNote: z.string().trim().max(500).nullable(),
  })
  .strict();
export type RetentionSettings = z.infer<typeof RetentionSettings>;

export const RetentionSettingsView = RetentionSettings.extend({
  /** False while the organization still runs on the defaults. */
  customized: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type RetentionSettingsView = z.infer<typeof RetentionSettingsView>;

export const PatientRetention = z.object({
  patientId: Id,
  lastEncounterOn: z.string().nullable(),
  retainUntil: z.string(),
  /** Which rule gave the date, in words. */
  basis: z.string(),
});
export type PatientRetention = z.infer<typeof PatientRetention>;

export const ExportQuery = z.object({ format: z.enum(['fhir', 'pdf']) });
export type ExportQuery = z.infer<typeof ExportQuery>;

export const accessRequestStatuses = ['open', 'due_soon', 'overdue', 'fulfilled', 'fulfilled_late'] as const;

/** A right-of-access request (45 CFR 164.524): due 30 days after receipt, extendable once by 30. */
export const AccessRequest = z.object({
  id: Id,
  patientId: Id,
  requestedOn: z.string(),
  dueBy: z.string(),
  extendedTo: z.string().nullable(),
  extensionReason: z.string().nullable(),
  fulfilledOn: z.string().nullable(),
  fulfilledFormat: z.enum(['fhir', 'pdf', 'paper', 'other']).nullable(),
  note: z.string().nullable(),
  status: z.enum(accessRequestStatuses),
});
export type AccessRequest = z.infer<typeof AccessRequest>;

export const CreateAccessRequest = z
  .object({ requestedOn: z.iso.date(), note: z.string().trim().max(1000).nullable().optional() })
  .strict();
export type CreateAccessRequest = z.infer<typeof CreateAccessRequest>;

/** Either extend once (with the reason told to the patient) or record the fulfilment. */
export const UpdateAccessRequest = z
  .object({
    extensionReason: z.string().trim().min(1, 'is required').max(500).optional(),
    fulfilledOn: z.iso.date().optional(),
    fulfilledFormat: z.enum(['fhir', 'pdf', 'paper', 'other']).optional(),
  })
  .strict();
export type UpdateAccessRequest = z.infer<typeof UpdateAccessRequest>;

export const AccessRequestParams = z.object({ id: Id, requestId: Id });
export type AccessRequestParams = z.infer<typeof AccessRequestParams>;
