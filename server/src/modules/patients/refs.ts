import type { Ctx } from '../../platform/context.js';
import * as q from './queries.js';

// What other modules (documents) may ask about a patient without reading this module's tables:
// whether the actor can see the patient, where the patient is, and which coverages are theirs.

export type PatientCoverageRef = { id: string; facilityId: string; coverageIds: string[]; mergedIntoId: string | null };

/** The patient if the actor's facilities include theirs; null otherwise (existence is not disclosed). */
export async function findPatientRef(ctx: Ctx, patientId: string): Promise<PatientCoverageRef | null> {
  const row = await q.findPatient(ctx.db, ctx.organizationId, ctx.actor?.facilityIds ?? [], patientId);
  if (!row) return null;
  const coverages = await q.listCoverages(ctx.db, ctx.organizationId, patientId);
  return {
    id: row.id,
    facilityId: row.facility_id,
    coverageIds: coverages.map((c) => c.id),
    mergedIntoId: row.merged_into_id ?? null,
  };
}

/** The first patients (by MRN) that have an active coverage, with it: for demo documents. */
export async function patientsWithCoverage(ctx: Ctx, limit: number): Promise<{ patientId: string; coverageId: string }[]> {
  const rows = await ctx.db
    .selectFrom('patient_coverages as c')
    .innerJoin('patients as p', (j) => j.onRef('p.id', '=', 'c.patient_id').onRef('p.organization_id', '=', 'c.organization_id'))
    .select(['c.patient_id', 'c.id'])
    .where('c.organization_id', '=', ctx.organizationId)
    .where('c.active', '=', true)
    .where('c.payer_kind', '<>', 'self_pay')
    .where('c.coverage_order', '=', 1)
    .orderBy('p.mrn')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ patientId: r.patient_id, coverageId: r.id }));
}
