import type { Ctx } from '../../platform/context.js';
import * as q from './queries.js';

// What other modules (documents) may ask about a staff member without reading this module's
// tables: whether the actor can see them, where they work, and which credentials are theirs.

export type StaffRef = { id: string; facilityId: string; credentialIds: string[] };

/** The staff member if the actor's facilities include theirs; null otherwise. */
export async function findStaffRef(ctx: Ctx, staffMemberId: string): Promise<StaffRef | null> {
  const facilityIds = ctx.actor?.facilityIds ?? [];
  const [row] = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds, id: staffMemberId });
  if (!row) return null;
  const credentials = await q.listCredentials(ctx.db, ctx.organizationId, { facilityIds, staffMemberIds: [staffMemberId] });
  return { id: row.id, facilityId: row.facility_id, credentialIds: credentials.map((c) => c.id) };
}

/** Licences on file (ordered by holder and id), with holder, type and number: for demo documents. */
export async function licenceSamples(
  ctx: Ctx,
  limit: number,
): Promise<
  { staffMemberId: string; facilityId: string; credentialId: string; typeName: string; number: string; state: string | null }[]
> {
  const rows = await ctx.db
    .selectFrom('staff_credentials as c')
    .innerJoin('credential_types as t', (j) =>
      j.onRef('t.id', '=', 'c.credential_type_id').onRef('t.organization_id', '=', 'c.organization_id'),
    )
    .select(['c.staff_member_id', 'c.facility_id', 'c.id', 't.name', 'c.number', 'c.issuing_state'])
    .where('c.organization_id', '=', ctx.organizationId)
    .where('t.category', '=', 'licence')
    .where('c.staff_member_id', 'is not', null)
    .orderBy('c.staff_member_id')
    .orderBy('c.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    staffMemberId: r.staff_member_id as string,
    facilityId: r.facility_id,
    credentialId: r.id,
    typeName: r.name,
    number: r.number,
    state: r.issuing_state,
  }));
}
