import { type RosterEvaluation, weekdayNames } from '@clinicops/contracts';
import { addDays, daysBetween, minuteOfDay, weekdayOf } from '../../../shared/calendar.js';
import type { RosterPerson } from '../../staff/index.js';
import type { RosterProblem } from '../domain/model.js';
import { computeOvertime, minutesPerWorkweek, type WorkedShift, type Workweek, workweekStartMinute } from '../domain/overtime.js';
import * as q from '../queries.js';

// The roster's projected overtime on its facility's workweek (domain/overtime.ts).
//
// A roster may start on any day, and the facility's workweek may begin on any day and hour. A roster's first
// workweek may then have begun before it, and the hours already worked in it count: they are the
// person's shifts on the facility's published rosters (any unit) from the workweek's start up to
// the roster's, plus a night shift begun the day before that runs into it. Drafts are not work
// anyone was told to do, so they do not count. The roster's last workweek may run past its end:
// only the roster's own hours are known there, and the next roster, once published, counts them
// as its hours before. The solver's overtime term (model.ts OvertimeTerm) is placed on the same
// workweeks with the same hours before (workweeksForSolver), so the overtime the search avoids is
// the overtime shown here.

export type ShiftTimes = Omit<WorkedShift, 'rateCents'>;

/** The facility's workweek of a roster row (migration 0018). */
export const workweekOf = (r: q.RosterRow): Workweek => ({ startDay: r.workweek_start_day, startHour: r.workweek_start_hour });

/** Where the workweek holding the roster's first midnight began, in minutes from it (0 or negative). */
export const firstWeekStartOf = (r: q.RosterRow) => workweekStartMinute(weekdayOf(r.start_date), workweekOf(r));

/**
 * The solver's view of the same workweeks (model.ts OvertimeTerm): where the first began, and each
 * person's minutes in them before the roster, from the shifts shiftsBefore found.
 */
export function workweeksForSolver(roster: q.RosterRow, before: ReadonlyMap<string, readonly ShiftTimes[]>) {
  const startMinute = firstWeekStartOf(roster);
  const minutesBefore = new Map([...before].map(([id, shifts]) => [id, minutesPerWorkweek(shifts, startMinute)]));
  return { startMinute, minutesBefore };
}

/** The first day whose published shifts the overtime projection needs: the day before the roster's first workweek began. */
export function overtimeLookbackFrom(roster: q.RosterRow): string {
  // from the day before the workweek's first day: its night shift may run into the week
  return addDays(roster.start_date, Math.floor(firstWeekStartOf(roster) / (24 * 60)) - 1);
}

/**
 * Each person's published shifts in the roster's first workweek before it starts, by staff member
 * id, from the published shifts before the roster (q.publishedShiftsBetween, read from at least
 * overtimeLookbackFrom; the roster's history reads the same rows, context.ts).
 */
export function shiftsBefore(roster: q.RosterRow, rows: readonly q.PublishedShiftBeforeRow[]): Map<string, ShiftTimes[]> {
  const from = overtimeLookbackFrom(roster);
  const out = new Map<string, ShiftTimes[]>();
  for (const r of rows) {
    if (r.on_date < from || r.on_date >= roster.start_date) continue;
    const shift = { day: daysBetween(roster.start_date, r.on_date), startMinute: minuteOfDay(r.start_time), minutes: r.minutes };
    out.set(r.staff_member_id, [...(out.get(r.staff_member_id) ?? []), shift]);
  }
  return out;
}

/** The parts of a roster's context (context.ts, which imports this file) the projection reads. */
export type OvertimeInput = {
  roster: q.RosterRow;
  shiftTypes: readonly q.ShiftTypeRow[];
  people: readonly RosterPerson[];
  problem: RosterProblem;
  shiftsBefore: ReadonlyMap<string, ShiftTimes[]>;
};

/** What the roster (its grid) adds in overtime, per person and in all, counted on the facility's workweek. */
export function overtimeOf(rc: OvertimeInput, grid: ReadonlyArray<ReadonlyArray<string | null>>): RosterEvaluation['overtime'] {
  const shiftOf = new Map(rc.shiftTypes.map((s) => [s.code, s]));
  const workweek = workweekOf(rc.roster);
  const firstWeekStart = firstWeekStartOf(rc.roster);
  let unpriced = 0;
  const people = rc.problem.employees.flatMap((emp, e) => {
    const person = rc.people.find((p) => p.id === emp.id);
    if (!person) return [];
    const rateCents = person.hourlyRateCents ?? 0;
    const shifts = (grid[e] ?? []).flatMap((code, day) => {
      const s = code ? shiftOf.get(code) : undefined;
      return s ? [{ day, startMinute: minuteOfDay(s.start_time), minutes: s.minutes, rateCents }] : [];
    });
    const before = (rc.shiftsBefore.get(person.id) ?? []).map((s) => ({ ...s, rateCents }));
    const ot = computeOvertime(shifts, { exempt: person.flsaExempt, firstWeekStart, days: rc.roster.days, before });
    if (ot.overtimeHours === 0) return [];
    if (person.hourlyRateCents === null) unpriced++;
    return [{ staffMemberId: person.id, name: person.name, overtimeHours: ot.overtimeHours, costCents: ot.overtimeCostCents }];
  });
  return {
    totalCents: people.reduce((a, p) => a + p.costCents, 0),
    hours: people.reduce((a, p) => a + p.overtimeHours, 0),
    people,
    unpriced,
    workweek: { startDay: weekdayNames[workweek.startDay] ?? 'monday', startHour: workweek.startHour },
  };
}
