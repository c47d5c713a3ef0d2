// The appointment indicators of rules.md section 10 per provider over a date range: no-show rate,
// utilization, wait and cycle times. Aggregates only, no patient data: not an audited read.
import type { DashboardCard, IndicatorQuery, SchedulingIndicators } from '@clinicops/contracts';
import type { Ctx } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { requirePermission, scopeFacilities } from '../../platform/permissions.js';
import { expandAvailability, type Template } from './domain/availability.js';
import { noShowRate, providerIndicators, utilization } from './domain/indicators.js';
import { parseRrule } from './domain/rrule.js';
import { addDays, dateIn, isoWeekday, zonedToInstant } from './domain/zoned.js';
import * as q from './queries.js';

const time = (d: Date | null) => (d === null ? null : d.getTime());

export async function schedulingIndicators(ctx: Ctx, query: IndicatorQuery): Promise<SchedulingIndicators> {
  requirePermission(ctx, 'appointments:read');
  const facilityIds = scopeFacilities(ctx, query.facilityId ? [query.facilityId] : undefined);
  if (query.to < query.from) throw fieldError('to', 'must not be before from');
  if (query.to > addDays(query.from, 92)) throw fieldError('to', 'must be within 92 days of from');
  const providers: SchedulingIndicators['providers'] = [];
  for (const facility of await q.facilities(ctx.db, ctx.organizationId, facilityIds)) {
    const zone = facility.time_zone;
    const start = new Date(zonedToInstant(query.from, '00:00', zone));
    const end = new Date(zonedToInstant(addDays(query.to, 1), '00:00', zone));
    const [resources, templateRows, exceptionRows, rows] = await Promise.all([
      q.listResources(ctx.db, ctx.organizationId, { facilityIds: [facility.id], kind: 'provider' }),
      q.listTemplates(ctx.db, ctx.organizationId, { facilityIds: [facility.id], from: query.from, to: query.to }),
      q.listExceptions(ctx.db, ctx.organizationId, { facilityIds: [facility.id], from: start, to: end }),
      q.listAppointments(ctx.db, ctx.organizationId, { facilityIds: [facility.id], from: start, to: end }),
    ]);
    const templates: Template[] = templateRows.flatMap((t) => {
      const rule = parseRrule(t.rrule);
      return rule.ok
        ? [
            {
              resourceId: t.resource_id,
              rule: rule.rule,
              startTime: t.start_time.slice(0, 5),
              endTime: t.end_time.slice(0, 5),
              effectiveFrom: t.effective_from,
              effectiveUntil: t.effective_until,
            },
          ]
        : [];
    });
    const closures = exceptionRows.map((e) => ({
      resourceId: e.resource_id,
      start: e.starts_at.getTime(),
      end: e.ends_at.getTime(),
    }));
    const availability = expandAvailability(templates, closures, zone, query.from, query.to);
    const visits = rows
      .filter((r) => {
        const d = dateIn(r.starts_at.getTime(), zone);
        return d >= query.from && d <= query.to;
      })
      .map((r) => ({
        providerResourceId: r.provider_resource_id,
        status: r.status,
        startsAt: r.starts_at.getTime(),
        endsAt: r.ends_at.getTime(),
        checkedInAt: time(r.checked_in_at),
        roomedAt: time(r.roomed_at),
        seenAt: time(r.seen_at),
        checkedOutAt: time(r.checked_out_at),
      }));
    for (const p of resources) {
      const minutes = Math.round((availability.get(p.id) ?? []).reduce((sum, i) => sum + (i.end - i.start) / 60_000, 0));
      providers.push({ ...providerIndicators(p.id, visits, minutes), providerName: p.name });
    }
  }
  const sum = (k: 'scheduled' | 'noShows' | 'bookedMinutes' | 'availableMinutes') => providers.reduce((a, p) => a + p[k], 0);
  return {
    from: query.from,
    to: query.to,
    providers,
    totals: {
      scheduled: sum('scheduled'),
      noShows: sum('noShows'),
      noShowRate: noShowRate(sum('noShows'), sum('scheduled')),
      utilization: utilization(sum('bookedMinutes'), sum('availableMinutes')),
    },
  };
}

/**
 * The dashboard's indicator cards: the no-show rate of the last 30 days and this week's provider
 * utilization (rules.md section 10), over the facilities the user sees, in the first one's zone.
 */
export async function indicatorCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('appointments:read')) return [];
  const [first] = await q.facilities(ctx.db, ctx.organizationId, ctx.actor.facilityIds);
  if (!first) return [];
  const today = dateIn(ctx.clock.now().getTime(), first.time_zone);
  const month = await schedulingIndicators(ctx, { from: addDays(today, -30), to: addDays(today, -1) });
  const monday = addDays(today, 1 - isoWeekday(today));
  const week = await schedulingIndicators(ctx, { from: monday, to: addDays(monday, 6) });
  if (month.totals.scheduled === 0 && week.totals.utilization === null) return [];
  const pct = (v: number | null) => (v === null ? '–' : `${v.toFixed(1)} %`);
  const rate = month.totals.noShowRate;
  const use = week.totals.utilization;
  return [
    {
      key: 'scheduling.no-show-rate',
      title: 'No-show rate, last 30 days',
      value: pct(rate),
      tone: rate === null ? 'neutral' : rate >= 10 ? 'danger' : rate >= 5 ? 'warning' : 'ok',
      detail: `${month.totals.noShows} of ${month.totals.scheduled} scheduled`,
      href: '/schedule?view=indicators',
    },
    {
      key: 'scheduling.utilization',
      title: 'Provider utilization, this week',
      value: pct(use),
      tone: use === null ? 'neutral' : use < 60 ? 'warning' : 'ok',
      detail: 'Booked time over open hours less closures',
      href: '/schedule?view=indicators',
    },
  ];
}
