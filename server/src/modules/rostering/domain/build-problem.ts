// Turns a facility unit's rostering data (shift types, demand, people and their contracts,
// leave, requests) into the engine's RosterProblem. The credential gate comes in as a function
// (the service fills it from the staff module's isQualifiedForAll), so this stays pure. So does
// the history from the published rosters before it (history.ts): the run each person is in, for
// the engine, and the last shift, too close to which the first cells are closed (restGate).

import { addDays, daysBetween, minuteOfDay, weekdayOf } from '../../../shared/calendar.js';
import { type ShiftBefore, shiftEndMinute, shiftEndsAt } from './history.js';
import {
  type CoverDemand,
  type Disallowed,
  type Employee,
  gateByPredicate,
  type OvertimeTerm,
  type RosterProblem,
  type RunBefore,
  type ShiftRequest,
  sundayAtStart,
} from './model.js';
import { FAIRNESS_WEIGHT, FLSA_WEEKLY_MINUTES, fairTargets, isNightShift, overtimeWeightPerMinute } from './soft-terms.js';

export type EmploymentType = 'full_time' | 'part_time' | 'per_diem';

export type ContractLimits = {
  minMinutesPerWeek: number;
  maxMinutesPerWeek: number;
  maxConsecutiveShifts: number;
  minConsecutiveShifts: number;
  minConsecutiveDaysOff: number;
  maxWeekendsPer4Weeks: number;
  maxNightsPer4Weeks: number | null;
  /** Most shifts of a type per 4 weeks, by shift code. */
  maxShiftsPer4Weeks: Readonly<Record<string, number>>;
};

/**
 * Defaults by employment type, editable per person (staff_contracts). Full time is 32 to 40 hours
 * a week (4 or 5 eight-hour shifts) and every other weekend, part time 16 to 32, per diem whatever is
 * offered up to 40.
 */
export const DEFAULT_CONTRACTS: Record<EmploymentType, ContractLimits> = {
  full_time: {
    minMinutesPerWeek: 32 * 60,
    maxMinutesPerWeek: 40 * 60,
    maxConsecutiveShifts: 5,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    maxWeekendsPer4Weeks: 2,
    maxNightsPer4Weeks: null,
    maxShiftsPer4Weeks: {},
  },
  part_time: {
    minMinutesPerWeek: 16 * 60,
    maxMinutesPerWeek: 32 * 60,
    maxConsecutiveShifts: 4,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    maxWeekendsPer4Weeks: 2,
    maxNightsPer4Weeks: null,
    maxShiftsPer4Weeks: {},
  },
  per_diem: {
    minMinutesPerWeek: 0,
    maxMinutesPerWeek: 40 * 60,
    maxConsecutiveShifts: 4,
    minConsecutiveShifts: 1,
    minConsecutiveDaysOff: 1,
    // per diem staff are often hired for weekends
    maxWeekendsPer4Weeks: 4,
    maxNightsPer4Weeks: null,
    maxShiftsPer4Weeks: {},
  },
};

export type ShiftTypeInput = { id: string; code: string; startTime: string; minutes: number; positions: readonly string[] };
export type DemandInput = {
  shiftTypeId: string;
  position: string;
  weekday: number | null;
  onDate: string | null;
  required: number;
};
export type PersonInput = {
  id: string;
  name: string;
  position: string;
  employmentType: EmploymentType;
  contract: ContractLimits | null;
  /** Exempt people owe no overtime, so they get no overtime term. */
  flsaExempt: boolean;
  /** Straight-time pay per hour (null: none on file); it weighs this person's overtime. */
  hourlyRateCents: number | null;
  /**
   * Minutes already worked before the roster in its workweeks, from the first (overtime.ts
   * minutesPerWorkweek of the person's shifts on published rosters): they count toward the week's 40.
   */
  minutesBefore?: readonly number[];
  /** The run of work or rest in progress the day before the roster (history.ts), the engine's Employee.before; absent: unknown. */
  runBefore?: RunBefore;
  /**
   * The published shift before the roster that ends last (history.ts): the roster's cells that
   * start less than the minimum rest after its end are closed (restGate).
   */
  lastShiftBefore?: ShiftBefore;
};
export type LeaveInput = { staffMemberId: string; startsOn: string; endsOn: string };
export type RequestInput = {
  staffMemberId: string;
  onDate: string;
  shiftTypeId: string | null;
  kind: 'on' | 'off';
  weight: number;
};

