// A bookable resource's free and busy time over a range of its facility's dates: free is the
// weekly hours (a provider's; rooms and equipment are open whenever the facility is not closed)
// less leave, closures and bookings; busy is the bookings. For the FHIR Slot resource.
import type { Ctx } from '../../platform/context.js';
import { requirePermission } from '../../platform/permissions.js';
import { type Closure, expandAvailability, type Template } from './domain/availability.js';
import { type Interval, mergeIntervals, subtractIntervals } from './domain/intervals.js';
import { parseRrule } from './domain/rrule.js';
import { addDays } from './domain/zoned.js';
import * as q from './queries.js';

export type FreeBusy = { resourceId: string; timeZone: string; free: Interval[]; busy: Interval[] };

/** Null when the resource is unknown to the caller (another organization's, or an unseen facility's). */
export async function resourceFreeBusy(ctx: Ctx, resourceId: string, from: Date, to: Date): Promise<FreeBusy | null> {
  const actor = requirePermission(ctx, 'appointments:read');
  const [resource] = await q.listResources(ctx.db, ctx.organizationId, { facilityIds: actor.facilityIds, ids: [resourceId] });
  if (!resource) return null;
  const [facility] = await q.facilities(ctx.db, ctx.organizationId, [resource.facility_id]);
  const timeZone = facility?.time_zone ?? 'UTC';
  // local dates covering the instants, a day either side for zones
  const fromDate = addDays(from.toISOString().slice(0, 10), -1);
  const toDate = addDays(to.toISOString().slice(0, 10), 1);
  const [templateRows, exceptionRows, bookings] = await Promise.all([
    resource.kind === 'provider'
      ? q.listTemplates(ctx.db, ctx.organizationId, {
          facilityIds: [resource.facility_id],
          resourceIds: [resource.id],
          from: fromDate,
          to: toDate,
        })
      : Promise.resolve([]),
    q.listExceptions(ctx.db, ctx.organizationId, { facilityIds: [resource.facility_id], from, to }),
    q.busyBookings(ctx.db, ctx.organizationId, [resource.id], from, to),
  ]);
  const window: Interval = { start: from.getTime(), end: to.getTime() };
  const closures: Closure[] = exceptionRows
    .filter((e) => e.resource_id === null || e.resource_id === resource.id)
    .map((e) => ({ resourceId: e.resource_id, start: e.starts_at.getTime(), end: e.ends_at.getTime() }));
  let open: Interval[];
  if (resource.kind === 'provider') {
    const templates: Template[] = [];
    for (const t of templateRows) {
      const rule = parseRrule(t.rrule);
      if (!rule.ok) continue;
      templates.push({
        resourceId: t.resource_id,
        rule: rule.rule,
        startTime: t.start_time.slice(0, 5),
        endTime: t.end_time.slice(0, 5),
        effectiveFrom: t.effective_from,
        effectiveUntil: t.effective_until,
      });
    }
    open = expandAvailability(templates, closures, timeZone, fromDate, toDate).get(resource.id) ?? [];
  } else {
    open = subtractIntervals([window], mergeIntervals(closures));
  }
  const clip = (list: Interval[]) =>
    list
      .map((i) => ({ start: Math.max(i.start, window.start), end: Math.min(i.end, window.end) }))
      .filter((i) => i.end > i.start);
  const busy = clip(mergeIntervals(bookings));
  const free = clip(subtractIntervals(mergeIntervals(open), busy));
  return { resourceId: resource.id, timeZone, free, busy };
}
