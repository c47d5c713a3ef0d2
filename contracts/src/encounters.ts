import { z } from 'zod';
import { Id } from './common.js';

// Encounters (visits): the clinical basis for billing. Code formats are checked by the server's
// domain rules, which name every faulty field with its indexes (`procedures[1].modifiers[0]`);
// the schema here only bounds sizes and types.

export const encounterStatuses = ['planned', 'in_progress', 'finished', 'cancelled'] as const;
export const encounterClasses = ['ambulatory', 'inpatient', 'emergency', 'home', 'virtual'] as const;

const code = z.string().trim().min(1, 'is required').max(10);
const description = z.string().trim().max(300).nullable().optional();

export const EncounterDiagnosisInput = z.object({ code, description }).strict();
export type EncounterDiagnosisInput = z.infer<typeof EncounterDiagnosisInput>;

export const EncounterProcedureInput = z
  .object({
    code,
    modifiers: z.array(z.string().trim().max(4)).max(10).default([]),
    units: z.number().int().min(1).max(999).default(1),
    diagnosisPointers: z.array(z.number().int().min(1).max(12)).max(12).default([]),
    chargeCents: z.number().int().min(0).max(100_000_000).nullable().optional(),
    description,
  })
  .strict();
export type EncounterProcedureInput = z.infer<typeof EncounterProcedureInput>;

const fields = {
  providerId: Id.nullable(),
  status: z.enum(encounterStatuses),
  class: z.enum(encounterClasses).default('ambulatory'),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
  reason: z.string().trim().max(500).nullable().optional(),
  diagnoses: z.array(EncounterDiagnosisInput).max(12).default([]),
  procedures: z.array(EncounterProcedureInput).max(50).default([]),
};

export const CreateEncounterRequest = z.object({ facilityId: Id, ...fields }).strict();
export type CreateEncounterRequest = z.input<typeof CreateEncounterRequest>;

/** Fields present are changed; `diagnoses` and `procedures`, when present, replace the lists. */
export const UpdateEncounterRequest = z
  .object({
    providerId: fields.providerId.optional(),
    status: fields.status.optional(),
    class: z.enum(encounterClasses).optional(),
    startsAt: fields.startsAt.optional(),
    endsAt: fields.endsAt,
    reason: fields.reason,
    diagnoses: z.array(EncounterDiagnosisInput).max(12).optional(),
    procedures: z.array(EncounterProcedureInput).max(50).optional(),
  })
  .strict();
export type UpdateEncounterRequest = z.input<typeof UpdateEncounterRequest>;

export const EncounterParams = z.object({ id: Id, encounterId: Id });
export type EncounterParams = z.infer<typeof EncounterParams>;

export const EncounterDiagnosis = z.object({
  position: z.number().int(),
  /** Stored form, without the dot: E119. */
  code: z.string(),
  /** Display form, with the dot after the third character: E11.9. */
  display: z.string(),
  description: z.string().nullable(),
});
export type EncounterDiagnosis = z.infer<typeof EncounterDiagnosis>;

export const EncounterProcedure = z.object({
  position: z.number().int(),
  code: z.string(),
  modifiers: z.array(z.string()),
  units: z.number().int(),
  diagnosisPointers: z.array(z.number().int()),
  chargeCents: z.number().int().nullable(),
  description: z.string().nullable(),
});
export type EncounterProcedure = z.infer<typeof EncounterProcedure>;

export const Encounter = z.object({
  id: Id,
  patientId: Id,
  facilityId: Id,
  providerId: Id.nullable(),
  providerName: z.string().nullable(),
  status: z.enum(encounterStatuses),
  class: z.enum(encounterClasses),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  reason: z.string().nullable(),
  diagnoses: z.array(EncounterDiagnosis),
  procedures: z.array(EncounterProcedure),
  /** Things to fix that did not block saving (an unqualified provider on a planned visit). */
  warnings: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Encounter = z.infer<typeof Encounter>;

export const EncounterProvider = z.object({ id: Id, name: z.string(), position: z.string(), facilityId: Id });
export type EncounterProvider = z.infer<typeof EncounterProvider>;
