import type { Ctx } from '../../platform/context.js';
import { isQualifiedForAll } from './domain/qualification.js';
import * as q from './queries.js';
import { heldCredential, toRequirement } from './service/mappers.js';
import { excludedStaff } from './service/screening.js';

// What the rostering module needs about a facility's people without reading this module's
// tables: who works there (in which position, employment type, FLSA status, hourly pay) and the
// credential gate as a function of the date, answered by isQualifiedForAll.

export type RosterPerson = {
  id: string;
  userId: string | null;
  name: string;
  position: string;
  employmentType: 'full_time' | 'part_time' | 'per_diem';
  flsaExempt: boolean;
  /** The current hourly rate in cents; a salary is converted at 2,080 hours a year; null without a rate. */
  hourlyRateCents: number | null;
  terminationDate: string | null;
  /** Why the person may not work on that date (empty when qualified). */
  unqualifiedReasons(date: string): string[];
};

/** Staff of one facility in the given positions who are employed at some point from `from`. */
export async function rosterPeople(
  ctx: Ctx,
  facilityId: string,
  positions: readonly string[],
  from: string,
): Promise<RosterPerson[]> {
  const staff = (await q.listStaff(ctx.db, ctx.organizationId, { facilityIds: [facilityId], activeOn: from })).filter((s) =>
    positions.includes(s.position),
  );
  if (staff.length === 0) return [];
  const ids = staff.map((s) => s.id);
  const [credentials, excluded, requirementRows, rates] = await Promise.all([
    q.listCredentials(ctx.db, ctx.organizationId, { facilityIds: [facilityId], staffMemberIds: ids }),
    excludedStaff(ctx, ids),
    q.listRequirements(ctx.db, ctx.organizationId),
    ctx.db
      .selectFrom('pay_rates')
      .select(['staff_member_id', 'amount_cents', 'per', 'effective_from'])
      .where('organization_id', '=', ctx.organizationId)
      .where('staff_member_id', 'in', ids)
      .orderBy('effective_from', 'desc')
      .execute(),
  ]);
  const requirements = requirementRows.map(toRequirement);
  return staff.map((s) => {
    const person = {
      facilityState: s.facility_state,
      credentials: credentials.filter((c) => c.staff_member_id === s.id).map(heldCredential),
      excluded: excluded.has(s.id),
    };
    const own = requirements.filter((r) => r.position === s.position);
    const ownRates = rates.filter((r) => r.staff_member_id === s.id);
    const rate = ownRates.find((r) => r.effective_from <= from) ?? ownRates[ownRates.length - 1];
    return {
      id: s.id,
      userId: s.user_id,
      name: `${s.first_name} ${s.last_name}`,
      position: s.position,
      employmentType: s.employment_type,
      flsaExempt: s.flsa_exempt,
      hourlyRateCents: rate ? (rate.per === 'hour' ? rate.amount_cents : Math.round(rate.amount_cents / 2080)) : null,
      terminationDate: s.termination_date,
      unqualifiedReasons: (date: string) => {
        if (s.termination_date !== null && date > s.termination_date) return [`employment ended ${s.termination_date}`];
        if (date < s.hire_date) return [`starts on ${s.hire_date}`];
        return isQualifiedForAll(person, own, date).reasons;
      },
    };
  });
}

/** The staff member record of a signed-in user, if they have one. */
export async function staffMemberOfUser(ctx: Ctx, userId: string): Promise<{ id: string; facilityId: string } | null> {
  const row = await ctx.db
    .selectFrom('staff_members')
    .select(['id', 'facility_id'])
    .where('organization_id', '=', ctx.organizationId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { id: row.id, facilityId: row.facility_id } : null;
}
