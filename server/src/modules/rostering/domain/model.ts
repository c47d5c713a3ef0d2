// The roster problem as plain data. It is shaped after the published benchmark format (so the
// Curtois & Qu instances load without translation) and extended with what the app's own rosters
// need: cover demand per skill group and a credential gate. Everything here is serialisable, so a
// problem can be posted to a worker thread unchanged.

export type ShiftType = {
  id: string;
  minutes: number;
  /**
   * When the shift starts, in minutes after midnight (0..1439). Optional (the benchmark has no
   * times): the overtime term uses it to split a shift at a workweek boundary, as the payroll does.
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
 * Projected overtime as a soft cost, counted in the facility's FLSA workweeks (fixed periods of
 * 7 x 24 hours, each standing alone): in each workweek the minutes worked over weeklyMinutes cost
 * weightPerMinute each.
 *
 * The workweeks are placed by weekStartMinute: where the workweek holding day 0's midnight begins,
 * in minutes from that midnight, from 0 (the roster starts a workweek: the default) down to
 * -(7 days - 1 minute). It is overtime.ts's workweekStartMinute, so the projection and the term
 * count the same weeks. A Monday roster gives -1440 for a Sunday 00:00 workweek, -10080 + 420 for
 * a Monday 07:00 one; a value outside that range is taken modulo a week (+8640 is -1440).
 *
 * Workweek k runs from weekStartMinute + k weeks. A shift with a startMinute runs from that minute
 * of its day for its minutes and is split at a workweek boundary, as overtime.ts splits it (a
 * Sunday night's minutes after midnight count in a workweek beginning Monday 00:00); without a
 * startMinute (the benchmark) a shift counts wholly in the workweek its day's midnight falls in.
 * Only workweeks that begin before the horizon's end are counted: minutes in later ones are the
 * next roster's.
 *
 * minutesBefore[k] are the minutes already worked in workweek k before the roster (on earlier
 * rosters): the first workweek's, when it began before day 0, and rarely the second's (a night
 * shift of the roster before that runs past a boundary early on day 0). They count toward the
 * week's weeklyMinutes, but as in overtime.ts the roster is charged only the overtime its own
 * minutes add: (over(roster + before) - over(before)) x weightPerMinute. Without them and with
 * weekStartMinute 0 the workweeks are days 7k..7k+6 of the horizon, as before the facility
 * workweek existed.
 */
export type OvertimeTerm = {
  weeklyMinutes: number;
  weightPerMinute: number;
  weekStartMinute?: number;
  minutesBefore?: readonly number[];
};

export const WEEK_MINUTES = 7 * 24 * 60;

/** An overtime term's weekStartMinute, in its range (-WEEK_MINUTES, 0]. */
export function firstWeekStart(term: OvertimeTerm): number {
  const since = ((-(term.weekStartMinute ?? 0) % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  return since === 0 ? 0 : -since;
}

/** How many workweeks of an overtime term begin before a horizon of `days` ends. */
export const workweekCount = (start: number, days: number) => Math.ceil((days * 24 * 60 - start) / WEEK_MINUTES);

/**
 * Fair shares of nights and weekends as a soft cost: each night shift (a shift in nightShifts)
 * beyond nightTarget and each weekend worked (either day, as for maxWeekends) beyond
 * weekendTarget costs `weight`. A target left out is not counted. The targets are this person's
 * share of the team's demand, worked out beforehand (build-problem.ts), so the term depends on
 * the person's own row only and the search stays row-decomposable.
 */
export type FairnessTerm = { nightShifts: readonly string[]; nightTarget?: number; weekendTarget?: number; weight: number };

/**
 * The run of work or rest a person is in when the roster starts, taken from the published roster
 * before it: whether they worked the day before day 0, and for how many days in a row up to and
 * including it they had worked (or had been off). A run that starts on day 0 continues it when it
 * is of the same kind (its days count toward maxConsecutiveShifts, minConsecutiveShifts or
 * minConsecutiveDaysOff), and ends it otherwise, when the run before is held to its minimum (a
 * shift on day 0 after one day off breaks minConsecutiveDaysOff 2). Without it (the benchmark, a
 * unit's first roster) nothing is known before day 0: runs touching day 0 are exempt from the
 * minimums and count only their own days, as the published benchmark defines them. The rest
 * between the last shift before and a shift on day 0 is not here: the app gates those cells
 * (build-problem.ts), since it knows the shifts' times.
 */
export type RunBefore = { worked: boolean; days: number };

/**
 * An employee's run before the roster as one signed count: +n days worked, -n days off, 0 not
 * known (no `before`, or fewer than one day). Capped at 10 000 days, which breaks the same rules
 * as any longer run, so it fits the solver's 16-bit arrays.
 */
export function runBeforeOf(emp: { before?: RunBefore }): number {
  const n = Math.min(Math.max(0, Math.floor(emp.before?.days ?? 0)), 10_000);
  return emp.before?.worked ? n : -n;
}

export type Employee = Contract & {
  before?: RunBefore;
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
  horizonDays: number;
  /**
   * The weekday of day 0: 0 Monday .. 6 Sunday (the server's count). Absent: Monday, as in the
   * benchmark. Weekends are Saturday and Sunday (see weekendOf).
   */
  startWeekday?: number;
  shifts: readonly ShiftType[];
  employees: readonly Employee[];
  /** Days each employee must not work (approved leave, days off): hard. */
  daysOff: Readonly<Record<string, readonly number[]>>;
  shiftOnRequests: readonly ShiftRequest[];
  shiftOffRequests: readonly ShiftRequest[];
  cover: readonly CoverDemand[];
  disallowed?: readonly Disallowed[];
  /**
   * Cells too close to a shift worked before the roster (on the published roster before it): the
   * rest rule of cannotFollow across day 0, where the shift before is not in the grid (the app
   * works them out from the shifts' times, build-problem.ts restGate). The solver never fills
   * them, as it never breaks cannotFollow; the evaluator reports a filled one as cannot-follow,
   * with the reason, and unlike a disallowed cell the person still counts toward cover.
   */
  restBefore?: readonly Disallowed[];
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

/**
 * The weekend day `day` falls in (numbered by its Saturday, 1 for the first in the roster), or -1
 * on a weekday. A weekend is a Saturday and the Sunday after it, and it belongs to the roster that
 * holds its Saturday: a roster from a Sunday does not count its day 0 as a weekend (the roster
 * before, which ends on that Saturday, counts it), and one that ends on a Saturday counts that
 * weekend whole. So consecutive rosters count each weekend once, for maxWeekends and the fair
 * shares alike, and a roster from a Sunday has as many weekends as one from a Monday. (Counting
 * the cut weekend in both rosters gave a 4-week roster from a Sunday five weekends of demand
 * against four of the contracts' allowance: the demo's ended 23 places short.) The one exception
 * is per person, where the Saturday before is known to be off: sundayAtStart.
 */
export function weekendOf(day: number, startWeekday = 0): number {
  const k = day + startWeekday;
  if (k % 7 < 5 || (day === 0 && k % 7 === 6)) return -1;
  return Math.floor((k + 2) / 7);
}

export const isWeekendDay = (day: number, startWeekday = 0) => weekendOf(day, startWeekday) >= 0;

/**
 * Whether this roster counts the employee's day 0 as a weekend of its own: a Sunday after a
 * Saturday the run before the roster (RunBefore) says was off. The roster before counted that
 * weekend only where its Saturday was worked, so without this a Sunday worked at day 0 after a
 * Saturday off would count in neither roster. Its weekend number is weekendOf's count for it, 1.
 */
export const sundayAtStart = (startWeekday: number | undefined, emp: { before?: RunBefore }) =>
  (startWeekday ?? 0) === 6 && runBeforeOf(emp) < 0;
