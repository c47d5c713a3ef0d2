// Small seeded instances for tests: contracts, days off, requests and cover drawn from the seed,
// in the benchmark's shape (two shift types, under-cover 100, over-cover 1).
import type { RosterProblem } from './model.js';
import { seededRandom } from './random.js';

/**
 * A random small instance: contracts, days off, requests and cover drawn from the seed. Day 0 is
 * a Monday unless startWeekday says otherwise (0 Monday .. 6 Sunday; it draws nothing, so a seed
 * gives the same instance on every start day).
 */
export function randomProblem(seed: number, employees: number, days: number, startWeekday = 0): RosterProblem {
  const r = seededRandom(seed);
  const shifts = [
    { id: 'E', minutes: 480, cannotFollow: [] },
    { id: 'L', minutes: 480, cannotFollow: r.next() < 0.5 ? ['E'] : [] },
  ];
  const ids = Array.from({ length: employees }, (_, i) => String.fromCharCode(65 + i));
  return {
    horizonDays: days,
    ...(startWeekday !== 0 ? { startWeekday } : {}),
    shifts,
    employees: ids.map((id) => ({
      id,
      maxShifts: r.next() < 0.3 ? { L: 0 } : { L: 1 + r.int(days) },
      maxTotalMinutes: 480 * (2 + r.int(days - 1)),
      minTotalMinutes: 480 * r.int(3),
      maxConsecutiveShifts: 2 + r.int(4),
      minConsecutiveShifts: 1 + r.int(3),
      minConsecutiveDaysOff: 1 + r.int(3),
      maxWeekends: r.int(2),
    })),
    daysOff: Object.fromEntries(ids.map((id) => [id, [r.int(days)]])),
    shiftOnRequests: ids.flatMap((id) =>
      r.next() < 0.7 ? [{ employee: id, day: r.int(days), shift: 'E', weight: 1 + r.int(3) }] : [],
    ),
    shiftOffRequests: ids.flatMap((id) =>
      r.next() < 0.7 ? [{ employee: id, day: r.int(days), shift: 'L', weight: 1 + r.int(3) }] : [],
    ),
    cover: Array.from({ length: days }, (_, d) =>
      shifts.map((s) => ({ day: d, shift: s.id, requirement: r.int(employees + 1), weightUnder: 100, weightOver: 1 })),
    ).flat(),
  };
}

/**
 * The same instance with overtime and fairness terms (model.ts) on about two thirds of its
 * employees: a week's work beyond three shifts costs a fractional weight per minute, and nights
 * (L, 22:00 to 06:00, so a Sunday's L is partly next week's) and weekends beyond small targets
 * cost whole units.
 */
export function withRowTerms(problem: RosterProblem, seed: number): RosterProblem {
  const r = seededRandom(seed);
  return {
    ...problem,
    shifts: problem.shifts.map((s) => (s.id === 'L' ? { ...s, startMinute: 22 * 60 } : s)),
    employees: problem.employees.map((e) => {
      const pick = r.next();
      const overtime = { weeklyMinutes: 3 * 480, weightPerMinute: 0.05 + r.int(4) * 0.0125 };
      const fairness = { nightShifts: ['L'], nightTarget: r.int(3), weekendTarget: r.int(2), weight: 1 + r.int(3) };
      if (pick < 0.33) return e;
      if (pick < 0.5) return { ...e, overtime };
      if (pick < 0.67) return { ...e, fairness };
      return { ...e, overtime, fairness };
    }),
  };
}

/**
 * The same instance with a run before the roster (model.ts RunBefore) for about three quarters of
 * its employees: one to four days, worked or off.
 */
export function withRunsBefore(problem: RosterProblem, seed: number): RosterProblem {
  const r = seededRandom(seed);
  return {
    ...problem,
    employees: problem.employees.map((e) => {
      const pick = r.next();
      const before = { worked: r.next() < 0.5, days: 1 + r.int(4) };
      return pick < 0.25 ? e : { ...e, before };
    }),
  };
}
