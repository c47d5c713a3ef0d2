// Third next available appointment (IHI; rules.md section 10): days from the request to the
// third open slot of the type with that provider. Slots are counted as bookable appointments,
// so overlapping candidate starts (09:00 and 09:15 for a 30-minute visit) count once.
import { addDays, daysBetween, isoWeekday } from './zoned.js';

export type DayCount = 'calendar' | 'business';

/** Weekdays after `from` up to and including `to` (HRSA's business-day variant). */
export function businessDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isoWeekday(d) <= 5) n++;
  return n;
}

/**
 * `slots`: one provider's open slots (start instants, ascending, with their local dates);
 * `holdMinutes`: visit plus buffer. Null when fewer than three slots were found.
 */
export function thirdNextAvailable(
  requestDate: string,
  slots: readonly { start: number; date: string }[],
  holdMinutes: number,
  count: DayCount = 'calendar',
): { days: number; date: string } | null {
  let taken = 0;
  let freeFrom = Number.NEGATIVE_INFINITY;
  for (const s of slots) {
    if (s.start < freeFrom) continue;
    taken++;
    freeFrom = s.start + holdMinutes * 60_000;
    if (taken === 3) {
      const days = count === 'calendar' ? daysBetween(requestDate, s.date) : businessDaysBetween(requestDate, s.date);
      return { days, date: s.date };
    }
  }
  return null;
}
