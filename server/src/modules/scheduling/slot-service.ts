// Finding time: the slot search the booking dialog uses, and third-next-available per provider.
import type { SlotQuery, SlotSearchResult, ThirdNextAvailable, ThirdNextAvailableQuery } from '@clinicops/contracts';
import type { Ctx } from '../../platform/context.js';
import { requirePermission } from '../../platform/permissions.js';
import { findSlots } from './domain/slots.js';
import { thirdNextAvailable as tnaa } from './domain/third-next-available.js';
import { addDays, dateIn, zonedToInstant } from './domain/zoned.js';
import { loadPlanning, loadPlanningBase, loadPlanningRange, loadType, slotSearchOf } from './planning.js';
import * as q from './queries.js';

async function zoneOf(ctx: Ctx, facilityId: string) {
  const [f] = await q.facilities(ctx.db, ctx.organizationId, [facilityId]);
  return f?.time_zone ?? 'UTC';
}

export async function searchSlots(ctx: Ctx, query: SlotQuery): Promise<SlotSearchResult> {
  const actor = requirePermission(ctx, 'appointments:read');
  const type = await loadType(ctx, actor.facilityIds, query.appointmentTypeId);
  const now = ctx.clock.now().getTime();
  const base = await loadPlanningBase(ctx, type, query.providerResourceId ? [query.providerResourceId] : undefined);
  const { timeZone } = base;
  const from = query.from ?? dateIn(now, timeZone);
  const to = addDays(from, query.days - 1);
  const find = async (until: string) =>
    findSlots(
      slotSearchOf(await loadPlanningRange(ctx, base, { from, to: until }), {
        notBefore: Math.max(now, zonedToInstant(from, '00:00', timeZone)),
        notAfter: zonedToInstant(addDays(until, 1), '00:00', timeZone),
        limit: query.limit,
      }),
    );
  // The first two days usually hold enough open slots; read the whole range only when they do not.
  const near = query.days > 2 ? addDays(from, 1) : to;
  let slots = await find(near);
  if (slots.length < query.limit && near < to) slots = await find(to);
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
