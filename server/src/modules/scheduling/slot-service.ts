// Finding time: the slot search the booking dialog uses, and third-next-available per provider.
import type { SlotQuery, SlotSearchResult, ThirdNextAvailable, ThirdNextAvailableQuery } from '@clinicops/contracts';
import type { Ctx } from '../../platform/context.js';
import { requirePermission } from '../../platform/permissions.js';
import { findSlots, type Slot } from './domain/slots.js';
import { thirdNextAvailable as tnaa } from './domain/third-next-available.js';
import { addDays, dateIn, zonedToInstant } from './domain/zoned.js';
import { loadPlanning, loadPlanningBase, loadPlanningRange, loadType, type PlanningBase, slotSearchOf } from './planning.js';
import type { TypeRow } from './queries.js';
import * as q from './queries.js';

async function zoneOf(ctx: Ctx, facilityId: string) {
  const [f] = await q.facilities(ctx.db, ctx.organizationId, [facilityId]);
  return f?.time_zone ?? 'UTC';
}

// The resources and qualifications of a type change rarely; the slot search (typed as fast as the
// front desk types) reuses them for 30 seconds per process. Booking always reads them afresh, so a
// licence that lapsed a moment ago can be offered for up to 30 seconds but never booked.
const BASE_TTL_MS = 30_000;
const bases = new Map<string, { at: number; base: PlanningBase }>();

async function cachedBase(ctx: Ctx, type: TypeRow, providerResourceId: string | undefined): Promise<PlanningBase> {
  const key = `${ctx.organizationId}/${type.id}/${providerResourceId ?? ''}`;
  const now = Date.now();
  const hit = bases.get(key);
  if (hit && now - hit.at < BASE_TTL_MS && hit.base.type.duration_minutes === type.duration_minutes) return { ...hit.base, type };
  const base = await loadPlanningBase(ctx, type, providerResourceId ? [providerResourceId] : undefined);
  if (bases.size > 1000) bases.clear();
  bases.set(key, { at: now, base });
  return base;
}

/** [from, to] cut into consecutive date ranges of 2, 5 and the remaining days. */
export function chunksOf(from: string, to: string): [string, string][] {
  const out: [string, string][] = [];
  let start = from;
  for (const days of [2, 5, Number.POSITIVE_INFINITY]) {
    if (start > to) break;
    const end = Number.isFinite(days) && addDays(start, days - 1) < to ? addDays(start, days - 1) : to;
    out.push([start, end]);
    start = addDays(end, 1);
  }
  return out;
}

export async function searchSlots(ctx: Ctx, query: SlotQuery): Promise<SlotSearchResult> {
  const actor = requirePermission(ctx, 'appointments:read');
  const type = await loadType(ctx, actor.facilityIds, query.appointmentTypeId);
  const now = ctx.clock.now().getTime();
  const base = await cachedBase(ctx, type, query.providerResourceId);
  const { timeZone } = base;
  const from = query.from ?? dateIn(now, timeZone);
  const to = addDays(from, query.days - 1);
  // Read a few days at a time (2, then 5, then the rest), stopping once the list is full: a busy
  // schedule's next open slots are usually near, and each chunk's queries are small.
  const slots: Slot[] = [];
  for (const [start, end] of chunksOf(from, to)) {
    const planning = await loadPlanningRange(ctx, base, { from: start, to: end });
    const found = findSlots(
      slotSearchOf(planning, {
        notBefore: Math.max(now, zonedToInstant(start, '00:00', timeZone)),
        notAfter: zonedToInstant(addDays(end, 1), '00:00', timeZone),
        limit: query.limit - slots.length,
      }),
    );
    slots.push(...found);
    if (slots.length >= query.limit) break;
  }
  const name = (id: string) => base.names.get(id) ?? '';
  return {
    timeZone,
    slots: slots.map((s) => ({
      startsAt: new Date(s.start).toISOString(),
      endsAt: new Date(s.end).toISOString(),
      providerResourceId: s.providerResourceId,
      providerName: name(s.providerResourceId),
      facilityId: s.facilityId,
      resourceIds: s.resourceIds,
      resourceNames: s.resourceIds.map(name),
    })),
  };
}

const HORIZON_DAYS = 62;

/** rules.md section 10: days from the request to the third open slot of the type, per provider. */
export async function thirdNextAvailable(ctx: Ctx, query: ThirdNextAvailableQuery): Promise<ThirdNextAvailable> {
  const actor = requirePermission(ctx, 'appointments:read');
  const type = await loadType(ctx, actor.facilityIds, query.appointmentTypeId);
  const now = ctx.clock.now().getTime();
  const timeZone = await zoneOf(ctx, type.facility_id);
  const requestDate = query.date ?? dateIn(now, timeZone);
  const from = requestDate;
  const to = addDays(requestDate, HORIZON_DAYS);
  const planning = await loadPlanning(ctx, type, { from, to });
  const hold = type.duration_minutes + type.buffer_minutes;
  const providers = planning.providers.map((p) => {
    const slots = findSlots(
      slotSearchOf(
        { ...planning, providers: [p] },
        {
          notBefore: Math.max(now, zonedToInstant(from, '00:00', timeZone)),
          notAfter: zonedToInstant(addDays(to, 1), '00:00', timeZone),
          limit: 60,
        },
      ),
    );
    const third = tnaa(
      requestDate,
      slots.map((s) => ({ start: s.start, date: dateIn(s.start, timeZone) })),
      hold,
      query.count,
    );
    return { providerResourceId: p.id, providerName: p.name, days: third?.days ?? null, date: third?.date ?? null };
  });
  const known = providers.filter((p) => p.days !== null).map((p) => p.days as number);
  const averageDays = known.length > 0 ? Math.round((known.reduce((a, b) => a + b, 0) / known.length) * 10) / 10 : null;
  return { requestDate, count: query.count, providers, averageDays };
}
