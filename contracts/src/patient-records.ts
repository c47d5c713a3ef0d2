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
