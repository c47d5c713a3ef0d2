import type { Ctx } from '../../../platform/context.js';
import type { QualificationPerson, Requirement } from '../domain/qualification.js';
import * as q from '../queries.js';
import * as sq from '../screening-queries.js';
import { heldCredential, toRequirement } from './mappers.js';

// What other modules (encounters, later scheduling) need to know about a rendering provider,
// without reading the staff tables themselves. No permission check here: the caller's use case
// has checked its own (a front desk user books visits without `staff:read`), and only names and
// qualification facts leave, never pay or screening evidence.

/** Positions that render billable visits. */
export const PROVIDER_POSITIONS = ['physician', 'nurse_practitioner', 'physician_assistant'] as const;

export type ProviderOption = { id: string; name: string; position: string; facilityId: string };

/** Providers of the given facilities, employed on `activeOn`. */
export async function listProviders(ctx: Ctx, facilityIds: readonly string[], activeOn: string): Promise<ProviderOption[]> {
  const rows = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds, activeOn });
  return rows
    .filter((r) => (PROVIDER_POSITIONS as readonly string[]).includes(r.position))
    .map((r) => ({ id: r.id, name: `${r.first_name} ${r.last_name}`, position: r.position, facilityId: r.facility_id }));
}

export type ProviderProfile = ProviderOption & {
  hireDate: string;
  terminationDate: string | null;
  /** What `isQualified` / `isQualifiedForAll` take: credentials, facility state, exclusion. */
  person: QualificationPerson;
  /** The requirements of the provider's position. */
  requirements: Requirement[];
};

/** One staff member of the given facilities as a provider, or undefined when there is none such. */
export async function providerProfile(
  ctx: Ctx,
  facilityIds: readonly string[],
  staffMemberId: string,
): Promise<ProviderProfile | undefined> {
  const [row] = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds, id: staffMemberId });
  if (!row) return undefined;
  const [credentials, requirements, excluded] = await Promise.all([
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds: [row.facility_id], staffMemberIds: [row.id] }),
    q.listRequirements(ctx.db, ctx.organizationId),
    sq.excludedStaffIds(ctx.db, ctx.organizationId, [row.id]),
  ]);
  return {
    id: row.id,
    name: `${row.first_name} ${row.last_name}`,
    position: row.position,
    facilityId: row.facility_id,
    hireDate: row.hire_date,
    terminationDate: row.termination_date,
    person: { facilityState: row.facility_state, credentials: credentials.map(heldCredential), excluded: excluded.has(row.id) },
    requirements: requirements.filter((r) => r.position === row.position).map(toRequirement),
  };
}

/** Display names of staff members of the given facilities (for showing who rendered a visit). */
export async function staffNames(ctx: Ctx, facilityIds: readonly string[], ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds });
  return new Map(rows.filter((r) => ids.includes(r.id)).map((r) => [r.id, `${r.first_name} ${r.last_name}`]));
}
