import type { Encounter } from '@clinicops/contracts';
import { formatIcd10 } from './domain/codes.js';
import type * as q from './queries.js';

/** Rows to the API shape; diagnoses get their display form (the dot after the third character). */
export function toEncounter(
  r: q.EncounterRow,
  diagnoses: readonly q.DiagnosisRow[],
  procedures: readonly q.ProcedureRow[],
  providerName: string | null,
  warnings: string[] = [],
): Encounter {
  return {
    id: r.id,
    patientId: r.patient_id,
    facilityId: r.facility_id,
    providerId: r.provider_id,
    providerName,
    status: r.status,
    class: r.class,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at ? r.ends_at.toISOString() : null,
    reason: r.reason,
    diagnoses: diagnoses
      .filter((d) => d.encounter_id === r.id)
      .map((d) => ({ position: d.position, code: d.code, display: formatIcd10(d.code), description: d.description })),
    procedures: procedures
      .filter((p) => p.encounter_id === r.id)
      .map((p) => ({
        position: p.position,
        code: p.code,
        modifiers: p.modifiers,
        units: p.units,
        diagnosisPointers: p.diagnosis_pointers,
        chargeCents: p.charge_cents === null ? null : Number(p.charge_cents),
        description: p.description,
      })),
    warnings,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
