import type { Ctx } from '../../../platform/context.js';
import { isQualifiedForAll, type Qualification } from '../domain/qualification.js';
import * as q from '../queries.js';
import { heldCredential, toRequirement } from './mappers.js';
import { excludedStaff } from './screening.js';

export type ProviderQualification = {
  staffMemberId: string;
  name: string;
  position: string;
  facilityId: string;
  /** The last day employed, when a termination date is set. */
  terminationDate: string | null;
  /** isQualifiedForAll of the person's position on a date of the facility's calendar. */
  on(date: string): Qualification;
};

/**
 * What scheduling asks before offering or booking a provider: the same rule as the compliance
 * matrix (every credential the position requires, no confirmed exclusion), per date, for the
 * given staff members of the given facilities. No permission of its own: the caller's use case has one,
 * and only the verdict and its reasons leave this module.
 */
export async function providerQualifications(
  ctx: Ctx,
  facilityIds: readonly string[],
  staffMemberIds: readonly string[],
): Promise<Map<string, ProviderQualification>> {
  const out = new Map<string, ProviderQualification>();
  if (staffMemberIds.length === 0) return out;
  const ids = new Set(staffMemberIds);
  const [staff, credentials, excluded, requirementRows] = await Promise.all([
    q.listStaff(ctx.db, ctx.organizationId, { facilityIds }),
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds, staffMemberIds: [...ids] }),
    excludedStaff(ctx, [...ids]),
    q.listRequirements(ctx.db, ctx.organizationId),
  ]);
  const requirements = requirementRows.map(toRequirement);
  for (const s of staff) {
    if (!ids.has(s.id)) continue;
    const person = {
      facilityState: s.facility_state,
      credentials: credentials.filter((c) => c.staff_member_id === s.id).map(heldCredential),
      excluded: excluded.has(s.id),
    };
    const own = requirements.filter((r) => r.position === s.position);
    const terminationDate = s.termination_date;
    out.set(s.id, {
      staffMemberId: s.id,
      name: `${s.first_name} ${s.last_name}`,
      position: s.position,
      facilityId: s.facility_id,
      terminationDate,
      on(date) {
        const result = isQualifiedForAll(person, own, date);
        if (terminationDate !== null && date > terminationDate) {
          return { qualified: false, reasons: [`no longer employed after ${terminationDate}`, ...result.reasons] };
        }
        return result;
      },
    });
  }
  return out;
}

const PROVIDER_POSITIONS = ['physician', 'nurse_practitioner', 'physician_assistant'];

/** Staff who can be booked as providers (physicians, NPs, PAs) in the facilities, still employed. */
export async function providerCandidates(ctx: Ctx, facilityIds: readonly string[]) {
  const rows = await q.listStaff(ctx.db, ctx.organizationId, { facilityIds });
  return rows
    .filter((s) => PROVIDER_POSITIONS.includes(s.position) && s.termination_date === null)
    .map((s) => ({
      staffMemberId: s.id,
      name: `${s.first_name} ${s.last_name}`,
      position: s.position,
      facilityId: s.facility_id,
    }));
}
