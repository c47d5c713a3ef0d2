// The overtime term on the facility's workweek (model.ts OvertimeTerm): the evaluator, the
// compiled row cost the search uses and the dollars projection (overtime.ts) count the same
// workweeks, with the minutes worked before the roster; and without a workweek offset or minutes
// before, the term is what it was before the facility workweek existed.
import { describe, expect, it } from 'vitest';
import { compileProblem, encodeRoster } from './compile.js';
import { evaluateRoster } from './evaluate.js';
import type { Employee, OvertimeTerm, Roster, RosterProblem, ShiftType } from './model.js';
import { computeOvertime, minutesPerWorkweek, type WorkedShift, workweekStartMinute } from './overtime.js';
import { type Random, seededRandom } from './random.js';
import { randomProblem, withRowTerms } from './random-problem.js';
import { rowSoftCost } from './row-soft-cost.js';
import { annealRoster, checkIncrementalForTests } from './solver.js';

const DAY = 24 * 60;
const WEEK = 7 * DAY;

/**
 * The term as it was counted before the workweek setting (the evaluator's code then): weeks of
 * days 7k..7k+6, a shift's minutes after midnight in the next day's week, dropped past the horizon.
 */
function previousOvertime(problem: RosterProblem, roster: Roster): number[] {
  const shiftById = new Map(problem.shifts.map((s) => [s.id, s]));
  const h = problem.horizonDays;
  return problem.employees.map((emp, e) => {
    if (!emp.overtime) return 0;
    const { weeklyMinutes, weightPerMinute } = emp.overtime;
    const row = roster[e] ?? [];
    let overtime = 0;
    const weekMinutes = new Map<number, number>();
    const add = (day: number, m: number) => weekMinutes.set(Math.floor(day / 7), (weekMinutes.get(Math.floor(day / 7)) ?? 0) + m);
    for (let d = 0; d < h; d++) {
      const s = shiftById.get(row[d] ?? '');
      if (!s) continue;
      const after = s.startMinute === undefined ? 0 : Math.max(0, Math.min(s.minutes, s.startMinute + s.minutes - DAY));
      add(d, s.minutes - after);
      if (Math.floor((d + 1) / 7) * 7 < h) add(d + 1, after);
    }
    for (const minutes of weekMinutes.values())
      if (minutes > weeklyMinutes) overtime += (minutes - weeklyMinutes) * weightPerMinute;
    return overtime;
  });
}

/** Every cell drawn at random (off about a third of the time): hard violations do not matter here. */
function randomRoster(problem: RosterProblem, r: Random): (string | null)[][] {
  return problem.employees.map(() =>
    Array.from({ length: problem.horizonDays }, () =>
      r.next() < 0.35 ? null : (problem.shifts[r.int(problem.shifts.length)]?.id ?? null),
    ),
  );
}

/** Shifts of the random instances with start times that cross midnight, and one without a time. */
function timedShifts(r: Random): ShiftType[] {
  return [
    { id: 'E', minutes: 480 + 60 * r.int(5), startMinute: r.int(2) === 0 ? 7 * 60 : 60 * r.int(24), cannotFollow: [] },
    { id: 'L', minutes: 480 + 60 * r.int(5), startMinute: 60 * (17 + r.int(7)) + 30 * r.int(2), cannotFollow: [] },
    { id: 'U', minutes: 360 + 60 * r.int(6), cannotFollow: [] },
  ];
}

/** A workweek offset of every kind: a roster's own Monday, whole days, hours, odd minutes, and one out of range. */
function randomOffset(r: Random): number {
  switch (r.int(5)) {
    case 0:
      return 0;
    case 1:
      return -DAY * (1 + r.int(6));
    case 2:
      return -(60 * (1 + r.int(7 * 24 - 1)));
    case 3:
      return -(1 + r.int(WEEK - 1));
    default:
      // the same place named from the week's other side (model.ts takes it modulo a week)
      return WEEK - DAY * (1 + r.int(6));
  }
}

