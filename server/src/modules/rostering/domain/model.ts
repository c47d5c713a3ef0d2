// The roster problem as plain data. It is shaped after the published benchmark format (so the
// Curtois & Qu instances load without translation) and extended with what the app's own rosters
// need: cover demand per skill group and a credential gate. Everything here is serialisable, so a
// problem can be posted to a worker thread unchanged.

export type ShiftType = {
  id: string;
  minutes: number;
  /**
   * When the shift starts, in minutes after midnight. Optional (the benchmark has no times): the
   * overtime term uses it to count the part of a shift that runs past midnight at the end of a
   * week in the next week, as the payroll does.
   */
  startMinute?: number;
  /** Shift ids that may not be worked on the day after this shift. */
  cannotFollow: readonly string[];
};

export type Contract = {
  /** At most n shifts of each listed type over the horizon (0: never that type, e.g. a skill limit). */
  maxShifts: Readonly<Record<string, number>>;
  maxTotalMinutes: number;
  minTotalMinutes: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekends: number;
};

/**
 * Projected overtime as a soft cost: in each week of the horizon (days 7k..7k+6, the last week
 * possibly shorter) the minutes worked over weeklyMinutes cost weightPerMinute each. The app's
 * rosters start on the first day of the workweek (rosters.ts accepts Mondays only, and overtime.ts
 * counts workweeks from the roster's first day), so these weeks are the FLSA workweeks. A shift
 * counts in the week it starts in, except that a shift with a startMinute that runs past midnight
 * at the end of a week (a Sunday night) counts its minutes after midnight in the next week, as
 * overtime.ts does; minutes past the horizon's end are the next roster's. Without startMinute a
 * shift counts wholly on the day it starts.
 */
export type OvertimeTerm = { weeklyMinutes: number; weightPerMinute: number };

/**
 * Fair shares of nights and weekends as a soft cost: each night shift (a shift in nightShifts)
 * beyond nightTarget and each weekend worked (either day, as for maxWeekends) beyond
 * weekendTarget costs `weight`. A target left out is not counted. The targets are this person's
 * share of the team's demand, worked out beforehand (build-problem.ts), so the term depends on
 * the person's own row only and the search stays row-decomposable.
 */
export type FairnessTerm = { nightShifts: readonly string[]; nightTarget?: number; weekendTarget?: number; weight: number };

export type Employee = Contract & {
  id: string;
  /** Skill groups this person counts toward (cover demands naming a skill). */
  skills?: readonly string[];
  /** Absent in the benchmark instances, whose objective therefore stays the published one. */
  overtime?: OvertimeTerm;
  fairness?: FairnessTerm;
};

export type ShiftRequest = { employee: string; day: number; shift: string; weight: number };

export type CoverDemand = {
  day: number;
  shift: string;
  /** Absent: everyone on the shift counts; present: only employees holding this skill. */
  skill?: string;
  requirement: number;
  weightUnder: number;
  weightOver: number;
};

/**
 * A cell nobody may be placed in, with the reason shown to the manager. This is the credential
 * gate: the app fills it from the staff module's isQualified (see gateByPredicate), so the solver
 * never needs to know about licences.
 */
export type Disallowed = { employee: string; day: number; shift?: string; reason: string };

export type RosterProblem = {
  /** Day 0 is a Monday; weekends are days 7k+5 and 7k+6. */
  horizonDays: number;
  shifts: readonly ShiftType[];
  employees: readonly Employee[];
  /** Days each employee must not work (approved leave, days off): hard. */
  daysOff: Readonly<Record<string, readonly number[]>>;
  shiftOnRequests: readonly ShiftRequest[];
  shiftOffRequests: readonly ShiftRequest[];
  cover: readonly CoverDemand[];
  disallowed?: readonly Disallowed[];
};

/** roster[e][d]: the shift id employee e (problem order) works on day d, or null for a day off. */
export type Roster = ReadonlyArray<ReadonlyArray<string | null>>;

/** The solution file's shape: only worked days are listed. */
export type Assignment = { employee: string; day: number; shift: string };

export function emptyRoster(problem: RosterProblem): (string | null)[][] {
  return problem.employees.map(() => Array.from({ length: problem.horizonDays }, () => null));
}

export function rosterToAssignments(problem: RosterProblem, roster: Roster): Assignment[] {
  const out: Assignment[] = [];
  problem.employees.forEach((emp, e) => {
    for (let d = 0; d < problem.horizonDays; d++) {
      const shift = roster[e]?.[d];
      if (shift) out.push({ employee: emp.id, day: d, shift });
    }
  });
  return out;
}

/**
 * Reads a solution file's assignments. An unknown employee or shift or a day outside the horizon
 * makes the file unreadable (thrown); a second shift on one day is a hard violation of the roster,
 * so it is returned as one (the first shift read is kept) for the evaluator's report.
 */
export function assignmentsToRoster(
  problem: RosterProblem,
  assignments: readonly Assignment[],
): { roster: (string | null)[][]; doubleBooked: { employee: string; day: number; shifts: string[] }[] } {
  const roster = emptyRoster(problem);
  const index = new Map(problem.employees.map((e, i) => [e.id, i]));
  const shiftIds = new Set(problem.shifts.map((s) => s.id));
  const doubleBooked: { employee: string; day: number; shifts: string[] }[] = [];
  assignments.forEach((a, i) => {
    const e = index.get(a.employee);
    if (e === undefined) throw new Error(`assignment ${i}: unknown employee ${a.employee}`);
    if (!shiftIds.has(a.shift)) throw new Error(`assignment ${i}: unknown shift ${a.shift}`);
    if (!Number.isInteger(a.day) || a.day < 0 || a.day >= problem.horizonDays)
      throw new Error(`assignment ${i}: day ${a.day} is outside the horizon 0..${problem.horizonDays - 1}`);
    const row = roster[e] as (string | null)[];
    const held = row[a.day];
    if (held) doubleBooked.push({ employee: a.employee, day: a.day, shifts: [held, a.shift] });
    else row[a.day] = a.shift;
  });
  return { roster, doubleBooked };
}

/**
 * Fills the credential gate from a predicate such as the staff module's isQualified, evaluated
 * once per cell here rather than inside the solver's inner loop.
 */
export function gateByPredicate(
  problem: RosterProblem,
  allowed: (employee: string, day: number, shift: string) => boolean | string,
): RosterProblem {
  const extra: Disallowed[] = [];
  for (const emp of problem.employees)
    for (let d = 0; d < problem.horizonDays; d++)
      for (const s of problem.shifts) {
        const ok = allowed(emp.id, d, s.id);
        if (ok !== true)
          extra.push({ employee: emp.id, day: d, shift: s.id, reason: typeof ok === 'string' ? ok : 'not qualified' });
      }
  return { ...problem, disallowed: [...(problem.disallowed ?? []), ...extra] };
}

export const isWeekendDay = (day: number) => day % 7 === 5 || day % 7 === 6;
