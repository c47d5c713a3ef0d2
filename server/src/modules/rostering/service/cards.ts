import { type DashboardCard, workweekLabel } from '@clinicops/contracts';
import type { Ctx } from '../../../platform/context.js';
import { addDays } from '../../../shared/calendar.js';
import * as q from '../queries.js';
import { evaluate, rosterContext } from './context.js';
import { currentAssignments } from './rosters.js';
import { facilityTodays } from './today.js';

const dollars = (cents: number) => `$${Math.round(cents / 100).toLocaleString('en-US')}`;

/** Open shifts, understaffed shifts in the next 7 days and the projected overtime of those rosters. */
export async function rosteringCards(ctx: Ctx): Promise<DashboardCard[]> {
  if (!ctx.actor?.permissions.has('rostering:write')) return [];
  const todays = await facilityTodays(ctx, ctx.actor.facilityIds);
  const todayOf = (facilityId: string) => todays.get(facilityId) ?? ctx.clock.now().toISOString().slice(0, 10);
  // the next 7 days by each roster's own facility calendar
  const rosters = (await q.listRosters(ctx.db, ctx.organizationId, ctx.actor.facilityIds)).filter(
    (r) => r.start_date <= addDays(todayOf(r.facility_id), 6) && addDays(r.start_date, r.days - 1) >= todayOf(r.facility_id),
  );
  // the published roster of a unit wins over drafts for the same days
  const chosen = new Map<string, q.RosterRow>();
  for (const r of rosters) {
    const held = chosen.get(r.unit_id);
    if (!held || (held.status !== 'published' && r.status === 'published')) chosen.set(r.unit_id, r);
  }
  let short = 0;
  let overtime = 0;
  const workweeks = new Set<string>();
  for (const r of chosen.values()) {
    const rc = await rosterContext(ctx, r);
    const ev = evaluate(rc, await currentAssignments(ctx, r.id));
    const today = todayOf(r.facility_id);
    const until = addDays(today, 6);
    const shifts = new Set(
      ev.coverage
        .filter((c) => c.date >= today && c.date <= until && c.assigned < c.required)
        .map((c) => `${c.date}|${c.shiftTypeId}`),
    );
    short += shifts.size;
    overtime += ev.overtime.totalCents;
    workweeks.add(workweekLabel(ev.overtime.workweek));
  }
  // the week the hours are counted in decides the figure, so the card names it
  const [only] = workweeks;
  const weekDetail =
    workweeks.size === 1 ? `a workweek from ${only}` : workweeks.size > 1 ? "a workweek, each facility's own" : 'a workweek';
  const openCount = await q.countUpcomingOpenShifts(ctx.db, ctx.organizationId, todays);
  return [
    {
      key: 'rostering.open_shifts',
      title: 'Open shifts',
      value: String(openCount),
      tone: openCount > 0 ? 'warning' : 'ok',
      detail: openCount > 0 ? 'gaps after sick calls, waiting for a qualified colleague' : null,
      href: '/rostering?view=open',
    },
    {
      key: 'rostering.understaffed',
      title: 'Understaffed shifts (next 7 days)',
      value: String(short),
      tone: short > 0 ? 'danger' : 'ok',
      detail: chosen.size === 0 ? 'no roster covers the next 7 days' : null,
      href: '/rostering',
    },
    {
      key: 'rostering.overtime',
      title: 'Projected overtime (current rosters)',
      value: dollars(overtime),
      tone: overtime > 0 ? 'warning' : 'ok',
      detail: `hours over 40 in ${weekDetail} for non-exempt staff, at 1.5 x the rate`,
      href: '/rostering',
    },
  ];
}