/** withRowTerms's instance with each overtime term given the workweek and random minutes before. */
function withWorkweek(problem: RosterProblem, seed: number, offset: number): RosterProblem {
  const r = seededRandom(seed);
  return {
    ...problem,
    shifts: timedShifts(r),
    employees: problem.employees.map((e) => {
      if (!e.overtime) return e;
      // nothing, a little, past the limit on its own, and now and then some in the second week
      const first = [0, 60 * r.int(30), e.overtime.weeklyMinutes + 60 * r.int(10)][r.int(3)] ?? 0;
      const minutesBefore = r.next() < 0.2 ? [first, 30 * r.int(10)] : [first];
      return { ...e, overtime: { ...e.overtime, weekStartMinute: offset, minutesBefore } };
    }),
  };
}

/** Each row's compiled soft cost (row-soft-cost.ts), as the search and the column costs see it. */
const compiledRowCosts = (problem: RosterProblem, roster: Roster) => {
  const c = compileProblem(problem);
  const x = encodeRoster(c, roster);
  return Array.from({ length: c.E }, (_, e) => rowSoftCost(c, e, x, e * c.D));
};
const compiledSoftCost = (problem: RosterProblem, roster: Roster) => compiledRowCosts(problem, roster).reduce((a, b) => a + b, 0);

/** One person free to work any day of `days`, on one shift type, with the given overtime term. */
const onePerson = (days: number, shift: ShiftType, overtime: OvertimeTerm): RosterProblem => ({
  horizonDays: days,
  shifts: [shift],
  employees: [
    {
      id: 'A',
      maxShifts: {},
      maxTotalMinutes: 1e9,
      minTotalMinutes: 0,
      maxConsecutiveShifts: days,
      minConsecutiveShifts: 1,
      minConsecutiveDaysOff: 1,
      maxWeekends: Math.ceil(days / 7),
      overtime,
    },
  ],
  daysOff: {},
  shiftOnRequests: [],
  shiftOffRequests: [],
  cover: [],
});

describe('the overtime term without a workweek offset or minutes before', () => {
  it('costs exactly what it did before the facility workweek, in the evaluator and the compiled row cost', () => {
    let charged = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const r = seededRandom(seed);
      const base = withRowTerms(randomProblem(seed, 5, 7 + r.int(22)), seed);
      const problem = r.next() < 0.5 ? base : { ...base, shifts: timedShifts(r) };
      const roster = randomRoster(problem, r);
      const rows = previousOvertime(problem, roster);
      // the evaluator adds its rows' terms in problem order, as it did
      const before = rows.reduce((a, b) => a + b, 0);
      const ev = evaluateRoster(problem, roster);
      expect(ev.breakdown.overtime, `seed ${seed}`).toBe(before);
      if (before > 0) charged++;
      // the compiled cost of each row, overtime alone, to the last bit
      const overtimeOnly = { ...problem, employees: problem.employees.map(({ fairness: _, ...e }) => e) };
      expect(compiledRowCosts(overtimeOnly, roster), `seed ${seed}`).toEqual(rows);
      expect(compiledSoftCost(problem, roster), `seed ${seed}`).toBeCloseTo(ev.breakdown.overtime + ev.breakdown.fairness, 9);
      // spelling the defaults out changes nothing
      const spelled: RosterProblem = {
        ...problem,
        employees: problem.employees.map((e) =>
          e.overtime ? { ...e, overtime: { ...e.overtime, weekStartMinute: 0, minutesBefore: [0, 0] } } : e,
        ),
      };
      expect(evaluateRoster(spelled, roster).breakdown.overtime, `seed ${seed}`).toBe(before);
      expect(compiledRowCosts({ ...spelled, employees: spelled.employees.map(({ fairness: _, ...e }) => e) }, roster)).toEqual(
        rows,
      );
    }
    expect(charged).toBeGreaterThan(30);
  });
});

