import { type SetWorkweekRequest, type Workweek, weekdayNames } from '@clinicops/contracts';
import { recordAudit } from '../../platform/audit/record.js';
import { type Ctx, inTransaction } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { requirePermission } from '../../platform/permissions.js';
import * as q from './queries.js';

// The facility's FLSA workweek (29 CFR 778.105): the rostering overtime projection counts hours
// in it. Stored on the facility (migration 0018) beside its time zone, the other setting every
// module reads; the days are stored as numbers (0 Monday) and named in the API.

type Row = NonNullable<Awaited<ReturnType<typeof q.getFacilityWorkweek>>>;

const toWorkweek = (r: Row): Workweek => ({
  facilityId: r.id,
  startDay: weekdayNames[r.workweek_start_day] ?? 'monday',
  startHour: r.workweek_start_hour,
});

export async function getWorkweek(ctx: Ctx, facilityId: string): Promise<Workweek> {
  const actor = requirePermission(ctx, 'facilities:read');
  const row = await q.getFacilityWorkweek(ctx.db, ctx.organizationId, facilityId, actor.facilityIds);
  if (!row) throw notFound('Facility');
  return toWorkweek(row);
}

/**
 * Changes when the workweek begins. The FLSA allows it when the change is meant to be permanent
 * and not to evade overtime (29 CFR 778.105, as restated in 778.301): the manager's call, so the
 * old and new values are audited. Every projection uses the new workweek from then on, rosters
 * already made included; the week of the change, whose overlapping hours 778.301 counts in both
 * the old and the new workweek, is not modelled.
 */
export async function setWorkweek(ctx: Ctx, facilityId: string, input: SetWorkweekRequest): Promise<Workweek> {
  const actor = requirePermission(ctx, 'facilities:write');
  return inTransaction(ctx, async (tx) => {
    const before = await q.getFacilityWorkweek(tx.db, ctx.organizationId, facilityId, actor.facilityIds, true);
    if (!before) throw notFound('Facility');
    const after = { startDay: input.startDay, startHour: input.startHour ?? 0 };
    await q.setFacilityWorkweek(tx.db, ctx.organizationId, facilityId, weekdayNames.indexOf(after.startDay), after.startHour);
    const was = toWorkweek(before);
    await recordAudit(tx, {
      action: 'facility.workweek.update',
      entityType: 'facility',
      entityId: facilityId,
      facilityId,
      details: { before: { startDay: was.startDay, startHour: was.startHour }, after },
    });
    return { facilityId, ...after };
  });
}
