// What the published rosters before a roster say about each person where it starts: the run of
// work or rest in progress (model.ts RunBefore, for the engine's consecutive-days rules) and the
// last shift, whose end the rest rule measures from (build-problem.ts gates day 0's cells by it).
// Only days a published roster of the facility covers are known: a day outside every one may
// have been worked on paper, so it neither extends nor ends a run.

import { addDays, daysBetween, minuteOfDay } from '../../../shared/calendar.js';
import type { RunBefore } from './model.js';

/** How far back the history looks: two weeks is longer than any run a contract limits. */
export const HISTORY_DAYS = 14;

/** A published shift: its date, start ('HH:MM') and length; code names it to the manager. */
export type ShiftBefore = { date: string; startTime: string; minutes: number; code?: string };
/** A published roster's dates. */
export type PublishedSpan = { startDate: string; days: number };
export type HistoryBefore = { runBefore?: RunBefore; lastShiftBefore?: ShiftBefore };

/** Minutes from the roster's first midnight to the shift's end (negative: it ended before). */
export const shiftEndMinute = (startDate: string, s: ShiftBefore) =>
  daysBetween(startDate, s.date) * 24 * 60 + minuteOfDay(s.startTime) + s.minutes;

/** When the shift ends, as a local date and time: 'YYYY-MM-DDTHH:MM'. */
export function shiftEndsAt(s: ShiftBefore): string {
  const end = minuteOfDay(s.startTime) + s.minutes;
  const minute = end % (24 * 60);
  const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  return `${addDays(s.date, Math.floor(end / (24 * 60)))}T${hhmm}`;
}

/**
 * One person's history before a roster starting on `startDate`, from their published shifts (any
 * unit of the facility; any dates, those outside the look-back are ignored) and the spans of the
 * facility's published rosters.
 *
 * The run counts back from the day before the start while the state (worked: any shift that
 * date) stays the same. Where it reaches the edge of what is known (a day no published roster
 * covers, or the look-back's end) its start is unknown: a rest run is then taken as HISTORY_DAYS,
 * a rest long enough that no minimum is broken, and a work run as the days counted, a lower bound,
 * which is what the maximum needs. An uncovered day before the start leaves the run unknown.
 */
export function historyBefore(
  startDate: string,
  shifts: readonly ShiftBefore[],
  published: readonly PublishedSpan[],
): HistoryBefore {
  const recent = shifts.filter((s) => {
    const back = daysBetween(s.date, startDate);
    return back >= 1 && back <= HISTORY_DAYS;
  });
  const worked = new Set(recent.map((s) => s.date));
  const covered = (date: string) =>
    published.some((p) => {
      const d = daysBetween(p.startDate, date);
      return d >= 0 && d < p.days;
    });

  const out: HistoryBefore = {};
  const last = addDays(startDate, -1);
  if (covered(last)) {
    const state = worked.has(last);
    let days = 1;
    let open = true;
    for (let back = 2; back <= HISTORY_DAYS; back++) {
      const date = addDays(startDate, -back);
      if (!covered(date)) break;
      if (worked.has(date) !== state) {
        open = false;
        break;
      }
      days++;
    }
    out.runBefore = { worked: state, days: open && !state ? HISTORY_DAYS : days };
  }
  // the shift that ends last leaves the least rest before the roster
  const lastShift = recent.reduce<ShiftBefore | undefined>(
    (best, s) => (best === undefined || shiftEndMinute(startDate, s) > shiftEndMinute(startDate, best) ? s : best),
    undefined,
  );
  if (lastShift) out.lastShiftBefore = lastShift;
  return out;
}