describe('the overtime term on the facility workweek', () => {
  it('is the same in the evaluator and the compiled row cost, for random rosters, offsets and minutes before', () => {
    let charged = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const r = seededRandom(1000 + seed);
      const offset = randomOffset(r);
      const problem = withWorkweek(withRowTerms(randomProblem(seed, 5, 1 + r.int(30)), seed), seed, offset);
      for (let k = 0; k < 3; k++) {
        const roster = randomRoster(problem, r);
        const ev = evaluateRoster(problem, roster);
        expect(compiledSoftCost(problem, roster), `seed ${seed} offset ${offset}`).toBeCloseTo(
          ev.breakdown.overtime + ev.breakdown.fairness,
          9,
        );
        if (ev.breakdown.overtime > 0) charged++;
      }
    }
    expect(charged).toBeGreaterThan(200);
  });

  it('charges the overtime hours the dollars projection (overtime.ts) shows, for any workweek and earlier shifts', () => {
    // one person, one minute of penalty per overtime minute; shifts of the kinds rosters have
    const shifts: ShiftType[] = [
      { id: 'D', minutes: 480, startMinute: 7 * 60, cannotFollow: [] },
      { id: 'L', minutes: 720, startMinute: 7 * 60, cannotFollow: [] },
      { id: 'N', minutes: 720, startMinute: 19 * 60, cannotFollow: [] },
      { id: 'X', minutes: 600, startMinute: 22 * 60, cannotFollow: [] },
    ];
    let charged = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const r = seededRandom(5000 + seed);
      const days = 7 * (1 + r.int(4));
      const workweek = { startDay: r.int(7), startHour: r.int(24) };
      const first = workweekStartMinute(0, workweek);
      const pick = () => shifts[r.int(shifts.length)] as ShiftType;
      const roster = [Array.from({ length: days }, () => (r.next() < 0.3 ? null : pick().id))];
      // shifts on earlier rosters from the day before the first workweek began, as shiftsBefore finds them
      const earlier: Omit<WorkedShift, 'rateCents'>[] = [];
      for (let d = Math.floor(first / DAY) - 1; d < 0; d++)
        if (r.next() < 0.75) {
          const s = pick();
          earlier.push({ day: d, startMinute: s.startMinute ?? 0, minutes: s.minutes });
        }
      const term: OvertimeTerm = {
        weeklyMinutes: 2400,
        weightPerMinute: 1,
        weekStartMinute: first,
        minutesBefore: minutesPerWorkweek(earlier, first),
      };
      const employee: Employee = {
        id: 'A',
        maxShifts: {},
        maxTotalMinutes: 1e9,
        minTotalMinutes: 0,
        maxConsecutiveShifts: days,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: days,
        overtime: term,
      };
      const problem: RosterProblem = {
        horizonDays: days,
        shifts,
        employees: [employee],
        daysOff: {},
        shiftOnRequests: [],
        shiftOffRequests: [],
        cover: [],
      };
      const worked = (roster[0] ?? []).flatMap((id, day) => {
        const s = shifts.find((x) => x.id === id);
        return s ? [{ day, startMinute: s.startMinute ?? 0, minutes: s.minutes, rateCents: 2000 }] : [];
      });
      const projected = computeOvertime(worked, {
        exempt: false,
        firstWeekStart: first,
        days,
        before: earlier.map((s) => ({ ...s, rateCents: 2000 })),
      });
      const label = `seed ${seed} workweek ${workweek.startDay} ${workweek.startHour}:00`;
      const penalty = evaluateRoster(problem, roster).breakdown.overtime;
      expect(penalty, label).toBeCloseTo(projected.overtimeHours * 60, 6);
      expect(compiledSoftCost(problem, roster), label).toBeCloseTo(penalty, 9);
      if (penalty > 0) charged++;
    }
    expect(charged).toBeGreaterThan(100);
  });

  it('a Sunday workweek changes the penalty of the same roster, and the Sunday before counts', () => {
    // Monday roster of two weeks, 8-hour day shifts: Monday to Friday, Sunday, Monday to Thursday
    const D: ShiftType = { id: 'D', minutes: 480, startMinute: 7 * 60, cannotFollow: [] };
    const problem = (overtime: OvertimeTerm) => onePerson(14, D, overtime);
    const roster = [Array.from({ length: 14 }, (_, d) => ([0, 1, 2, 3, 4, 6, 7, 8, 9, 10].includes(d) ? 'D' : null))];
    const monday = { weeklyMinutes: 2400, weightPerMinute: 0.05 };
    const sunday = { ...monday, weekStartMinute: workweekStartMinute(0, { startDay: 6, startHour: 0 }) };
    expect(sunday.weekStartMinute).toBe(-DAY);
    const cost = (o: OvertimeTerm) => {
      const p = problem(o);
      const ev = evaluateRoster(p, roster);
      expect(compiledSoftCost(p, roster)).toBeCloseTo(ev.breakdown.overtime, 12);
      return ev.breakdown.overtime;
    };
    // Monday weeks: 48 hours, then 32: 8 hours over
    expect(cost(monday)).toBeCloseTo(480 * 0.05, 12);
    // Sunday weeks (from the Sunday before day 0): Monday to Friday 40, Sunday to Thursday 40: none
    expect(cost(sunday)).toBe(0);
    // the same week seen from the other side of the roster's Monday
    expect(cost({ ...sunday, weekStartMinute: WEEK - DAY })).toBe(0);
    // an 8-hour shift the Sunday before, on the roster before: 48 hours in the first week, 8 over
    expect(cost({ ...sunday, minutesBefore: [480] })).toBeCloseTo(480 * 0.05, 12);
    // 44 hours already worked: the week's first 4 overtime hours are that roster's, these 40 are this one's
    expect(cost({ ...sunday, minutesBefore: [44 * 60] })).toBeCloseTo(2400 * 0.05, 12);
    // minutes before in a Monday week change nothing here: the roster starts it, so its 8 hours still count
    expect(cost({ ...monday, minutesBefore: [0] })).toBeCloseTo(480 * 0.05, 12);
  });
});

