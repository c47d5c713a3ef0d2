// Small rostering problems solved by enumeration, for the column generation and solve-phase
// tests: the true optimum to bracket the LP bounds and the solver's rosters against.
import { rowFeasible } from '../src/modules/rostering/domain/column-generation.js';
import { compileProblem } from '../src/modules/rostering/domain/compile.js';
import { evaluateRoster } from '../src/modules/rostering/domain/evaluate.js';
import type { RosterProblem } from '../src/modules/rostering/domain/model.js';

/** The optimum of a small instance by enumerating every combination of feasible rows. */
export function enumeratedOptimum(problem: RosterProblem): number {
  const c = compileProblem(problem);
  const { E, D, S } = c;
  const feasibleRows: Int16Array[][] = [];
  for (let e = 0; e < E; e++) {
    const rows: Int16Array[] = [];
    for (let code = 0; code < (S + 1) ** D; code++) {
      const row = Int16Array.from({ length: D }, (_, d) => (Math.floor(code / (S + 1) ** d) % (S + 1)) - 1);
      if (rowFeasible(c, e, row)) rows.push(row);
    }
    feasibleRows.push(rows);
  }
  let best = Number.POSITIVE_INFINITY;
  const pick: Int16Array[] = [];
  const visit = (e: number) => {
    if (e === E) {
      const roster = problem.employees.map((_, i) =>
        Array.from(pick[i] as Int16Array, (v) => (v < 0 ? null : (problem.shifts[v]?.id ?? null))),
      );
      best = Math.min(best, evaluateRoster(problem, roster).objective);
      return;
    }
    for (const row of feasibleRows[e] as Int16Array[]) {
      pick[e] = row;
      visit(e + 1);
    }
  };
  visit(0);
  return best;
}

/**
 * One employee, one week of a single 8 h shift wanted every day (100 per empty day), overtime past
 * 2400 minutes at `weightPerMinute`, and 30 for each weekend worked.
 */
export function oneWeekAlone(weightPerMinute: number): RosterProblem {
  return {
    horizonDays: 7,
    shifts: [{ id: 'D', minutes: 480, cannotFollow: [] }],
    employees: [
      {
        id: 'A',
        maxShifts: {},
        maxTotalMinutes: 7 * 480,
        minTotalMinutes: 0,
        maxConsecutiveShifts: 7,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: 1,
        overtime: { weeklyMinutes: 2400, weightPerMinute },
        fairness: { nightShifts: [], weekendTarget: 0, weight: 30 },
      },
    ],
    daysOff: {},
    shiftOnRequests: [],
    shiftOffRequests: [],
    cover: Array.from({ length: 7 }, (_, day) => ({ day, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 })),
  };
}
