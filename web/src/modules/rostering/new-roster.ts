// Where a new roster starts by default, and what its dates read as. A manager writes the next
// roster when the current one is about to run out, so the default start is the day after the
// unit's latest roster ends, on whatever weekday that is; without an earlier roster (or when the
// latest ended in the past), next Monday.
import type { RosterSummary } from '@clinicops/contracts';
import { weekdayOf } from './demand-matrix';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A plain date `days` later (UTC arithmetic on a date without a zone). */
export function addDaysTo(date: string, days: number): string {
  const t = new Date(`${date}T12:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

export const weekdayName = (date: string) => WEEKDAYS[weekdayOf(date)] ?? '';

/** The Monday after `today` (a week on when today is a Monday). */
export const nextMonday = (today: string) => addDaysTo(today, 7 - weekdayOf(today));

export function suggestedStart(rosters: readonly RosterSummary[], unitId: string | null, today: string): string {
  let latestEnd: string | null = null;
  for (const r of rosters) {
    if (r.unitId !== unitId) continue;
    const end = addDaysTo(r.startDate, r.days);
    if (!latestEnd || end > latestEnd) latestEnd = end;
  }
  return latestEnd && latestEnd > today ? latestEnd : nextMonday(today);
}

/** A start date the form can send: a real calendar date (the server checks it again). */
export function startDateError(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'Pick a start date';
  const t = new Date(`${value}T12:00:00Z`);
  return Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== value ? 'Pick a start date' : null;
}

/**
 * The unit's rosters that share a day with one from `start` for `days` days. Overlap is allowed:
 * a revised roster for part of a period replaces the older one where both are published (people
 * see the newer one's shifts), so the form only says which rosters the new one would overlap.
 */
export function overlapping(
  rosters: readonly RosterSummary[],
  unitId: string | null,
  start: string,
  days: number,
): RosterSummary[] {
  const end = addDaysTo(start, days);
  return rosters.filter((r) => r.unitId === unitId && r.startDate < end && start < addDaysTo(r.startDate, r.days));
}