export type BuildInput = {
  startDate: string;
  days: number;
  shiftTypes: readonly ShiftTypeInput[];
  demands: readonly DemandInput[];
  people: readonly PersonInput[];
  leave: readonly LeaveInput[];
  requests: readonly RequestInput[];
  /** Why the person may not work on that date (credential reasons); empty when qualified. */
  credentialReasons: (staffMemberId: string, date: string) => readonly string[];
  /**
   * The facility's workweek: where the one holding the roster's first midnight began, in minutes
   * from it (overtime.ts workweekStartMinute, -10079..0); 0, a workweek beginning with the roster, if absent.
   */
  workweekStartMinute?: number;
  /** Minimum rest between the end of one shift and the start of the next (minutes; the unit's setting, 10 h if absent). */
  minRestMinutes?: number;
  underCoverWeight?: number;
  overCoverWeight?: number;
};

/** Ten hours between shifts unless the unit sets its own (roster_units.min_rest_minutes has the same default). */
export const DEFAULT_MIN_REST_MINUTES = 10 * 60;

/** Shifts that leave less than the minimum rest before `next` on the following day. */
export function cannotFollow(shiftTypes: readonly ShiftTypeInput[], minRest: number) {
  const out = new Map<string, string[]>();
  for (const a of shiftTypes) {
    const end = minuteOfDay(a.startTime) + a.minutes;
    out.set(
      a.code,
      shiftTypes.filter((b) => 24 * 60 + minuteOfDay(b.startTime) - end < minRest).map((b) => b.code),
    );
  }
  return out;
}