describe('the overtime term at the horizon’s end', () => {
  it('counts minutes past the end only in a workweek that began before it', () => {
    // a two-week roster, one night 23:00-07:00 on its last day (a Sunday); an hour a week allowed
    const problem = (overtime: OvertimeTerm) =>
      onePerson(14, { id: 'N', minutes: 480, startMinute: 23 * 60, cannotFollow: [] }, overtime);
    const roster = [Array.from({ length: 14 }, (_, d) => (d === 13 ? 'N' : null))];
    const cost = (o: OvertimeTerm) => {
      const p = problem(o);
      const ev = evaluateRoster(p, roster).breakdown.overtime;
      expect(compiledSoftCost(p, roster)).toBe(ev);
      return ev;
    };
    // Monday weeks: the hour before midnight is the roster's second week's; the seven after are the
    // next roster's first week's, so nothing is over the hour
    expect(cost({ weeklyMinutes: 60, weightPerMinute: 1 })).toBe(0);
    // Sunday weeks: the third began on that Sunday, before the roster ended, so it holds all eight hours
    expect(cost({ weeklyMinutes: 60, weightPerMinute: 1, weekStartMinute: -DAY })).toBe(420);
  });
});

describe('the annealing with the facility workweek', () => {
  it('keeps its incremental totals equal to the evaluator with workweek offsets and minutes before', () => {
    // with the checks on, every settled row is re-evaluated whole and every 64th move the running
    // objective is compared with evaluateRoster's, so a wrong delta throws
    checkIncrementalForTests(true);
    try {
      let withOvertime = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const r = seededRandom(700 + seed);
        const offset = [-DAY, -(7 * DAY - 7 * 60), -(DAY + 23 * 60), randomOffset(r)][seed % 4] ?? 0;
        const problem = withWorkweek(withRowTerms(randomProblem(400 + seed, 6, 14 + 2 * seed), seed), seed, offset);
        const res = annealRoster(problem, { seed, maxIterations: 30_000, hardWeight: 5 });
        expect(res.iterations).toBe(30_000);
        expect(res.evaluation.objective).toBeCloseTo(evaluateRoster(problem, res.roster).objective, 9);
        if (res.evaluation.breakdown.overtime > 0) withOvertime++;
      }
      expect(withOvertime).toBeGreaterThan(0);
    } finally {
      checkIncrementalForTests(false);
    }
  });

  it('finds a roster without overtime where the Sunday workweek allows one and the Monday weeks do not', () => {
    // one person, six day shifts a week wanted by cover (weight 1 each under), 40 hours a week:
    // in Monday weeks the sixth shift always makes 8 overtime hours; in Sunday weeks with the
    // Sunday before already worked the search should still weigh the same cover against them
    const D: ShiftType = { id: 'D', minutes: 480, startMinute: 7 * 60, cannotFollow: [] };
    const base = (overtime: OvertimeTerm): RosterProblem => ({
      ...onePerson(7, D, overtime),
      // Monday to Friday and Sunday wanted: 48 hours in the roster's Monday week
      cover: [0, 1, 2, 3, 4, 6].map((day) => ({ day, shift: 'D', requirement: 1, weightUnder: 30, weightOver: 1 })),
    });
    const monday = annealRoster(base({ weeklyMinutes: 2400, weightPerMinute: 0.1 }), { seed: 1, maxIterations: 20_000 });
    // 48 minutes of penalty a shift of overtime (480 x 0.1) outweighs a place left empty (30)
    expect(monday.evaluation.breakdown.underCover).toBe(30);
    expect(monday.evaluation.breakdown.overtime).toBe(0);
    // Sunday workweek: Monday to Saturday is one week, the Sunday the next: all six at no overtime
    const sunday = annealRoster(base({ weeklyMinutes: 2400, weightPerMinute: 0.1, weekStartMinute: -DAY }), {
      seed: 1,
      maxIterations: 20_000,
    });
    expect(sunday.evaluation.breakdown.underCover).toBe(0);
    expect(sunday.evaluation.breakdown.overtime).toBe(0);
    // with the Sunday before worked (8 hours), the first week's fifth shift is overtime: one place left
    const after = annealRoster(base({ weeklyMinutes: 2400, weightPerMinute: 0.1, weekStartMinute: -DAY, minutesBefore: [480] }), {
      seed: 1,
      maxIterations: 20_000,
    });
    expect(after.evaluation.breakdown.underCover).toBe(30);
    expect(after.evaluation.breakdown.overtime).toBe(0);
  });
});

describe('minutesPerWorkweek', () => {
  it('counts earlier shifts in the workweeks as computeOvertime does, split at a boundary', () => {
    // workweek Monday 01:00 for a Monday roster: the first began 6 days 23 hours before day 0
    const first = workweekStartMinute(0, { startDay: 0, startHour: 1 });
    expect(first).toBe(-(WEEK - 60));
    // Saturday 07:00-15:00, and Sunday 22:00 to Monday 08:00: 2 + 1 hours in the first week, 7 in the second
    const earlier = [
      { day: -2, startMinute: 7 * 60, minutes: 480 },
      { day: -1, startMinute: 22 * 60, minutes: 600 },
    ];
    expect(minutesPerWorkweek(earlier, first)).toEqual([480 + 180, 420]);
    // the same shift before the first workweek began is an earlier week's
    expect(minutesPerWorkweek([{ day: -8, startMinute: 7 * 60, minutes: 480 }], first)).toEqual([]);
  });
});
