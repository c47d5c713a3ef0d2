import { describe, expect, it } from 'vitest';
import { compileProblem } from './compile.js';
import { evaluateRoster } from './evaluate.js';
import type { RosterProblem } from './model.js';
import { randomProblem, withRowTerms } from './random-problem.js';
import { repairRoster } from './repair.js';
import { createRowDp } from './row-dp.js';
import { solveRoster } from './solve-phases.js';
import { checkIncrementalForTests } from './solver.js';

/** Every row of one employee (3^days of them), checked by the evaluator. */
function enumeratedOptimum(problem: RosterProblem): number {
  const values = [null, 'E', 'L'];
  let best = Number.POSITIVE_INFINITY;
  for (let code = 0; code < 3 ** 10; code++) {
    const rows = [0, 1].map((e) => Array.from({ length: 5 }, (_, d) => values[Math.floor(code / 3 ** (e * 5 + d)) % 3] ?? null));
    const ev = evaluateRoster(problem, rows);
    if (ev.feasible) best = Math.min(best, ev.objective);
  }
  return best;
}

describe('solveRoster', () => {
  it('reaches the enumerated optimum of a tiny instance and reports what the evaluator says', () => {
    const problem = randomProblem(7, 2, 5);
    const best = enumeratedOptimum(problem);
    expect(Number.isFinite(best)).toBe(true);
    const reported: number[] = [];
    const r = solveRoster(problem, { seed: 3, maxIterations: 200_000, onImprovement: (p) => reported.push(p.objective) });
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.objective).toBe(best);
    // the incremental bookkeeping agrees with the evaluator
    expect(reported.at(-1)).toBe(r.evaluation.objective);
  });

  it('keeps the incremental row evaluation equal to a whole-row one', () => {
    checkIncrementalForTests(true);
    try {
      for (let seed = 1; seed <= 6; seed++) {
        const problem = randomProblem(200 + seed, 5, 10 + 3 * seed);
        const r = solveRoster(problem, { seed, maxIterations: 30_000, hardWeight: 5 });
        expect(r.iterations).toBe(30_000);
      }
    } finally {
      checkIncrementalForTests(false);
    }
  });

  it('keeps its bookkeeping equal to the evaluator with overtime and fairness terms', () => {
    // with the checks on, every settled row is re-evaluated whole and every 64th move the running
    // objective is compared with evaluateRoster's (including the terms), so a wrong delta throws
    checkIncrementalForTests(true);
    try {
      let withCost = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const problem = withRowTerms(randomProblem(400 + seed, 6, 14 + 2 * seed), seed);
        const r = solveRoster(problem, { seed, maxIterations: 30_000, hardWeight: 5 });
        expect(r.iterations).toBe(30_000);
        if (r.evaluation.breakdown.overtime > 0 || r.evaluation.breakdown.fairness > 0) withCost++;
      }
      // the terms were in play (hard weight 5 leaves rosters that pay them)
      expect(withCost).toBeGreaterThan(0);
    } finally {
      checkIncrementalForTests(false);
    }
  });

  it('reaches the enumerated optimum of a tiny instance with overtime and fairness terms', () => {
    const base = randomProblem(7, 2, 5);
    // both employees: overtime past two shifts in the week, and at most one L before fairness costs
    const problem: RosterProblem = {
      ...base,
      employees: base.employees.map((e) => ({
        ...e,
        overtime: { weeklyMinutes: 960, weightPerMinute: 0.1 },
        fairness: { nightShifts: ['L'], nightTarget: 1, weight: 7 },
      })),
    };
    const best = enumeratedOptimum(problem);
    // the terms change the optimum, so reaching it shows the search prices them
    expect(best).toBeGreaterThan(enumeratedOptimum(base));
    const r = solveRoster(problem, { seed: 3, maxIterations: 200_000 });
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.objective).toBeCloseTo(best, 9);
  });

  it('leans toward cheap cells of a bias and still reports the objective alone', () => {
    const problem = randomProblem(31, 6, 14);
    const c = compileProblem(problem);
    const S1 = c.S + 1;
    const worked = (roster: (string | null)[][]) => roster.flat().filter((v) => v !== null).length;
    const plain = solveRoster(problem, { seed: 3, maxIterations: 40_000 });
    // every shift costs 50 more than a day off: the search works only as much as hard rules demand
    const bias = new Float64Array(c.E * c.D * S1);
    for (let i = 0; i < c.E * c.D; i++) for (let v = 1; v < S1; v++) bias[i * S1 + v] = 50;
    const leaning = solveRoster(problem, { seed: 3, maxIterations: 40_000, cellBias: bias });
    expect(leaning.evaluation.feasible).toBe(true);
    expect(worked(leaning.roster)).toBeLessThan(worked(plain.roster));
    expect(leaning.evaluation.objective).toBe(evaluateRoster(problem, leaning.roster).objective);
    // what the leaning search minimises, the objective plus 50 a shift, is lower for its roster
    const biased = (r: typeof plain) => r.evaluation.objective + 50 * worked(r.roster);
    expect(biased(leaning)).toBeLessThan(biased(plain));
  });

  it('is reproducible for a seed under an iteration limit', () => {
    const problem = randomProblem(11, 6, 14);
    const a = solveRoster(problem, { seed: 42, maxIterations: 50_000 });
    const b = solveRoster(problem, { seed: 42, maxIterations: 50_000 });
    expect(b.roster).toEqual(a.roster);
    expect(a.iterations).toBe(50_000);
    const again = solveRoster(problem, { seed: 42, maxIterations: 50_000, onImprovement: () => {} });
    expect(again.evaluation.objective).toBe(a.evaluation.objective);
  });

  it('stops on request and on its deadline, using the injected clock', () => {
    const problem = randomProblem(5, 4, 14);
    let now = 0;
    const timed = solveRoster(problem, { seed: 1, timeLimitMs: 1000, clock: () => (now += 1) });
    expect(timed.stoppedBy).toBe('time');
    let calls = 0;
    const stopped = solveRoster(problem, { seed: 1, maxIterations: 1e9, shouldStop: () => ++calls > 3 });
    expect(stopped.stoppedBy).toBe('stop');
    expect(stopped.iterations).toBe(3 * 1024);
  });

  it('still returns the best roster when demand cannot be met, with the shortfall per day and shift', () => {
    const problem: RosterProblem = {
      horizonDays: 3,
      shifts: [{ id: 'D', minutes: 480, cannotFollow: [] }],
      employees: ['A', 'B'].map((id) => ({
        id,
        maxShifts: {},
        maxTotalMinutes: 1440,
        minTotalMinutes: 0,
        maxConsecutiveShifts: 3,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: 1,
      })),
      daysOff: { B: [1] },
      shiftOnRequests: [],
      shiftOffRequests: [],
      cover: [0, 1, 2].map((day) => ({ day, shift: 'D', requirement: 3, weightUnder: 100, weightOver: 1 })),
    };
    const r = solveRoster(problem, { seed: 1, maxIterations: 20_000 });
    expect(r.evaluation.feasible).toBe(true);
    expect(r.evaluation.objective).toBe(400);
    expect(r.evaluation.shortfall).toEqual([
      { day: 0, shift: 'D', required: 3, assigned: 2, short: 1 },
      { day: 1, shift: 'D', required: 3, assigned: 1, short: 2 },
      { day: 2, shift: 'D', required: 3, assigned: 2, short: 1 },
    ]);
  });
});

