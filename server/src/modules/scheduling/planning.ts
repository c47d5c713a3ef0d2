// Loads what the slot finder and the booking checks need for one appointment type over a range
// of local dates: the facility's zone, providers (with their qualification per date), rooms and
// equipment, availability and busy times.
import type { Ctx } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { type ProviderQualification, providerQualifications } from '../staff/index.js';
import { type Closure, expandAvailability, type Template } from './domain/availability.js';
import { type Interval, mergeIntervals } from './domain/intervals.js';
import { parseRrule } from './domain/rrule.js';
import type { SlotProvider, SlotResource, SlotSearch } from './domain/slots.js';
import { addDays, zonedToInstant } from './domain/zoned.js';
import * as q from './queries.js';

export type Planning = {
  type: q.TypeRow;
  timeZone: string;
  providers: q.ResourceRow[];
  others: q.ResourceRow[];
  qualifications: Map<string, ProviderQualification>;
  availability: Map<string, Interval[]>;
  busy: Map<string, Interval[]>;
  names: Map<string, string>;
};

export async function loadType(ctx: Ctx, facilityIds: readonly string[], id: string) {
  const [type] = await q.listTypes(ctx.db, ctx.organizationId, { facilityIds, id });
  if (!type) throw notFound('Appointment type');
  return type;
}

export type PlanningBase = Omit<Planning, 'availability' | 'busy'>;

/** What does not depend on the dates: the zone, the resources and the providers' qualifications. */
export async function loadPlanningBase(
  ctx: Ctx,
  type: q.TypeRow,
  providerResourceIds?: readonly string[],
): Promise<PlanningBase> {
  const [[facility], resources] = await Promise.all([
    q.facilities(ctx.db, ctx.organizationId, [type.facility_id]),
    q.listResources(ctx.db, ctx.organizationId, { facilityIds: [type.facility_id], activeOnly: true }),
  ]);
  if (!facility) throw notFound('Facility');
  const allowed = new Set(type.allowed_provider_ids);
  const wanted = providerResourceIds ? new Set(providerResourceIds) : null;
  const providers = resources.filter(
    (r) => r.kind === 'provider' && (allowed.size === 0 || allowed.has(r.id)) && (wanted === null || wanted.has(r.id)),
  );
  const others = resources.filter((r) => r.kind !== 'provider' && type.required_kinds.includes(r.kind));
  const qualifications = await providerQualifications(
    ctx,
    [type.facility_id],
    providers.map((p) => p.staff_member_id).filter((s): s is string => s !== null),
  );
  return {
    type,
    timeZone: facility.time_zone,
    providers,
    others,
    qualifications,
    names: new Map(resources.map((r) => [r.id, r.name])),
  };
}

/** Availability and busy times over the local dates [from, to]. */
export async function loadPlanningRange(
  ctx: Ctx,
  base: PlanningBase,
  opts: { from: string; to: string; excludeAppointmentId?: string | undefined },
): Promise<Planning> {
  const { type, timeZone, providers, others } = base;
  const start = new Date(zonedToInstant(opts.from, '00:00', timeZone));
  const end = new Date(zonedToInstant(addDays(opts.to, 1), '00:00', timeZone));
  const resourceIds = [...providers, ...others].map((r) => r.id);
  const [templateRows, exceptionRows, bookings] = await Promise.all([
    q.listTemplates(ctx.db, ctx.organizationId, {
      facilityIds: [type.facility_id],
      resourceIds: providers.map((p) => p.id),
      from: opts.from,
      to: opts.to,
    }),
    q.listExceptions(ctx.db, ctx.organizationId, { facilityIds: [type.facility_id], from: start, to: end }),
    q.busyBookings(ctx.db, ctx.organizationId, resourceIds, start, end),
  ]);
  const templates: Template[] = [];
  for (const t of templateRows) {
    const rule = parseRrule(t.rrule);
    // stored rules were parsed on the way in; one that no longer parses offers no hours
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
  const closures: Closure[] = exceptionRows.map((e) => ({
    resourceId: e.resource_id,
    start: e.starts_at.getTime(),
    end: e.ends_at.getTime(),
  }));
  const availability = expandAvailability(templates, closures, timeZone, opts.from, opts.to);
  const raw = new Map<string, Interval[]>();
  const push = (id: string, i: Interval) => {
    const list = raw.get(id);
    if (list) list.push(i);
    else raw.set(id, [i]);
  };
  for (const b of bookings) if (b.appointmentId !== opts.excludeAppointmentId) push(b.resourceId, b);
  for (const c of closures) if (c.resourceId !== null) push(c.resourceId, c);
  const busy = new Map<string, Interval[]>();
  for (const [id, list] of raw) busy.set(id, mergeIntervals(list));
  return { ...base, availability, busy };
}

export async function loadPlanning(
  ctx: Ctx,
  type: q.TypeRow,
  opts: { from: string; to: string; providerResourceIds?: readonly string[]; excludeAppointmentId?: string },
): Promise<Planning> {
  const base = await loadPlanningBase(ctx, type, opts.providerResourceIds);
  return loadPlanningRange(ctx, base, opts);
}

/** The slot finder's input for a planning. */
export function slotSearchOf(
  p: Planning,
  opts: { notBefore: number; notAfter: number; limit: number; stepMinutes?: number },
): SlotSearch {
  const providers: SlotProvider[] = p.providers.map((r) => ({ resourceId: r.id, facilityId: r.facility_id }));
  const resources: SlotResource[] = p.others.map((r) => ({
    resourceId: r.id,
    facilityId: r.facility_id,
    kind: r.kind as SlotResource['kind'],
  }));
  const staffOf = new Map(p.providers.map((r) => [r.id, r.staff_member_id]));
  return {
    type: {
      durationMinutes: p.type.duration_minutes,
      bufferMinutes: p.type.buffer_minutes,
      requiredKinds: p.type.required_kinds,
    },
    providers,
    resources,
    availability: p.availability,
    busy: p.busy,
    timeZoneOf: () => p.timeZone,
    bookableOn: (id, date) => {
      const staff = staffOf.get(id);
      return staff != null && (p.qualifications.get(staff)?.on(date).qualified ?? false);
    },
    notBefore: opts.notBefore,
    notAfter: opts.notAfter,
    stepMinutes: opts.stepMinutes ?? Math.min(15, p.type.duration_minutes),
    limit: opts.limit,
  };
}
