import type { Ctx } from '../../platform/context.js';

// What other modules (scheduling) may know of a patient to show them on a list: the name and
// facility, for patients of facilities the caller may see. The caller audits what it shows.

export type PatientLabel = {
  id: string;
  facilityId: string;
  name: string;
  status: 'active' | 'inactive' | 'deceased' | 'merged';
};

export async function patientLabels(
  ctx: Ctx,
  facilityIds: readonly string[],
  ids: readonly string[],
): Promise<Map<string, PatientLabel>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0 || facilityIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('patients')
    .select(['id', 'facility_id', 'given_name', 'family_name', 'preferred_name', 'status'])
    .where('organization_id', '=', ctx.organizationId)
    .where('facility_id', 'in', [...facilityIds])
    .where('id', 'in', unique)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        facilityId: r.facility_id,
        // An unknown name (null: a record received over FHIR) reads "unknown", never "null".
        name: `${r.family_name ?? 'unknown'}, ${r.preferred_name ?? r.given_name ?? 'unknown'}`,
        status: r.status,
      },
    ]),
  );
}

/** Active patients' ids of one facility, oldest registration first: for demo and benchmark data. */
export async function activePatientIds(ctx: Ctx, facilityId: string): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom('patients')
    .select('id')
    .where('organization_id', '=', ctx.organizationId)
    .where('facility_id', '=', facilityId)
    .where('status', '=', 'active')
    .orderBy('created_at')
    .orderBy('mrn')
    .execute();
  return rows.map((r) => r.id);
}