const duration = (minutes: number) => `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;

/**
 * The cells a shift worked before the roster leaves too little rest for, with the reason:
 * cannotFollow's rule across the roster's start, where the shift before is not in the grid for the
 * engine to see (model.ts restBefore). Any day is checked, not only day 0: a long shift ending
 * late on day 0 reaches day 1.
 */
export function restGate(
  employee: string,
  startDate: string,
  days: number,
  shiftTypes: readonly ShiftTypeInput[],
  last: ShiftBefore,
  minRest: number,
): Disallowed[] {
  const end = shiftEndMinute(startDate, last);
  const [date, time] = shiftEndsAt(last).split('T');
  const reason = `less than ${duration(minRest)} rest after the ${last.code ? `${last.code} ` : ''}shift ending ${time} on ${date}`;
  const out: Disallowed[] = [];
  for (let day = 0; day < days && day * 1440 < end + minRest; day++)
    for (const s of shiftTypes)
      if (day * 1440 + minuteOfDay(s.startTime) - end < minRest) out.push({ employee, day, shift: s.code, reason });
  return out;
}

/** A non-exempt person's FLSA overtime term; the workweek and the minutes before are left out where they change nothing. */
function overtimeTerm(p: PersonInput, workweekStartMinute: number, longestShift: number, underCoverWeight: number): OvertimeTerm {
  const before = p.minutesBefore ?? [];
  return {
    weeklyMinutes: FLSA_WEEKLY_MINUTES,
    weightPerMinute: overtimeWeightPerMinute(p.hourlyRateCents, longestShift, underCoverWeight),
    ...(workweekStartMinute !== 0 ? { weekStartMinute: workweekStartMinute } : {}),
    ...(before.some((m) => m > 0) ? { minutesBefore: before } : {}),
  };
}

export function buildProblem(input: BuildInput): RosterProblem {
  const weeks = input.days / 7;
  const startWeekday = weekdayOf(input.startDate);
  const codeOf = new Map(input.shiftTypes.map((s) => [s.id, s.code]));
  const minRest = input.minRestMinutes ?? DEFAULT_MIN_REST_MINUTES;
  const follow = cannotFollow(input.shiftTypes, minRest);
  const shifts = input.shiftTypes.map((s) => ({
    id: s.code,
    minutes: s.minutes,
    startMinute: minuteOfDay(s.startTime),
    cannotFollow: follow.get(s.code) ?? [],
  }));
  const nights = input.shiftTypes.filter((s) => isNightShift(s.startTime, s.minutes)).map((s) => s.code);

  const daysOff: Record<string, number[]> = {};
  for (const l of input.leave) {
    for (let d = 0; d < input.days; d++) {
      const date = addDays(input.startDate, d);
      if (date >= l.startsOn && date <= l.endsOn) daysOff[l.staffMemberId] = [...(daysOff[l.staffMemberId] ?? []), d];
    }
  }
  for (const id of Object.keys(daysOff)) daysOff[id] = [...new Set(daysOff[id])].sort((a, b) => a - b);

  const reasonsByDay = new Map<string, readonly string[]>();
  const reasonsOf = (employee: string, day: number) => {
    const key = `${employee}|${day}`;
    let reasons = reasonsByDay.get(key);
    if (!reasons) {
      reasons = input.credentialReasons(employee, addDays(input.startDate, day));
      reasonsByDay.set(key, reasons);
    }
    return reasons;
  };

  const underCoverWeight = input.underCoverWeight ?? 100;
  const longestShift = Math.max(0, ...shifts.map((s) => s.minutes));
  // expected work over the horizon, for the fair shares of nights and weekends (filled below)
  const capacity = new Map<string, number>();
  const employees: Employee[] = input.people.map((p) => {
    const c = p.contract ?? DEFAULT_CONTRACTS[p.employmentType];
    // leave and days the credential gate closes reduce the minimum pro rata: nobody is asked to
    // make up approved leave, and a lapsed licence must not make the roster infeasible
    const leaveDays = new Set(daysOff[p.id] ?? []);
    let off = 0;
    for (let d = 0; d < input.days; d++) if (leaveDays.has(d) || reasonsOf(p.id, d).length > 0) off++;
    const min = Math.floor((c.minMinutesPerWeek * weeks * (input.days - off)) / input.days);
    capacity.set(p.id, (((c.minMinutesPerWeek + c.maxMinutesPerWeek) / 2) * weeks * (input.days - off)) / input.days);
    const maxShifts: Record<string, number> = {};
    if (c.maxNightsPer4Weeks !== null) for (const n of nights) maxShifts[n] = Math.floor((c.maxNightsPer4Weeks * weeks) / 4);
    // a per-type limit is rounded up for a shorter roster, so it never forbids a type the contract
    // allows (2 a month is 1 in a one-week roster, not 0); the tighter of it and the nights limit holds
    const codes = new Set(shifts.map((s) => s.id));
    for (const [code, n] of Object.entries(c.maxShiftsPer4Weeks))
      if (codes.has(code)) maxShifts[code] = Math.min(maxShifts[code] ?? Number.POSITIVE_INFINITY, Math.ceil((n * weeks) / 4));
    return {
      id: p.id,
      skills: [p.position],
      maxShifts,
      maxTotalMinutes: c.maxMinutesPerWeek * weeks,
      minTotalMinutes: min,
      maxConsecutiveShifts: c.maxConsecutiveShifts,
      minConsecutiveShifts: c.minConsecutiveShifts,
      minConsecutiveDaysOff: c.minConsecutiveDaysOff,
      maxWeekends: Math.ceil((c.maxWeekendsPer4Weeks * weeks) / 4),
      // Overtime is priced on the facility's workweek (model.ts OvertimeTerm), with the hours
      // worked in it before the roster, as the projection the manager is shown counts it
      // (service/overtime.ts), so the search avoids the overtime that costs money. Weekly contract
      // minutes are not weekly here: they become totals over the horizon, so no week boundary is involved.
      ...(p.flsaExempt ? {} : { overtime: overtimeTerm(p, input.workweekStartMinute ?? 0, longestShift, underCoverWeight) }),
      ...(p.runBefore ? { before: p.runBefore } : {}),
    };
  });

  const cover: CoverDemand[] = [];
  for (let d = 0; d < input.days; d++) {
    const date = addDays(input.startDate, d);
    const weekday = weekdayOf(date);
    for (const st of input.shiftTypes)
      for (const position of st.positions) {
        const forDate = input.demands.find((x) => x.shiftTypeId === st.id && x.position === position && x.onDate === date);
        const forDay = input.demands.find((x) => x.shiftTypeId === st.id && x.position === position && x.weekday === weekday);
        const requirement = (forDate ?? forDay)?.required;
        if (requirement === undefined) continue;
        cover.push({
          day: d,
          shift: st.code,
          skill: position,
          requirement,
          weightUnder: underCoverWeight,
          weightOver: input.overCoverWeight ?? 1,
        });
      }
  }

  const on: ShiftRequest[] = [];
  const off: ShiftRequest[] = [];
  const known = new Set(input.people.map((p) => p.id));
  for (const r of input.requests) {
    const day = daysBetween(input.startDate, r.onDate);
    if (day < 0 || day >= input.days || !known.has(r.staffMemberId)) continue;
    const codes = r.shiftTypeId ? [codeOf.get(r.shiftTypeId)].filter((c): c is string => !!c) : shifts.map((s) => s.id);
    for (const shift of codes) (r.kind === 'on' ? on : off).push({ employee: r.staffMemberId, day, shift, weight: r.weight });
  }

  const targets = fairTargets(
    employees.map((e, i) => ({
      id: e.id,
      group: input.people[i]?.position ?? '',
      capacity: capacity.get(e.id) ?? 0,
      nightsAllowed: nights.some((n) => e.maxShifts[n] !== 0),
      sundayAtStart: sundayAtStart(startWeekday, e),
    })),
    cover,
    new Set(nights),
    input.days,
    startWeekday,
  );
  const problem: RosterProblem = {
    horizonDays: input.days,
    ...(startWeekday !== 0 ? { startWeekday } : {}),
    shifts,
    employees: employees.map((e) => {
      const t = targets.get(e.id) ?? {};
      return t.nightTarget === undefined && t.weekendTarget === undefined
        ? e
        : { ...e, fairness: { nightShifts: nights, ...t, weight: FAIRNESS_WEIGHT } };
    }),
    daysOff,
    shiftOnRequests: on,
    shiftOffRequests: off,
    cover,
  };
  const positionOf = new Map(input.people.map((p) => [p.id, p.position]));
  const positionsOf = new Map(input.shiftTypes.map((s) => [s.code, s.positions]));
  // Rest after the roster before closes single cells, one shift type on a day or two, so unlike a
  // credential reason it does not shrink the minimum hours above: the person can still work that
  // day's later shifts, or make the hours up on any other day.
  const restBefore = input.people.flatMap((p) =>
    p.lastShiftBefore ? restGate(p.id, input.startDate, input.days, input.shiftTypes, p.lastShiftBefore, minRest) : [],
  );
  if (restBefore.length > 0) problem.restBefore = restBefore;
  return gateByPredicate(problem, (employee, day, shift) => {
    const position = positionOf.get(employee) ?? '';
    if (!positionsOf.get(shift)?.includes(position)) return `shift ${shift} is not worked by ${position.toUpperCase()} staff`;
    const reasons = reasonsOf(employee, day);
    return reasons.length === 0 ? true : reasons.join('; ');
  });
}