describe('repairRoster', () => {
  it('fills a sick call with the fewest changes and keeps the rest as published', () => {
    const emp = (id: string) => ({
      id,
      maxShifts: {},
      maxTotalMinutes: 2400,
      minTotalMinutes: 0,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 1,
      minConsecutiveDaysOff: 1,
      maxWeekends: 1,
    });
    const problem: RosterProblem = {
      horizonDays: 7,
      shifts: [{ id: 'D', minutes: 480, cannotFollow: [] }],
      employees: ['A', 'B', 'C'].map(emp),
      daysOff: {},
      shiftOnRequests: [],
      shiftOffRequests: [],
      cover: Array.from({ length: 7 }, (_, day) => ({ day, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 })),
    };
    const published = [
      ['D', 'D', 'D', null, null, null, null],
      [null, null, null, 'D', 'D', null, null],
      [null, null, null, null, null, 'D', 'D'],
    ];
    expect(evaluateRoster(problem, published).objective).toBe(0);
    const r = repairRoster(
      problem,
      published,
      { unavailable: [{ employee: 'A', days: [1], reason: 'sick' }] },
      { seed: 1, maxIterations: 30_000 },
    );
    expect(r.evaluation.violations).toEqual([]);
    expect(r.evaluation.objective).toBe(0);
    // A's day 1 goes; exactly one colleague takes it
    expect(r.changes).toHaveLength(2);
    expect(r.changes).toContainEqual({ employee: 'A', day: 1, from: 'D', to: null });
    expect(r.changes.filter((c) => c.day === 1 && c.to === 'D')).toHaveLength(1);
  });
});

describe('row programme with a shift cap', () => {
  // Three days, A at most once. The cheapest row is B B A (-20); by day 1, A B (-11) is cheaper
  // than B B (-10) and ends in the same state except that it has used its one A.
  const problem: RosterProblem = {
    horizonDays: 3,
    shifts: [
      { id: 'A', minutes: 480, cannotFollow: [] },
      { id: 'B', minutes: 480, cannotFollow: [] },
    ],
    employees: [
      {
        id: 'X',
        maxShifts: { A: 1 },
        maxTotalMinutes: 3 * 480,
        minTotalMinutes: 0,
        maxConsecutiveShifts: 3,
        minConsecutiveShifts: 1,
        minConsecutiveDaysOff: 1,
        maxWeekends: 1,
      },
    ],
    daysOff: {},
    shiftOnRequests: [],
    shiftOffRequests: [],
    cover: [],
  };
  const c = compileProblem(problem);
  // price[d * 3 + v + 1]: off costs 0 every day
  const price = Float64Array.from([0, -10, -9, 0, -5, -1, 0, -10, -1]);
  const cells = (out: Int16Array) => Array.from(out, (v) => (v < 0 ? '-' : c.shiftIds[v])).join('');

  it('finds the cheapest row when exact, keeping labels that have used less of a cap', () => {
    const out = new Int16Array(3);
    expect(createRowDp(c, 1000, { exact: true })(0, price, out)).toBe(-20);
    expect(cells(out)).toBe('BBA');
  });

  it('merges them by default, the cheaper kept, so it can miss that row (the reason pricing confirms exactly)', () => {
    const out = new Int16Array(3);
    expect(createRowDp(c, 1000)(0, price, out)).toBe(-15);
    expect(cells(out)).toBe('BAB');
  });
});
